/**
 * The query results for the current view: the dataset is prepared once (orderings, haystacks,
 * theme masks), then every view change runs the engine. `busy` drives aria-busy on the dashboard.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { prepareDataset, type PreparedDataset } from '@/query/prepare'
import { query, type QueryResult, type QueryView } from '@/query/engine'
import { compileTheme, type ThemeDef } from '@/insight/themes'
import { groupNearDuplicates } from '@/insight/duplicates'
import { useDatasetStore } from './dataset'
import { useViewStore } from './view'
import { useStaffStore } from './staff'
import { useThemesStore } from './themes'

export const useQueryStore = defineStore('query', () => {
  const dataset = useDatasetStore()
  const viewStore = useViewStore()
  const staff = useStaffStore()
  const themesStore = useThemesStore()
  const themeDefs = computed<ThemeDef[]>(() => themesStore.defs)
  const compiled = computed(() => themeDefs.value.map((t) => compileTheme(t)))
  const prepared = computed<PreparedDataset | null>(() => {
    const d = dataset.current
    if (!d) return null
    // Reuse the worker's indexes when they were computed with the themes in use now.
    const x = d.indexes && d.indexes.themes === JSON.stringify(themeDefs.value) ? d.indexes.value : undefined
    return prepareDataset(d.columns, compiled.value, x)
  })
  const result = shallowRef<QueryResult | null>(null)
  const busy = ref(true)
  let generation = 0

  // Only the fields the engine reads, as a string: selecting a comment or switching language
  // gives an equal key, so no query runs and the charts are not redrawn.
  const queryKey = computed(() => {
    const v = viewStore.view
    const qv: QueryView = { q: v.q, from: v.from, to: v.to, likes: v.likes, replies: v.replies, themes: v.themes, authors: v.authors, lessons: v.lessons, questions: v.questions, new: v.new, sort: v.sort, staff: staff.names, includeStaff: v.staff === 'include' }
    return JSON.stringify(qv)
  })

  watch(
    [prepared, queryKey],
    async ([p, key]) => {
      if (!p) {
        busy.value = true
        return
      }
      const g = ++generation
      busy.value = true
      const r = await query(p, JSON.parse(key) as QueryView)
      // A newer view may have started while this one ran: only the latest lands.
      if (g !== generation) return
      result.value = r
      busy.value = false
    },
    { immediate: true },
  )

  /**
   * Near-duplicate groups among the comments that ask for something (MinHash over character
   * shingles), computed once per dataset and theme set: row → its group's rows.
   */
  const duplicateOf = computed<Map<number, number[]>>(() => {
    const p = prepared.value
    const map = new Map<number, number[]>()
    if (!p || p.ds.n > 200_000) return map
    const rows: number[] = []
    for (let i = 0; i < p.ds.n; i++) if (p.themeMask[i]) rows.push(i)
    for (const g of groupNearDuplicates(p.ds.text, p.ds.author, p.ds.likes, rows, { threshold: 0.5 })) for (const r of g.rows) map.set(r, g.rows)
    return map
  })

  return { duplicateOf, themeDefs, compiled, prepared, result, busy }
})
