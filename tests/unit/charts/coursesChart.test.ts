// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import {
  buildCoursesOption,
  buildCoursesTable,
  categoryColors,
  courseValue,
  orderCourses,
  shownCourses,
  TOP_COURSES,
  type CourseThemes,
} from '@/charts/coursesChart'
import { per100 } from '@/query/courseRates'
import { LIGHT_PALETTE } from '@/charts/palette'
import type { BuildContext } from '@/charts/types'
import type { CourseRow } from '@/query/engine'
import { tipLines, tipTags, tooltipFor, XSS } from './helpers'

const ctx: BuildContext = {
  palette: LIGHT_PALETTE,
  labels: {
    course: 'Course',
    category: 'Category',
    comments: 'Comments',
    likes: 'Likes',
    replies: 'Replies',
    authors: 'Authors',
    openQuestions: 'Open',
    per100: 'per 100',
    allCourses: 'All courses',
  },
  narrow: false,
  locale: 'en',
}
const themes: CourseThemes = {
  ids: ['bonus', 'errata'],
  names: new Map([
    ['bonus', 'Bonus'],
    ['errata', 'Errata'],
  ]),
}
const row = (code: number, title: string, category: string, comments: number, likes: number, themeCounts: number[]): CourseRow => ({
  code,
  title,
  category,
  comments,
  likes,
  replies: 1,
  authors: comments - 1,
  openQuestions: 0,
  requests: themeCounts[0] + themeCounts[1],
  themeCounts,
})
const rows = [row(0, 'MySQL', '后端', 200, 30, [2, 10]), row(1, 'Redis', '后端', 100, 90, [5, 1]), row(2, 'Vue', '前端', 50, 5, [0, 0])]

describe('the courses chart', () => {
  it('ranks by a count or by a theme per 100 comments', () => {
    expect(orderCourses(rows, 'comments', themes).map((r) => r.title)).toEqual(['MySQL', 'Redis', 'Vue'])
    expect(orderCourses(rows, 'likes', themes).map((r) => r.title)).toEqual(['Redis', 'MySQL', 'Vue'])
    expect(orderCourses(rows, 'theme:bonus', themes).map((r) => r.title)).toEqual(['Redis', 'MySQL', 'Vue'])
    expect(courseValue(rows[0], 'theme:errata', themes)).toBe(5)
    expect(courseValue(rows[0], 'theme:gone', themes)).toBe(0)
    expect(per100(1, 3)).toBe(33.3)
    expect(per100(1, 0)).toBe(0)
  })

  it('colours bars by category, the chosen course apart, and names every course on the axis', () => {
    const colors = categoryColors(rows, ctx)
    expect([...colors.keys()]).toEqual(['后端', '前端'])
    const option = buildCoursesOption(rows, ctx, 'comments', ['Redis'], themes, 'ds') as {
      series: { data: { value: number; itemStyle: { color: string } }[] }[]
      yAxis: { data: string[] }[]
    }
    expect(option.yAxis[0].data).toEqual(['MySQL', 'Redis', 'Vue'])
    expect(option.series[0].data.map((d) => d.value)).toEqual([200, 100, 50])
    expect(option.series[0].data.map((d) => d.itemStyle.color)).toEqual([colors.get('后端'), LIGHT_PALETTE.selected, colors.get('前端')])
  })

  it('its tooltip gives each count and each theme per 100 beside the whole dataset, a hostile title as text', () => {
    const hostile = [row(0, XSS, XSS, 200, 30, [2, 10]), rows[1]]
    const tip = tooltipFor(buildCoursesOption(hostile, ctx, 'comments', [], themes, 'ds'), [{ dataIndex: 0 }])
    expect(tipLines(tip)).toEqual([
      `${XSS} · ${XSS}`,
      'Comments: 200',
      'Likes: 30',
      'Replies: 1',
      'Authors: 199',
      'Open: 0',
      'Bonus per 100: 1 (All courses: 2.3)',
      'Errata per 100: 5 (All courses: 3.7)',
    ])
    expect(tipTags(tip)).toEqual(['b', 'div'])
  })

  it('its table has a row per course with each theme per 100 comments, the whole dataset above the rows', () => {
    const t = buildCoursesTable(rows, ctx, 'comments', themes, 'ds')
    expect(t.head).toEqual(['Course', 'Category', 'Comments', 'Likes', 'Replies', 'Authors', 'Open', 'Bonus per 100', 'Errata per 100'])
    expect(t.summary).toBe('All courses: Comments 350 · Likes 125 · Replies 3 · Open 0 · Bonus per 100 2 · Errata per 100 3.1')
    expect(t.rows).toEqual([
      ['MySQL', '后端', 200, 30, 1, 199, 0, 1, 5],
      ['Redis', '后端', 100, 90, 1, 99, 0, 5, 1],
      ['Vue', '前端', 50, 5, 1, 49, 0, 0, 0],
    ])
  })

  it('with more courses than it draws: the top ones by the measure, a chosen course below them too; the table keeps all', () => {
    // 40 courses, course k with 100 + k comments: the top 30 are courses 39 down to 10.
    const many = Array.from({ length: 40 }, (_, k) => row(k, `C${k}`, '后端', 100 + k, 0, [0, 0]))
    expect(TOP_COURSES).toBe(30)
    const top = shownCourses(many, 'comments', themes, [])
    expect(top.map((r) => r.title)).toEqual(Array.from({ length: 30 }, (_, i) => `C${39 - i}`))
    expect(
      shownCourses(many, 'comments', themes, ['C3'])
        .map((r) => r.title)
        .slice(-2),
    ).toEqual(['C10', 'C3'])
    const option = buildCoursesOption(many, ctx, 'comments', ['C3'], themes, 'ds') as {
      series: { data: { itemStyle: { color: string } }[] }[]
      yAxis: { data: string[] }[]
    }
    expect(option.yAxis[0].data).toHaveLength(31)
    expect(option.series[0].data.at(-1)?.itemStyle.color).toBe(LIGHT_PALETTE.selected)
    expect(buildCoursesTable(many, ctx, 'comments', themes, 'ds').rows).toHaveLength(40)
    // Few courses: all of them.
    expect(shownCourses(rows, 'comments', themes, [])).toHaveLength(3)
  })
})
