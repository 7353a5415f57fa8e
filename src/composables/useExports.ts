/**
 * The export menu's work: what each export takes from the stores, and where it is built. An
 * export of fewer than WORKER_FROM_ROWS rows is built on the page at once (a few milliseconds);
 * a bigger one in the export worker (export/runExport.ts), with `running` telling the menu how far
 * it is, so that it shows a progress bar and Cancel once the export has taken SHOW_PROGRESS_MS.
 * Both ways give the same bytes (tests/unit/export/worker.test.ts).
 */
import { shallowRef, toRaw } from 'vue'
import { useI18n } from 'vue-i18n'
import { useDatasetStore } from '@/stores/dataset'
import { useLibraryStore } from '@/stores/library'
import { useQueryStore } from '@/stores/query'
import { useViewStore } from '@/stores/view'
import { useCorrectionsStore } from '@/stores/corrections'
import { useAlertsStore } from '@/stores/alerts'
import { usePills } from './usePills'
import { useThemeNames } from './useThemeNames'
import { yieldToMain } from '@/lib/yieldToMain'
import type { DatasetColumns } from '@/model/dataset'
import { matchThemes } from '@/insight/themes'
import type { RequestsReportInput } from '@/export/markdown'
import type { RowsNeed } from '@/export/payload'
import type { ExportJob, ExportKind } from '@/export/protocol'

/** The builders and the worker's client: fetched at the first export, not with the first screen. */
const loadWork = () => import('./exportWork')
type Work = Awaited<ReturnType<typeof loadWork>>

/**
 * From this many rows an export is built in the worker. Below it, building on the page takes
 * well under 100 ms (JSON, the slowest, writes a few thousand comments in ~50 ms on a slow core)
 * and the worker's start-up would only add to it.
 */
export const WORKER_FROM_ROWS = 2000
/** An export that takes longer than this shows its progress and a Cancel button. */
export const SHOW_PROGRESS_MS = 300
/** The progress moves at most this often. */
const PROGRESS_STEP_MS = 250

export interface RunningExport {
  kind: ExportKind
  /** 0–100. */
  percent: number
  /** Rows written into the file. */
  rows: number
  /** The progress is on screen (the export has taken SHOW_PROGRESS_MS). */
  shown: boolean
}

const MIME: Record<ExportKind, string> = {
  csv: 'text/csv',
  json: 'application/json',
  dataset: 'application/json',
  labels: 'application/json',
  report: 'text/markdown',
}

