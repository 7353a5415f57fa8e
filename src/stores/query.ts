/**
 * The query results for the current view: the dataset is prepared once (orderings, haystacks,
 * theme masks), then every view change runs the engine. `busy` drives aria-busy on the dashboard.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { prepareDataset, type PreparedDataset } from '@/query/prepare'
import { query, type QueryResult, type QueryView } from '@/query/engine'
import { compileTheme, type ThemeDef } from '@/insight/themes'
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
  const prepared = computed<PreparedDataset | null>(() => (dataset.columns ? prepareDataset(dataset.columns, compiled.value) : null))
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

  return { themeDefs, compiled, prepared, result, busy }
})
