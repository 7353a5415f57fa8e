/**
 * The dataset in view, the stored datasets, and the import that may replace or extend the one in
 * view. Columns are held in a shallowRef and never made deeply reactive: a million-row dataset
 * must not become a million proxies. A failed or cancelled import leaves `current` exactly as it
 * was: it is only swapped on success.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { DatasetColumns } from '@/model/dataset'
import { importFiles, type ImportInput } from '@/import/importFiles'
import type { DatasetIndexes } from '@/query/prepare'
import { useThemesStore } from './themes'
import type { ImportProgress, ImportReport, Problem } from '@/import/types'
import { ImportError, MAX_ALERT_SKIPS, WITHOUT_COMMENTS } from '@/import/types'
import { deleteCorrections, loadCorrections, saveCorrections } from '@/persist/corrections'
import type { Corrections } from '@/insight/corrections'
import { approximateBytes, deleteDataset, listDatasets, loadDataset, renameDataset, saveDataset, saveIndexes, saveMeta, StoredRecordError, sweepOrphans, type StoredDataset, type StoredMeta } from '@/persist/datasets'
import { checkColumns, cleanNames } from '@/model/checks'
import { matchedDefs, matchKey } from '@/query/indexes'
import { requestCues } from '@/insight/lexicon'
import { yieldToMain } from '@/composables/yieldToMain'
import { useLocalStorage } from '@vueuse/core'
import type { ColumnMapping } from '@/import/fields'
import type { TablePreview } from '@/import/preview'
import { useAlertsStore, type Alert } from './alerts'
import { importReportText } from '@/import/reportText'
import { downloadText } from '@/export/download'
import { i18n } from '@/i18n'
import { formatInt } from '@/composables/format'
import { useViewStore } from './view'
import { checkParams, problemMessage } from '@/composables/problemAlert'

export { sourcesHint } from '@/url/sourcesHint'
import { sourcesHint } from '@/url/sourcesHint'
import { datasetName } from '@/import/datasetName'
import { revivePreparedSample, type PreparedSampleJson } from '@/import/preparedSample'

export const SAMPLE_KEY = 'sample'
const SAMPLE_URL = 'sample/000_0307222b755b7cf1.txt'
/** The sample prepared at build time (scripts/prepare-sample.ts). */
const PREPARED_SAMPLE_URL = 'sample/prepared.json'
/** The name the sample is imported under: it becomes the lesson title (the file has no heading). */
const SAMPLE_FILE_NAME = 'etcd实战课 · 结束语.md'
/** Fingerprints in URLs are shortened to 64 bits: plenty to tell datasets apart. */
const KEY_LENGTH = 16

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

export type UploadMode = 'replace' | 'add'

/** A file whose columns could not be recognised, waiting for the user to map them. */
export interface PendingMapping {
  input: ImportInput
  mode: UploadMode
  preview: TablePreview
  /** The error alert that sent the file here: a mapping that resolves it dismisses it. */
  alertId?: number
}

