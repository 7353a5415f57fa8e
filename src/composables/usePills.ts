/** One removable pill per active filter, derived from the view state (never stored separately). */
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useViewStore } from '@/stores/view'
import { useDatasetStore } from '@/stores/dataset'
import type { ViewState } from '@/url/viewState'
import { useThemeNames } from './useThemeNames'
import { cleanName } from '@/model/checks'
import type { NumRange } from '@/model/view'

export interface Pill {
  key: string
  label: string
  remove: Partial<ViewState>
}

export function formatRange(r: NumRange): string {
  if (r.min !== null && r.max !== null) return r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`
  if (r.min !== null) return `≥ ${r.min}`
  return `≤ ${r.max}`
}

export function usePills() {
  const { t } = useI18n()
  const store = useViewStore()
  const themes = useThemeNames()
  const dataset = useDatasetStore()
  return computed<Pill[]>(() => {
    const v = store.view
    const pills: Pill[] = []
    // Values come from the URL, which anyone can write: shown without bidi controls (a U+202E
    // would display the rest of the pill reversed) and cut to a name's length.
    if (v.q.trim()) pills.push({ key: 'q', label: t('filter.pill.q', { v: cleanName(v.q) }), remove: { q: '' } })
    if (v.from || v.to)
      pills.push({ key: 'dates', label: t('filter.pill.dates', { v: `${v.from ?? '…'} – ${v.to ?? '…'}` }), remove: { from: null, to: null } })
    if (v.likes) pills.push({ key: 'likes', label: t('filter.pill.likes', { v: formatRange(v.likes) }), remove: { likes: null } })
    if (v.replies) pills.push({ key: 'replies', label: t('filter.pill.replies', { v: formatRange(v.replies) }), remove: { replies: null } })
    for (const id of v.themes) {
      pills.push({
        key: `theme:${id}`,
        label: t('filter.pill.theme', { v: themes.byId.value.get(id) ?? id }),
        remove: { themes: v.themes.filter((x) => x !== id) },
      })
    }
    for (const a of v.authors)
      pills.push({ key: `author:${a}`, label: t('filter.pill.author', { v: cleanName(a) }), remove: { authors: v.authors.filter((x) => x !== a) } })
    for (const c of v.courses)
      pills.push({ key: `course:${c}`, label: t('filter.pill.course', { v: cleanName(c) }), remove: { courses: v.courses.filter((x) => x !== c) } })
    for (const l of v.lessons)
      pills.push({ key: `lesson:${l}`, label: t('filter.pill.lesson', { v: cleanName(l) }), remove: { lessons: v.lessons.filter((x) => x !== l) } })
    if (v.new !== null) {
      const at = dataset.columns?.batches[v.new - 1]?.at.slice(0, 10) ?? `#${v.new}`
      pills.push({ key: 'new', label: t('filter.pill.new', { v: at }), remove: { new: null } })
    }
    if (v.staff === 'include') pills.push({ key: 'staff', label: t('staff.pill'), remove: { staff: 'exclude' } })
    if (v.questions) pills.push({ key: 'questions', label: t(`filter.pill.questions.${v.questions}`), remove: { questions: null } })
    return pills
  })
}
