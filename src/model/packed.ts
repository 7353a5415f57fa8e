/**
 * Many small strings cost a lot to move: each is cloned and allocated on its own when sent to
 * another thread or stored in IndexedDB. One joined string plus offsets moves as a single copy;
 * the receiver slices a row out when it reads it (`Strings` below; V8 slices share the joined
 * string's memory, so no copy either).
 * The joined text is also the buffer text search scans (see query/textSearch.ts).
 */
import type { DatasetColumns } from './dataset'

export interface PackedStrings {
  joined: string
  /** offsets[i]..offsets[i+1] is string i; length n+1. */
  offsets: Uint32Array
}

export function packStrings(list: string[]): PackedStrings {
  const offsets = new Uint32Array(list.length + 1)
  let at = 0
  for (let i = 0; i < list.length; i++) {
    offsets[i] = at
    at += list[i].length
  }
  offsets[list.length] = at
  return { joined: list.join(''), offsets }
}

export function unpackStrings(p: PackedStrings): string[] {
  const n = p.offsets.length - 1
  const out = new Array<string>(n)
  for (let i = 0; i < n; i++) out[i] = p.joined.slice(p.offsets[i], p.offsets[i + 1])
  return out
}

/**
 * A column of strings as pieces, each piece whole rows and at most PIECE_CHARS characters (unless
 * one row is longer): a million comments' texts in one string would be one copy of 100+ MB to send
 * to the page or store, a task of a few hundred milliseconds; pieces move one per task.
 */
export type PackedColumn = PackedStrings[]

export const PIECE_CHARS = 1 << 21

export function packColumn(list: string[], maxChars = PIECE_CHARS): PackedColumn {
  const pieces: PackedColumn = []
  let start = 0
  while (start < list.length || pieces.length === 0) {
    let end = start
    let chars = 0
    // At least one row per piece; then rows while they fit.
    do {
      chars += (list[end++] ?? '').length
    } while (end < list.length && chars + list[end].length <= maxChars)
    pieces.push(packStrings(list.slice(start, Math.min(end, list.length))))
    start = end
  }
  return pieces
}

/**
 * A packed piece cut at row boundaries into pieces of at most `maxChars` characters (unless one row
 * has more), each with offsets of its own (transferable: the dataset keeps its own). The strings
 * are slices of the piece's (no copy until they are cloned).
 */
export function cutPiece(piece: PackedStrings, maxChars: number): PackedStrings[] {
  const { joined, offsets } = piece
  const rows = offsets.length - 1
  const out: PackedStrings[] = []
  let start = 0
  do {
    let end = Math.min(start + 1, rows)
    while (end < rows && offsets[end + 1] - offsets[start] <= maxChars) end++
    const base = offsets[start]
    out.push({
      joined: start === 0 && end === rows ? joined : joined.slice(base, offsets[end]),
      offsets: offsets.slice(start, end + 1).map((o) => o - base),
    })
    start = end
  } while (start < rows)
  return out
}

/**
 * The same column in pieces of at most `maxChars` characters (whole rows; a longer row is a piece
 * of its own), without unpacking. Pieces already small enough are kept as they are (sharing their
 * offsets: not for transfer — cutPiece makes offsets of their own).
 */
export function cutColumn(col: PackedColumn, maxChars: number): PackedColumn {
  if (col.every((p) => p.joined.length <= maxChars)) return col
  return col.flatMap((p) => (p.joined.length <= maxChars ? [p] : cutPiece(p, maxChars)))
}

/** Rows in a packed column. */
export function columnRows(col: PackedColumn): number {
  let n = 0
  for (const p of col) n += p.offsets.length - 1
  return n
}

/** Characters in a packed column. */
export function columnChars(col: PackedColumn): number {
  let n = 0
  for (const p of col) n += p.joined.length
  return n
}

export function unpackColumn(col: PackedColumn): string[] {
  return col.length === 1 ? unpackStrings(col[0]) : col.flatMap(unpackStrings)
}

/**
 * A per-row string column (ids, texts, replies), read one row at a time. It holds either a plain
 * array (a dataset built on this thread) or the packed pieces it arrived in (from a worker or
 * IndexedDB), and then slices a row only when it is read: a million rows unpacked up front were
 * three million strings, and the garbage collections that copied them held the page for 70–220 ms
 * (issue #14). Its packed form is kept, or made once, for search, storage and workers.
 */
export class Strings {
  readonly length: number
  private list: string[] | null
  private pieces: PackedColumn | null
  /** starts[k] is the first row of piece k; length pieces + 1. */
  private readonly starts: Uint32Array | null
  /** The piece of the last row read: rows are mostly read in order. */
  private last = 0

  private constructor(list: string[] | null, pieces: PackedColumn | null) {
    this.list = list
    this.pieces = pieces
    if (pieces) {
      // Read back from storage: a piece must at least be a string with typed offsets to be counted.
      for (const p of pieces)
        if (typeof p !== 'object' || p === null || !(p.offsets instanceof Uint32Array) || p.offsets.length === 0)
          throw new TypeError('a packed piece without offsets')
      const starts = new Uint32Array(pieces.length + 1)
      for (let k = 0; k < pieces.length; k++) starts[k + 1] = starts[k] + pieces[k].offsets.length - 1
      this.starts = starts
      this.length = starts[pieces.length]
    } else {
      this.starts = null
      this.length = list!.length
    }
  }

