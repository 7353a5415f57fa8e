import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DatasetBuilder } from '@/model/dataset'
import { NO_DAY, dayFromYmd, isDayInRange } from '@/model/dates'
import { runQuery } from '@/query/engine'
import { daySlots } from '@/query/prepare'
import { prepareComputed } from '@/query/computeIndexes'
import { chooseGranularity, nextPeriod, periodCount, periodEnd, periodStart } from '@/query/periods'
import { fixedThemes } from '../fixedThemes'
import { type QueryView, unfilteredView } from '@/model/view'

const base: QueryView = unfilteredView()
const themes = fixedThemes()
const TEXTS = ['希望出一期加餐', '思考题答案在哪', '求 PDF', '打卡', '源码在哪里可以看到？']

/** The dates chart the slow, obvious way: every dated row into the period that holds it. */
function naivePeriods(days: number[]) {
  const dated = days.filter((d) => d !== NO_DAY)
  if (!dated.length) return []
  const first = Math.min(...dated)
  const last = Math.max(...dated)
  const g = chooseGranularity(first, last)
  const out: { start: number; count: number }[] = []
  for (let s = periodStart(first, g); s <= last; s = nextPeriod(s, g)) out.push({ start: s, count: dated.filter((d) => d >= s && d <= periodEnd(s, g)).length })
  return out
}

describe('per-day counting in the engine', () => {
  const day = fc.oneof(
    fc.integer({ min: dayFromYmd(2021, 1, 1), max: dayFromYmd(2021, 1, 20) }),
    fc.integer({ min: dayFromYmd(2020, 1, 1), max: dayFromYmd(2023, 12, 31) }),
    // The first and last accepted days: the engine must switch from day offsets to ranks, with the same bins.
    fc.constantFrom(dayFromYmd(1970, 1, 1), dayFromYmd(2200, 12, 31)),
    // Days out of 1970–2200: the builder keeps them as unknown.
    fc.constantFrom(dayFromYmd(1, 1, 1), dayFromYmd(1900, 6, 1), dayFromYmd(2999, 12, 31)),
    fc.constant(NO_DAY),
  )

  it('bins rows into the same periods and theme trends as counting row by row', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(day, fc.nat(TEXTS.length - 1)), { minLength: 1, maxLength: 40 }), (rows) => {
        const b = new DatasetBuilder()
        for (const [d, t] of rows) b.add({ author: 'a', avatar: '', likes: 0, replies: 0, day: d, time: -1, text: TEXTS[t], reply: '', lesson: 'L' }, 'f', 'L')
        const ds = b.finish()
        const r = runQuery(prepareComputed(ds, themes), base)
        expect(r.dates.periods.map((p) => ({ start: p.start, count: p.count }))).toEqual(naivePeriods(Array.from(ds.day)))
        expect(r.dates.undated).toBe(rows.filter(([d]) => !isDayInRange(d)).length)
        // Trend: per theme and period, the rows of that theme dated in that period.
        const p = prepareComputed(ds, themes)
        const ps = r.dates.periods
        const want = r.trend.counts.map((c) => c.map(() => 0))
        for (let i = 0; i < ds.n; i++) {
          const k = ps.findIndex((period) => ds.day[i] !== NO_DAY && ds.day[i] >= period.start && ds.day[i] <= period.end)
          if (k >= 0) for (let t = 0; t < want.length; t++) if (p.themeMask[i] & (1 << t)) want[t][k]++
        }
        expect(r.trend.counts).toEqual(want)
      }),
      { numRuns: 200 },
    )
  })

  it('a span of millennia (a dataset stored before the range checks) gives only the periods with comments, at once', () => {
    const b = new DatasetBuilder()
    for (const text of TEXTS.slice(0, 4))
      b.add({ author: 'a', avatar: '', likes: 0, replies: 0, day: dayFromYmd(2021, 3, 1), time: -1, text, reply: '', lesson: 'L' }, 'f', 'L')
    const ds = b.finish()
    // Written past the builder, as the probe's dataset file once got stored: days 0 and 100,000,000.
    ds.day.set([0, 100_000_000, 5, NO_DAY])
    const t0 = performance.now()
    const r = runQuery(prepareComputed(ds, themes), base)
    expect(performance.now() - t0).toBeLessThan(500)
    expect(r.dates.granularity).toBe('month')
    expect(r.dates.periods).toEqual([
      { label: '1970-01', start: 0, end: 30, count: 2, cumulative: 2 },
      { label: '275760-09', start: 99_999_988, end: 100_000_017, count: 1, cumulative: 3 },
    ])
    expect(r.dates.undated).toBe(1)
  })

  it('counts the periods of a span without walking it', () => {
    expect(periodCount(dayFromYmd(2021, 3, 22), dayFromYmd(2021, 3, 22), 'day')).toBe(1)
    expect(periodCount(dayFromYmd(2021, 3, 22), dayFromYmd(2021, 3, 29), 'week')).toBe(2)
    expect(periodCount(dayFromYmd(2021, 1, 31), dayFromYmd(2022, 2, 1), 'month')).toBe(14)
    expect(periodCount(0, 100_000_000, 'month')).toBe(3_285_489)
  })

  it('uses day offsets for a normal span and ranks for a span of centuries', () => {
    expect(daySlots(Int32Array.from([100, 105, NO_DAY]))).toEqual({ span: 6, min: 100, rank: null, values: null })
    const wide = daySlots(Int32Array.from([dayFromYmd(1, 1, 1), NO_DAY, dayFromYmd(2021, 3, 1), dayFromYmd(1, 1, 1)]))
    expect(wide.span).toBe(2)
    expect(Array.from(wide.rank!)).toEqual([0, -1, 1, 0])
  })
})
