/**
 * Messages between the page and the export worker (export.worker.ts). The page sends the rows an
 * export needs — the rows in view, in view order, or the whole dataset and the view's order (see
 * payload.ts) — as typed arrays (transferred) and packed strings (one piece a message, so no task
 * clones a hundred megabytes at once), then the job;
 * the worker answers with progress and then an object URL of the finished file. The URL is made
 * in the worker: made on the page, `URL.createObjectURL` waits (synchronously) for the browser to
 * take in the whole file from the worker — 80 ms for 15 MB here, seconds for a million rows.
 * It lives as long as the worker does.
 */
import type { Corrections } from '@/insight/corrections'
import type { Lesson } from '@/model/dataset'
import type { PackedStrings, StringColumn } from '@/model/packed'
import type { RequestsReportInput } from './markdown'

/** The dataset's per-row number columns an export may need. */
export const NUMBER_COLUMNS = ['likes', 'replies', 'day', 'time', 'author', 'avatar', 'lesson', 'source'] as const
export type NumberColumn = (typeof NUMBER_COLUMNS)[number]

export type ExportKind = 'csv' | 'json' | 'dataset' | 'labels' | 'report'

export type ExportJob =
  /** The rows as sent; `themeNames[k]` names bit k of the rows' theme masks. */
  | { kind: 'csv' | 'json'; themeNames: string[] }
  /** The whole dataset, rows in dataset order. */
  | { kind: 'dataset'; name: string; corrections?: Corrections }
  /** Every row, in dataset order, with theme masks and question flags; `themeIds[k]` is bit k. */
  | { kind: 'labels'; themeIds: string[] }
  /** The report needs no rows: its input is small (the requests table and a few excerpts). */
  | { kind: 'report'; input: RequestsReportInput }

/** The rows of an export apart from their strings: `n` rows, each column in the rows' order. */
export interface WireRows {
  n: number
  /** The rows to write, in export order (indices into the `n`); absent: all `n`, in order. */
  order?: Uint32Array
  numbers: Partial<Record<NumberColumn, Uint32Array | Int32Array>>
  themeMask?: Uint32Array
  question?: Uint8Array
  /** The dictionaries the codes point into (whole: codes are the dataset's own). */
  authors?: PackedStrings
  avatars?: PackedStrings
  sources?: string[]
  lessons?: Lesson[]
}

export type ExportRequest =
  /** One piece of a string column, rows in order; pieces of a column arrive in order. */
  | { type: 'strings'; column: StringColumn; packed: PackedStrings }
  | { type: 'rows'; rows: WireRows }
  /** Everything is sent: build the file. */
  | { type: 'build'; job: ExportJob; mime: string }

export type ExportResponse =
  /** Rows written so far, of `total`. */
  | { type: 'progress'; done: number; total: number }
  /**
   * The file, as an object URL made in the worker (valid while the worker lives), its size, and
   * how long the worker's phases took (ms: `assemble` the rows, `write` the file, `blob`).
   */
  | { type: 'done'; url: string; bytes: number; timings: Record<string, number> }
  | { type: 'error'; message: string }
