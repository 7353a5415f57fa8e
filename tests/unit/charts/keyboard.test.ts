import { describe, expect, it } from 'vitest'
import { clampPos, isNavKey, markData, markGroups, markText, nextMark, type MarkGroup } from '@/charts/keyboard'
import type { ChartOption } from '@/charts/types'

/** Like the likes chart: 4 buckets side by side, then 3 most-liked comments one under the other. */
const option = {
  xAxis: [
    { type: 'category', data: ['0', '1', '2–4', '≥ 5'] },
    { type: 'value', name: 'Likes' },
  ],
  yAxis: [
    { type: 'value', name: 'Comments' },
    { type: 'category', data: ['alice: 希望加餐', 'bob: 思考题', 'carol: 好文'] },
  ],
  series: [
    { id: 'buckets', type: 'bar', name: 'Comments', xAxisIndex: 0, yAxisIndex: 0, data: [{ value: 6 }, { value: 5 }, { value: 5 }, { value: 4 }] },
    { id: 'line', type: 'line', data: [1, 2] },
    {
      id: 'top',
      type: 'bar',
      name: 'Most liked',
      xAxisIndex: 1,
      yAxisIndex: 1,
      data: [
        { value: 12, row: 7 },
        { value: 9, row: 3 },
        { value: 8, row: 0 },
      ],
    },
  ],
} as unknown as ChartOption

const groups = markGroups(option, [
  { seriesId: 'buckets', axis: 'x' },
  { seriesId: 'top', axis: 'y' },
])

describe('markGroups', () => {
  it('finds each series by id with its index and mark count, dropping missing ones', () => {
    expect(groups).toEqual([
      { seriesId: 'buckets', axis: 'x', seriesIndex: 0, count: 4 },
      { seriesId: 'top', axis: 'y', seriesIndex: 2, count: 3 },
    ])
    expect(markGroups(option, [{ seriesId: 'gone', axis: 'x' }])).toEqual([])
  })
  it('without specs takes the first series along x', () => {
    expect(markGroups(option, undefined)).toEqual([{ seriesId: 'buckets', axis: 'x', seriesIndex: 0, count: 4 }])
    expect(markGroups(null, undefined)).toEqual([])
  })
})

describe('nextMark', () => {
  it('the first key shows the first mark; End the last mark of the last group', () => {
    expect(nextMark(groups, null, 'ArrowRight')).toEqual({ g: 0, i: 0 })
    expect(nextMark(groups, null, 'ArrowDown')).toEqual({ g: 0, i: 0 })
    expect(nextMark(groups, null, 'End')).toEqual({ g: 1, i: 2 })
  })
  it('left and right step along a row of bars and stop at its ends', () => {
    expect(nextMark(groups, { g: 0, i: 1 }, 'ArrowRight')).toEqual({ g: 0, i: 2 })
    expect(nextMark(groups, { g: 0, i: 3 }, 'ArrowRight')).toEqual({ g: 0, i: 3 })
    expect(nextMark(groups, { g: 0, i: 1 }, 'ArrowLeft')).toEqual({ g: 0, i: 0 })
    expect(nextMark(groups, { g: 0, i: 0 }, 'ArrowLeft')).toEqual({ g: 0, i: 0 })
    expect(nextMark(groups, { g: 0, i: 2 }, 'Home')).toEqual({ g: 0, i: 0 })
    expect(nextMark(groups, { g: 0, i: 0 }, 'End')).toEqual({ g: 0, i: 3 })
  })
  it('down from a row of bars goes to the next group, at the same index where it has one', () => {
    expect(nextMark(groups, { g: 0, i: 1 }, 'ArrowDown')).toEqual({ g: 1, i: 1 })
    expect(nextMark(groups, { g: 0, i: 3 }, 'ArrowDown')).toEqual({ g: 1, i: 2 })
    expect(nextMark(groups, { g: 0, i: 3 }, 'PageDown')).toEqual({ g: 1, i: 2 })
  })
  it('up and down step through a column of bars; past its top they go to the previous group', () => {
    expect(nextMark(groups, { g: 1, i: 0 }, 'ArrowDown')).toEqual({ g: 1, i: 1 })
    expect(nextMark(groups, { g: 1, i: 2 }, 'ArrowUp')).toEqual({ g: 1, i: 1 })
    expect(nextMark(groups, { g: 1, i: 0 }, 'ArrowUp')).toEqual({ g: 0, i: 0 })
    expect(nextMark(groups, { g: 1, i: 2 }, 'ArrowDown')).toEqual({ g: 1, i: 2 })
    expect(nextMark(groups, { g: 1, i: 1 }, 'ArrowRight')).toEqual({ g: 1, i: 2 })
  })
  it('up and down on a lone row of bars are left to the page', () => {
    const one = groups.slice(0, 1)
    expect(nextMark(one, { g: 0, i: 1 }, 'ArrowDown')).toBeNull()
    expect(nextMark(one, { g: 0, i: 1 }, 'ArrowUp')).toBeNull()
    expect(nextMark(one, { g: 0, i: 1 }, 'PageDown')).toEqual({ g: 0, i: 1 })
  })
  it('skips groups without marks, and does nothing on a chart without any', () => {
    const withEmpty: MarkGroup[] = [groups[0], { seriesId: 'none', axis: 'x', seriesIndex: 1, count: 0 }, groups[1]]
    expect(nextMark(withEmpty, { g: 0, i: 2 }, 'ArrowDown')).toEqual({ g: 2, i: 2 })
    expect(nextMark([{ seriesId: 'none', axis: 'x', seriesIndex: 0, count: 0 }], null, 'ArrowRight')).toBeNull()
  })
})

describe('clampPos', () => {
  it('keeps a position inside marks that became fewer after a redraw', () => {
    const fewer: MarkGroup[] = [{ ...groups[0], count: 2 }, groups[1]]
    expect(clampPos(fewer, { g: 0, i: 3 })).toEqual({ g: 0, i: 1 })
    expect(clampPos([{ ...groups[0], count: 0 }, groups[1]], { g: 0, i: 3 })).toEqual({ g: 1, i: 0 })
    expect(clampPos(groups, null)).toBeNull()
  })
})

describe('markData and markText', () => {
  it('give the data item a click carries and what the mark says', () => {
    expect(markData(option, groups[1], 0)).toEqual({ value: 12, row: 7 })
    expect(markText(option, groups[0], 2)).toBe('Comments · 2–4: 5')
    expect(markText(option, groups[1], 1)).toBe('Most liked · bob: 思考题: 9')
  })
  it('a point without a category axis says its values', () => {
    const scatter = {
      xAxis: [{ type: 'value' }],
      yAxis: [{ type: 'value' }],
      series: [{ id: 'points', type: 'scatter', name: 'Likes vs replies', data: [{ value: [12, 2], row: 5 }] }],
    } as unknown as ChartOption
    const [g] = markGroups(scatter, [{ seriesId: 'points', axis: 'x' }])
    expect(markText(scatter, g, 0)).toBe('Likes vs replies: 12, 2')
  })
})

describe('isNavKey', () => {
  it('knows the arrow, Home, End and page keys only', () => {
    expect(['ArrowLeft', 'Home', 'PageDown'].every(isNavKey)).toBe(true)
    expect(isNavKey('Enter')).toBe(false)
    expect(isNavKey('j')).toBe(false)
  })
})
