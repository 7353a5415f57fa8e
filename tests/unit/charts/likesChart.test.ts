// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { buildLikesOption, buildLikesTable, likesBucketRange } from '@/charts/likesChart'
import { LIGHT_PALETTE as P } from '@/charts/palette'
import { excerpt } from '@/charts/excerpt'
import type { QueryResult } from '@/query/engine'
import { colours, context, expectTwoPanels, gridsOf, seriesOf, tinyDataset, tipLines, tipTags, tooltipFor, XSS, xAxesOf, yAxesOf } from './helpers'

const ds = tinyDataset()
const agg: QueryResult['likes'] = {
  labels: ['0', '1', '2–4', '5–9', '10–49', '50–99', '100–499'],
  counts: [1, 0, 1, 0, 1, 0, 1],
  top: [3, 0, 1, 2],
}
const ctx = context()

describe('likes chart option', () => {
  const o = buildLikesOption(agg, ds, ctx, null)

  it('has the common settings: transparent, no aria option, animated when small, no title, no graphic', () => {
    expect(o.backgroundColor).toBe('transparent')
    expect(o).not.toHaveProperty('aria')
    expect(o.animation).toBe(true)
    expect(o).not.toHaveProperty('title')
    expect(o).not.toHaveProperty('graphic')
    for (const g of gridsOf(o)) expect(g).toMatchObject({ outerBoundsMode: 'same', outerBoundsContain: 'all' })
  })

  it('draws comments per bucket on a category axis and the most liked comments beside', () => {
    const [buckets, top] = seriesOf(o)
    expect(seriesOf(o).map((s) => s.id)).toEqual(['buckets', 'top'])
    expect(buckets).toMatchObject({ type: 'bar', xAxisIndex: 0, yAxisIndex: 0, name: 'Comments' })
    expect(xAxesOf(o)[0]).toMatchObject({ type: 'category', gridIndex: 0, data: agg.labels, name: 'Likes' })
    expect(yAxesOf(o)[0]).toMatchObject({ type: 'value', gridIndex: 0, name: 'Comments' })
    expect(buckets.data.map((d: { value: number }) => d.value)).toEqual([1, 0, 1, 0, 1, 0, 1])

    expect(top).toMatchObject({ type: 'bar', xAxisIndex: 1, yAxisIndex: 1, name: 'Most liked' })
    expect(top.data).toEqual([
      { value: 120, row: 3 },
      { value: 12, row: 0 },
      { value: 3, row: 1 },
      { value: 0, row: 2 },
    ])
    expect(yAxesOf(o)[1]).toMatchObject({ type: 'category', gridIndex: 1, inverse: true })
    expect(yAxesOf(o)[1].data).toEqual([
      'carol: A very long comme…',
      'alice: 希望老师出一期加餐讲讲 Raft …',
      `${XSS}: ${excerpt(XSS, 18)}`,
      'bob: plain text line t…',
    ])
    expect(xAxesOf(o)[1]).toMatchObject({ type: 'value', gridIndex: 1 })
  })

  it('colours the selected bucket, or every bucket inside a wider range', () => {
    const a = P.accent
    const s = P.selected
    expect(colours(seriesOf(o)[0])).toEqual([a, a, a, a, a, a, a])
    expect(colours(seriesOf(buildLikesOption(agg, ds, ctx, { min: 2, max: 4 }))[0])).toEqual([a, a, s, a, a, a, a])
    expect(colours(seriesOf(buildLikesOption(agg, ds, ctx, { min: 10, max: null }))[0])).toEqual([a, a, a, a, s, s, s])
    expect(colours(seriesOf(buildLikesOption(agg, ds, ctx, { min: 3, max: 3 }))[0])).toEqual([a, a, a, a, a, a, a])
    expect(colours(seriesOf(buildLikesOption(agg, ds, ctx, { min: null, max: null }))[0])).toEqual([a, a, a, a, a, a, a])
  })

  it('maps a bar to its filter range (the open top bucket has no max)', () => {
    expect(likesBucketRange(2)).toEqual({ min: 2, max: 4 })
    expect(likesBucketRange(0)).toEqual({ min: 0, max: 0 })
    expect(likesBucketRange(7)).toEqual({ min: 500, max: null })
  })

  it('puts the panels side by side when wide and stacks them when narrow', () => {
    // A half-width dashboard panel at 1440 px, and a phone.
    expectTwoPanels(o, 'side by side', 680, 320)
    const narrow = buildLikesOption(agg, ds, context(true), null)
    expectTwoPanels(narrow, 'stacked', 358, 420)
    // Comment labels are cut by pixel width too: CJK text is twice as wide as Latin.
    expect(yAxesOf(o)[1].axisLabel).toMatchObject({ width: 190, overflow: 'truncate' })
    expect(yAxesOf(narrow)[1].axisLabel).toMatchObject({ width: 130, overflow: 'truncate' })
    // Seven buckets up to "100–499" run into each other in the half-width panel, and on a phone:
    // they are turned. Five short ones (up to "10–49") fit side by side on a wide screen.
    expect(xAxesOf(narrow)[0].axisLabel).toMatchObject({ rotate: 40, interval: 0 })
    expect(xAxesOf(o)[0].axisLabel).toMatchObject({ rotate: 40, interval: 0 })
    const few = { labels: agg.labels.slice(0, 5), counts: agg.counts.slice(0, 5), top: agg.top }
    expect(xAxesOf(buildLikesOption(few, ds, ctx, null))[0].axisLabel).not.toHaveProperty('rotate')
    expect(xAxesOf(buildLikesOption(few, ds, context(true), null))[0].axisLabel).toMatchObject({ rotate: 40 })
  })

  it('escapes the author and text of a comment in the tooltip', () => {
    const tip = tooltipFor(o, { seriesId: 'top', seriesIndex: 1, dataIndex: 2, data: { value: 3, row: 1 } })
    expect(tipLines(tip)).toEqual([XSS, 'Likes: 3', 'Replies: 0', XSS])
    expect(tipTags(tip)).toEqual(['b', 'div'])
  })

  it('shows a bucket and its count in the tooltip', () => {
    const tip = tooltipFor(o, { seriesId: 'buckets', seriesIndex: 0, dataIndex: 2, data: { value: 1 } })
    expect(tipLines(tip)).toEqual(['Likes 2–4', 'Comments: 1'])
  })

  it('formats axis labels as plain one-line excerpts', () => {
    const f = yAxesOf(o)[1].axisLabel.formatter as (v: string) => string
    expect(f(`${XSS}\n${XSS}`)).toBe(excerpt(`${XSS} ${XSS}`, 26))
  })

  it('falls back to the label key when a translation is missing', () => {
    const x = buildLikesOption(agg, ds, context(false, {}), null)
    expect(seriesOf(x).map((s) => s.name)).toEqual(['comments', 'topLiked'])
  })

  it('builds empty series for an empty aggregate', () => {
    const e = buildLikesOption({ labels: [], counts: [], top: [] }, ds, ctx, null)
    expect(seriesOf(e).map((s) => s.data)).toEqual([[], []])
    expect(e).not.toHaveProperty('graphic')
  })

  it('turns animation off past 1,000 data items', () => {
    const many = { labels: agg.labels, counts: new Array(1000).fill(1), top: [0] }
    expect(buildLikesOption(many, ds, ctx, null).animation).toBe(false)
  })

  it('gives the table alternative', () => {
    expect(buildLikesTable(agg, ctx)).toEqual({
      caption: 'Likes',
      head: ['Range', 'Comments'],
      rows: [
        ['0', 1],
        ['1', 0],
        ['2–4', 1],
        ['5–9', 0],
        ['10–49', 1],
        ['50–99', 0],
        ['100–499', 1],
      ],
    })
  })
})
