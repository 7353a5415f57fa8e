/** Excerpts of data strings for chart labels and tooltips (set as text, never as HTML: see tooltip.ts). */

/**
 * About `n` characters on one line around [start, end) — the words that made a match — so that an
 * example shows what was asked, not the greeting before it. Ellipses mark what was cut.
 */
export function excerptAround(s: string, start: number, end: number, n = 80): string {
  if (s.length <= n || start < 0) return excerpt(s, n)
  const span = Math.min(end, start + n) - start
  const before = Math.max(0, Math.floor((n - span) / 3))
  const from = Math.max(0, Math.min(start - before, s.length - n))
  const to = Math.min(s.length, from + n)
  const body = s.slice(from, to).replace(/\s+/g, ' ').trim()
  return (from > 0 ? '…' : '') + body + (to < s.length ? '…' : '')
}

/** First `n` characters on one line, for labels and tooltips. */
export function excerpt(s: string, n = 40): string {
  // Only the start can show: a 50 MB comment is not collapsed whole for a tooltip.
  const cut = s.length > n * 8
  const one = (cut ? s.slice(0, n * 8) : s).replace(/\s+/g, ' ').trim()
  return one.length > n || cut ? one.slice(0, n - 1) + '…' : one
}
