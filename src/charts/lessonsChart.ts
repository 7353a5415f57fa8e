/**
 * The lessons chart: one bar per lesson for the chosen measure, in course order or ranked by the
 * measure. Its table lists every measure and each lesson's most-asked request theme.
 */
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import { type LessonRow } from '@/query/engine'
import { courseOrder } from '@/query/courseOrder'
import { label } from './common'
import { firstParam, tipElement } from './tooltip'
import type { BuildContext, ChartOption, ChartTable } from './types'
import { rankedBarsOption } from './rankedBars'

import type { LessonMeasure, LessonOrder } from '@/url/viewState'
import { normalizeTitle } from '@/model/view'

export type { LessonMeasure, LessonOrder }
export const LESSON_MEASURES: LessonMeasure[] = ['comments', 'likes', 'openQuestions', 'requests']

/** Lessons in display order. */
/**
 * The lessons chart's measure when the view names none: comments per lesson, unless every lesson
 * has the same number (a featured-comments export keeps 15 per lesson, and equal bars say nothing);
 * then requests per lesson, which is what an author asks of such a course.
 */
export function defaultLessonMeasure(rows: readonly Pick<LessonRow, 'comments' | 'requests'>[]): LessonMeasure {
  const counted = rows.filter((r) => r.comments > 0)
  if (counted.length < 2) return 'comments'
  const equal = counted.every((r) => r.comments === counted[0].comments)
  return equal && counted.some((r) => r.requests > 0) ? 'requests' : 'comments'
}

export function orderLessons(rows: LessonRow[], measure: LessonMeasure, order: LessonOrder): LessonRow[] {
  if (order === 'course') return courseOrder(rows.map((r) => r.title)).map((i) => rows[i])
  const course = courseOrder(rows.map((r) => r.title))
  const pos = new Map(course.map((i, k) => [rows[i].code, k]))
  return [...rows].sort((a, b) => b[measure] - a[measure] || pos.get(a.code)! - pos.get(b.code)!)
}

/** How many lessons the chart shows across several courses when no course is chosen. */
export const TOP_LESSONS = 30

/** The `n` lessons with the highest measure (that have comments), highest first. */
export function topLessons(rows: LessonRow[], measure: LessonMeasure, n: number): LessonRow[] {
  return orderLessons(
    rows.filter((r) => r.comments > 0),
    measure,
    'measure',
  ).slice(0, n)
}

/** Pixel height that gives every lesson a readable row. */
export function lessonsChartHeight(n: number): number {
  return Math.max(220, Math.min(1400, 40 + n * 26))
}

export function buildLessonsOption(
  rows: LessonRow[],
  ctx: BuildContext,
  measure: LessonMeasure,
  order: LessonOrder,
  selected: string[],
  themeNames: Map<string, string>,
): ChartOption {
  const p = ctx.palette
  const ordered = orderLessons(rows, measure, order)
  // The same title comparison as the engine's lesson filter, so the highlighted bar is the filtered lesson.
  const chosen = new Set(selected.map(normalizeTitle))
  const measureLabel = label(ctx, measure)
  const data = ordered.map((r) => ({
    value: r[measure],
    code: r.code,
    itemStyle: { color: chosen.has(normalizeTitle(r.title)) ? p.selected : p.accent },
  }))
  const format = (params: TooltipComponentFormatterCallbackParams): HTMLElement | null => {
    const q = firstParam(params)
    const r = q ? ordered[q.dataIndex] : undefined
    if (!r) return null
    const top = r.topTheme ? (themeNames.get(r.topTheme) ?? r.topTheme) : '–'
    return tipElement(ctx, r.title, [
      [label(ctx, 'comments'), r.comments],
      [label(ctx, 'likes'), r.likes],
      [label(ctx, 'openQuestions'), r.openQuestions],
      [label(ctx, 'requests'), r.requests],
      [label(ctx, 'topRequest'), top],
    ])
  }
  return rankedBarsOption(ctx, { id: 'lessons', name: measureLabel, labels: ordered.map((r) => r.title), data, format, labelChars: 30, labelWidth: 260 })
}

export function buildLessonsTable(
  rows: LessonRow[],
  ctx: BuildContext,
  measure: LessonMeasure,
  order: LessonOrder,
  themeNames: Map<string, string>,
): ChartTable {
  const ordered = orderLessons(rows, measure, order)
  return {
    caption: label(ctx, 'lesson'),
    head: [label(ctx, 'lesson'), label(ctx, 'comments'), label(ctx, 'likes'), label(ctx, 'openQuestions'), label(ctx, 'requests'), label(ctx, 'topRequest')],
    rows: ordered.map((r) => [r.title, r.comments, r.likes, r.openQuestions, r.requests, r.topTheme ? (themeNames.get(r.topTheme) ?? r.topTheme) : '–']),
  }
}
