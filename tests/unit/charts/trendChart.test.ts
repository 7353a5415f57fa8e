// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { buildTrendOption, buildTrendTable, trendThemes } from '@/charts/trendChart'
import { LIGHT_PALETTE } from '@/charts/palette'
import type { BuildContext } from '@/charts/types'
import { tipLines, tooltipFor } from './helpers'

const ctx: BuildContext = { palette: LIGHT_PALETTE, labels: { comments: 'Comments', period: 'Period' }, narrow: false, locale: 'en' }
const trend = {
  labels: ['2021-03', '2021-04', '2021-05'],
  counts: [
    [4, 0, 1],
    [0, 0, 0],
    [1, 2, 0],
  ],
}
const names = ['Bonus <b>', 'Answers', 'Materials']

describe('request trend chart', () => {
  it('shows themes with requests, most-asked first', () => {
    expect(trendThemes(trend)).toEqual([0, 2])
    const o = buildTrendOption(trend, names, ctx)
    const series = o.series as { id: string; name: string; data: number[] }[]
    expect(series.map((s) => [s.id, s.name, s.data])).toEqual([
      ['trend-0', 'Bonus <b>', [4, 0, 1]],
      ['trend-2', 'Materials', [1, 2, 0]],
    ])
  })

  it('escapes theme names in the tooltip', () => {
    const o = buildTrendOption(trend, names, ctx)
    const tip = tooltipFor(o, [{ dataIndex: 0, seriesName: 'Bonus <b>', value: 4 }])
    expect(tipLines(tip)).toEqual([trend.labels[0], 'Bonus <b>: 4'])
    expect(tip.querySelectorAll('b')).toHaveLength(2)
  })

  it('tables periods against themes', () => {
    expect(buildTrendTable(trend, names, ctx)).toEqual({
      caption: 'Period',
      head: ['Period', 'Bonus <b>', 'Materials'],
      rows: [
        ['2021-03', 4, 1],
        ['2021-04', 0, 2],
        ['2021-05', 1, 0],
      ],
    })
  })
})
