/**
 * The courses chart (a dataset of several courses): one bar per course for the chosen measure —
 * comments, likes, replies, distinct authors, open questions, or one request theme per 100
 * comments — ranked, coloured by category. Its table lists every measure, each theme's rate, and
 * the whole dataset's rates on the first row to compare against.
 */
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import { type CourseRow } from '@/query/engine'
import { allCourses, per100 } from '@/query/courseRates'
import { label } from './common'
import { firstParam, tipElement } from './tooltip'
import type { BuildContext, ChartOption, ChartTable } from './types'
import { rankedBarsOption } from './rankedBars'
import { normalizeTitle } from '@/model/view'

export const COURSE_COUNTS = ['comments', 'likes', 'replies', 'authors', 'openQuestions'] as const
export type CourseCount = (typeof COURSE_COUNTS)[number]
/** A count, or `theme:<id>`: that theme's comments per 100 comments of the course. */
export type CourseMeasure = CourseCount | `theme:${string}`

export interface CourseThemes {
  /** Theme ids by index, as in CourseRow.themeCounts. */
  ids: string[]
  names: Map<string, string>
}

export function courseValue(r: CourseRow, measure: CourseMeasure, themes: CourseThemes): number {
  if (measure.startsWith('theme:')) {
    const k = themes.ids.indexOf(measure.slice(6))
    return k < 0 ? 0 : per100(r.themeCounts[k] ?? 0, r.comments)
  }
  return r[measure as CourseCount]
}

/** Courses in display order: by the measure, descending; ties by comments, then title. */
export function orderCourses(rows: CourseRow[], measure: CourseMeasure, themes: CourseThemes): CourseRow[] {
  return [...rows].sort(
    (a, b) =>
      courseValue(b, measure, themes) - courseValue(a, measure, themes) || b.comments - a.comments || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  )
}

export function measureLabel(ctx: BuildContext, measure: CourseMeasure, themes: CourseThemes): string {
  if (!measure.startsWith('theme:')) return label(ctx, measure)
  const id = measure.slice(6)
  return `${themes.names.get(id) ?? id} ${label(ctx, 'per100')}`
}

/**
 * Bars drawn at most: a platform has hundreds of courses, and a column of hundreds of bars reads as
 * nothing (and its canvas, 2,400 px tall, took 150 ms to repaint). The table lists them all.
 */
export const TOP_COURSES = 30

/** The courses the chart draws, in its order: the top `limit` by the measure, and any chosen course below them. */
export function shownCourses(rows: CourseRow[], measure: CourseMeasure, themes: CourseThemes, selected: string[], limit = TOP_COURSES): CourseRow[] {
  const ordered = orderCourses(rows, measure, themes)
  if (ordered.length <= limit) return ordered
  const chosen = new Set(selected.map(normalizeTitle))
  return ordered.filter((r, i) => i < limit || chosen.has(normalizeTitle(r.title)))
}

/** Pixel height that gives every course a readable row. */
export function coursesChartHeight(n: number): number {
  return Math.max(200, Math.min(2400, 40 + n * 26))
}

/** Colour per category, in order of first appearance (courses without one take the accent). */
export function categoryColors(rows: CourseRow[], ctx: BuildContext): Map<string, string> {
  const colors = new Map<string, string>()
  for (const r of rows) if (r.category && !colors.has(r.category)) colors.set(r.category, ctx.palette.series[colors.size % ctx.palette.series.length])
  return colors
}

export function buildCoursesOption(
  rows: CourseRow[],
  ctx: BuildContext,
  measure: CourseMeasure,
  selected: string[],
  themes: CourseThemes,
  datasetName: string,
): ChartOption {
  const p = ctx.palette
  const ordered = shownCourses(rows, measure, themes, selected)
  const chosen = new Set(selected.map(normalizeTitle))
  const colors = categoryColors(rows, ctx)
  const all = allCourses(rows)
  const name = measureLabel(ctx, measure, themes)
  const data = ordered.map((r) => ({
    value: courseValue(r, measure, themes),
    itemStyle: { color: chosen.has(normalizeTitle(r.title)) ? p.selected : (colors.get(r.category) ?? p.accent) },
  }))
  const format = (params: TooltipComponentFormatterCallbackParams): HTMLElement | null => {
    const q = firstParam(params)
    const r = q ? ordered[q.dataIndex] : undefined
    if (!r) return null
    const lines: [string, string | number][] = [
      [label(ctx, 'comments'), r.comments],
      [label(ctx, 'likes'), r.likes],
      [label(ctx, 'replies'), r.replies],
      [label(ctx, 'authors'), r.authors],
      [label(ctx, 'openQuestions'), r.openQuestions],
    ]
    // Each theme's rate beside the whole dataset's: is this course asked more than the others?
    themes.ids.forEach((id, k) => {
      lines.push([
        `${themes.names.get(id) ?? id} ${label(ctx, 'per100')}`,
        `${per100(r.themeCounts[k], r.comments)} (${label(ctx, 'allCourses')}: ${per100(all.themeCounts[k], all.comments)})`,
      ])
    })
    return tipElement(ctx, r.category ? `${r.title || datasetName} · ${r.category}` : r.title || datasetName, lines)
  }
  return rankedBarsOption(ctx, { id: 'courses', name, labels: ordered.map((r) => r.title || datasetName), data, format, labelChars: 24, labelWidth: 220 })
}

export function buildCoursesTable(rows: CourseRow[], ctx: BuildContext, measure: CourseMeasure, themes: CourseThemes, datasetName: string): ChartTable {
  const ordered = orderCourses(rows, measure, themes)
  const all = allCourses(rows)
  const rates = (r: CourseRow) => themes.ids.map((_, k) => per100(r.themeCounts[k] ?? 0, r.comments))
  const number = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 })
  return {
    caption: label(ctx, 'course'),
    head: [
      label(ctx, 'course'),
      label(ctx, 'category'),
      label(ctx, 'comments'),
      label(ctx, 'likes'),
      label(ctx, 'replies'),
      label(ctx, 'authors'),
      label(ctx, 'openQuestions'),
      ...themes.ids.map((id) => `${themes.names.get(id) ?? id} ${label(ctx, 'per100')}`),
    ],
    rows: ordered.map((r) => [r.title || datasetName, r.category || '–', r.comments, r.likes, r.replies, r.authors, r.openQuestions, ...rates(r)]),
    // The whole dataset above the rows: the rates every course is compared with (authors are not
    // summed: one reader comments under many courses). Not a row: the table has one per course.
    summary: `${label(ctx, 'allCourses')}${ctx.locale.startsWith('zh') ? '：' : ': '}${[
      [label(ctx, 'comments'), all.comments],
      [label(ctx, 'likes'), all.likes],
      [label(ctx, 'replies'), all.replies],
      [label(ctx, 'openQuestions'), all.openQuestions],
      ...themes.ids.map((id, k) => [`${themes.names.get(id) ?? id} ${label(ctx, 'per100')}`, per100(all.themeCounts[k] ?? 0, all.comments)] as const),
    ]
      .map(([name, v]) => `${name} ${number.format(Number(v))}`)
      .join(' · ')}`,
  }
}
