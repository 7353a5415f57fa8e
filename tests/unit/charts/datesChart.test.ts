// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { buildDatesOption, buildDatesTable, periodRangeToDates, selectedPeriodRange } from '@/charts/datesChart'
import { LIGHT_PALETTE as P } from '@/charts/palette'
import { dayFromYmd } from '@/model/dates'
import type { QueryResult } from '@/query/engine'
import { colours, context, gridsOf, seriesOf, tipLines, tipTags, tooltipFor, XSS, xAxesOf, yAxesOf, zoomsOf } from './helpers'

const d = dayFromYmd
const agg: QueryResult['dates'] = {
  granularity: 'month',
  periods: [
    { label: '2021-03', start: d(2021, 3, 1), end: d(2021, 3, 31), count: 2, cumulative: 2 },
    { label: '2021-04', start: d(2021, 4, 1), end: d(2021, 4, 30), count: 0, cumulative: 2 },
    { label: '2021-05', start: d(2021, 5, 1), end: d(2021, 5, 31), count: 1, cumulative: 3 },
    { label: '2021-06', start: d(2021, 6, 1), end: d(2021, 6, 30), count: 3, cumulative: 6 },
  ],
  undated: 1,
}
const ctx = context()
const none = { from: null, to: null }
const zoomOf = (from: string | null, to: string | null) => zoomsOf(buildDatesOption(agg, ctx, { from, to })).map((z) => [z.type, z.startValue, z.endValue])

