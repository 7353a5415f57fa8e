/**
 * The view state: the single source of truth that the URL mirrors. Nothing else keeps a copy of
 * filters, sort or selection. Committed changes push a history entry (Back/Forward walk through
 * views); typing replaces the current entry; a language change never adds one.
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { decodeView, encodeView, type UrlProblem } from '@/url/codec'
import { defaultView, type ViewState } from '@/url/viewState'

export type HistoryMode = 'push' | 'replace'

export const useViewStore = defineStore('view', () => {
  const view = shallowRef<ViewState>(defaultView())

  function writeUrl(v: ViewState, mode: HistoryMode) {
    const search = encodeView(v)
    const url = `${location.pathname}${search}${location.hash}`
    if (url === `${location.pathname}${location.search}${location.hash}`) return
    if (mode === 'push') history.pushState(null, '', url)
    else history.replaceState(null, '', url)
  }

  /** Reads the address bar (at start and on Back/Forward); returns what could not be read. */
  function readUrl(): UrlProblem[] {
    const { view: v, problems } = decodeView(location.search)
    view.value = v
    return problems
  }

  /** Applies a change: `push` for committed changes (click, Enter, pill removed), `replace` for typing. */
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
