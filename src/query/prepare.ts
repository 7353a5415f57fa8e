/**
 * Per-dataset precomputation, done once when a dataset (or the theme set) changes, so that a
 * query never sorts and never re-derives anything per row: one ordering per sort key, theme
 * masks, question flags and text lengths (the "indexes", computed in the import worker for
 * uploads and transferred back), and the joined text buffer search scans.
 */
import type { DatasetColumns } from '@/model/dataset'
import { NO_DAY } from '@/model/dates'
import { type CompiledTheme, themeMasks } from '@/insight/themes'
import { isQuestion } from '@/insight/questions'
import { packedText, type PackedStrings } from '@/model/packed'

export type SortKey = 'likes' | 'replies' | 'date' | 'length'

/** Everything derived per row that does not depend on a query; plain typed arrays (transferable). */
export interface DatasetIndexes {
  /** Row indices sorted descending by each key (ties: newer first, then file order). */
  orders: Record<SortKey, Uint32Array>
  themeMask: Uint32Array
  question: Uint8Array
  length: Uint32Array
}

export interface PreparedDataset extends DatasetIndexes {
  ds: DatasetColumns
  themes: CompiledTheme[]
  /** Every text in one buffer (the packed form the dataset arrived in, else joined on first search). */
  readonly textBuffer: PackedStrings
  /** The last search's matching rows: other filters change far more often than the search. */
  memo: { search?: { q: string; ok: Uint8Array } }
}

function orderBy(n: number, key: (i: number) => number, day: Int32Array): Uint32Array {
  const idx = new Uint32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  // Typed-array sort with a comparator: stable, and done once per dataset, not per query.
  return idx.sort((a, b) => key(b) - key(a) || day[b] - day[a] || a - b)
}

export function computeIndexes(ds: DatasetColumns, themes: CompiledTheme[]): DatasetIndexes {
  const n = ds.n
  const length = new Uint32Array(n)
  const question = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const text = ds.text[i]
    length[i] = text.length
    question[i] = isQuestion(text) ? 1 : 0
  }
  const day = ds.day
  const dateKey = (i: number) => (day[i] === NO_DAY ? -Infinity : day[i] * 86400 + Math.max(0, ds.time[i]))
  return {
    orders: {
      likes: orderBy(n, (i) => ds.likes[i], day),
      replies: orderBy(n, (i) => ds.replies[i], day),
      date: orderBy(n, dateKey, day),
      length: orderBy(n, (i) => length[i], day),
    },
    themeMask: themeMasks(ds.text, themes),
    question,
    length,
  }
}

/** The typed arrays of the indexes, for postMessage transfer lists. */
export function indexTransferables(x: DatasetIndexes): ArrayBuffer[] {
  return [x.orders.likes, x.orders.replies, x.orders.date, x.orders.length, x.themeMask, x.question, x.length].map((a) => a.buffer as ArrayBuffer)
}

/**
 * The prepared dataset. `indexes` computed elsewhere (the worker) are reused when they were made
 * with the same themes; otherwise they are computed here.
 */
export function prepareDataset(ds: DatasetColumns, themes: CompiledTheme[], indexes?: DatasetIndexes): PreparedDataset {
  const x = indexes ?? computeIndexes(ds, themes)
  let textBuffer: PackedStrings | null = null
  return {
    ds,
    themes,
    ...x,
    get textBuffer() {
      textBuffer ??= packedText(ds)
      return textBuffer
    },
    memo: {},
  }
}
