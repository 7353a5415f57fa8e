/** Locale-aware formatting shared by components. Full digits: KPIs never abbreviate (no 1.2万). */
import { formatDay, NO_DAY } from '@/model/dates'

const numberFormats = new Map<string, Intl.NumberFormat>()

export function formatInt(n: number, locale: string): string {
  let f = numberFormats.get(locale)
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true })
    numberFormats.set(locale, f)
  }
  return f.format(n)
}

export function formatPercent(part: number, whole: number, locale: string): string {
  if (whole <= 0) return '–'
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(part / whole)
}

export function formatBytes(n: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let v = n
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`
}

/** `2021-03-22 – 2022-11-20` (ISO dates read the same in both languages). */
export function formatDaySpan(first: number, last: number): string {
  if (first === NO_DAY) return '–'
  return first === last ? formatDay(first) : `${formatDay(first)} – ${formatDay(last)}`
}
