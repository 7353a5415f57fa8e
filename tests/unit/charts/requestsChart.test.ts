// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { LIGHT_PALETTE as P } from '@/charts/palette'
import { buildRequestsOption, buildRequestsTable } from '@/charts/requestsChart'
import type { ThemeRow } from '@/query/engine'
import { colours, context, gridsOf, seriesOf, tipLines, tipTags, tooltipFor, XSS, xAxesOf, yAxesOf } from './helpers'

const rows: ThemeRow[] = [
  { id: 'bonus', index: 0, comments: 5, authors: 2, likes: 10 },
  { id: 'answers', index: 1, comments: 3, authors: 3, likes: 40 },
  { id: 'pdf', index: 2, comments: 5, authors: 4, likes: 0 },
  { id: 'errata', index: 3, comments: 1, authors: 1, likes: 40 },
  { id: 'aaa', index: 4, comments: 0, authors: 0, likes: 0 },
]
const names = ['加餐与番外', XSS, 'PDF', '勘误', 'Empty']
const ctx = context()
const ids = (rank: 'comments' | 'authors' | 'likes') => seriesOf(buildRequestsOption(rows, names, ctx, rank, []))[0].data.map((x: { id: string }) => x.id)

describe('requests chart option', () => {
  const o = buildRequestsOption(rows, names, ctx, 'comments', ['pdf'])

  it('has the common settings', () => {
    expect(o).toMatchObject({ backgroundColor: 'transparent', animation: true })
    // No aria option: the Aria component is not registered (the frame is the accessible chart).
    expect(o).not.toHaveProperty('aria')
    expect(o).not.toHaveProperty('title')
    expect(o).not.toHaveProperty('graphic')
    expect(gridsOf(o)[0]).toMatchObject({ outerBoundsMode: 'same', outerBoundsContain: 'all' })
  })

  it('ranks themes by comments, ties by id', () => {
    expect(ids('comments')).toEqual(['bonus', 'pdf', 'answers', 'errata', 'aaa'])
  })

  it('ranks themes by authors', () => {
    expect(ids('authors')).toEqual(['pdf', 'answers', 'bonus', 'errata', 'aaa'])
  })

  it('ranks themes by likes, ties by comments', () => {
    expect(ids('likes')).toEqual(['answers', 'errata', 'bonus', 'pdf', 'aaa'])
  })

  it('draws horizontal bars of the rank measure, with theme ids and names, highest on top', () => {
    const [s] = seriesOf(o)
    expect(seriesOf(o).map((x) => x.id)).toEqual(['themes'])
    expect(s.data.map(({ value, id }: { value: number; id: string }) => ({ value, id }))).toEqual([
      { value: 5, id: 'bonus' },
      { value: 5, id: 'pdf' },
      { value: 3, id: 'answers' },
      { value: 1, id: 'errata' },
      { value: 0, id: 'aaa' },
    ])
    expect(yAxesOf(o)[0]).toMatchObject({ type: 'category', inverse: true, data: ['加餐与番外', 'PDF', XSS, '勘误', 'Empty'] })
    expect(xAxesOf(o)[0]).toMatchObject({ type: 'value', name: 'Comments' })
    const likes = buildRequestsOption(rows, names, ctx, 'likes', [])
    expect(seriesOf(likes)[0].data.map((x: { value: number }) => x.value)).toEqual([40, 40, 10, 0, 0])
    expect(xAxesOf(likes)[0].name).toBe('Likes')
  })

  it('colours the selected themes', () => {
    expect(colours(seriesOf(o)[0])).toEqual([P.accent, P.selected, P.accent, P.accent, P.accent])
    const two = buildRequestsOption(rows, names, ctx, 'comments', ['aaa', 'bonus', 'gone'])
    expect(colours(seriesOf(two)[0])).toEqual([P.selected, P.accent, P.accent, P.accent, P.selected])
  })

  it('shows all three measures in the tooltip and escapes the theme name', () => {
    // Ranked by comments, 'answers' (named XSS) is third.
    const tip = tooltipFor(o, [{ seriesId: 'themes', dataIndex: 2 }])
    expect(tipLines(tip).slice(0, 4)).toEqual([XSS, 'Comments: 3', 'Authors: 3', 'Likes: 40'])
    expect(tipTags(tip)).toEqual(['b', 'div'])
  })

  it('falls back to the theme id when a name is missing', () => {
    const y = yAxesOf(buildRequestsOption(rows, ['Only one'], ctx, 'comments', []))[0]
    expect(y.data).toEqual(['Only one', 'pdf', 'answers', 'errata', 'aaa'])
  })

  it('builds an empty series for no themes', () => {
    const e = buildRequestsOption([], [], ctx, 'authors', [])
    expect(seriesOf(e)[0].data).toEqual([])
    expect(yAxesOf(e)[0].data).toEqual([])
  })

  it('gives the table alternative, sorted like the chart', () => {
    expect(buildRequestsTable(rows, names, ctx, 'authors')).toEqual({
      caption: 'Request',
      head: ['Request', 'Comments', 'Authors', 'Likes'],
      rows: [
        ['PDF', 5, 4, 0],
        [XSS, 3, 3, 40],
        ['加餐与番外', 5, 2, 10],
        ['勘误', 1, 1, 40],
        ['Empty', 0, 0, 0],
      ],
    })
  })
})
