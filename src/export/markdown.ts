/**
 * The reader-requests report as Markdown, to paste into a chat, an issue or a plan. Everything
 * that comes from data (dataset name, filters, theme names, excerpts) is escaped so that it shows
 * as typed: a reader's `|` must not split a table cell, `<script>` must not become HTML, `**` must
 * not turn the rest of the report bold.
 */
import type { CourseRow, ThemeRow } from '@/query/engine'
import { allCourses, per100 } from '@/query/courseRates'
import { escapeMarkdown } from '@/lib/markdownText'

export type RankMeasure = 'comments' | 'authors' | 'likes'
export type ReportLocale = 'zh-CN' | 'en'

export interface RequestsReportInput {
  datasetName: string
  /** ISO date (or date-time), shown as given. */
  generatedAt: string
  /** Human-readable active filters, already in the report's language. */
  filters: string[]
  rows: ThemeRow[]
  /** Theme display names by theme index (ThemeRow.index). */
  names: string[]
  rank: RankMeasure
  /** Theme id → example excerpts; at most 3 are shown. */
  examples: Map<string, string[]>
  locale: ReportLocale
  /** Per course (a dataset of several): each theme's rate is compared with the whole dataset's. */
  courses?: CourseRow[]
  /** Title for a course row without one (the dataset's own course). */
  courseFallback?: string
}

interface Words {
  title: string
  dataset: string
  generated: string
  filters: string
  none: string
  filterSep: string
  rankedBy: string
  measure: Record<RankMeasure, string>
  theme: string
  noRows: string
  examples: string
  colon: string
  byCourse: string
  byCourseNote: string
  course: string
  allCourses: string
}

const WORDS: Record<ReportLocale, Words> = {
  'zh-CN': {
    title: '读者诉求报告',
    dataset: '数据集',
    generated: '生成时间',
    filters: '筛选条件',
    none: '无',
    filterSep: '；',
    rankedBy: '排序',
    measure: { comments: '留言数', authors: '作者数', likes: '点赞数' },
    theme: '诉求',
    noRows: '没有符合条件的诉求。',
    examples: '示例留言',
    colon: '：',
    byCourse: '各课程的诉求（每百条留言）',
    byCourseNote: '▲：至少是全部课程比率的两倍（且不少于 2 条）。',
    course: '课程',
    allCourses: '全部课程',
  },
  en: {
    title: 'Reader requests report',
    dataset: 'Dataset',
    generated: 'Generated',
    filters: 'Filters',
    none: 'none',
    filterSep: '; ',
    rankedBy: 'Ranked by',
    measure: { comments: 'Comments', authors: 'Authors', likes: 'Likes' },
    theme: 'Request',
    noRows: 'No requests match.',
    examples: 'Example comments',
    colon: ': ',
    byCourse: 'Requests per 100 comments, by course',
    byCourseNote: '▲: at least twice the rate of all courses (and at least 2 comments).',
    course: 'Course',
    allCourses: 'All courses',
  },
}

export const MAX_EXAMPLES = 3

function measureOf(r: ThemeRow, rank: RankMeasure): number {
  return rank === 'comments' ? r.comments : rank === 'authors' ? r.authors : r.likes
}

/**
 * Rows with comments, by the rank measure (descending); ties by comments, authors, likes, then
 * theme order, so the same input always gives the same report.
 */
export function rankRows(rows: ThemeRow[], rank: RankMeasure): ThemeRow[] {
  return rows
    .filter((r) => r.comments > 0)
    .sort((a, b) => measureOf(b, rank) - measureOf(a, rank) || b.comments - a.comments || b.authors - a.authors || b.likes - a.likes || a.index - b.index)
}

export function requestsReport(input: RequestsReportInput): string {
  const w = WORDS[input.locale]
  const nameOf = (r: ThemeRow) => escapeMarkdown(input.names[r.index] ?? r.id) || escapeMarkdown(r.id)
  const filters = input.filters.map(escapeMarkdown).filter((f) => f !== '')
  const rows = rankRows(input.rows, input.rank)
  const out: string[] = [
    `# ${w.title}`,
    '',
    `- ${w.dataset}${w.colon}${escapeMarkdown(input.datasetName)}`,
    `- ${w.generated}${w.colon}${escapeMarkdown(input.generatedAt)}`,
    `- ${w.filters}${w.colon}${filters.length ? filters.join(w.filterSep) : w.none}`,
    `- ${w.rankedBy}${w.colon}${w.measure[input.rank]}`,
    '',
  ]
  if (rows.length === 0) {
    out.push(w.noRows)
  } else {
    out.push(`| ${w.theme} | ${w.measure.comments} | ${w.measure.authors} | ${w.measure.likes} |`)
    out.push('| :-- | --: | --: | --: |')
    for (const r of rows) out.push(`| ${nameOf(r)} | ${r.comments} | ${r.authors} | ${r.likes} |`)
  }
  const courses = (input.courses ?? []).filter((c) => c.comments > 0)
  if (courses.length > 1) out.push('', ...coursesTable(courses, input, w))
  const sections: string[] = []
  for (const r of rows) {
    const excerpts = (input.examples.get(r.id) ?? [])
      .map(escapeMarkdown)
      .filter((e) => e !== '')
      .slice(0, MAX_EXAMPLES)
    if (excerpts.length === 0) continue
    sections.push('', `### ${nameOf(r)}`)
    // A blank line between quotes keeps them separate blockquotes instead of one paragraph.
    for (const e of excerpts) sections.push('', `> ${e}`)
  }
  if (sections.length) out.push('', `## ${w.examples}`, ...sections)
  return out.join('\n') + '\n'
}

/** Each course's rate per theme beside the whole dataset's, for the themes anyone asked for. */
function coursesTable(courses: CourseRow[], input: RequestsReportInput, w: Words): string[] {
  const all = allCourses(courses)
  const themes = input.rows.filter((r) => (all.themeCounts[r.index] ?? 0) > 0)
  const name = (r: ThemeRow) => escapeMarkdown(input.names[r.index] ?? r.id) || escapeMarkdown(r.id)
  const ranked = [...courses].sort((a, b) => b.comments - a.comments || (a.title < b.title ? -1 : 1))
  const cell = (c: CourseRow, r: ThemeRow) => {
    const n = c.themeCounts[r.index] ?? 0
    const rate = per100(n, c.comments)
    const overall = per100(all.themeCounts[r.index] ?? 0, all.comments)
    return n >= 2 && rate >= 2 * overall ? `${rate} ▲` : String(rate)
  }
  return [
    `## ${w.byCourse}`,
    '',
    `| ${w.course} | ${w.measure.comments} | ${themes.map(name).join(' | ')} |`,
    `| :-- | --: |${themes.map(() => ' --: |').join('')}`,
    `| ${w.allCourses} | ${all.comments} | ${themes.map((r) => per100(all.themeCounts[r.index] ?? 0, all.comments)).join(' | ')} |`,
    ...ranked.map((c) => `| ${escapeMarkdown(c.title || input.courseFallback || '') || '–'} | ${c.comments} | ${themes.map((r) => cell(c, r)).join(' | ')} |`),
    '',
    w.byCourseNote,
  ]
}
