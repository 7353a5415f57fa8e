/**
 * When may a query start from the previous one? If every filter of the new view is the same as,
 * or narrower than, the old one's, every row the old view ruled out of two or more dimensions is
 * still ruled out of them, so only the rows that failed at most one dimension (the "live" rows,
 * which feed the KPIs, the list and each chart's own marks) need looking at again. Drilling down
 * — a theme, then a likes range, then a word — gets cheaper at each step.
 */
import { parseIsoDay } from '@/model/dates'
import { parseSearch } from './search'
import { type NumRange, type QueryView, normalizeTitle } from '@/model/view'

/** The filters of two views are equal (they may differ in sort only). */
export function sameFilters(a: QueryView, b: QueryView): boolean {
  return filterKey(a) === filterKey(b)
}

export function filterKey(v: QueryView): string {
  return JSON.stringify([
    v.q,
    v.from,
    v.to,
    v.likes,
    v.replies,
    v.themes,
    v.authors,
    v.lessons,
    v.courses ?? [],
    v.questions,
    v.new ?? null,
    v.staff ?? [],
    !!v.includeStaff,
  ])
}

function rangeWithin(inner: NumRange | null, outer: NumRange | null): boolean {
  if (!outer) return true
  if (!inner) return false
  const loOk = outer.min === null || (inner.min !== null && inner.min >= outer.min)
  const hiOk = outer.max === null || (inner.max !== null && inner.max <= outer.max)
  return loOk && hiOk
}

/** An OR-filter over a set (themes, lessons, authors): none = everything; a subset is narrower. */
function setWithin(inner: string[], outer: string[], norm: (s: string) => string = (s) => s): boolean {
  if (outer.length === 0) return true
  if (inner.length === 0) return false
  const o = new Set(outer.map(norm))
  return inner.every((x) => o.has(norm(x)))
}

function dayBound(s: string | null): number | null {
  return s ? parseIsoDay(s) : null
}

/** Whether every row that fails a filter of `a` also fails the same filter of `b`. */
export function narrows(a: QueryView, b: QueryView): boolean {
  if (JSON.stringify([a.staff ?? [], !!a.includeStaff]) !== JSON.stringify([b.staff ?? [], !!b.includeStaff])) return false
  if (!rangeWithin(b.likes, a.likes) || !rangeWithin(b.replies, a.replies)) return false
  const [af, at, bf, bt] = [dayBound(a.from), dayBound(a.to), dayBound(b.from), dayBound(b.to)]
  if (af !== null && (bf === null || bf < af)) return false
  if (at !== null && (bt === null || bt > at)) return false
  if (!setWithin(b.themes, a.themes) || !setWithin(b.lessons, a.lessons, normalizeTitle) || !setWithin(b.authors, a.authors)) return false
  if (!setWithin(b.courses ?? [], a.courses ?? [], normalizeTitle)) return false
  if (a.questions === 'open' && b.questions !== 'open') return false
  if (a.questions === 'all' && b.questions === null) return false
  const an = a.new ?? null
  const bn = b.new ?? null
  if (an !== null && (bn === null || bn < an)) return false
  // Search: each old word still required (inside a new, perhaps longer, word); each old exclusion kept.
  const sa = parseSearch(a.q)
  const sb = parseSearch(b.q)
  if (!sa.include.every((t) => sb.include.some((u) => u.includes(t)))) return false
  if (!sa.exclude.every((t) => sb.exclude.includes(t))) return false
  return true
}
