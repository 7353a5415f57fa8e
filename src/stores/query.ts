/**
 * The query results for the current view: the dataset is prepared once (orderings, text buffer,
 * theme masks), then every view change runs the engine. `busy` is true while a query runs;
 * `settled` once its result is in view, every chart drawn (aria-busy on the dashboard).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { prepareDataset, type DatasetIndexes, type PreparedDataset } from '@/query/prepare'
import { enabledBits, masksInUse, matchedDefs, matchKey } from '@/query/indexes'
import { cancelIndexes, indexesInWorkers, SUPERSEDED as INDEXES_SUPERSEDED } from '@/query/indexesInWorker'
import { defaultThemes, requestCues } from '@/insight/lexicon'
import { useAlertsStore } from './alerts'
import { query, type Kpis, type QueryResult } from '@/query/engine'
import { compileTheme, MatchTooSlow, type ThemeDef } from '@/insight/themes'
import { duplicatesInWorker, rowsOf, SUPERSEDED as INSIGHT_SUPERSEDED } from '@/insight/runInsight'
import { useDatasetStore, type LoadedDataset } from './dataset'
import { useViewStore } from './view'
import { useStaffStore } from './staff'
import { useThemesStore } from './themes'
import { useCorrectionsStore } from './corrections'
import { correctedMask } from '@/insight/corrections'
import { drawing } from '@/composables/frameQueue'
import { yieldToMain } from '@/lib/yieldToMain'

import { QUERY_SLICED_FROM_ROWS } from '@/query/typingDelay'
import type { QueryView } from '@/model/view'

const SUPERSEDED = Symbol('superseded')

export const useQueryStore = defineStore('query', () => {
  const dataset = useDatasetStore()
  const viewStore = useViewStore()
  const staff = useStaffStore()
  const themesStore = useThemesStore()
  const themeDefs = computed<ThemeDef[]>(() => themesStore.defs)
  const compiled = computed(() => themeDefs.value.map((t) => compileTheme(t)))
  const corrections = useCorrectionsStore()
  /** What the theme set matches (see query/indexes.ts): indexes made for this key serve it. */
  const matchKeyNow = computed(() => matchKey(themeDefs.value, requestCues()))
  /** True while the per-row indexes for the dataset or theme set in view are computed in the workers. */
  const indexing = ref(false)
  /** The dataset whose indexes the workers just computed anew (another theme set): stores/library.ts keeps them. */
  const rematched = shallowRef<{ dataset: LoadedDataset } | null>(null)
  /**
   * The dataset prepared with the detector's themes (matched with every theme on), before the
   * switches and the reader's corrections. Set once its indexes are in: they come with the dataset
   * (an upload's worker, a stored dataset's saved indexes) when made for this theme set, else from
   * the workers — never matched on the page, whatever its size. While they are computed the view in
   * place stays (marked busy), unless it is another dataset's: a view never shows another
   * dataset's numbers.
   */
  const detected = shallowRef<PreparedDataset | null>(null)
  let indexGeneration = 0
  watch(
    [() => dataset.current, matchKeyNow],
    async ([d, key]) => {
      const g = ++indexGeneration
      if (!d) {
        cancelIndexes()
        indexing.value = false
        detected.value = null
        return
      }
      const themes = compiled.value
      const known = d.indexes
      if (known && known.themes === key) {
        cancelIndexes()
        indexing.value = false
        detected.value = prepareDataset(d.columns, themes, known.value)
        return
      }
      if (detected.value && detected.value.ds !== d.columns) detected.value = null
      indexing.value = true
      try {
        // Orderings and question flags do not depend on the themes: only the masks are rematched.
        const have = known?.value
        const out = await indexesInWorkers(d.columns, {
          themes: matchedDefs(themeDefs.value),
          cues: requestCues(),
          reference: matchedDefs(defaultThemes()),
          question: !have,
          orders: !have,
        })
        if (g !== indexGeneration) return
        const value: DatasetIndexes = have
          ? { ...have, themeMask: out.masks! }
          : { orders: out.orders!, themeMask: out.masks!, question: out.question!, length: out.length }
        d.indexes = { themes: key, value }
        detected.value = prepareDataset(d.columns, themes, value)
        indexing.value = false
        // Kept with a stored dataset by the library (a watcher on this).
        rematched.value = { dataset: d }
      } catch (e) {
        if (e === INDEXES_SUPERSEDED || g !== indexGeneration) return
        indexing.value = false
        // Stopped by matching's time bound: the set is refused and the defaults rematch (this watcher again).
        if (e instanceof MatchTooSlow && themesStore.refuseSlow(key, e.nsPerChar)) return
        useAlertsStore().push({ kind: 'error', key: 'themes.indexFailed', params: { detail: e instanceof Error ? e.message : String(e) } })
      }
    },
    { immediate: true },
  )
  /**
   * What every view counts: the detected themes with switched-off themes' bits cleared and the
   * reader's corrections applied. A derived object shares the base's indexes and lazy buffers;
   * only the masks (and the engine's memo, which caches masks) are its own.
   */
  const prepared = computed<PreparedDataset | null>(() => {
    const p = detected.value
    const d = dataset.current
    if (!p || !d) return p
    const defs = themeDefs.value
    const switched = masksInUse(p.themeMask, enabledBits(defs), Math.min(32, defs.length))
    // The compiled themes follow the switches at once (their names and on/off state).
    const themes = compiled.value
    const corr = corrections.map
    const withCorrections = corrections.loadedFor === d.key && corrections.count > 0
    if (switched === p.themeMask && themes === p.themes && !withCorrections) return p
    const themeMask = withCorrections
      ? correctedMask(
          switched,
          p.ds.id,
          defs.map((t) => t.id),
          corr,
        )
      : switched
    return Object.assign(Object.create(p) as PreparedDataset, { themeMask, themes, memo: {} })
  })
  /**
   * The latest result and the prepared dataset it was computed from. Components take rows from
   * `columns` (that dataset), never from the dataset store: right after a swap the store already
   * holds the new dataset while the result in view still indexes the old one.
   */
  const landed = shallowRef<{ p: PreparedDataset; r: QueryResult } | null>(null)
  const result = computed(() => landed.value?.r ?? null)
  /** A big query's KPIs, known before its aggregates (the engine's first pass), until the result lands. */
  const earlyKpis = shallowRef<{ key: string; kpis: Kpis } | null>(null)
  /** The KPIs to show: the current view's as soon as they are counted, else the last result's. */
  const kpis = computed(() => (earlyKpis.value && earlyKpis.value.key === queryKey.value ? earlyKpis.value.kpis : (result.value?.kpis ?? null)))
  const columns = computed(() => landed.value?.p.ds ?? null)
  /** A query is running (see `busy`). */
  const running = ref(true)
  /** The view in place is not the current one yet: a query runs, or the indexes it needs are computed. */
  const busy = computed(() => running.value || indexing.value)
  /** How long the last query after a change of view took, start to landing (ms): typing waits about as long. */
  const lastQueryMs = ref<number | null>(null)
  let generation = 0

  // Only the fields the engine reads, as a string: selecting a comment or switching language
  // gives an equal key, so no query runs and the charts are not redrawn.
  const queryKey = computed(() => {
    const v = viewStore.view
    const qv: QueryView = {
      q: v.q,
      from: v.from,
      to: v.to,
      likes: v.likes,
      replies: v.replies,
      themes: v.themes,
      authors: v.authors,
      lessons: v.lessons,
      courses: v.courses,
      questions: v.questions,
      new: v.new,
      sort: v.sort,
      staff: staff.names,
      includeStaff: v.staff === 'include',
    }
    return JSON.stringify(qv)
  })

  watch(
    [prepared, queryKey],
    async ([p, key]) => {
      if (!p) {
        running.value = true
        landed.value = null
        return
      }
      const g = ++generation
      const started = performance.now()
      // A new dataset's first query warms caches up: it does not say how long typing should wait.
      const sameData = landed.value?.p.ds === p.ds
      running.value = true
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
        // The counts land first (a new KPI per keystroke), the charts' aggregates after.
        r = await query(p, JSON.parse(key) as QueryView, big ? pause : undefined, undefined, (k) => {
          if (g === generation && big) earlyKpis.value = { key, kpis: k }
        })
      } catch (e) {
        if (e === SUPERSEDED) return
        throw e
      }
      if (big) await yieldToMain()
      // A newer view may have started while this one ran: only the latest lands.
      if (g !== generation) return
      landed.value = { p, r }
      earlyKpis.value = null
      lastQueryMs.value = sameData ? performance.now() - started : null
      running.value = false
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

  return { rematched, kpis, duplicateOf, ensureDuplicates, themeDefs, compiled, detected, prepared, result, columns, busy, indexing, settled, lastQueryMs }
})
