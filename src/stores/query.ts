/**
 * The query results for the current view: the dataset is prepared once (orderings, text buffer,
 * theme masks), then every view change runs the engine. `busy` is true while a query runs;
 * `settled` once its result is in view, every chart drawn (aria-busy on the dashboard).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { prepareDataset, type PreparedDataset } from '@/query/prepare'
import { query, type QueryResult, type QueryView } from '@/query/engine'
import { compileTheme, type ThemeDef } from '@/insight/themes'
import { duplicatesInWorker, rowsOf, SUPERSEDED as INSIGHT_SUPERSEDED } from '@/insight/runInsight'
import { useDatasetStore } from './dataset'
import { useViewStore } from './view'
import { useStaffStore } from './staff'
import { useThemesStore } from './themes'
import { useCorrectionsStore } from './corrections'
import { correctedMask } from '@/insight/corrections'
import { drawing } from '@/composables/frameQueue'
import { yieldToMain } from '@/composables/yieldToMain'

import { QUERY_SLICED_FROM_ROWS } from '@/query/typingDelay'

const SUPERSEDED = Symbol('superseded')

export const useQueryStore = defineStore('query', () => {
  const dataset = useDatasetStore()
  const viewStore = useViewStore()
  const staff = useStaffStore()
  const themesStore = useThemesStore()
  const themeDefs = computed<ThemeDef[]>(() => themesStore.defs)
  const compiled = computed(() => themeDefs.value.map((t) => compileTheme(t)))
  const corrections = useCorrectionsStore()
  /** The dataset prepared with the detector's themes, before the reader's corrections. */
  const detected = computed<PreparedDataset | null>(() => {
    const d = dataset.current
    if (!d) return null
    // Reuse the worker's indexes when they were computed with the themes in use now.
    const x = d.indexes && d.indexes.themes === JSON.stringify(themeDefs.value) ? d.indexes.value : undefined
    return prepareDataset(d.columns, compiled.value, x)
  })
  /**
   * What every view counts: the detected themes with the reader's corrections applied. A derived
   * object shares the base's indexes and lazy buffers; only the masks (and the engine's memo, which
   * caches masks) are its own.
   */
  const prepared = computed<PreparedDataset | null>(() => {
    const p = detected.value
    const d = dataset.current
    const corr = corrections.map
    if (!p || !d || corrections.loadedFor !== d.key || corrections.count === 0) return p
    const themeMask = correctedMask(p.themeMask, p.ds.id, themeDefs.value.map((t) => t.id), corr)
    return Object.assign(Object.create(p) as PreparedDataset, { themeMask, memo: {} })
  })
  /**
   * The latest result and the prepared dataset it was computed from. Components take rows from
   * `columns` (that dataset), never from the dataset store: right after a swap the store already
   * holds the new dataset while the result in view still indexes the old one.
   */
  const landed = shallowRef<{ p: PreparedDataset; r: QueryResult } | null>(null)
  const result = computed(() => landed.value?.r ?? null)
  const columns = computed(() => landed.value?.p.ds ?? null)
  const busy = ref(true)
  /** How long the last query after a change of view took, start to landing (ms): typing waits about as long. */
  const lastQueryMs = ref<number | null>(null)
  let generation = 0

  // Only the fields the engine reads, as a string: selecting a comment or switching language
  // gives an equal key, so no query runs and the charts are not redrawn.
  const queryKey = computed(() => {
    const v = viewStore.view
    const qv: QueryView = { q: v.q, from: v.from, to: v.to, likes: v.likes, replies: v.replies, themes: v.themes, authors: v.authors, lessons: v.lessons, courses: v.courses, questions: v.questions, new: v.new, sort: v.sort, staff: staff.names, includeStaff: v.staff === 'include' }
    return JSON.stringify(qv)
  })

  watch(
    [prepared, queryKey],
    async ([p, key]) => {
      if (!p) {
        busy.value = true
        landed.value = null
        return
      }
      const g = ++generation
      const started = performance.now()
      // A new dataset's first query warms caches up: it does not say how long typing should wait.
      const sameData = landed.value?.p.ds === p.ds
      busy.value = true
      // On a big dataset the swap, the query and the render each get their own task, so no
      // single task holds the page for their sum (the aim: none over 100 ms).
      // Below QUERY_SLICED_FROM_ROWS a query and its render fit in one short task: no need to split them.
      const big = p.ds.n >= QUERY_SLICED_FROM_ROWS
      if (big) await yieldToMain()
      if (g !== generation) return
      // Between slices of a big query: give the page a turn, and drop the query if a newer view came.
      const pause = async () => {
        await yieldToMain()
        if (g !== generation) throw SUPERSEDED
      }
      let r: QueryResult
      try {
        r = await query(p, JSON.parse(key) as QueryView, big ? pause : undefined)
      } catch (e) {
        if (e === SUPERSEDED) return
        throw e
      }
      if (big) await yieldToMain()
      // A newer view may have started while this one ran: only the latest lands.
      if (g !== generation) return
      landed.value = { p, r }
      lastQueryMs.value = sameData ? performance.now() - started : null
      busy.value = false
    },
    { immediate: true },
  )

  /**
   * Near-duplicate groups among the comments that ask for something (MinHash over character
   * shingles, in a worker), computed once per dataset and theme set, when a comment's detail
   * first asks for them: row → its group's rows.
   */
  const duplicateOf = shallowRef<Map<number, number[]>>(new Map())
  let duplicatesFor: PreparedDataset | null = null
  watch(prepared, () => {
    duplicateOf.value = new Map()
    duplicatesFor = null
  })
  async function ensureDuplicates() {
    const p = prepared.value
    if (!p || duplicatesFor === p || p.ds.n > 200_000) return
    duplicatesFor = p
    const rows: number[] = []
    for (let i = 0; i < p.ds.n; i++) if (p.themeMask[i]) rows.push(i)
    try {
      const groups = await duplicatesInWorker(rowsOf(p.ds, rows), 0.5)
      if (prepared.value !== p) return
      const map = new Map<number, number[]>()
      for (const g of groups) {
        const members = g.map((j) => rows[j])
        for (const r of members) map.set(r, members)
      }
      duplicateOf.value = map
    } catch (e) {
      if (e !== INSIGHT_SUPERSEDED && duplicatesFor === p) duplicatesFor = null
    }
  }

  // Charts draw one per frame after the result lands: the view is only settled when all have.
  const settled = computed(() => !busy.value && drawing.value === 0)

  return { duplicateOf, ensureDuplicates, themeDefs, compiled, detected, prepared, result, columns, busy, settled, lastQueryMs }
})
