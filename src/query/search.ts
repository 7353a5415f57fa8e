/**
 * Search syntax: words must all match (case-insensitive), "a quoted phrase" matches as written,
 * -word excludes. Matched over comment text, author name and lesson title.
 */
export interface SearchQuery {
  include: string[]
  exclude: string[]
}

export function parseSearch(q: string): SearchQuery {
  const include: string[] = []
  const exclude: string[] = []
  const re = /(-?)"([^"]*)"|(-?)(\S+)/g
  for (let m = re.exec(q); m; m = re.exec(q)) {
    const neg = (m[1] ?? m[3]) === '-'
    const term = (m[2] ?? m[4] ?? '').toLowerCase().trim()
    if (!term || term === '-') continue
    ;(neg ? exclude : include).push(term)
  }
  return { include, exclude }
}

export function isEmptySearch(s: SearchQuery): boolean {
  return s.include.length === 0 && s.exclude.length === 0
}

export function matchesSearch(haystackLower: string, s: SearchQuery): boolean {
  for (const t of s.include) if (!haystackLower.includes(t)) return false
  for (const t of s.exclude) if (haystackLower.includes(t)) return false
  return true
}

/** Spans [start, end) of every included term in `text`, for highlighting (non-overlapping, sorted). */
export function searchSpans(text: string, s: SearchQuery): [number, number][] {
  if (s.include.length === 0) return []
  const lower = text.toLowerCase()
  const spans: [number, number][] = []
  for (const t of s.include) {
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + t.length)) spans.push([i, i + t.length])
  }
  return mergeSpans(spans)
}

export function mergeSpans(spans: [number, number][]): [number, number][] {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const out: [number, number][] = []
  for (const sp of spans) {
    const last = out[out.length - 1]
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1])
    else out.push([sp[0], sp[1]])
  }
  return out
}
