/**
 * The ranges every stored or imported value must fall in, and the checks that say which value of
 * a dataset does not. A dataset file or an IndexedDB record comes from outside the app's control:
 * one day number of 100,000,000 (year 275760) made every view walk three million months.
 *
 * Names (authors, lessons, courses) are also cleaned here: bidirectional embedding, override and
 * isolate controls (U+202A–U+202E, U+2066–U+2069) are dropped. A name never needs them, and a
 * U+202E (RLO) in an author name displays "txt.exe" as "exe.txt" — in the list, the charts' canvas,
 * a select's options, a tooltip — which no per-element CSS can prevent everywhere. Names with
 * right-to-left letters still read right to left: the marks U+200E/U+200F are kept, and the UI
 * isolates names (`<bdi>`) so they never reorder the text around them.
 */
import { formatDay, isDayInRange, MAX_DAY, MIN_DAY, NO_DAY, NO_TIME } from './dates'
import type { DatasetColumns } from './dataset'
import { Strings } from './packed'

/** A name (author, lesson, course, category, dataset) longer than this is cut (import) or refused (dataset file). */
export const MAX_NAME_CHARS = 500
/** A file path or avatar URL longer than this is cut (import) or refused (dataset file). */
export const MAX_PATH_CHARS = 4096
/** Likes and replies are stored as unsigned 32-bit numbers. */
export const MAX_COUNT = 0xffffffff

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g
const HAS_BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/

/** Whether a string holds a bidi embedding, override or isolate control. */
export const hasBidiControl = (s: string): boolean => HAS_BIDI_CONTROL.test(s)

/** `s` cut to at most `max` characters (the last one an ellipsis), never inside a surrogate pair. */
export function cutTo(s: string, max: number): string {
  if (s.length <= max) return s
  let end = max - 1
  const c = s.charCodeAt(end - 1)
  if (c >= 0xd800 && c <= 0xdbff) end--
  return s.slice(0, end) + '…'
}

/** A name as it is stored: without bidi controls, at most MAX_NAME_CHARS long. */
export function cleanName(s: string): string {
  const t = HAS_BIDI_CONTROL.test(s) ? s.replace(BIDI_CONTROLS, '') : s
  return cutTo(t, MAX_NAME_CHARS)
}

/** What a value should have been (the UI words it as `check.expected.<rule>` with `min`/`max`). */
export type ValueRule = 'object' | 'array' | 'string' | 'count' | 'date' | 'time' | 'format' | 'version' | 'unique' | 'lessonRef' | 'length' | 'code' | 'rows'

/** One value out of range: where (a JSON-path-like field name), what was expected and what was found. */
export interface ValueProblem {
  field: string
  rule: ValueRule
  /** The value found, shown short (JSON, at most 40 characters), or a length or count. */
  found: string
  min?: string | number
  max?: string | number
}

const EXPECTED: Record<ValueRule, (p: ValueProblem) => string> = {
  object: () => 'an object',
  array: () => 'an array',
  string: () => 'a string',
  count: (p) => `a whole number from 0 to ${p.max}`,
  date: (p) => `YYYY-MM-DD from ${p.min} to ${p.max}, or ''`,
  time: () => `HH:mm, HH:mm:ss or ''`,
  format: (p) => `"${p.max}"`,
  version: (p) => `version ${p.max} (a newer app may have written this file)`,
  unique: () => 'a title not listed before',
  lessonRef: () => "one of the file's lessons",
  length: (p) => `at most ${p.max} characters`,
  code: (p) => `a code below ${p.max}`,
  rows: (p) => `${p.max} rows`,
}

/** The problem in English, for logs and tests: `comments[3].date: expected …, found 100000000`. */
export function describeValueProblem(p: ValueProblem): string {
  return `${p.field}: expected ${EXPECTED[p.rule](p)}, found ${p.found}`
}

/** A value shown in a message: JSON, cut to 40 characters. */
export function showValue(v: unknown): string {
  const s = v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v))
  return s.length > 40 ? s.slice(0, 39) + '…' : s
}

export const DATE_LIMITS = { min: formatDay(MIN_DAY), max: formatDay(MAX_DAY) }

/**
 * The first value of a dataset's columns out of range, or null: column lengths, dictionary codes,
 * days (1970–2200 or none), times, strings that are strings. Linear in the rows, a few
 * milliseconds for a million; used on a dataset read back from IndexedDB before anything draws it.
 * Long or bidi-controlled names are not a reason to refuse a stored dataset: see cleanNames.
 */
