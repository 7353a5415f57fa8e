/**
 * Imports: files the reader uploads, drops or pastes, read in a worker and put in view when they
 * succeed (a failed or cancelled import leaves the dataset in view exactly as it was), the progress
 * and Cancel, the column-mapping dialog for files whose columns are not recognised, and the alerts
 * and report an import leaves.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ImportInput } from '@/import/importFiles'
import type { ImportProgress, ImportReport, Problem } from '@/import/types'
import { ImportError, MAX_ALERT_SKIPS, WITHOUT_COMMENTS } from '@/import/types'
import { loadCorrections, saveCorrections } from '@/persist/corrections'
import { matchedDefs, matchKey } from '@/query/indexes'
import { requestCues } from '@/insight/lexicon'
import { useLocalStorage } from '@vueuse/core'
import type { ColumnMapping } from '@/import/fields'
import type { TablePreview } from '@/import/preview'
import { importReportText } from '@/import/reportText'
import { downloadText } from '@/export/download'
import { i18n } from '@/i18n'
import { formatInt } from '@/lib/format'
import { problemMessage } from '@/composables/problemAlert'
import { datasetName } from '@/import/datasetName'
import { useAlertsStore, type Alert } from './alerts'
import { useThemesStore } from './themes'
import { KEY_LENGTH, SAMPLE_KEY, useDatasetStore, type LoadedDataset } from './dataset'
import { useLibraryStore } from './library'

export type UploadMode = 'replace' | 'add'

/** A file whose columns could not be recognised, waiting for the user to map them. */
export interface PendingMapping {
  input: ImportInput
  mode: UploadMode
  preview: TablePreview
  /** The error alert that sent the file here: a mapping that resolves it dismisses it. */
  alertId?: number
}

export const useImportsStore = defineStore('imports', () => {
  const dataset = useDatasetStore()
  const library = useLibraryStore()
  const importing = ref(false)
  const progress = ref<ImportProgress | null>(null)
  let controller: AbortController | null = null
  const pendingMapping = shallowRef<PendingMapping | null>(null)
  /** Column mappings the user chose, remembered per header layout. */
  const headerMappings = useLocalStorage<Record<string, ColumnMapping>>('comment-lens:column-mappings', {})

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
      const base = dataset.current
      // Adding to the dataset in view: the import worker merges (with the fingerprint and indexes).
      const merging = mode === 'add' && base && base.key !== SAMPLE_KEY ? base : null
      // The import's page half (worker start-up, progress, the messages) is fetched with the first import.
      const { importFiles } = await import('@/import/importFiles')
      const out = await importFiles(inputs, {
        signal: ctl.signal,
        onProgress: (p) => (progress.value = p),
        headerMappings: JSON.parse(JSON.stringify(headerMappings.value)) as Record<string, ColumnMapping>,
        themes: JSON.parse(JSON.stringify(matchedDefs(defs))),
        mergeInto: merging ? { dataset: merging.columns, at: new Date().toISOString() } : undefined,
        // Saved by the worker before it hands the result over: durable the moment it appears.
        save: library.storageOk ? { themes: themeKey, createdAt: new Date().toISOString(), name: merging?.name ?? '' } : undefined,
      })
      const columns = out.dataset
      const fingerprint = out.fingerprint
      if (out.merged) importAlert({ kind: 'info', key: 'upload.merged', params: { added: out.merged.added, updated: out.merged.updated } })
      const named = datasetName(out.report)
      const name = merging ? merging.name : named.name
      const d: LoadedDataset = {
        key: fingerprint.slice(0, KEY_LENGTH),
        nameKey: named.looseFiles && !merging ? 'dataset.files' : undefined,
        name,
        columns,
        report: out.report,
        loadedAt: Date.now(),
        indexes: out.indexes ? { themes: themeKey, value: out.indexes } : undefined,
      }
      if (out.corrections) {
        // A dataset file's corrections join those already kept for the same dataset.
        const kept = await loadCorrections(d.key).catch(() => ({}))
        await saveCorrections(d.key, { ...kept, ...out.corrections }).catch(() => undefined)
        dataset.correctionsVersion++
      }
      dataset.show(d)
      succeeded = true
      const report = out.report
      importAlert({
        kind: 'info',
        key: 'upload.done',
        params: { kept: report.rowsKept, read: report.rowsRead, files: report.files.length },
        action: { key: 'report.download', run: () => downloadReport(report) },
      })
      reportNotices(out.report)
      // The worker saved it (a browser that refused storage is not asked again).
      if (out.saved && 'key' in out.saved) void library.saved(d)
      else if (out.saved) library.storageFailed(new Error(out.saved.error))
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
    downloadText(
      'import-report.md',
      importReportText(report, t, new Date().toISOString(), (n) => formatInt(n, locale)),
      'text/markdown',
    )
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
    if (without.length)
      importAlert({ kind: 'info', key: 'upload.skippedNoComments', params: { n: without.length }, plural: without.length, files: without.map(fileEntry) })
    if (unreadable.length)
      importAlert({
        kind: 'error',
        key: 'upload.skippedUnreadable',
        params: { n: unreadable.length },
        plural: unreadable.length,
        files: unreadable.map(fileEntry),
      })
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
      kept: dataset.current !== null,
    })
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

  return { importing, progress, pendingMapping, runImport, cancelImport, applyMapping }
})
