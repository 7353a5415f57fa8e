// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { buildLessonsOption, buildLessonsTable, lessonsChartHeight, orderLessons } from '@/charts/lessonsChart'
import { LIGHT_PALETTE } from '@/charts/palette'
import type { BuildContext } from '@/charts/types'
import { tipLines, tooltipFor } from './helpers'
import type { LessonRow } from '@/query/engine'

const ctx: BuildContext = {
  palette: LIGHT_PALETTE,
  labels: { comments: 'Comments', likes: 'Likes', lesson: 'Lesson', openQuestions: 'Open', requests: 'Requests', topRequest: 'Top request' },
  narrow: false,
  locale: 'en',
}
const row = (code: number, title: string, comments: number, likes: number, openQuestions: number, requests: number, topTheme: string | null): LessonRow => ({
  code,
  title,
  course: 0,
  comments,
  likes,
  openQuestions,
  requests,
  themeCounts: [],
  topTheme,
})
const rows = [
  row(0, '10 | 高可用', 2, 6, 1, 1, 'bonus'),
  row(1, '开篇词 | 为什么', 3, 23, 1, 2, 'bonus'),
  row(2, '01 | 基础', 1, 8, 0, 1, 'answers'),
  row(3, '结束语', 1, 4, 0, 0, null),
  row(4, '<b>x</b>', 0, 0, 0, 0, null),
]
const names = new Map([
  ['bonus', 'Bonus content'],
  ['answers', 'Exercise answers'],
])

describe('lessons chart', () => {
  it('orders lessons by course order, or by the measure with course order breaking ties', () => {
    expect(orderLessons(rows, 'comments', 'course').map((r) => r.code)).toEqual([1, 2, 0, 4, 3])
    expect(orderLessons(rows, 'likes', 'measure').map((r) => r.code)).toEqual([1, 2, 0, 3, 4])
    expect(orderLessons(rows, 'openQuestions', 'measure').map((r) => r.code)).toEqual([1, 0, 2, 4, 3])
  })

  it('builds one bar per lesson, the selected lesson highlighted', () => {
    const o = buildLessonsOption(rows, ctx, 'likes', 'course', ['01 |  基础'], names)
    const s = (o.series as { id: string; data: { value: number; code: number; itemStyle: { color: string } }[] }[])[0]
    expect(s.id).toBe('lessons')
    expect(s.data.map((d) => [d.code, d.value])).toEqual([
      [1, 23],
      [2, 8],
      [0, 6],
      [4, 0],
      [3, 4],
    ])
    expect(s.data.map((d) => d.itemStyle.color)).toEqual([
      LIGHT_PALETTE.accent,
      LIGHT_PALETTE.selected,
      LIGHT_PALETTE.accent,
      LIGHT_PALETTE.accent,
      LIGHT_PALETTE.accent,
    ])
    expect(o).not.toHaveProperty('aria')
  })

  it('escapes lesson titles in the tooltip', () => {
    const o = buildLessonsOption(rows, ctx, 'comments', 'course', [], names)
    const tip = tooltipFor(o, [{ dataIndex: 3 }])
    expect(tipLines(tip)[0]).toContain('<b>x</b>')
    expect([...tip.querySelectorAll('b')].map((b) => b.textContent)).not.toContain('x')
  })

  it('tables every measure and the top request', () => {
    expect(buildLessonsTable(rows, ctx, 'comments', 'course', names)).toEqual({
      caption: 'Lesson',
      head: ['Lesson', 'Comments', 'Likes', 'Open', 'Requests', 'Top request'],
      rows: [
        ['开篇词 | 为什么', 3, 23, 1, 2, 'Bonus content'],
        ['01 | 基础', 1, 8, 0, 1, 'Exercise answers'],
        ['10 | 高可用', 2, 6, 1, 1, 'Bonus content'],
        ['<b>x</b>', 0, 0, 0, 0, '–'],
        ['结束语', 1, 4, 0, 0, '–'],
      ],
    })
  })

  it('grows with the number of lessons, within bounds', () => {
    expect(lessonsChartHeight(2)).toBe(220)
    expect(lessonsChartHeight(27)).toBe(40 + 27 * 26)
    expect(lessonsChartHeight(500)).toBe(1400)
  })
})

describe('the lessons chart’s default measure', () => {
  it('is requests when every lesson has the same number of comments, else comments', async () => {
    const { defaultLessonMeasure } = await import('@/charts/lessonsChart')
    expect(
      defaultLessonMeasure([
        { comments: 15, requests: 3 },
        { comments: 15, requests: 0 },
      ]),
    ).toBe('requests')
    expect(
      defaultLessonMeasure([
        { comments: 15, requests: 3 },
        { comments: 12, requests: 0 },
      ]),
    ).toBe('comments')
    // Nothing to rank by requests, one lesson, or none: comments.
    expect(
      defaultLessonMeasure([
        { comments: 15, requests: 0 },
        { comments: 15, requests: 0 },
      ]),
    ).toBe('comments')
    expect(defaultLessonMeasure([{ comments: 15, requests: 3 }])).toBe('comments')
    // Lessons the filter emptied do not count.
    expect(
      defaultLessonMeasure([
        { comments: 4, requests: 1 },
        { comments: 0, requests: 0 },
        { comments: 4, requests: 0 },
      ]),
    ).toBe('requests')
  })
})
