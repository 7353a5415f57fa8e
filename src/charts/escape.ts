/**
 * ECharts renders tooltip formatter output as HTML. Everything that comes from data (comment
 * text, author names, lesson titles) goes through this before it reaches a formatter string.
 */
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' }

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => MAP[c])
}

/** First `n` characters on one line, for labels and tooltips. */
export function excerpt(s: string, n = 40): string {
  const one = s.replace(/\s+/g, ' ').trim()
  return one.length > n ? one.slice(0, n - 1) + '…' : one
}
