/**
 * Picker suggestions: the whole list searched as the reader types (a datalist of 80,000 authors
 * would stall the page, so only the best `limit` matches are offered). Exact matches first, then
 * names that start with the query, then names that contain it; each group in list order.
 */
export function suggest(list: readonly string[], query: string, limit: number): string[] {
  const q = query.trim().toLowerCase()
  if (!q) return list.slice(0, limit)
  const exact: string[] = []
  const prefix: string[] = []
  const inner: string[] = []
  for (const item of list) {
    const s = item.toLowerCase()
    if (s === q) exact.push(item)
    else if (s.startsWith(q)) prefix.push(item)
    else if (inner.length < limit && s.includes(q)) inner.push(item)
  }
  return [...exact, ...prefix, ...inner].slice(0, limit)
}
