/**
 * The request themes in use: the defaults plus the user's edits. Edits are remembered in this
 * browser and travel in the share URL (`tdef`) when they differ from the defaults. A theme set
 * from a URL is untrusted: it is decoded by a validating codec into the safe pattern language, and
 * its matching work is estimated before it runs (insight/themeCost.ts): a set over the budget is
 * refused with a message naming the costliest theme, and the defaults (or, for an edit, the set in
 * use) stay.
 */
import { defineStore } from 'pinia'
import { computed, watch } from 'vue'
import { useLocalStorage } from '@vueuse/core'
import type { ThemeDef } from '@/insight/themes'
import { MATCH_LIMIT } from '@/insight/themes'
import { defaultThemes, requestCues } from '@/insight/lexicon'
import { applyThemeChanges, decodeThemes, diffThemes, encodeThemes, redefinedThemes } from '@/insight/themeCodec'
import { planThemes, SET_BUDGET, THEME_BUDGET, type ThemePlan } from '@/insight/themeCost'
import { matchKey } from '@/query/indexes'
import { useViewStore } from './view'
import { useAlertsStore, type Alert } from './alerts'

/** Where a refused set came from: the message says what was not used. */
export type ThemeSource = 'link' | 'saved' | 'edit'

/** The alert for a refused set (also the editor's form message). */
export function refusalAlert(
  plan: ThemePlan,
  source: ThemeSource,
  nameOf: (id: string) => string,
  kept = source === 'edit' ? 'themes.keptPrevious' : 'themes.keptDefaults',
): Omit<Alert, 'id'> {
  const w = plan.worst!
  const budget = plan.over === 'theme' ? THEME_BUDGET : SET_BUDGET
  const steps = plan.over === 'theme' ? w.steps : plan.steps
  return {
    kind: 'error',
    group: 'themes',
    key: plan.over === 'theme' ? 'themes.refusedTheme' : 'themes.refusedSet',
    params: { name: nameOf(w.id), times: Math.round((steps / budget) * 10) / 10, alternatives: w.alternatives, gaps: w.gaps, decoys: w.decoys },
    paramKeys: { source: `themes.source.${source}`, kept },
  }
}

