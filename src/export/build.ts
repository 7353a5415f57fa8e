/**
 * Builds an export's file in parts, a block of rows at a time, reporting progress between blocks:
 * what the export worker runs. Joined, the parts are exactly what the direct builders
 * (commentsToCsv, commentsToJson, datasetToFile, labelsFile, requestsReport) return for the same
 * rows, so a small export built on the page and a big one built here give the same bytes.
 */
import { labelsOf } from '@/insight/corrections'
import { datasetFileComments, datasetFileHead, datasetFileTail } from '@/model/datasetFile'
import { CSV_PREAMBLE, csvLines, type CommentExportOptions } from './csv'
import { jsonItems, jsonTail } from './json'
import { LABELS_HEAD, LABELS_TAIL, labelLines } from './labels'
import { requestsReport } from './markdown'
import type { ExportJob, ExportRequest, ExportResponse } from './protocol'
import { RowsAssembler, type ExportRows } from './payload'

/** Rows per part: a part is one string, and progress moves once a part. */
export const BLOCK_ROWS = 5000

/**
 * Theme names of a row from its theme mask (an array by row, or a function of the row): bit k is
 * `names[k]` (32 themes at most have a bit).
 */
export function themesFromMask(mask: Uint32Array | ((row: number) => number), names: readonly string[]): (row: number) => string[] {
  const named = names.slice(0, 32)
  const bits = typeof mask === 'function' ? mask : (row: number) => mask[row]
  return (row) => {
    const m = bits(row)
    return m ? named.filter((_, k) => (m >>> k) & 1) : []
  }
}

/**
 * The file's parts, built from the rows the page sent (see payload.ts): returned, or handed to
 * `emit` one by one as they are written. A part ends with a whole line (or the file's end), so no
 * surrogate pair is ever split between two.
 */
export function buildExport(
  job: ExportJob,
  rows: ExportRows,
  progress?: (done: number, total: number) => void,
  blockRows = BLOCK_ROWS,
  emit?: (part: string) => void,
): string[] {
  const { ds, order } = rows
  const out: string[] = []
  const parts = { push: emit ?? ((part: string) => void out.push(part)) }
  // The comments exports write the rows in view, in their order; the others every row, in dataset order.
  const n = job.kind === 'csv' || job.kind === 'json' ? order.length : ds.n
  const blocks = (write: (from: number, to: number) => string) => {
    for (let from = 0; from < n; from += blockRows) {
      const to = Math.min(n, from + blockRows)
      parts.push(write(from, to))
      progress?.(to, n)
    }
  }
  switch (job.kind) {
    case 'csv':
    case 'json': {
      const opts: CommentExportOptions = { themes: themesFromMask(rows.themeMask, job.themeNames) }
      if (job.kind === 'csv') {
        parts.push(CSV_PREAMBLE)
        blocks((from, to) => csvLines(ds, order, opts, from, to))
      } else {
        blocks((from, to) => jsonItems(ds, order, opts, from, to))
        parts.push(jsonTail(n))
      }
      break
    }
    case 'dataset':
      parts.push(datasetFileHead(ds, { name: job.name, corrections: job.corrections }))
      blocks((from, to) => datasetFileComments(ds, from, to))
      parts.push(datasetFileTail(n))
      break
    case 'labels': {
      const labels = labelsOf(ds, rows.themeMask, rows.question, job.themeIds)
      parts.push(LABELS_HEAD)
      blocks((from, to) => labelLines(labels, from, to))
      parts.push(LABELS_TAIL)
      break
    }
    case 'report':
      parts.push(requestsReport(job.input))
      break
  }
  return out
}

/**
 * Progress messages at most this often: a message per block of a million rows would be 200. Each
 * one is a frame on the page, and while this worker holds one of two cores a frame's paint waits
 * for the other (a 1M export's frames of 8 ms of CPU took up to 111 ms): four a second still move.
 */
const PROGRESS_MS = 250
/**
 * Characters of the file held as strings before they become a Blob: the file leaves the worker's
 * heap as it is written (a million comments as JSON are ~400M characters, twice as many bytes).
 */
const BLOB_CHARS = 1 << 24

/**
 * The export worker's message handler (export.worker.ts is this and nothing else): collects the
 * rows, builds the file when the job arrives, and answers with progress, then the file's object
 * URL (see protocol.ts) or an error.
 */
export function exportHandler(post: (msg: ExportResponse) => void, { blockRows = BLOCK_ROWS, blobChars = BLOB_CHARS } = {}): (msg: ExportRequest) => void {
  const rows = new RowsAssembler()
  return (msg) => {
    if (msg.type !== 'build') {
      rows.receive(msg)
      return
    }
    try {
      const t0 = performance.now()
      const data = rows.finish()
      const t1 = performance.now()
      let last = 0
      const blobs: Blob[] = []
      let pending: string[] = []
      let chars = 0
      const toBlob = () => {
        blobs.push(new Blob(pending))
        pending = []
        chars = 0
      }
      buildExport(
        msg.job,
        data,
        (done, total) => {
          const now = performance.now()
          if (now - last < PROGRESS_MS) return
          last = now
          post({ type: 'progress', done, total })
        },
        blockRows,
        (part) => {
          pending.push(part)
          chars += part.length
          if (chars >= blobChars) toBlob()
        },
      )
      const t2 = performance.now()
      toBlob()
      const blob = new Blob(blobs, { type: msg.mime })
      const url = URL.createObjectURL(blob)
      const timings = { assemble: t1 - t0, write: t2 - t1, blob: performance.now() - t2 }
      post({ type: 'done', url, bytes: blob.size, timings })
    } catch (err) {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) })
    }
  }
}
