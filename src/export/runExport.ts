/**
 * Runs an export in its own module worker: `exportInWorker(ds, rows, need, job, mime, { signal,
 * onProgress })` resolves with the file's object URL, made in the worker and valid until
 * `release()` ends it. Aborting the signal terminates the worker (and stops the page's preparing
 * at its next pause): the promise rejects with ExportCancelled and nothing is downloaded.
 */
import type { DatasetColumns } from '@/model/dataset'
import { yieldToMain } from '@/lib/yieldToMain'
import { sendRows, type RowsNeed } from './payload'
import type { ExportJob, ExportResponse } from './protocol'

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled')
    this.name = 'ExportCancelled'
  }
}

export interface ExportRun {
  signal?: AbortSignal
  /** Share of the work done, 0–1: the page's preparing first, then the worker's writing. */
  onProgress?: (share: number) => void
}

/** The share of the progress bar for the page's preparing (sending is far quicker than writing). */
const SEND_SHARE = 0.2

/** A User Timing measure `export:<name>` (diagnostics: the performance panel, bench/exports.ts). */
function measure(name: string, start: number, end = performance.now()): void {
  try {
    performance.measure(`export:${name}`, { start, end })
  } catch {
    // An old browser without measure options.
  }
}

export interface ExportedFile {
  url: string
  bytes: number
  /** Ends the worker, and with it the URL. */
  release: () => void
}

export function exportInWorker(
  ds: DatasetColumns,
  rows: Uint32Array | null,
  need: RowsNeed,
  job: ExportJob,
  mime: string,
  run: ExportRun = {},
): Promise<ExportedFile> {
  const { signal, onProgress } = run
  if (signal?.aborted) return Promise.reject(new ExportCancelled())
  const started = performance.now()
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'comment-lens-export' })
  return new Promise<ExportedFile>((resolve, reject) => {
    let settled = false
    const settle = () => {
      settled = true
      signal?.removeEventListener('abort', onAbort)
    }
    const fail = (e: unknown) => {
      if (settled) return
      settle()
      worker.terminate()
      reject(e)
    }
    const onAbort = () => fail(new ExportCancelled())
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.onmessage = (e: MessageEvent<ExportResponse>) => {
      const msg = e.data
      if (settled) return
      if (msg.type === 'progress') onProgress?.(SEND_SHARE + ((1 - SEND_SHARE) * msg.done) / Math.max(1, msg.total))
      else if (msg.type === 'done') {
        // The worker's phases, laid end to end up to now.
        let at = performance.now() - Object.values(msg.timings).reduce((a, b) => a + b, 0)
        for (const [name, ms] of Object.entries(msg.timings)) measure(name, at, (at += ms))
        settle()
        onProgress?.(1)
        resolve({ url: msg.url, bytes: msg.bytes, release: () => worker.terminate() })
      } else fail(new Error(msg.message))
    }
    worker.onerror = (e) => fail(new Error(e.message || 'the export worker failed'))
    const pause = async () => {
      await yieldToMain()
      if (settled) throw new ExportCancelled()
    }
    sendRows(
      ds,
      rows,
      need,
      (msg, transfer) => worker.postMessage(msg, transfer),
      pause,
      (share) => onProgress?.(share * SEND_SHARE),
    ).then(() => {
      measure('send', started)
      if (!settled) worker.postMessage({ type: 'build', job, mime })
    }, fail)
  })
}