export const useThemesStore = defineStore('themes', () => {
  const view = useViewStore()
  const saved = useLocalStorage<string>('comment-lens:themes', '')

  /**
   * The URL wins (a shared view shows the sender's themes); otherwise this browser's own. A string,
   * so that other view changes (a filter click) do not decode, recompile and re-mask the themes.
   */
  const source = computed(() => view.view.tdef ?? (saved.value || null))
  const decoded = computed(() => (source.value ? decodeThemes(source.value) : null))
  const candidate = computed<ThemeDef[]>(() => (decoded.value ? applyThemeChanges(defaultThemes(), decoded.value.changes) : defaultThemes()))
  const plan = computed(() => planThemes(candidate.value, requestCues()))
  /** The set in use: never one over the budget, not even for the moment before it is taken out of the URL. */
  const defs = computed<ThemeDef[]>(() => (plan.value.ok ? candidate.value : defaultThemes()))

  const nameOf = (defsList: readonly ThemeDef[]) => (id: string) => {
    const d = defsList.find((t) => t.id === id)
    return d ? `${d.name.zh} / ${d.name.en}` : id
  }

  /** What is used instead of a refused link's set: this browser's own themes if it has some, else the defaults. */
  const keptAfter = (value: string) => (saved.value && saved.value !== value ? 'themes.keptSaved' : 'themes.keptDefaults')
  /** The next set decoded follows a refusal: its alerts join the refusal's instead of replacing them. */
  let afterRefusal = false
  /** Takes a refused set out of use: out of the address bar and, if it was this browser's, out of storage. */
  function drop(value: string) {
    afterRefusal = true
    if (saved.value === value) saved.value = ''
    if (view.view.tdef === value) view.update({ tdef: null }, 'replace')
  }

  // A URL's or this browser's theme set: say once what was invalid in it, and refuse it whole when
  // matching it would cost too much.
  watch(
    decoded,
    (d) => {
      const value = source.value
      const joinRefusal = afterRefusal
      afterRefusal = false
      if (!d || !value) return
      const alerts = useAlertsStore()
      if (!joinRefusal) alerts.clearGroup('themes')
      if (value === view.view.tdef)
        for (const p of d.problems.slice(0, 5)) alerts.push({ kind: 'warning', group: 'themes', key: 'themes.urlProblem', params: { detail: p } })
      if (!plan.value.ok) {
        alerts.push(refusalAlert(plan.value, value === saved.value ? 'saved' : 'link', nameOf(candidate.value), keptAfter(value)))
        drop(value)
      }
    },
    { immediate: true },
  )

  /**
   * Matching stopped by its time bound (the texts in view cost more than the estimate allows for):
   * the set is refused as one over the budget is. Returns false when it is the default set, which
   * cannot be refused (the caller reports the failure).
   */
  function refuseSlow(key: string, nsPerChar: number): boolean {
    const value = source.value
    if (!value || key !== matchKey(candidate.value, requestCues())) return false
    useAlertsStore().push({
      kind: 'error',
      group: 'themes',
      key: 'themes.tooSlow',
      params: { ns: Math.round(nsPerChar), limit: MATCH_LIMIT.nsPerChar },
      paramKeys: { source: `themes.source.${value === saved.value ? 'saved' : 'link'}`, kept: keptAfter(value) },
    })
    drop(value)
    return true
  }

  /**
   * Puts `next` in use, unless over the budget: then nothing changes and the refusal is returned
   * (and shown as an alert, unless the caller shows it itself: `report` false).
   */
  function commit(next: ThemeDef[], report = true): Omit<Alert, 'id'> | null {
    const p = planThemes(next, requestCues())
    if (!p.ok) {
      const refusal = refusalAlert(p, 'edit', nameOf(next))
      if (report) useAlertsStore().push(refusal)
      return refusal
    }
    const tdef = encodeThemes(diffThemes(defaultThemes(), next))
    saved.value = tdef ?? ''
    view.update({ tdef, themes: view.view.themes.filter((id) => next.some((t) => t.id === id && t.enabled)) })
    return null
  }
  function upsert(def: ThemeDef, report = true) {
    const list = defs.value.slice()
    const i = list.findIndex((t) => t.id === def.id)
    if (i >= 0) list[i] = def
    else list.push(def)
    return commit(list, report)
  }
  function remove(id: string) {
    return commit(defs.value.filter((t) => t.id !== id))
  }
  function toggle(id: string) {
    return commit(defs.value.map((t) => (t.id === id ? { ...t, enabled: !t.enabled } : t)))
  }
  function reset() {
    return commit(defaultThemes())
  }
  const isDefault = computed(() => encodeThemes(diffThemes(defaultThemes(), defs.value)) === null)
  /** Themes whose definition is not the default one: their names are marked wherever they show. */
  const redefined = computed(() => redefinedThemes(defaultThemes(), defs.value))

  /**
   * A link's own theme set (not this browser's) is in use: the notice says so until the reader keeps
   * it or goes back to their own themes. Kept links are remembered, so the same link does not ask
   * again next week.
   */
  const keptLinks = useLocalStorage<string[]>('comment-lens:themes-kept-links', [])
  const linkNotice = computed(() => {
    const v = view.view.tdef
    if (!v || v === saved.value || keptLinks.value.includes(v) || !plan.value.ok || !decoded.value) return null
    const { themes, removed } = decoded.value.changes
    const ids = [...themes.map((t) => t.id), ...removed]
    return ids.length ? { ids, hasSaved: saved.value !== '' } : null
  })
  function keepLinkThemes() {
    const v = view.view.tdef
    // A few recent links are enough to stop asking; the list does not grow without end.
    if (v) keptLinks.value = [v, ...keptLinks.value.filter((k) => k !== v)].slice(0, 20)
  }
  /** Back to this browser's own themes (or the defaults): a new view, so Back returns to the link's. */
  function useOwnThemes() {
    view.update({ tdef: saved.value || null })
  }

  /** At start: a browser's own edited themes go into the URL, so a shared link carries them. */
  function init() {
    if (!view.view.tdef && saved.value) view.update({ tdef: saved.value }, 'replace')
  }

  return { defs, upsert, remove, toggle, reset, isDefault, redefined, linkNotice, keepLinkThemes, useOwnThemes, init, refuseSlow }
})
