/**
 * The request themes in use: the defaults plus the user's edits. Edits are remembered in this
 * browser and travel in the share URL (`tdef`) when they differ from the defaults. A theme set
 * from a URL is untrusted: it is decoded by a validating codec into the safe pattern language.
 */
import { defineStore } from 'pinia'
import { computed, watch } from 'vue'
import { useLocalStorage } from '@vueuse/core'
import type { ThemeDef } from '@/insight/themes'
import { defaultThemes } from '@/insight/lexicon'
import { applyThemeChanges, decodeThemes, diffThemes, encodeThemes } from '@/insight/themeCodec'
import { useViewStore } from './view'
import { useAlertsStore } from './alerts'

export const useThemesStore = defineStore('themes', () => {
  const view = useViewStore()
  const saved = useLocalStorage<string>('comment-lens:themes', '')

  /**
   * The URL wins (a shared view shows the sender's themes); otherwise this browser's own. A string,
   * so that other view changes (a filter click) do not decode, recompile and re-mask the themes.
   */
  const source = computed(() => view.view.tdef ?? (saved.value || null))
  const decoded = computed(() => (source.value ? decodeThemes(source.value) : null))
  const defs = computed<ThemeDef[]>(() => (decoded.value ? applyThemeChanges(defaultThemes(), decoded.value.changes) : defaultThemes()))

  // A URL's theme set may hold invalid parts: say so once per distinct value.
  watch(
    decoded,
    (d) => {
      if (!d || source.value !== view.view.tdef) return
      const alerts = useAlertsStore()
      for (const p of d.problems.slice(0, 5)) alerts.push({ kind: 'warning', key: 'themes.urlProblem', params: { detail: p } })
    },
    { immediate: true },
  )

  function commit(next: ThemeDef[]) {
    const tdef = encodeThemes(diffThemes(defaultThemes(), next))
    saved.value = tdef ?? ''
    view.update({ tdef, themes: view.view.themes.filter((id) => next.some((t) => t.id === id && t.enabled)) })
  }
  function upsert(def: ThemeDef) {
    const list = defs.value.slice()
    const i = list.findIndex((t) => t.id === def.id)
    if (i >= 0) list[i] = def
    else list.push(def)
    commit(list)
  }
  function remove(id: string) {
    commit(defs.value.filter((t) => t.id !== id))
  }
  function toggle(id: string) {
    commit(defs.value.map((t) => (t.id === id ? { ...t, enabled: !t.enabled } : t)))
  }
  function reset() {
    commit(defaultThemes())
  }
  const isDefault = computed(() => encodeThemes(diffThemes(defaultThemes(), defs.value)) === null)

  /** At start: a browser's own edited themes go into the URL, so a shared link carries them. */
  function init() {
    if (!view.view.tdef && saved.value) view.update({ tdef: saved.value }, 'replace')
  }

  return { defs, upsert, remove, toggle, reset, isDefault, init }
})
