/**
 * The dataset in view and the import that may replace it. Columns are held in a shallowRef and
 * never made deeply reactive: a million-row dataset must not become a million proxies. A failed
 * or cancelled import leaves `current` exactly as it was: it is only swapped on success.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { DatasetColumns } from '@/model/dataset'
import { importFiles, type ImportInput } from '@/import/importFiles'
import type { ImportProgress, ImportReport, Problem } from '@/import/types'
import { ImportError } from '@/import/types'
import { useAlertsStore } from './alerts'

export const SAMPLE_KEY = 'sample'
const SAMPLE_URL = 'sample/000_0307222b755b7cf1.txt'
/** The name the sample is imported under: it becomes the lesson title (the file has no heading). */
const SAMPLE_FILE_NAME = 'etcd实战课 · 结束语.md'

export interface LoadedDataset {
  /** `sample`, or later a fingerprint of the comment ids. */
  key: string
  /** Display name: an i18n key for the sample, else the file name(s). */
  nameKey?: string
  name: string
  columns: DatasetColumns
  report: ImportReport
  loadedAt: number
}

/** The top folder every path shares (a picked course folder), or null. */
function commonFolder(paths: string[]): string | null {
  const tops = new Set(paths.map((p) => (p.includes('/') ? p.split('/')[0] : '')))
  const [only] = [...tops]
  return tops.size === 1 && only ? only : null
}

export const useDatasetStore = defineStore('dataset', () => {
  const current = shallowRef<LoadedDataset | null>(null)
  const importing = ref(false)
  const progress = ref<ImportProgress | null>(null)
  let controller: AbortController | null = null

  const columns = computed(() => current.value?.columns ?? null)

  async function runImport(inputs: ImportInput[]): Promise<ImportReport | null> {
    const alerts = useAlertsStore()
    controller?.abort()
    const ctl = new AbortController()
    controller = ctl
    importing.value = true
    progress.value = { bytesDone: 0, bytesTotal: 0, rows: 0, file: inputs[0]?.name ?? '' }
    try {
      const out = await importFiles(inputs, { signal: ctl.signal, onProgress: (p) => (progress.value = p) })
      return applyResult(out.dataset, out.report, inputs)
    } catch (e) {
      const problem: Problem = e instanceof ImportError ? e.problem : { code: 'internal', file: '', detail: String(e) }
      if (problem.code === 'cancelled') alerts.push({ kind: 'info', key: 'problem.cancelled' })
      else pushProblem(problem, true)
      return null
    } finally {
      if (controller === ctl) {
        importing.value = false
        progress.value = null
        controller = null
      }
    }
  }

  function applyResult(dataset: DatasetColumns, report: ImportReport, inputs: ImportInput[]): ImportReport {
    const names = report.files.map((f) => f.file)
    const name = names.length === 1 ? names[0] : report.courseName ?? commonFolder(names) ?? names[0]
    current.value = {
      key: isSampleInput(inputs) ? SAMPLE_KEY : 'upload',
      nameKey: isSampleInput(inputs) ? 'dataset.sampleName' : names.length > 1 && !report.courseName && !commonFolder(names) ? 'dataset.files' : undefined,
      name,
      columns: dataset,
      report,
      loadedAt: Date.now(),
    }
    reportNotices(report)
    return report
  }

  function isSampleInput(inputs: ImportInput[]): boolean {
    return inputs.length === 1 && inputs[0].name === SAMPLE_FILE_NAME && !(typeof File !== 'undefined' && inputs[0] instanceof File)
  }

  function reportNotices(report: ImportReport) {
    const alerts = useAlertsStore()
    for (const n of report.notices) {
      alerts.push({ kind: 'warning', key: 'upload.skippedFile', params: { file: n.file }, paramKeys: { reason: `problem.${n.code}` } })
    }
    if (report.skippedTotal > 0) {
      alerts.push({
        kind: 'warning',
        key: 'upload.skippedRows',
        params: { n: report.skippedTotal },
        skips: report.skipped.slice(0, 20),
      })
    }
  }

  function pushProblem(p: Problem, kept: boolean) {
    useAlertsStore().push({
      kind: 'error',
      key: `problem.${p.code}`,
      params: { file: p.file },
      line: p.line,
      column: p.column,
      detail: p.detail,
      kept: kept && current.value !== null,
    })
  }

  async function loadSample(): Promise<void> {
    const res = await fetch(SAMPLE_URL)
    const bytes = await res.arrayBuffer()
    await runImport([{ name: SAMPLE_FILE_NAME, bytes }])
  }

  function cancelImport() {
    controller?.abort()
  }

  return { current, columns, importing, progress, runImport, loadSample, cancelImport }
})
