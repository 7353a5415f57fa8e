/**
 * Text search over the joined texts (model/packed.ts: a few pieces of whole rows), scanned once per
 * term — with indexOf when the term has no letter case (Chinese), else with a case-insensitive
 * RegExp — instead of a lower-cased copy of every text, which would double the memory of a
 * million comments. Author names and lesson titles are matched on their (small) dictionaries.
 */
import type { DatasetColumns } from '@/model/dataset'
import type { PackedColumn, PackedStrings } from '@/model/packed'
import type { SearchQuery } from './search'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The row whose span holds position `at` (the last row starting at or before it), from `lo` on. */
function rowAt(offsets: Uint32Array, at: number, lo: number): number {
  let hi = offsets.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (offsets[mid] <= at) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Sets out[base + row] = 1 for every row of one piece whose own text contains `term`, ignoring case. */
export function markTextMatches(buf: PackedStrings, term: string, out: Uint8Array, base = 0): void {
  const { joined, offsets } = buf
  if (!term || offsets.length < 2) return
  const re = term.toLowerCase() !== term.toUpperCase() ? new RegExp(escapeRegExp(term), 'gi') : null
  let row = 0
  let from = 0
  for (;;) {
    let at: number
    let len = term.length
    if (re) {
      re.lastIndex = from
      const m = re.exec(joined)
      if (!m) break
      at = m.index
      len = m[0].length
    } else {
      at = joined.indexOf(term, from)
      if (at < 0) break
    }
    row = rowAt(offsets, at, row)
    if (at + len <= offsets[row + 1]) {
      out[base + row] = 1
      // One hit per row is enough: go on from the next row.
      from = offsets[row + 1]
    } else from = at + 1 // the match straddles two rows' texts: not a match
  }
}

/** Every row of a packed column whose text contains `term`. */
export function markColumnMatches(col: PackedColumn, term: string, out: Uint8Array): void {
  let base = 0
  for (const piece of col) {
    markTextMatches(piece, term, out, base)
    base += piece.offsets.length - 1
  }
}

/**
 * What search reads: the texts, and author names and lesson titles lower-cased once. A lesson's
 * entry holds its course's title too (after a separator no search term contains): searching a
 * course name finds its comments.
 */
export interface SearchSource {
  buf: PackedColumn
  authorsLower: string[]
  lessonsLower: string[]
}

export function searchSource(ds: DatasetColumns, buf: PackedColumn): SearchSource {
  return {
    buf,
    authorsLower: ds.authors.map((a) => a.toLowerCase()),
    lessonsLower: ds.lessons.map((l) => (l.course ? `${l.title}\u0001${l.course}` : l.title).toLowerCase()),
  }
}

/** Rows matching one term: in the text, the author's name or the lesson's title. */
function termRows(ds: DatasetColumns, src: SearchSource, term: string): Uint8Array {
  const out = new Uint8Array(ds.n)
  markColumnMatches(src.buf, term, out)
  markByDictionary(src.authorsLower, ds.author, term, out)
  markByDictionary(src.lessonsLower, ds.lesson, term, out)
  return out
}

function markByDictionary(lower: string[], codes: Uint32Array, term: string, out: Uint8Array) {
  const hit = new Uint8Array(lower.length)
  let any = false
  lower.forEach((v, k) => {
    if (v.includes(term)) {
      hit[k] = 1
      any = true
    }
  })
  if (!any) return
  for (let i = 0; i < codes.length; i++) if (hit[codes[i]]) out[i] = 1
}

/** Whether one row matches one term (for narrowing a few candidate rows without a full scan). */
function rowMatches(ds: DatasetColumns, src: SearchSource, i: number, term: string): boolean {
  return ds.text.get(i).toLowerCase().includes(term) || src.authorsLower[ds.author[i]].includes(term) || src.lessonsLower[ds.lesson[i]].includes(term)
}

/**
 * 1 for every row matching the search: all included terms (lower-cased by parseSearch), none of
 * the excluded. Later terms only check the rows still in when those are few.
 */
export function searchMatches(ds: DatasetColumns, src: SearchSource, s: SearchQuery): Uint8Array {
  const n = ds.n
  let ok: Uint8Array | null = null
  let count = n
  for (const t of s.include) {
    if (ok && count < n / 16) {
      count = 0
      for (let i = 0; i < n; i++) if (ok[i]) count += ok[i] = rowMatches(ds, src, i, t) ? 1 : 0
      continue
    }
    const m = termRows(ds, src, t)
    if (ok) for (let i = 0; i < n; i++) ok[i] &= m[i]
    else ok = m
    count = 0
    for (let i = 0; i < n; i++) count += ok[i]
  }
  ok ??= new Uint8Array(n).fill(1)
  for (const t of s.exclude) {
    const m = termRows(ds, src, t)
    for (let i = 0; i < n; i++) if (m[i]) ok[i] = 0
  }
  return ok
}
