/**
 * The "Download dataset" file: the whole dataset as JSON, re-imported exactly. Rebuilding it with
 * DatasetBuilder in the saved row order gives the same lessons (order, titles, files), the same
 * dictionaries and, since ids hash lesson + author + date + text, the same ids and fingerprint.
 *
 * One lesson or comment per line keeps a large file greppable and diffable. A comment names its
 * lesson by title (titles are unique in a dataset), so even an importer that does not know this
 * format reads the file as a plain comment array (`comments` key) with the right lessons.
 */
import { DatasetBuilder } from './dataset'
import type { DatasetColumns, Lesson, RawComment } from './dataset'
import { sanitizeCorrections, type Correction, type Corrections } from '@/insight/corrections'
import { dayFromYmd, formatDay, formatTime, isDayInRange, isValidYmd, NO_DAY, NO_TIME } from './dates'
import { DATE_LIMITS, describeValueProblem, MAX_COUNT, MAX_NAME_CHARS, MAX_PATH_CHARS, showValue, type ValueProblem } from './checks'

export const DATASET_FILE_FORMAT = 'comment-lens-dataset'
export const DATASET_FILE_VERSION = 1

export interface DatasetFileComment {
  author: string
  avatar: string
  likes: number
  replies: number
  /**
   * `YYYY-MM-DD` (1970–2200), '' when unknown. Earlier versions wrote a day number (days since
   * 1970-01-01) for a year without four digits: still read when it falls in those years.
   */
  date: string | number
  /** `HH:mm` or `HH:mm:ss`, '' when unknown. */
  time: string
  text: string
  reply: string
  /** Lesson title, one of the file's `lessons` (of the comment's course). */
  lesson: string
  /** The course, when the dataset holds several (absent: the dataset's one course). */
  course?: string
  source: string
}

export interface DatasetFile {
  format: typeof DATASET_FILE_FORMAT
  version: typeof DATASET_FILE_VERSION
  name: string
  lessons: Lesson[]
  comments: DatasetFileComment[]
  /** The reader's theme corrections, by comment id (optional: files without it read as before). */
  corrections?: Record<string, Correction>
}

/** A row of a parsed file, with the source file it was first read from. */
export interface DatasetFileRow {
  row: RawComment
  source: string
}

export interface ParsedDatasetFile {
  name: string
  lessons: Lesson[]
  rows: DatasetFileRow[]
  corrections: Record<string, Correction>
}

