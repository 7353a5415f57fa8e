/**
 * Many small strings cost a lot to move: each is cloned and allocated on its own when sent to
 * another thread or stored in IndexedDB. One joined string plus offsets moves as a single copy;
 * the receiver slices it back (V8 slices share the joined string's memory, so no copy either).
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

/** The dataset's per-row string columns: the ones that travel and are stored packed. */
export const STRING_COLUMNS = ['id', 'text', 'reply'] as const
export type StringColumn = (typeof STRING_COLUMNS)[number]

/** A dataset with its three per-row string columns packed: what the worker sends and IndexedDB stores. */
export type PackedColumns = Omit<DatasetColumns, StringColumn | 'packed'> & Record<StringColumn, PackedColumn>

export function packColumns(ds: DatasetColumns): PackedColumns {
  const { packed, id, text, reply, ...rest } = ds
  return { ...rest, id: packed?.id ?? packColumn(id), text: packed?.text ?? packColumn(text), reply: packed?.reply ?? packColumn(reply) }
}

export function unpackColumns(p: PackedColumns): DatasetColumns {
  return { ...p, id: unpackColumn(p.id), text: unpackColumn(p.text), reply: unpackColumn(p.reply), packed: { id: p.id, text: p.text, reply: p.reply } }
}

/**
 * `unpackColumns` in slices, with `pause()` between them: a million rows make three million
 * strings, a few hundred milliseconds (and garbage collections) that must not block the page in one task.
 */
export async function unpackColumnsInSlices(p: PackedColumns, pause: () => Promise<void>, perSlice = 50_000): Promise<DatasetColumns> {
  let done = 0
  const unpack = async (col: PackedColumn) => {
    const out = new Array<string>(columnRows(col))
    let k = 0
    for (const piece of col) {
      const { joined, offsets } = piece
      for (let i = 0; i + 1 < offsets.length; i++) {
        out[k++] = joined.slice(offsets[i], offsets[i + 1])
        if (++done % perSlice === 0) await pause()
      }
    }
    return out
  }
  const id = await unpack(p.id)
  const text = await unpack(p.text)
  const reply = await unpack(p.reply)
  return { ...p, id, text, reply, packed: { id: p.id, text: p.text, reply: p.reply } }
}

/** The texts as packed pieces: the form the dataset arrived in, or packed now (a merge's result). */
export function packedText(ds: DatasetColumns): PackedColumn {
  return ds.packed?.text ?? packColumn(ds.text)
}
