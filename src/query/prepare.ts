/**
 * Per-dataset precomputation, done once when a dataset (or the theme set) changes, so that a
 * query never sorts and never re-derives anything per row: one ordering per sort key, theme
 * masks, question flags and text lengths (the "indexes", computed in the import worker for
 * uploads and transferred back), and the joined text buffer search scans.
 */
import type { DatasetColumns } from '@/model/dataset'
import { NO_DAY } from '@/model/dates'
import type { CompiledTheme } from '@/insight/themes'
import { type PackedColumn } from '@/model/packed'
import { searchSource, type SearchSource } from './textSearch'
import type { CourseIndex, LastQuery } from './engine'
import type { SortKey } from '@/model/view'

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
  readonly textBuffer: PackedColumn
  /** The text buffer with lower-cased author and lesson names, built on first search. */
  readonly search: SearchSource
  /** How rows' days map to slots of the per-day counters the engine fills (see `daySlots`). */
  readonly days: DaySlots
  /** The last search's matching rows: other filters change far more often than the search. */
  memo: {
    search?: { q: string; ok: Uint8Array }
    /** Theme masks and question flags with staff rows cleared, for one staff list. */
    staff?: { key: string; themeMask: Uint32Array; question: Uint8Array }
    last?: LastQuery
    /** Courses and each lesson's course (see courseIndex). */
    courses?: CourseIndex
  }
}

/**
 * Stable LSD radix sort of `idx` by a 32-bit unsigned key per row, descending: two passes of 16
 * bits (one when every key fits in 16). Linear time: a million rows in a few milliseconds, where
 * a comparator sort took seconds.
 */
function radixDesc(idx: Uint32Array, key: Uint32Array, tmp: Uint32Array): Uint32Array {
  let max = 0
  for (let i = 0; i < key.length; i++) if (key[i] > max) max = key[i]
  const count = new Uint32Array(65537)
  let src = idx
  let dst = tmp
  for (let shift = 0; shift < 32; shift += 16) {
    if (shift > 0 && max < 65536) break
    count.fill(0)
    // Descending: digit d goes to bucket 65535 − d.
    for (let j = 0; j < src.length; j++) count[65535 - ((key[src[j]] >>> shift) & 0xffff) + 1]++
    for (let b = 1; b <= 65536; b++) count[b] += count[b - 1]
    for (let j = 0; j < src.length; j++) dst[count[65535 - ((key[src[j]] >>> shift) & 0xffff)]++] = src[j]
    const t = src
    src = dst
    dst = t
  }
  return src
}

/**
 * Row indices sorted descending by `keys` (applied last key first, each a stable pass), so the
 * first key decides, the next breaks its ties, and so on; remaining ties keep file order.
 */
export function orderBy(n: number, ...keys: Uint32Array[]): Uint32Array {
  let idx: Uint32Array = new Uint32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  let spare: Uint32Array = new Uint32Array(n)
  for (let k = keys.length - 1; k >= 0; k--) {
    const out = radixDesc(idx, keys[k], spare)
    if (out === spare) {
      spare = idx
      idx = out
    }
  }
  return idx
}

/** What the orderings are computed from: the numeric columns and each text's length. */
export type OrderColumns = Pick<DatasetColumns, 'n' | 'likes' | 'replies' | 'day' | 'time'>

/** One ordering per sort key (descending; see orderBy). Newer first breaks ties; undated rows come last. */
export function sortOrders(ds: OrderColumns, length: Uint32Array): Record<SortKey, Uint32Array> {
  const n = ds.n
  // Sort keys as unsigned 32-bit numbers.
  const day = ds.day
  let minDay = Infinity
  for (let i = 0; i < n; i++) if (day[i] !== NO_DAY && day[i] < minDay) minDay = day[i]
  const dayKey = new Uint32Array(n)
  for (let i = 0; i < n; i++) dayKey[i] = day[i] === NO_DAY ? 0 : day[i] - minDay + 1
  const timeKey = new Uint32Array(n)
  for (let i = 0; i < n; i++) timeKey[i] = day[i] === NO_DAY ? 0 : Math.max(0, ds.time[i])
  return {
    likes: orderBy(n, ds.likes, dayKey),
    replies: orderBy(n, ds.replies, dayKey),
    date: orderBy(n, dayKey, timeKey),
    length: orderBy(n, length, dayKey),
  }
}

/** Each text's length (UTF-16 units), read from packed offsets without touching the texts. */
export function packedLengths(col: PackedColumn): Uint32Array {
  let n = 0
  for (const p of col) n += p.offsets.length - 1
  const out = new Uint32Array(n)
  let k = 0
  for (const { offsets } of col) for (let i = 0; i + 1 < offsets.length; i++) out[k++] = offsets[i + 1] - offsets[i]
  return out
}

/**
 * Per-day counting without a list of rows: slot = day − min when the dataset's days span at most
 * DENSE_DAYS (any real course), else the day's rank among the distinct days (a file with a
 * stray year 0001 must not make every query allocate millions of slots).
 */
export interface DaySlots {
  /** Number of slots. */
  span: number
  min: number
  /** Slot of each row (rank mode), or null when slot = day − min. */
  rank: Int32Array | null
  /** Day of each slot (rank mode), or null. */
  values: Int32Array | null
}

const DENSE_DAYS = 20_000

export function daySlots(day: Int32Array): DaySlots {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < day.length; i++) {
    const d = day[i]
    if (d === NO_DAY) continue
    if (d < min) min = d
    if (d > max) max = d
  }
  if (min === Infinity) return { span: 0, min: 0, rank: null, values: null }
  if (max - min + 1 <= DENSE_DAYS) return { span: max - min + 1, min, rank: null, values: null }
  const values = Int32Array.from(new Set(Array.from(day).filter((d) => d !== NO_DAY))).sort()
  const slotOf = new Map<number, number>()
  values.forEach((d, k) => slotOf.set(d, k))
  const rank = new Int32Array(day.length).fill(-1)
  for (let i = 0; i < day.length; i++) if (day[i] !== NO_DAY) rank[i] = slotOf.get(day[i])!
  return { span: values.length, min, rank, values }
}

/** The typed arrays of the indexes, for postMessage transfer lists. */
export function indexTransferables(x: DatasetIndexes): ArrayBuffer[] {
  return [x.orders.likes, x.orders.replies, x.orders.date, x.orders.length, x.themeMask, x.question, x.length].map((a) => a.buffer as ArrayBuffer)
}

/**
 * The prepared dataset, from its indexes (computed in the workers: see computeIndexes.ts for the
 * same in one thread, which the import worker, tests and benchmarks use; the page never does).
 */
export function prepareDataset(ds: DatasetColumns, themes: CompiledTheme[], x: DatasetIndexes): PreparedDataset {
  let textBuffer: PackedColumn | null = null
  let days: DaySlots | null = null
  let search: SearchSource | null = null
  return {
    ds,
    themes,
    ...x,
    get textBuffer() {
      textBuffer ??= ds.text.packed()
      return textBuffer
    },
    get search() {
      search ??= searchSource(ds, this.textBuffer)
      return search
    },
    get days() {
      days ??= daySlots(ds.day)
      return days
    },
    memo: {},
  }
}
