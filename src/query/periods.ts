/**
 * Time periods for the dates chart: day, ISO week or month, chosen from the span so that the
 * chart keeps a readable number of bars, with ISO labels (`2021-03-22`, `2021-W12`, `2021-03`).
 */
import { dayFromYmd, formatDay, ymdFromDay } from '@/model/dates'

export type Granularity = 'day' | 'week' | 'month'

export function chooseGranularity(firstDay: number, lastDay: number): Granularity {
  const span = lastDay - firstDay + 1
  if (span <= 62) return 'day'
  if (span <= 366) return 'week'
  return 'month'
}

/** Day number of the Monday starting the ISO week of `day` (1970-01-01 was a Thursday). */
export function weekStart(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7 // 0 = Monday
  return day - weekday
}

export function monthStart(day: number): number {
  const { y, m } = ymdFromDay(day)
  return dayFromYmd(y, m, 1)
}

export function periodStart(day: number, g: Granularity): number {
  return g === 'day' ? day : g === 'week' ? weekStart(day) : monthStart(day)
}

export function nextPeriod(start: number, g: Granularity): number {
  if (g === 'day') return start + 1
  if (g === 'week') return start + 7
  const { y, m } = ymdFromDay(start)
  return m === 12 ? dayFromYmd(y + 1, 1, 1) : dayFromYmd(y, m + 1, 1)
}

/**
 * How many periods of `g` run from the one holding `first` to the one holding `last`, by
 * arithmetic (no walk: a span of millennia costs nothing to measure).
 */
export function periodCount(first: number, last: number, g: Granularity): number {
  if (last < first) return 0
  if (g === 'day') return last - first + 1
  if (g === 'week') return (weekStart(last) - weekStart(first)) / 7 + 1
  const a = ymdFromDay(first)
  const b = ymdFromDay(last)
  return (b.y - a.y) * 12 + (b.m - a.m) + 1
}

/** Last day of the period starting at `start`. */
export function periodEnd(start: number, g: Granularity): number {
  return nextPeriod(start, g) - 1
}

export function isoWeekLabel(day: number): string {
  // The ISO week-numbering year is the year of the week's Thursday.
  const thursday = weekStart(day) + 3
  const { y } = ymdFromDay(thursday)
  const jan1 = dayFromYmd(y, 1, 1)
  const week = Math.floor((thursday - jan1) / 7) + 1
  return `${y}-W${String(week).padStart(2, '0')}`
}

export function periodLabel(start: number, g: Granularity): string {
  if (g === 'day') return formatDay(start)
  if (g === 'week') return isoWeekLabel(start)
  return formatDay(start).slice(0, -3) // YYYY-MM (any year)
}
