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
import { dayFromYmd, formatDay, formatTime, isValidYmd, NO_DAY, NO_TIME } from './dates'

export const DATASET_FILE_FORMAT = 'comment-lens-dataset'
export const DATASET_FILE_VERSION = 1

export interface DatasetFileComment {
  author: string
  avatar: string
  likes: number
  replies: number
  /**
   * `YYYY-MM-DD`, '' when unknown; a day number (days since 1970-01-01) for the rare day whose
   * year does not have four digits, which the string form cannot carry.
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

export class DatasetFileError extends Error {
  constructor(message: string) {
    super(`Not a valid Comment Lens dataset file: ${message}`)
    this.name = 'DatasetFileError'
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/

/** `YYYY-MM-DD` (any four-digit year) → day number, or null. */
function parseFileDate(s: string): number | null {
  const m = DATE_RE.exec(s)
  if (!m) return null
  const y = +m[1], mo = +m[2], d = +m[3]
  // isValidYmd also bounds the year (1970–2200); past that, check the calendar by round trip.
  if (!isValidYmd(y, mo, d)) {
    if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > 31) return null
    const day = dayFromYmd(y, mo, d)
    return formatDay(day) === s ? day : null
  }
  return dayFromYmd(y, mo, d)
}

function dateField(day: number): string | number {
  if (day === NO_DAY) return ''
  const s = formatDay(day)
  return parseFileDate(s) === day ? s : day
}

function parseFileTime(s: string): number | null {
  const m = TIME_RE.exec(s)
  if (!m) return null
  const h = +m[1], mi = +m[2], se = m[3] === undefined ? 0 : +m[3]
  return h < 24 && mi < 60 && se < 60 ? h * 3600 + mi * 60 + se : null
}

/**
 * The file up to its comments: format, version, name, lessons, corrections, and `"comments": `.
 * With datasetFileComments and datasetFileTail, a file written in parts (see export/build.ts).
 */
export function datasetFileHead(ds: DatasetColumns, meta: { name: string; corrections?: Corrections }): string {
  const lessons = ds.lessons.map((l) => JSON.stringify({ title: l.title, file: l.file, ...(l.course ? { course: l.course } : {}), ...(l.category ? { category: l.category } : {}) }))
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
      text: ds.text[i],
      reply: ds.reply[i],
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

function show(v: unknown): string {
  const s = v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v)
  return s.length > 40 ? s.slice(0, 39) + '…' : s
}

function str(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key]
  if (typeof v !== 'string') throw new DatasetFileError(`${where}.${key}: expected a string, found ${show(v)}`)
  return v
}

function count(o: Record<string, unknown>, key: string, where: string): number {
  const v = o[key]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new DatasetFileError(`${where}.${key}: expected a whole number from 0 to 4294967295, found ${show(v)}`)
  }
  return v
}

/** Checks a parsed dataset file and returns its rows in order. Throws DatasetFileError. */
export function parseDatasetFile(root: unknown): ParsedDatasetFile {
  if (!isObj(root)) throw new DatasetFileError(`expected an object, found ${show(root)}`)
  if (root.format !== DATASET_FILE_FORMAT) throw new DatasetFileError(`format: expected "${DATASET_FILE_FORMAT}", found ${show(root.format)}`)
  if (root.version !== DATASET_FILE_VERSION) {
    throw new DatasetFileError(`version ${show(root.version)} is not supported (this app reads version ${DATASET_FILE_VERSION}; a newer app may have written it)`)
  }
  const name = str(root, 'name', 'file')
  if (!Array.isArray(root.lessons)) throw new DatasetFileError(`lessons: expected an array, found ${show(root.lessons)}`)
  if (!Array.isArray(root.comments)) throw new DatasetFileError(`comments: expected an array, found ${show(root.comments)}`)
  const lessons: Lesson[] = []
  const titles = new Set<string>()
  root.lessons.forEach((l: unknown, i: number) => {
    const where = `lessons[${i}]`
    if (!isObj(l)) throw new DatasetFileError(`${where}: expected an object, found ${show(l)}`)
    const title = str(l, 'title', where)
    const course = l.course === undefined ? '' : str(l, 'course', where)
    const key = `${course}\u0000${title}`
    if (titles.has(key)) throw new DatasetFileError(`${where}.title: ${show(title)} is listed twice${course ? ` in course ${show(course)}` : ''}`)
    titles.add(key)
    const lesson: Lesson = { title, file: str(l, 'file', where) }
    if (course) lesson.course = course
    if (l.category !== undefined && str(l, 'category', where)) lesson.category = str(l, 'category', where)
    lessons.push(lesson)
  })
  const rows = new Array<DatasetFileRow>(root.comments.length)
  root.comments.forEach((c: unknown, i: number) => {
    const where = `comments[${i}]`
    if (!isObj(c)) throw new DatasetFileError(`${where}: expected an object, found ${show(c)}`)
    const lesson = str(c, 'lesson', where)
    const course = c.course === undefined ? '' : str(c, 'course', where)
    if (!titles.has(`${course}\u0000${lesson}`)) throw new DatasetFileError(`${where}.lesson: ${show(lesson)} is not one of the file's lessons${course ? ` of course ${show(course)}` : ''}`)
    let day: number
    const d = c.date
    if (d === '') day = NO_DAY
    else if (typeof d === 'string') {
      const p = parseFileDate(d)
      if (p === null) throw new DatasetFileError(`${where}.date: expected YYYY-MM-DD or '', found ${show(d)}`)
      day = p
    } else if (typeof d === 'number' && Number.isInteger(d) && d >= -(2 ** 31) && d < 2 ** 31) day = d
    else throw new DatasetFileError(`${where}.date: expected YYYY-MM-DD or '', found ${show(d)}`)
    const t = str(c, 'time', where)
    const time = t === '' ? NO_TIME : parseFileTime(t)
    if (time === null) throw new DatasetFileError(`${where}.time: expected HH:mm, HH:mm:ss or '', found ${show(t)}`)
    rows[i] = {
      row: {
        author: str(c, 'author', where),
        avatar: str(c, 'avatar', where),
        likes: count(c, 'likes', where),
        replies: count(c, 'replies', where),
        day,
        time,
        text: str(c, 'text', where),
        reply: str(c, 'reply', where),
        lesson,
        ...(course ? { course } : {}),
      },
      source: str(c, 'source', where),
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