  /** A column over `list` (kept, not copied: the caller hands it over). */
  static of(list: string[]): Strings {
    return new Strings(list, null)
  }

  /** A column read from its packed pieces, never unpacked as a whole. */
  static packed(col: PackedColumn): Strings {
    return new Strings(null, col)
  }

  /** Row `i`'s string ('' past the end). */
  get(i: number): string {
    const list = this.list
    if (list !== null) return list[i] ?? ''
    if (!(i >= 0 && i < this.length)) return ''
    const starts = this.starts!
    let k = this.last
    if (i < starts[k] || i >= starts[k + 1]) {
      // The piece holding row i: the last start at or before it.
      let lo = 0
      let hi = starts.length - 2
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (starts[mid] <= i) lo = mid
        else hi = mid - 1
      }
      // Empty pieces share a start with the next: skip to the one that holds rows.
      while (starts[lo + 1] <= i) lo++
      this.last = k = lo
    }
    const { joined, offsets } = this.pieces![k]
    const j = i - starts[k]
    const from = offsets[j]
    // (A fractional row lands between offsets: nothing there, as in an array.)
    return from === undefined ? '' : joined.slice(from, offsets[j + 1])
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (let i = 0; i < this.length; i++) yield this.get(i)
  }

  /** Characters in all rows, without slicing them. */
  chars(): number {
    if (this.pieces) return columnChars(this.pieces)
    let n = 0
    for (const s of this.list!) n += s.length
    return n
  }

  /**
   * The first row that is not a string (its value), or null: a stored dataset is checked before
   * anything reads it. A packed piece is checked whole (a string, and offsets from 0 that never
   * go back and end at its length); a bad piece reports its first row.
   */
  invalid(): { row: number; found: unknown } | null {
    const list = this.list
    if (list !== null) {
      for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return { row: i, found: list[i] }
      return null
    }
    const pieces = this.pieces!
    for (let k = 0; k < pieces.length; k++) {
      const { joined, offsets } = pieces[k]
      const row = this.starts![k]
      if (typeof joined !== 'string') return { row, found: joined }
      let ok = offsets[0] === 0 && offsets[offsets.length - 1] === joined.length
      for (let j = 1; ok && j < offsets.length; j++) ok = offsets[j] >= offsets[j - 1]
      if (!ok) return { row, found: `offsets ${offsets[0]}…${offsets[offsets.length - 1]} for ${joined.length} characters` }
    }
    return null
  }

  /** Whether the column arrived packed (its rows are sliced as they are read). */
  get isPacked(): boolean {
    return this.list === null
  }

  /** The packed pieces: the ones it arrived in, or packed now (once) from its array. */
  packed(): PackedColumn {
    return (this.pieces ??= packColumn(this.list!))
  }

  /** Every row as an array: for code that needs them all (workers, small datasets); the array is kept. */
  toArray(): string[] {
    return (this.list ??= unpackColumn(this.pieces!))
  }

  /** The first row whose string is `s`, or -1: searched in the packed text without slicing every row. */
  indexOf(s: string): number {
    if (this.list !== null) return this.list.indexOf(s)
    const pieces = this.pieces!
    for (let k = 0; k < pieces.length; k++) {
      const { joined, offsets } = pieces[k]
      const rows = offsets.length - 1
      if (s === '') {
        for (let r = 0; r < rows; r++) if (offsets[r + 1] === offsets[r]) return this.starts![k] + r
        continue
      }
      for (let at = joined.indexOf(s); at >= 0; at = joined.indexOf(s, at + 1)) {
        const j = rowAt(offsets, at)
        // A whole row: it starts here and ends where the match ends (empty rows share a start).
        if (j >= 0) for (let r = j; r < rows && offsets[r] === at; r++) if (offsets[r + 1] - at === s.length) return this.starts![k] + r
      }
    }
    return -1
  }
}

/** The first row that starts at `at` in `offsets`, or -1 when none does. */
function rowAt(offsets: Uint32Array, at: number): number {
  let lo = 0
  let hi = offsets.length - 2
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (offsets[mid] < at) lo = mid + 1
    else hi = mid
  }
  return offsets[lo] === at ? lo : -1
}

/** The dataset's per-row string columns: the ones that travel and are stored packed. */
export const STRING_COLUMNS = ['id', 'text', 'reply'] as const
export type StringColumn = (typeof STRING_COLUMNS)[number]

/** A dataset with its three per-row string columns packed: what the worker sends and IndexedDB stores. */
export type PackedColumns = Omit<DatasetColumns, StringColumn> & Record<StringColumn, PackedColumn>

export function packColumns(ds: DatasetColumns): PackedColumns {
  return { ...ds, id: ds.id.packed(), text: ds.text.packed(), reply: ds.reply.packed() }
}

/** The dataset over its packed columns: rows are read from the pieces as needed, nothing is unpacked. */
export function columnsFromPacked(p: PackedColumns): DatasetColumns {
  return { ...p, id: Strings.packed(p.id), text: Strings.packed(p.text), reply: Strings.packed(p.reply) }
}