export function useExports() {
  const { t, locale } = useI18n()
  const dataset = useDatasetStore()
  const library = useLibraryStore()
  const query = useQueryStore()
  const view = useViewStore()
  const corrections = useCorrectionsStore()
  const pills = usePills()
  const names = useThemeNames()
  const running = shallowRef<RunningExport | null>(null)
  let controller: AbortController | null = null

  function baseName(): string {
    const d = dataset.current
    if (!d) return 'comment-lens'
    if (library.customName) return library.customName
    return d.nameKey === 'dataset.sampleName' ? t('dataset.sampleName') : d.name.replace(/\.[a-z0-9]+$/i, '')
  }

  /**
   * Each row's themes as every view counts them (detected, with the reader's corrections): the
   * prepared masks, or, in the moment a new dataset is in the store but not yet prepared for the
   * view, matched from the text.
   */
  function themeMaskOf(ds: DatasetColumns): Uint32Array | ((row: number) => number) {
    const p = query.prepared
    if (p && p.ds === ds) return p.themeMask
    const compiled = query.compiled
    return (row) => matchThemes(ds.text.get(row), compiled).reduce((m, x) => (x.theme < 32 ? m | (1 << x.theme) : m), 0) >>> 0
  }

  /** Up to three of the most-liked comments per theme, centred on the words that made the match. */
  async function reportInput(w: Work, ds: DatasetColumns, pause: () => Promise<void>): Promise<RequestsReportInput | null> {
    const r = query.result
    const p = query.prepared
    if (!r || !p || p.ds !== ds) return null
    const excerpt = (row: number, theme: number) => {
      // A theme added by hand has no matching words: the start of the text.
      const hit = matchThemes(ds.text.get(row), query.compiled).find((x) => x.theme === theme)
      const [a, b] = hit?.spans.length ? [Math.min(...hit.spans.map((s) => s[0])), Math.max(...hit.spans.map((s) => s[1]))] : [0, 0]
      return w.excerptAround(ds.text.get(row), a, b, 80)
    }
    const examples = await w.reportExamples(p.orders.likes, p.themeMask, r.requests, excerpt, pause)
    return {
      datasetName: baseName(),
      generatedAt: new Date().toISOString().slice(0, 10),
      filters: pills.value.map((x) => x.label),
      rows: r.requests,
      names: [...names.byIndex.value],
      rank: view.view.rank,
      examples,
      locale: locale.value === 'en' ? 'en' : 'zh-CN',
      courses: r.courses,
      courseFallback: baseName(),
    }
  }

  interface Plan {
    /** The dataset the export reads (the one in view when it started). */
    ds: DatasetColumns
    file: string
    rows: number
    /** Builds the file on the page. */
    direct: () => string
    /** What the worker needs to build it. */
    worker: { rows: Uint32Array | null; need: RowsNeed; job: ExportJob }
  }

  /** What an export of `kind` writes, or null when there is nothing to export yet. */
  async function plan(w: Work, kind: ExportKind, pause: () => Promise<void>): Promise<Plan | null> {
    const ds = query.columns
    if (!ds) return null
    const name = baseName()
    if (kind === 'csv' || kind === 'json') {
      const order = query.result?.order
      if (!order) return null
      const mask = themeMaskOf(ds)
      const themeNames = [...names.plainByIndex.value]
      const themes = w.themesFromMask(mask, themeNames)
      return {
        ds,
        file: `${name}.${kind}`,
        rows: order.length,
        direct: () => (kind === 'csv' ? w.commentsToCsv : w.commentsToJson)(ds, order, { themes }),
        worker: { rows: order, need: { ...w.NEEDS.comments, themeMask: mask }, job: { kind, themeNames } },
      }
    }
    if (kind === 'dataset') {
      // A plain object for the worker (the store may hand out a reactive one).
      const corr = JSON.parse(JSON.stringify(toRaw(corrections.map))) as typeof corrections.map
      return {
        ds,
        file: `${name}.comment-lens.json`,
        rows: ds.n,
        direct: () => w.datasetToFile(ds, { name, corrections: corr }),
        worker: { rows: null, need: w.NEEDS.dataset, job: { kind, name, corrections: corr } },
      }
    }
    if (kind === 'labels') {
      const p = query.prepared
      if (!p || p.ds !== ds) return null
      const themeIds = query.themeDefs.map((x) => x.id)
      return {
        ds,
        file: `${name}-labels.json`,
        rows: ds.n,
        direct: () => w.labelsFile(w.labelsOf(ds, p.themeMask, p.question, themeIds)),
        worker: { rows: null, need: { ...w.NEEDS.labels, themeMask: p.themeMask, question: p.question }, job: { kind, themeIds } },
      }
    }
    const input = await reportInput(w, ds, pause)
    if (!input) return null
    return {
      ds,
      file: `${name}-requests.md`,
      rows: ds.n,
      direct: () => w.requestsReport(input),
      worker: { rows: new Uint32Array(0), need: w.NEEDS.none, job: { kind, input } },
    }
  }

  async function run(kind: ExportKind): Promise<void> {
    if (running.value) return
    const ctl = new AbortController()
    controller = ctl
    running.value = { kind, percent: 0, rows: 0, shown: false }
    const update = (patch: Partial<RunningExport>) => {
      if (controller === ctl && running.value) running.value = { ...running.value, ...patch }
    }
    const timer = setTimeout(() => update({ shown: true }), SHOW_PROGRESS_MS)
    let steppedAt = 0
    let w: Work | null = null
    const pause = async () => {
      await yieldToMain()
      if (ctl.signal.aborted && w) throw new w.ExportCancelled()
    }
    try {
      w = await loadWork()
      if (ctl.signal.aborted) return
      const p = await plan(w, kind, pause)
      if (!p || ctl.signal.aborted) return
      update({ rows: p.rows })
      if (p.rows < WORKER_FROM_ROWS) {
        w.downloadText(p.file, p.direct(), MIME[kind])
        return
      }
      // The click's task ends here (the menu closing is drawn); the worker starts in the next.
      await pause()
      const file = await w.exportInWorker(p.ds, p.worker.rows, p.worker.need, p.worker.job, w.textMime(MIME[kind]), {
        signal: ctl.signal,
        onProgress: (share) => {
          // A few steps a second: each is a frame of the whole page (a million rows' dashboard
          // makes that frame tens of milliseconds).
          const percent = Math.floor(share * 100)
          const now = performance.now()
          if (running.value?.percent === percent || now - steppedAt < PROGRESS_STEP_MS) return
          steppedAt = now
          update({ percent })
        },
      })
      w.downloadUrl(p.file, file.url)
      setTimeout(file.release, w.REVOKE_AFTER_MS)
    } catch (e) {
      if (!(w && e instanceof w.ExportCancelled))
        useAlertsStore().push({ kind: 'error', key: 'export.failed', detail: e instanceof Error ? e.message : String(e) })
    } finally {
      clearTimeout(timer)
      controller = null
      running.value = null
    }
  }

  function cancel() {
    controller?.abort()
  }

  return { running, run, cancel }
}
