/**
 * The dataset in view: what the dashboard shows, or what a link names that is not in this browser
 * (`missing`). Columns are held in a shallowRef and never made deeply reactive: a million-row dataset
 * must not become a million proxies. Imports (stores/imports.ts) and the stored library
 * (stores/library.ts) put datasets here with `show`; nothing here reads files or storage but the
 * built-in sample.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { DatasetColumns } from '@/model/dataset'
import type { DatasetIndexes } from '@/query/prepare'
import type { ImportReport } from '@/import/types'
import { matchedDefs, matchKey } from '@/query/indexes'
import { requestCues } from '@/insight/lexicon'
import { useThemesStore } from './themes'
import { useAlertsStore } from './alerts'
import { useViewStore } from './view'
import { sourcesHint } from '@/url/sourcesHint'
import { datasetName } from '@/import/datasetName'
import { revivePreparedSample, type PreparedSampleJson } from '@/import/preparedSample'

export const SAMPLE_KEY = 'sample'
const SAMPLE_URL = 'sample/000_0307222b755b7cf1.txt'
/** The sample prepared at build time (scripts/prepare-sample.ts). */
const PREPARED_SAMPLE_URL = 'sample/prepared.json'
/** The name the sample is imported under: it becomes the lesson title (the file has no heading). */
export const SAMPLE_FILE_NAME = 'etcd实战课 · 结束语.md'
/** Fingerprints in URLs are shortened to 64 bits: plenty to tell datasets apart. */
export const KEY_LENGTH = 16

export interface LoadedDataset {
  /** `sample`, or the first 16 hex digits of the fingerprint. */
  key: string
  /** Display name: an i18n key for the sample, else the file or course name. */
  nameKey?: string
  name: string
  columns: DatasetColumns
  report: ImportReport | null
  loadedAt: number
  /** Per-row indexes (from the workers or storage), and the match key of the themes they were made for (query/indexes.ts). */
  indexes?: { themes: string; value: DatasetIndexes }
}

export interface MissingDataset {
  key: string
  files: string[]
}

export const useDatasetStore = defineStore('dataset', () => {
  const current = shallowRef<LoadedDataset | null>(null)
  const missing = shallowRef<MissingDataset | null>(null)
  /** Bumped when stored corrections changed under the dataset in view (a dataset file brought some). */
  const correctionsVersion = ref(0)

  const columns = computed(() => current.value?.columns ?? null)
  const isSample = computed(() => current.value?.key === SAMPLE_KEY)

  function show(d: LoadedDataset, mode: 'push' | 'replace' = 'push') {
    current.value = d
    const view = useViewStore()
    const restoring = missing.value
    missing.value = null
    if (restoring && restoring.key !== d.key && d.key !== SAMPLE_KEY) {
      useAlertsStore().push({ kind: 'warning', key: 'dataset.otherThanLink', params: { name: d.name } })
    }
    // The selected comment may not exist in another dataset; the filters stay.
    const sameAsUrl = view.view.ds === d.key
    view.update({ ds: d.key, dsf: d.key === SAMPLE_KEY ? null : sourcesHint(d.columns), c: sameAsUrl ? view.view.c : null }, sameAsUrl ? 'replace' : mode)
  }

  /** A link names a dataset this browser does not hold (or cannot open): the page says what is missing. */
  function showMissing(key: string, files: string[]) {
    current.value = null
    missing.value = { key, files }
  }

  const fetchPreparedSample = () =>
    fetch(PREPARED_SAMPLE_URL)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
      .then((json: PreparedSampleJson) => revivePreparedSample(json))
      .catch(() => null)
  let preparedSample: ReturnType<typeof fetchPreparedSample> | null = null
  /** Starts fetching the prepared sample (main.ts: beside the locale and the lexicon, when the URL names the sample). */
  function prefetchSample() {
    preparedSample ??= fetchPreparedSample()
  }

  /**
   * Opens the built-in sample: the columns and indexes prepared at build time (no import worker on
   * the first screen, see import/preparedSample.ts), or, when that file cannot be read, the sample
   * imported as any file is.
   */
  async function loadSample(): Promise<void> {
    const prepared = await (preparedSample ?? fetchPreparedSample())
    preparedSample = null
    if (prepared) {
      // Without the worker: the last import's alerts go, and the sample (saved nowhere) is shown.
      useAlertsStore().clearGroup('import')
      show({
        key: SAMPLE_KEY,
        nameKey: 'dataset.sampleName',
        name: datasetName(prepared.report).name,
        columns: prepared.dataset,
        report: prepared.report,
        loadedAt: Date.now(),
        indexes: prepared.indexes,
      })
      return
    }
    const res = await fetch(SAMPLE_URL)
    const bytes = await res.arrayBuffer()
    const defs = useThemesStore().defs
    try {
      const { importFiles } = await import('@/import/importFiles')
      const out = await importFiles([{ name: SAMPLE_FILE_NAME, bytes }], { themes: JSON.parse(JSON.stringify(matchedDefs(defs))) })
      show({
        key: SAMPLE_KEY,
        nameKey: 'dataset.sampleName',
        name: SAMPLE_FILE_NAME,
        columns: out.dataset,
        report: out.report,
        loadedAt: Date.now(),
        indexes: out.indexes ? { themes: matchKey(defs, requestCues()), value: out.indexes } : undefined,
      })
    } catch (e) {
      useAlertsStore().push({ kind: 'error', key: 'problem.internal', params: { file: SAMPLE_FILE_NAME, detail: e instanceof Error ? e.message : String(e) } })
    }
  }

  return { current, missing, columns, isSample, correctionsVersion, show, showMissing, prefetchSample, loadSample }
})
