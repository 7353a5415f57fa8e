/**
 * The view state: the single source of truth that the URL mirrors. Nothing else keeps a copy of
 * filters, sort or selection. Committed changes push a history entry (Back/Forward walk through
 * views); typing replaces the current entry; a language change never adds one.
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { decodeView, encodeView, type UrlProblem } from '@/url/codec'
import { defaultView, type ViewState } from '@/url/viewState'

/**
 * `push`: a committed change (click, Enter, pill removed) adds a history entry.
 * `replace`: rewrites the current entry (language, canonical form).
 * `typing`: search as you type: rewrites the current entry, but remembers what the entry held
 * before the typing started, so that the commit (Enter) can put it back and push the typed view:
 * Back then returns to the view before the search, and typing alone never adds entries.
 */
export type HistoryMode = 'push' | 'replace' | 'typing'

export const useViewStore = defineStore('view', () => {
  const view = shallowRef<ViewState>(defaultView())

  /** The URL of the current entry before a typing session rewrote it, or null. */
  let typingBase: string | null = null

  function writeUrl(v: ViewState, mode: HistoryMode) {
    const search = encodeView(v)
    const here = `${location.pathname}${location.search}${location.hash}`
    const url = `${location.pathname}${search}${location.hash}`
    if (mode === 'typing') {
      typingBase ??= here
      if (url !== here) history.replaceState(null, '', url)
      return
    }
    if (mode === 'push' && typingBase !== null) {
      // Commit after typing: the entry gets back its pre-typing view, the typed view is pushed.
      const base = typingBase
      typingBase = null
      if (base !== url) {
        history.replaceState(null, '', base)
        history.pushState(null, '', url)
        return
      }
    }
    if (url === here) return
    if (mode === 'push') history.pushState(null, '', url)
    else history.replaceState(null, '', url)
  }

  /** Reads the address bar (at start and on Back/Forward); returns what could not be read. */
  function readUrl(): UrlProblem[] {
    typingBase = null
    const { view: v, problems } = decodeView(location.search)
    view.value = v
    return problems
  }

  /** Applies a change to the view and mirrors it in the URL (see HistoryMode). */
  function update(patch: Partial<ViewState>, mode: HistoryMode = 'push') {
    const next = { ...view.value, ...patch }
    view.value = next
    writeUrl(next, mode)
  }

  /** Rewrites the URL in canonical form without a history entry (after reading an unreadable one). */
  function canonicalize() {
    writeUrl(view.value, 'replace')
  }

  return { view, update, readUrl, canonicalize }
})