export const useDatasetStore = defineStore('dataset', () => {
  const current = shallowRef<LoadedDataset | null>(null)
  const missing = shallowRef<MissingDataset | null>(null)
  const stored = ref<StoredMeta[]>([])
  const importing = ref(false)
  const progress = ref<ImportProgress | null>(null)
  const storageOk = ref(true)
  let controller: AbortController | null = null
  const trash = new Map<string, StoredDataset>()
  const trashedCorrections = new Map<string, Corrections>()
  /** Bumped when stored corrections changed under the dataset in view (a dataset file brought some). */
  const correctionsVersion = ref(0)
  const pendingMapping = shallowRef<PendingMapping | null>(null)
  /** Column mappings the user chose, remembered per header layout. */
  const headerMappings = useLocalStorage<Record<string, ColumnMapping>>('comment-lens:column-mappings', {})

  const columns = computed(() => current.value?.columns ?? null)
  const isSample = computed(() => current.value?.key === SAMPLE_KEY)

  function storageFailed(e: unknown) {
    if (!storageOk.value) return
    storageOk.value = false
    useAlertsStore().push({ kind: 'error', key: 'storage.failed', params: { detail: e instanceof Error ? e.message : String(e) } })
  }

  async function refreshStored() {
    try {
      stored.value = await listDatasets()
    } catch (e) {
      storageFailed(e)
    }
  }

  /** Frees what saves cut short left behind (see sweepOrphans); quietly, it is housekeeping. */
  async function sweepStorage() {
    try {
      await sweepOrphans()
    } catch {
      // Nothing lost: the next sweep tries again.
    }
  }

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

  function metaOf(d: LoadedDataset): StoredMeta {
    const now = new Date().toISOString()
    return {
      key: d.key,
      name: d.name,
      comments: d.columns.n,
      lessons: d.columns.lessons.length,
      bytes: approximateBytes(d.columns),
      files: d.columns.sources.slice(0, 200),
      createdAt: stored.value.find((m) => m.key === d.key)?.createdAt ?? now,
      updatedAt: now,
    }
  }

  /** A dataset the import worker saved: the page writes its meta (the name it chose, the first upload's date). */
  async function saved(d: LoadedDataset) {
    try {
      await saveMeta(metaOf(d))
      await refreshStored()
    } catch (e) {
      storageFailed(e)
    }
  }

  /**
   * The indexes of the dataset in view were computed anew (another theme set): a stored dataset
   * keeps them, so the next reload with these themes matches nothing.
   */
  async function indexesChanged(d: LoadedDataset) {
    if (d.key === SAMPLE_KEY || !storageOk.value || !d.indexes) return
    if (!stored.value.some((m) => m.key === d.key)) return
    try {
      await saveIndexes(d.key, d.indexes)
    } catch (e) {
      storageFailed(e)
    }
  }
  async function runImport(inputs: ImportInput[], mode: UploadMode = 'replace'): Promise<ImportReport | null> {
    const alerts = useAlertsStore()
    // The last import's notices and problems are answered or stale: this import's replace them.
    alerts.clearGroup('import')
    controller?.abort()
    const ctl = new AbortController()
    controller = ctl
    importing.value = true
    progress.value = { bytesDone: 0, bytesTotal: 0, rows: 0, file: inputs[0]?.name ?? '' }
    let succeeded = false
    try {
      // Matched with every theme on: switching one off later rematches nothing (query/indexes.ts).
      const defs = useThemesStore().defs
      const themeKey = matchKey(defs, requestCues())
      const sample = isSampleInput(inputs)
      const base = current.value
      // Adding to the dataset in view: the import worker merges (with the fingerprint and indexes).
      const merging = mode === 'add' && base && base.key !== SAMPLE_KEY && !sample ? base : null
      const out = await importFiles(inputs, {
        signal: ctl.signal,
        onProgress: (p) => (progress.value = p),
        headerMappings: JSON.parse(JSON.stringify(headerMappings.value)) as Record<string, ColumnMapping>,
        themes: JSON.parse(JSON.stringify(matchedDefs(defs))),
        mergeInto: merging ? { dataset: merging.columns, at: new Date().toISOString() } : undefined,
        // Saved by the worker before it hands the result over: durable the moment it appears.
        save: !sample && storageOk.value ? { themes: themeKey, createdAt: new Date().toISOString(), name: merging?.name ?? '' } : undefined,
      })
      const dataset = out.dataset
      const fingerprint = out.fingerprint
      if (out.merged) importAlert({ kind: 'info', key: 'upload.merged', params: { added: out.merged.added, updated: out.merged.updated } })
      const named = datasetName(out.report)
      const name = merging ? merging.name : named.name
      const d: LoadedDataset = {
        key: sample ? SAMPLE_KEY : fingerprint.slice(0, KEY_LENGTH),
        nameKey: sample ? 'dataset.sampleName' : named.looseFiles && !merging ? 'dataset.files' : undefined,
        name,
        columns: dataset,
        report: out.report,
        loadedAt: Date.now(),
        indexes: out.indexes ? { themes: themeKey, value: out.indexes } : undefined,
      }
      if (out.corrections && !sample) {
        // A dataset file's corrections join those already kept for the same dataset.
        const kept = await loadCorrections(d.key).catch(() => ({}))
        await saveCorrections(d.key, { ...kept, ...out.corrections }).catch(() => undefined)
        correctionsVersion.value++
      }
      show(d)
      succeeded = true
      if (!sample) {
        const report = out.report
        importAlert({
          kind: 'info',
          key: 'upload.done',
          params: { kept: report.rowsKept, read: report.rowsRead, files: report.files.length },
          action: { key: 'report.download', run: () => downloadReport(report) },
        })
      }
      reportNotices(out.report)
      // The worker saved it (the sample and a browser that refused storage are not saved at all).
      if (out.saved && 'key' in out.saved) void saved(d)
      else if (out.saved) storageFailed(new Error(out.saved.error))
      return out.report
    } catch (e) {
      const problem: Problem = e instanceof ImportError ? e.problem : { code: 'internal', file: '', detail: String(e) }
      if (problem.code === 'cancelled') importAlert({ kind: 'info', key: 'problem.cancelled' })
      else {
        const alertId = pushProblem(problem)
        if (problem.code === 'noColumns' && inputs.length === 1) await offerMapping(inputs[0], mode, alertId)
      }
      return null
    } finally {
      if (controller === ctl) {
        if (succeeded && progress.value) {
          // Show the bar full for a moment: a quick import should not vanish at 37 %.
          const total = progress.value.bytesTotal
          progress.value = { ...progress.value, bytesDone: total }
          await new Promise((r) => setTimeout(r, 250))
        }
        if (controller === ctl) {
          importing.value = false
          progress.value = null
          controller = null
        }
      }
    }
  }

  function downloadReport(report: ImportReport) {
    const t = i18n.global.t as unknown as (k: string, p?: Record<string, unknown>) => string
    const locale = i18n.global.locale.value
    downloadText('import-report.md', importReportText(report, t, new Date().toISOString(), (n) => formatInt(n, locale)), 'text/markdown')
  }

  function isSampleInput(inputs: ImportInput[]): boolean {
    return inputs.length === 1 && inputs[0].name === SAMPLE_FILE_NAME && !(typeof File !== 'undefined' && inputs[0] instanceof File)
  }

  /** An alert about an import: the next import's alerts replace it (see runImport). */
  function importAlert(a: Omit<Alert, 'id' | 'group'>): number {
    return useAlertsStore().push({ ...a, group: 'import' })
  }

  /** A skipped file as an alert lists it. */
  const fileEntry = (p: Problem) => ({ file: p.file, code: p.code, detail: p.detail, line: p.line })

  /** Skipped files in two alerts at most, however many there are: a notice and an error, each with its list. */
  function reportNotices(report: ImportReport) {
    const without = report.notices.filter((p) => WITHOUT_COMMENTS.has(p.code))
    const unreadable = report.notices.filter((p) => !WITHOUT_COMMENTS.has(p.code))
    if (without.length) importAlert({ kind: 'info', key: 'upload.skippedNoComments', params: { n: without.length }, plural: without.length, files: without.map(fileEntry) })
    if (unreadable.length) importAlert({ kind: 'error', key: 'upload.skippedUnreadable', params: { n: unreadable.length }, plural: unreadable.length, files: unreadable.map(fileEntry) })
    if (report.skippedTotal > 0) {
      importAlert({ kind: 'warning', key: 'upload.skippedRows', params: { n: report.skippedTotal }, skips: report.skipped.slice(0, MAX_ALERT_SKIPS) })
    }
  }

  function pushProblem(p: Problem): number {
    return importAlert({
      kind: 'error',
      ...problemMessage(p),
      skips: p.skips,
      files: p.files?.map(fileEntry),
      line: p.line,
      column: p.column,
      detail: p.detail,
      kept: current.value !== null,
    })
  }

  /**
   * Opens the built-in sample: the columns and indexes prepared at build time (no import worker on
   * the first screen, see import/preparedSample.ts), or, when that file cannot be read, the sample
   * imported as any file is.
   */
  async function loadSample(): Promise<void> {
    const prepared = await fetch(PREPARED_SAMPLE_URL)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
      .then((json: PreparedSampleJson) => revivePreparedSample(json))
      .catch(() => null)
    if (prepared) {
      // What runImport does for the sample, without the worker: an import under way is cancelled,
      // the last import's alerts go, and the sample (saved nowhere) is shown.
      useAlertsStore().clearGroup('import')
      if (controller) {
        controller.abort()
        controller = null
        importing.value = false
        progress.value = null
      }
      show({ key: SAMPLE_KEY, nameKey: 'dataset.sampleName', name: datasetName(prepared.report).name, columns: prepared.dataset, report: prepared.report, loadedAt: Date.now(), indexes: prepared.indexes })
      reportNotices(prepared.report)
      return
    }
    const res = await fetch(SAMPLE_URL)
    const bytes = await res.arrayBuffer()
    await runImport([{ name: SAMPLE_FILE_NAME, bytes }])
  }

  /** Shows the dataset a URL names: the sample, a stored one, or an explanation of what is missing. */
  async function open(key: string, files: string | null): Promise<void> {
    if (current.value?.key === key) return
    if (key === SAMPLE_KEY) return loadSample()
    let rec: StoredDataset | undefined
    // A record that cannot be read, or holds values out of range (a day in year 275760), is not
    // shown (it would hang every load) but offered for deletion; its files can be imported again.
    let broken: Pick<Alert, 'key' | 'params' | 'paramKeys'> | null = null
    let brokenName: string | undefined
    try {
      rec = await loadDataset(key, yieldToMain)
      const problem = rec ? checkColumns(rec.columns) : null
      if (rec && problem) broken = { key: 'check.stored', ...checkParams(problem) }
    } catch (e) {
      if (e instanceof StoredRecordError) {
        broken = { key: 'check.storedUnreadable', params: { detail: e.message } }
        brokenName = e.datasetName
      } else storageFailed(e)
    }
    if (broken) {
      const name = rec?.meta.name ?? brokenName ?? stored.value.find((m) => m.key === key)?.name ?? key
      const deleted = () => useAlertsStore().push({ kind: 'info', key: 'dataset.deleted', params: { name } })
      // Not remove(): its undo would keep the record, which is what cannot be read.
      const run = () => void deleteDataset(key).then(() => deleteCorrections(key)).then(refreshStored).then(deleted, storageFailed)
      useAlertsStore().push({ kind: 'error', ...broken, params: { ...broken.params, name }, action: { key: 'check.delete', run } })
      current.value = null
      missing.value = { key, files: files ? files.split('\n').filter(Boolean) : [] }
      return
    }
    if (rec) {
      show({ key, name: rec.meta.name, columns: cleanNames(rec.columns), report: null, loadedAt: Date.now(), indexes: rec.indexes }, 'replace')
      return
    }
    current.value = null
    const list = files ? files.split('\n').filter(Boolean) : []
    missing.value = { key, files: list }
    // A link without file names (made by hand, or cut short) cannot list them: it says what else works.
    if (list.length) useAlertsStore().push({ kind: 'error', key: 'url.datasetMissing', params: { ds: key, files: list.join(', ') } })
    else useAlertsStore().push({ kind: 'error', key: 'url.datasetMissingUnnamed', params: { ds: key } })
  }

  async function switchTo(key: string) {
    if (key === current.value?.key) return
    const view = useViewStore()
    view.update({ ds: key, c: null }, 'push')
    await open(key, null)
  }

  /** Names the reader gave datasets: shown at once, and written to the stored dataset's meta. */
  const renamed = ref<Record<string, string>>({})
  const customName = computed(() => (current.value ? renamed.value[current.value.key] : undefined))
  async function rename(name: string) {
    const d = current.value
    const n = name.replace(/\s+/g, ' ').trim().slice(0, 120)
    if (!d || !n || d.key === SAMPLE_KEY) return
    renamed.value = { ...renamed.value, [d.key]: n }
    // Later saves (a merge) keep the name.
    d.name = n
    d.nameKey = undefined
    if (!storageOk.value) return
    try {
      await renameDataset(d.key, n)
      await refreshStored()
    } catch (e) {
      storageFailed(e)
    }
  }

  async function remove(key: string) {
    try {
      // A record that cannot be read has nothing to keep for an undo (and is no storage failure).
      const rec = await loadDataset(key).catch((e: unknown) => {
        if (e instanceof StoredRecordError) return undefined
        throw e
      })
      // A dataset's theme corrections go with it, and come back with an undo.
      const corrections = await loadCorrections(key).catch(() => ({}))
      await deleteDataset(key)
      await deleteCorrections(key).catch(() => undefined)
      if (rec) trash.set(key, rec)
      trashedCorrections.set(key, corrections)
      await refreshStored()
      useAlertsStore().push({ kind: 'info', key: 'dataset.deleted', params: { name: rec?.meta.name ?? key }, action: { key: 'dataset.undo', run: () => void undoRemove(key) } })
      if (current.value?.key === key) await switchTo(SAMPLE_KEY)
    } catch (e) {
      storageFailed(e)
    }
  }

  async function undoRemove(key: string) {
    const rec = trash.get(key)
    if (!rec) return
    try {
      await saveDataset(rec)
      trash.delete(key)
      const corrections = trashedCorrections.get(key)
      trashedCorrections.delete(key)
      if (corrections) await saveCorrections(key, corrections).catch(() => undefined)
      await refreshStored()
      useAlertsStore().push({ kind: 'info', key: 'dataset.restored', params: { name: rec.meta.name } })
    } catch (e) {
      storageFailed(e)
    }
  }

  async function offerMapping(input: ImportInput, mode: UploadMode, alertId?: number) {
    try {
      const preview = await previewOf(input)
      if (preview.headers.length) pendingMapping.value = { input, mode, preview, alertId }
    } catch {
      // No preview, no dialog: the error alert already says what was expected.
    }
  }

  /**
   * The dialog's table. A CSV needs only its first 64 KB; a JSON document must be parsed whole, so
   * a file over JSON_PREVIEW_MAX_BYTES is not read at all and gets no dialog.
   */
  async function previewOf(input: ImportInput): Promise<TablePreview> {
    // Only after a file's columns were not recognised: the preview (and the CSV parser) is a chunk of its own.
    const { JSON_PREVIEW_MAX_BYTES, looksLikeJson, noPreview, PREVIEW_HEAD_BYTES, previewJson, previewTable } = await import('@/import/preview')
    if (!(input instanceof File)) return looksLikeJson(input.name, input.bytes) ? previewJson(input.bytes) : previewTable(input.bytes)
    const head = await input.slice(0, PREVIEW_HEAD_BYTES).arrayBuffer()
    if (!looksLikeJson(input.name, head)) return previewTable(head)
    return input.size > JSON_PREVIEW_MAX_BYTES ? noPreview('json') : previewJson(await input.arrayBuffer())
  }

  /** Imports the pending file with the columns the user chose, and remembers them for this header. */
  async function applyMapping(mapping: ColumnMapping) {
    const p = pendingMapping.value
    if (!p) return
    pendingMapping.value = null
    if (p.alertId !== undefined) useAlertsStore().dismiss(p.alertId)
    const { mappingToRemember } = await import('@/import/preview')
    headerMappings.value = { ...headerMappings.value, [p.preview.signature]: mappingToRemember(p.preview, mapping) }
    await runImport([p.input], p.mode)
  }

  function cancelImport() {
    controller?.abort()
  }

  return { indexesChanged, customName, rename, correctionsVersion, pendingMapping, applyMapping, current, missing, stored, columns, isSample, importing, progress, storageOk, runImport, loadSample, open, switchTo, remove, undoRemove, refreshStored, sweepStorage, cancelImport }
})