export function checkColumns(ds: DatasetColumns): ValueProblem | null {
  const n = ds.n
  if (!Number.isInteger(n) || n < 0) return { field: 'n', rule: 'count', found: showValue(n), max: MAX_COUNT }
  const rows = (name: string, a: { length: number } | undefined | null): ValueProblem | null =>
    a && a.length === n ? null : { field: name, rule: 'rows', found: a ? String(a.length) : 'nothing', max: n }
  for (const [name, a] of [
    ['id', ds.id],
    ['text', ds.text],
    ['reply', ds.reply],
    ['likes', ds.likes],
    ['replies', ds.replies],
    ['day', ds.day],
    ['time', ds.time],
    ['author', ds.author],
    ['avatar', ds.avatar],
    ['lesson', ds.lesson],
    ['source', ds.source],
    ['batch', ds.batch],
  ] as const) {
    const p = rows(name, a)
    if (p) return p
  }
  const rowStrings = (name: string, col: unknown): ValueProblem | null => {
    if (!(col instanceof Strings)) return { field: name, rule: 'array', found: showValue(col) }
    const bad = col.invalid()
    return bad && { field: `${name}[${bad.row}]`, rule: 'string', found: showValue(bad.found) }
  }
  const strings = (name: string, list: unknown): ValueProblem | null => {
    if (!Array.isArray(list)) return { field: name, rule: 'array', found: showValue(list) }
    for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return { field: `${name}[${i}]`, rule: 'string', found: showValue(list[i]) }
    return null
  }
  const dicts = strings('authors', ds.authors) ?? strings('avatars', ds.avatars) ?? strings('sources', ds.sources)
  if (dicts) return dicts
  if (!Array.isArray(ds.lessons)) return { field: 'lessons', rule: 'array', found: showValue(ds.lessons) }
  for (let i = 0; i < ds.lessons.length; i++) {
    const l = ds.lessons[i] as unknown
    if (typeof l !== 'object' || l === null) return { field: `lessons[${i}]`, rule: 'object', found: showValue(l) }
    for (const key of ['title', 'file', 'course', 'category'] as const) {
      const v = (l as Record<string, unknown>)[key]
      if (typeof v !== 'string' && !(v === undefined && (key === 'course' || key === 'category')))
        return { field: `lessons[${i}].${key}`, rule: 'string', found: showValue(v) }
    }
  }
  const codes = (name: string, col: Uint32Array, size: number): ValueProblem | null => {
    for (let i = 0; i < n; i++) if (col[i] >= size) return { field: `${name}[${i}]`, rule: 'code', found: String(col[i]), max: size }
    return null
  }
  const bad =
    codes('author', ds.author, ds.authors.length) ??
    codes('avatar', ds.avatar, ds.avatars.length) ??
    codes('lesson', ds.lesson, ds.lessons.length) ??
    codes('source', ds.source, ds.sources.length)
  if (bad) return bad
  for (let i = 0; i < n; i++) {
    const d = ds.day[i]
    if (d !== NO_DAY && !isDayInRange(d)) return { field: `day[${i}]`, rule: 'date', found: String(d), ...DATE_LIMITS }
    const t = ds.time[i]
    if (t !== NO_TIME && !(t >= 0 && t < 86400)) return { field: `time[${i}]`, rule: 'time', found: String(t) }
  }
  return rowStrings('id', ds.id) ?? rowStrings('text', ds.text) ?? rowStrings('reply', ds.reply)
}

/**
 * The dataset with its names as an import now stores them (cleanName): a dataset saved by an
 * earlier version may hold an RLO in an author's name. The same object when nothing changes; ids
 * are kept (they identify the comments already linked and corrected).
 */
export function cleanNames(ds: DatasetColumns): DatasetColumns {
  const clean = (s: string) => (s.length > MAX_NAME_CHARS || hasBidiControl(s) ? cleanName(s) : s)
  const authors = ds.authors.some((a) => clean(a) !== a) ? ds.authors.map(clean) : ds.authors
  const lessonChanged = (l: DatasetColumns['lessons'][number]) => clean(l.title) !== l.title || (l.course !== undefined && clean(l.course) !== l.course)
  const lessons = ds.lessons.some(lessonChanged)
    ? ds.lessons.map((l) => (lessonChanged(l) ? { ...l, title: clean(l.title), ...(l.course !== undefined ? { course: clean(l.course) } : {}) } : l))
    : ds.lessons
  return authors === ds.authors && lessons === ds.lessons ? ds : { ...ds, authors, lessons }
}