/** A malformed dataset file: which field, what it should hold, what it held (see ValueProblem). */
export class DatasetFileError extends Error {
  readonly problem: ValueProblem
  constructor(problem: ValueProblem) {
    super(`Not a valid Comment Lens dataset file: ${describeValueProblem(problem)}`)
    this.name = 'DatasetFileError'
    this.problem = problem
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/

/** `YYYY-MM-DD` in the accepted years (1970–2200, as every importer reads) → day number, or null. */
function parseFileDate(s: string): number | null {
  const m = DATE_RE.exec(s)
  if (!m) return null
  const y = +m[1],
    mo = +m[2],
    d = +m[3]
  return isValidYmd(y, mo, d) ? dayFromYmd(y, mo, d) : null
}

function dateField(day: number): string {
  // The builder keeps only days in the accepted range, which all have four-digit years.
  return day === NO_DAY || !isDayInRange(day) ? '' : formatDay(day)
}

function parseFileTime(s: string): number | null {
  const m = TIME_RE.exec(s)
  if (!m) return null
  const h = +m[1],
    mi = +m[2],
    se = m[3] === undefined ? 0 : +m[3]
  return h < 24 && mi < 60 && se < 60 ? h * 3600 + mi * 60 + se : null
}

/**
 * The file up to its comments: format, version, name, lessons, corrections, and `"comments": `.
 * With datasetFileComments and datasetFileTail, a file written in parts (see export/build.ts).
 */
export function datasetFileHead(ds: DatasetColumns, meta: { name: string; corrections?: Corrections }): string {
  const lessons = ds.lessons.map((l) =>
    JSON.stringify({ title: l.title, file: l.file, ...(l.course ? { course: l.course } : {}), ...(l.category ? { category: l.category } : {}) }),
  )
  return [
    '{',
    `  "format": ${JSON.stringify(DATASET_FILE_FORMAT)},`,
    `  "version": ${DATASET_FILE_VERSION},`,
    `  "name": ${JSON.stringify(meta.name)},`,
    `  "lessons": ${lessons.length ? `[\n    ${lessons.join(',\n    ')}\n  ]` : '[]'},`,
    ...(meta.corrections && Object.keys(meta.corrections).length ? [`  "corrections": ${JSON.stringify(meta.corrections)},`] : []),
    '  "comments": ',
  ].join('\n')
}

/** Comments from..to (rows in dataset order), one a line, each with the separator before it. */
export function datasetFileComments(ds: DatasetColumns, from = 0, to = ds.n): string {
  const out = new Array<string>(Math.max(0, to - from))
  // Days repeat: each one's field is worked out once.
  const dates = new Map<number, string | number>()
  for (let i = from; i < to; i++) {
    const day = ds.day[i]
    let date = dates.get(day)
    if (date === undefined) dates.set(day, (date = dateField(day)))
    const c: DatasetFileComment = {
      author: ds.authors[ds.author[i]],
      avatar: ds.avatars[ds.avatar[i]],
      likes: ds.likes[i],
      replies: ds.replies[i],
      date,
      time: formatTime(ds.time[i]),
      text: ds.text.get(i),
      reply: ds.reply.get(i),
      lesson: ds.lessons[ds.lesson[i]].title,
      source: ds.sources[ds.source[i]],
    }
    const course = ds.lessons[ds.lesson[i]].course
    if (course) c.course = course
    out[i - from] = (i === 0 ? '[\n    ' : ',\n    ') + JSON.stringify(c)
  }
  return out.join('')
}

/** What closes a file of `n` comments. */
export function datasetFileTail(n: number): string {
  return n ? '\n  ]\n}\n' : '[]\n}\n'
}

export function datasetToFile(ds: DatasetColumns, meta: { name: string; corrections?: Corrections }): string {
  return datasetFileHead(ds, meta) + datasetFileComments(ds) + datasetFileTail(ds.n)
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Whether a parsed JSON document claims to be a dataset file (any version: the reader says which it supports). */
export function isDatasetFile(root: unknown): boolean {
  return isObj(root) && root.format === DATASET_FILE_FORMAT
}

const fail = (field: string, rule: ValueProblem['rule'], found: unknown, limits: { min?: string | number; max?: string | number } = {}): never => {
  throw new DatasetFileError({ field, rule, found: showValue(found), ...limits })
}

/** A string of at most `max` characters. */
function str(o: Record<string, unknown>, key: string, where: string, max: number): string {
  const v = o[key]
  if (typeof v !== 'string') fail(`${where}.${key}`, 'string', v)
  const s = v as string
  if (s.length > max) throw new DatasetFileError({ field: `${where}.${key}`, rule: 'length', found: String(s.length), max })
  return s
}

function count(o: Record<string, unknown>, key: string, where: string): number {
  const v = o[key]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_COUNT) fail(`${where}.${key}`, 'count', v, { max: MAX_COUNT })
  return v as number
}

/**
 * Checks a parsed dataset file and returns its rows in order. Every value is range-checked (dates
 * 1970–2200, counts, name and path lengths): a file is read whole or refused with the field that is
 * wrong, never half-read. Throws DatasetFileError.
 */
export function parseDatasetFile(root: unknown): ParsedDatasetFile {
  if (!isObj(root)) return fail('file', 'object', root)
  if (root.format !== DATASET_FILE_FORMAT) fail('format', 'format', root.format, { max: DATASET_FILE_FORMAT })
  if (root.version !== DATASET_FILE_VERSION) fail('version', 'version', root.version, { max: DATASET_FILE_VERSION })
  const name = str(root, 'name', 'file', MAX_NAME_CHARS)
  if (!Array.isArray(root.lessons)) fail('lessons', 'array', root.lessons)
  if (!Array.isArray(root.comments)) fail('comments', 'array', root.comments)
  const lessons: Lesson[] = []
  const titles = new Set<string>()
  ;(root.lessons as unknown[]).forEach((l: unknown, i: number) => {
    const where = `lessons[${i}]`
    if (!isObj(l)) return fail(where, 'object', l)
    const title = str(l, 'title', where, MAX_NAME_CHARS)
    const course = l.course === undefined ? '' : str(l, 'course', where, MAX_NAME_CHARS)
    const key = `${course}\u0000${title}`
    if (titles.has(key)) fail(`${where}.title`, 'unique', title)
    titles.add(key)
    const lesson: Lesson = { title, file: str(l, 'file', where, MAX_PATH_CHARS) }
    if (course) lesson.course = course
    const category = l.category === undefined ? '' : str(l, 'category', where, MAX_NAME_CHARS)
    if (category) lesson.category = category
    lessons.push(lesson)
  })
  const comments = root.comments as unknown[]
  const rows = new Array<DatasetFileRow>(comments.length)
  comments.forEach((c: unknown, i: number) => {
    const where = `comments[${i}]`
    if (!isObj(c)) return fail(where, 'object', c)
    const lesson = str(c, 'lesson', where, MAX_NAME_CHARS)
    const course = c.course === undefined ? '' : str(c, 'course', where, MAX_NAME_CHARS)
    if (!titles.has(`${course}\u0000${lesson}`)) fail(`${where}.lesson`, 'lessonRef', lesson)
    let day: number
    const d = c.date
    if (d === '') day = NO_DAY
    else {
      // A day number is what earlier versions wrote for a year without four digits: read when in range.
      const p = typeof d === 'string' ? parseFileDate(d) : typeof d === 'number' && isDayInRange(d) ? d : null
      if (p === null) return fail(`${where}.date`, 'date', d, DATE_LIMITS)
      day = p
    }
    const t = c.time
    const time = t === '' ? NO_TIME : typeof t === 'string' ? parseFileTime(t) : null
    if (time === null) return fail(`${where}.time`, 'time', t)
    rows[i] = {
      row: {
        author: str(c, 'author', where, MAX_NAME_CHARS),
        avatar: str(c, 'avatar', where, MAX_PATH_CHARS),
        likes: count(c, 'likes', where),
        replies: count(c, 'replies', where),
        day,
        time,
        text: str(c, 'text', where, Infinity),
        reply: str(c, 'reply', where, Infinity),
        lesson,
        ...(course ? { course } : {}),
      },
      source: str(c, 'source', where, MAX_PATH_CHARS),
    }
  })
  return { name, lessons, rows, corrections: sanitizeCorrections(root.corrections) }
}

/** Columns from a parsed file's rows (exposed for an importer that already ran parseDatasetFile). */
export function buildDataset(file: ParsedDatasetFile): DatasetColumns {
  const b = new DatasetBuilder(file.rows.length)
  // Lessons first, in file order: lessons without comments are kept, and codes match the original.
  for (const l of file.lessons) b.lessonCode(l.title, l.file, l.course ?? '', l.category ?? '')
  // The lesson is passed as the fallback too, so an empty title stays the (registered) empty title.
  for (const { row, source } of file.rows) b.add(row, source, row.lesson)
  return b.finish()
}

/** Rebuilds the dataset of a parsed (JSON.parse) dataset file. Throws DatasetFileError when malformed. */
export function datasetFromFile(root: unknown): DatasetColumns {
  return buildDataset(parseDatasetFile(root))
}
