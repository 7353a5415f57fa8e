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

/** A dataset with its three per-row string columns packed: what the worker sends and IndexedDB stores. */
export type PackedColumns = Omit<DatasetColumns, 'id' | 'text' | 'reply' | 'packed'> & { id: PackedStrings; text: PackedStrings; reply: PackedStrings }

export function packColumns(ds: DatasetColumns): PackedColumns {
  const { packed, id, text, reply, ...rest } = ds
  return { ...rest, id: packed?.id ?? packStrings(id), text: packed?.text ?? packStrings(text), reply: packed?.reply ?? packStrings(reply) }
}

export function unpackColumns(p: PackedColumns): DatasetColumns {
  return { ...p, id: unpackStrings(p.id), text: unpackStrings(p.text), reply: unpackStrings(p.reply), packed: { id: p.id, text: p.text, reply: p.reply } }
}

/**
 * `unpackColumns` in slices, with `pause()` between them: a million rows make three million
 * slices, a few hundred milliseconds that must not block the page in one task.
 */
export async function unpackColumnsInSlices(p: PackedColumns, pause: () => Promise<void>, perSlice = 200_000): Promise<DatasetColumns> {
  const unpack = async (s: PackedStrings) => {
    const n = s.offsets.length - 1
    const out = new Array<string>(n)
    for (let start = 0; start < n; start += perSlice) {
      for (let i = start, end = Math.min(n, start + perSlice); i < end; i++) out[i] = s.joined.slice(s.offsets[i], s.offsets[i + 1])
      if (start + perSlice < n) await pause()
    }
    return out
  }
  const id = await unpack(p.id)
  const text = await unpack(p.text)
  const reply = await unpack(p.reply)
  return { ...p, id, text, reply, packed: { id: p.id, text: p.text, reply: p.reply } }
}

/** The texts as one buffer: the packed form the dataset arrived in, or packed now (a merge's result). */
export function packedText(ds: DatasetColumns): PackedStrings {
  return ds.packed?.text ?? packStrings(ds.text)
}