describe('dates chart option', () => {
  const o = buildDatesOption(agg, ctx, none)

  it('has the common settings', () => {
    expect(o).toMatchObject({ backgroundColor: 'transparent', animation: true })
    // No aria option: the Aria component is not registered (the frame is the accessible chart).
    expect(o).not.toHaveProperty('aria')
    expect(o).not.toHaveProperty('title')
    expect(gridsOf(o)[0]).toMatchObject({ outerBoundsMode: 'same', outerBoundsContain: 'all' })
  })

  it('draws comments per period and the cumulative count on a second axis', () => {
    const [bars, line] = seriesOf(o)
    expect(seriesOf(o).map((s) => s.id)).toEqual(['periods', 'cumulative'])
    expect(xAxesOf(o)[0]).toMatchObject({ type: 'category', data: ['2021-03', '2021-04', '2021-05', '2021-06'] })
    expect(bars).toMatchObject({ type: 'bar', yAxisIndex: 0, name: 'Comments' })
    expect(bars.data.map((x: { value: number }) => x.value)).toEqual([2, 0, 1, 3])
    expect(line).toMatchObject({ type: 'line', yAxisIndex: 1, smooth: false, showSymbol: false, symbol: 'none', color: P.line })
    expect(line.data).toEqual([2, 2, 3, 6])
    expect(yAxesOf(o).map((y) => y.name)).toEqual(['Comments', 'Cumulative'])
  })

  it('shows the whole range in the zoom and every bar in accent when nothing is selected', () => {
    expect(zoomOf(null, null)).toEqual([
      ['inside', 0, 3],
      ['slider', 0, 3],
    ])
    expect(zoomsOf(o).every((z) => z.xAxisIndex === 0)).toBe(true)
    expect(colours(seriesOf(o)[0])).toEqual([P.accent, P.accent, P.accent, P.accent])
  })

  it('zooms to the periods a from/to selection touches and dims the others', () => {
    expect(zoomOf('2021-04-15', '2021-05-10')).toEqual([
      ['inside', 1, 2],
      ['slider', 1, 2],
    ])
    const s = buildDatesOption(agg, ctx, { from: '2021-04-15', to: '2021-05-10' })
    expect(colours(seriesOf(s)[0])).toEqual([P.accentSoft, P.accent, P.accent, P.accentSoft])
    expect(zoomOf('2021-05-01', null)[0]).toEqual(['inside', 2, 3])
    expect(zoomOf(null, '2021-03-31')[0]).toEqual(['inside', 0, 0])
    // Period boundaries: a `to` on the first day of a period includes it.
    expect(zoomOf('2021-03-31', '2021-06-01')[0]).toEqual(['inside', 0, 3])
  })

  it('clamps a selection beyond the data to the nearest period and ignores invalid dates', () => {
    expect(zoomOf(null, '2020-01-01')[0]).toEqual(['inside', 0, 0])
    expect(zoomOf('2030-01-01', null)[0]).toEqual(['inside', 3, 3])
    expect(zoomOf('not a date', '2021-13-01')[0]).toEqual(['inside', 0, 3])
    expect(colours(seriesOf(buildDatesOption(agg, ctx, { from: 'nope', to: null }))[0])).toEqual([P.accent, P.accent, P.accent, P.accent])
    expect(selectedPeriodRange({ granularity: 'day', periods: [], undated: 0 }, none)).toBeNull()
  })

  it('turns period indices into an ISO date filter', () => {
    expect(periodRangeToDates(agg, 1, 2)).toEqual({ from: '2021-04-01', to: '2021-05-31' })
    expect(periodRangeToDates(agg, 2, 1)).toEqual({ from: '2021-04-01', to: '2021-05-31' })
    expect(periodRangeToDates(agg, 3, 3)).toEqual({ from: '2021-06-01', to: '2021-06-30' })
    expect(periodRangeToDates(agg, -5, 99)).toEqual({ from: '2021-03-01', to: '2021-06-30' })
    expect(periodRangeToDates({ granularity: 'month', periods: [], undated: 0 }, 0, 0)).toEqual({ from: '', to: '' })
  })

  it('round-trips: the dates of a zoom select the same zoom', () => {
    const sel = periodRangeToDates(agg, 1, 2)
    expect(selectedPeriodRange(agg, sel)).toEqual([1, 2])
  })

  it('shows the period, its count and the cumulative count in the tooltip, escaped', () => {
    expect(
      tipLines(
        tooltipFor(o, [
          { seriesId: 'periods', dataIndex: 1 },
          { seriesId: 'cumulative', dataIndex: 1 },
        ]),
      ).slice(0, 3),
    ).toEqual(['2021-04', 'Comments: 0', 'Cumulative: 2'])
    const hostile = { ...agg, periods: agg.periods.map((p) => ({ ...p, label: XSS })) }
    const tip = tooltipFor(buildDatesOption(hostile, ctx, none), [{ seriesId: 'periods', dataIndex: 0 }])
    expect(tipLines(tip)[0]).toBe(XSS)
    expect(tipTags(tip)).toEqual(['b', 'div'])
  })

  it('builds empty series and a full-range zoom for an empty aggregate', () => {
    const e = buildDatesOption({ granularity: 'month', periods: [], undated: 3 }, ctx, { from: '2021-01-01', to: null })
    expect(seriesOf(e).map((s) => s.data)).toEqual([[], []])
    expect(zoomsOf(e).map((z) => [z.start, z.end, z.startValue])).toEqual([
      [0, 100, undefined],
      [0, 100, undefined],
    ])
    expect(e).not.toHaveProperty('graphic')
  })

  it('turns animation off past 1,000 data items', () => {
    const long = { ...agg, periods: Array.from({ length: 501 }, (_, i) => ({ ...agg.periods[0], label: String(i) })) }
    expect(buildDatesOption(long, ctx, none).animation).toBe(false)
    expect(buildDatesOption({ ...long, periods: long.periods.slice(0, 500) }, ctx, none).animation).toBe(true)
  })

  it('draws thousands of periods in large mode with a sampled line, and a few with per-bar colours', () => {
    const many = { ...agg, periods: Array.from({ length: 2001 }, (_, i) => ({ ...agg.periods[0], label: String(i), count: i % 3 })) }
    const [bars, line] = seriesOf(buildDatesOption(many, ctx, none))
    expect(bars).toMatchObject({ large: true, largeThreshold: 2000 })
    expect((bars.data as number[]).slice(0, 4)).toEqual([0, 1, 2, 0])
    expect(line).toMatchObject({ sampling: 'lttb' })
    const [few, fewLine] = seriesOf(buildDatesOption(agg, ctx, none))
    expect(few).not.toHaveProperty('large')
    expect(fewLine).not.toHaveProperty('sampling')
    expect((few.data as { value: number }[]).map((x) => x.value)).toEqual([2, 0, 1, 3])
  })

  it('gives the table alternative', () => {
    expect(buildDatesTable(agg, ctx)).toEqual({
      caption: 'Period',
      head: ['Period', 'Comments', 'Cumulative'],
      rows: [
        ['2021-03', 2, 2],
        ['2021-04', 0, 2],
        ['2021-05', 1, 3],
        ['2021-06', 3, 6],
      ],
    })
  })
})
