/**
 * Keyword in context: every place a request theme matched, with the text around it, so an author
 * can read what exactly readers ask for without opening each comment.
 */
import type { DatasetColumns } from '@/model/dataset'
import { matchThemes, type CompiledTheme } from './themes'

export interface KwicLine {
  row: number
  theme: number
  left: string
  match: string
  right: string
}

export interface KwicOptions {
  /** Only this theme (index), or every theme. */
  theme?: number | null
  /** Lines at most. */
  limit?: number
  /** Characters of context on each side. */
  width?: number
  /** Each row's theme mask (PreparedDataset.themeMask) computed with the same themes: rows it rules out are skipped. */
  masks?: ArrayLike<number>
  /** Author codes whose rows are left out (staff), 1 = left out: checked per row as the lines are found. */
  excludeAuthors?: Uint8Array
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ')
/** A match longer than this shows its first and last words with an ellipsis between. */
const MAX_MATCH = 24
/** Spans further apart than this belong to separate places (another sentence, another ask). */
const GAP = 30

/** The first cluster of highlight spans: one place in the text, not every sentence that matched. */
function firstCluster(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  const out = [sorted[0]]
  for (let i = 1; i < sorted.length && sorted[i][0] - out[out.length - 1][1] <= GAP; i++) out.push(sorted[i])
  return out
}

export function keywordsInContext(ds: DatasetColumns, rows: ArrayLike<number>, themes: CompiledTheme[], opts: KwicOptions = {}): KwicLine[] {
  const limit = opts.limit ?? 200
  const width = opts.width ?? 18
  const out: KwicLine[] = []
  const masks = opts.masks
  const bit = opts.theme !== undefined && opts.theme !== null ? 1 << opts.theme : -1
  for (let k = 0; k < rows.length && out.length < limit; k++) {
    const row = rows[k]
    // A row whose theme mask lacks the theme cannot match it: skip it without matching its text.
    if (masks && (masks[row] & bit) === 0) continue
    if (opts.excludeAuthors?.[ds.author[row]]) continue
    const text = ds.text.get(row)
    for (const m of matchThemes(text, themes)) {
      if (opts.theme !== undefined && opts.theme !== null && m.theme !== opts.theme) continue
      if (!m.spans.length) continue
      // One line per match: from the first to the last highlighted word of its first place.
      const cluster = firstCluster(m.spans)
      const start = cluster[0][0]
      const end = Math.max(...cluster.map((s) => s[1]))
      const first = cluster[0]
      const last = cluster.reduce((a, b) => (b[1] > a[1] ? b : a))
      out.push({
        row,
        theme: m.theme,
        left: (start > width ? '…' : '') + oneLine(text.slice(Math.max(0, start - width), start)),
        match:
          end - start > MAX_MATCH ? `${oneLine(text.slice(first[0], first[1]))} … ${oneLine(text.slice(last[0], last[1]))}` : oneLine(text.slice(start, end)),
        right: oneLine(text.slice(end, end + width)) + (end + width < text.length ? '…' : ''),
      })
      if (out.length >= limit) break
    }
  }
  return out
}
