// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { LIGHT_PALETTE as P } from '@/charts/palette'
import { buildRepliesOption, buildRepliesTable, repliesBucketRange } from '@/charts/repliesChart'
import type { QueryResult } from '@/query/engine'
import { colours, context, expectTwoPanels, seriesOf, tinyDataset, tipLines, tipTags, tooltipFor, XSS, xAxesOf, yAxesOf } from './helpers'

const ds = tinyDataset()
const agg: QueryResult['replies'] = {
  labels: ['0', '1', '2', '3–5', '6–10', '11+'],
  counts: [1, 1, 0, 1, 0, 1],
  points: [
    [12, 1, 0],
    [3, 0, 1],
    [0, 4, 2],
    [120, 12, 3],
  ],
}
const ctx = context()
const manyPoints = (n: number): QueryResult['replies'] => ({
  ...agg,
  points: Array.from({ length: n }, (_, i): [number, number, number] => [i % 7, i % 3, i % 4]),
})

describe('replies chart option', () => {
  const o = buildRepliesOption(agg, ds, ctx, null)

  it('has the common settings', () => {
    expect(o).toMatchObject({ backgroundColor: 'transparent', animation: true })
    // No aria option: the Aria component is not registered (the frame is the accessible chart).
    expect(o).not.toHaveProperty('aria')
    expect(o).not.toHaveProperty('title')
    expect(o).not.toHaveProperty('graphic')
  })

  it('draws comments per reply bucket and a likes/replies scatter', () => {
    const [buckets, points] = seriesOf(o)
    expect(seriesOf(o).map((s) => s.id)).toEqual(['buckets', 'points'])
    expect(xAxesOf(o)[0]).toMatchObject({ type: 'category', gridIndex: 0, data: agg.labels, name: 'Replies' })
    expect(buckets.data.map((d: { value: number }) => d.value)).toEqual([1, 1, 0, 1, 0, 1])
    expect(points).toMatchObject({ type: 'scatter', xAxisIndex: 1, yAxisIndex: 1, symbolSize: 6, name: 'Likes vs replies' })
    expect(points).not.toHaveProperty('large')
    expect(points.data).toEqual([
      { value: [12, 1], row: 0 },
      { value: [3, 0], row: 1 },
      { value: [0, 4], row: 2 },
      { value: [120, 12], row: 3 },
    ])
    expect(xAxesOf(o)[1]).toMatchObject({ type: 'value', gridIndex: 1, name: 'Likes' })
    expect(yAxesOf(o)[1]).toMatchObject({ type: 'value', gridIndex: 1, name: 'Replies' })
  })

  it('colours the selected reply bucket', () => {
    const a = P.accent
    const s = P.selected
    expect(colours(seriesOf(o)[0])).toEqual([a, a, a, a, a, a])
    expect(colours(seriesOf(buildRepliesOption(agg, ds, ctx, { min: 11, max: null }))[0])).toEqual([a, a, a, a, a, s])
    expect(colours(seriesOf(buildRepliesOption(agg, ds, ctx, { min: 3, max: 5 }))[0])).toEqual([a, a, a, s, a, a])
    expect(repliesBucketRange(3)).toEqual({ min: 3, max: 5 })
    expect(repliesBucketRange(5)).toEqual({ min: 11, max: null })
  })

  it('switches to large mode past 1,000 points and animation off past 1,000 items', () => {
    const big = seriesOf(buildRepliesOption(manyPoints(1001), ds, ctx, null))[1]
    expect(big).toMatchObject({ large: true, symbolSize: 3 })
    expect(seriesOf(buildRepliesOption(manyPoints(1000), ds, ctx, null))[1]).not.toHaveProperty('large')
    // 6 buckets + 994 points = 1,000 items: still animated; one more is not.
    expect(buildRepliesOption(manyPoints(994), ds, ctx, null).animation).toBe(true)
    expect(buildRepliesOption(manyPoints(995), ds, ctx, null).animation).toBe(false)
  })

  it('lays the panels out side by side or stacked', () => {
    // A half-width dashboard panel at 1440 px, and a phone.
    expectTwoPanels(o, 'side by side', 680, 320)
    expectTwoPanels(buildRepliesOption(agg, ds, context(true), null), 'stacked', 358, 420)
  })

  it('escapes the author and text of a point in the tooltip', () => {
    const tip = tooltipFor(o, { seriesId: 'points', seriesIndex: 1, dataIndex: 1, data: { value: [3, 0], row: 1 } })
    expect(tipLines(tip)).toEqual([XSS, 'Likes: 3', 'Replies: 0', XSS])
    expect(tipTags(tip)).toEqual(['b', 'div'])
  })

  it('builds empty series for an empty aggregate', () => {
    const e = buildRepliesOption({ labels: [], counts: [], points: [] }, ds, ctx, null)
    expect(seriesOf(e).map((s) => s.data)).toEqual([[], []])
  })

  it('gives the table alternative', () => {
    expect(buildRepliesTable(agg, ctx)).toEqual({
      caption: 'Replies',
      head: ['Range', 'Comments'],
      rows: [
        ['0', 1],
        ['1', 1],
        ['2', 0],
        ['3–5', 1],
        ['6–10', 0],
        ['11+', 1],
      ],
    })
  })
})
