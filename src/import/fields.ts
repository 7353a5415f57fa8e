/**
 * Column names and value parsing shared by the CSV and JSON importers. The value functions run for
 * every cell of a 100k-row import, so their common case (a clean value) allocates nothing and runs
 * no regular expression.
 */
import { decodeHTMLStrict } from 'entities'
import { dayFromYmd, isValidYmd, NO_DAY, NO_TIME, parseDateValue } from '@/model/dates'
import type { DayTime } from '@/model/dates'
import type { RowSink } from './types'

export type Field = 'author' | 'avatar' | 'likes' | 'replies' | 'date' | 'text' | 'reply' | 'lesson' | 'course' | 'id'

/** Where each field is read from: a column index (CSV) or an object key (JSON). */
export type ColumnMapping = Partial<Record<Field, number | string>>

/**
 * Header names per field, written in normalised form (see `normaliseHeader`): lower case, no
 * spaces, `_` or `-`. `replies` is a count, `reply` is the course author's answer text: the names
 * never overlap, so a column can only ever match one field.
 */
const NAMES: Record<Field, string[]> = {
  author: ['author', 'name', 'nickname', 'user', 'username', '作者', '昵称', '用户名', '用户', '留言者'],
  avatar: ['avatar', 'avatarurl', 'userheader', '头像'],
  likes: ['likes', 'like', 'likecount', 'likescount', 'upvotes', '点赞', '点赞数', '赞', '👍'],
  replies: ['replies', 'replycount', 'repliescount', 'discussioncount', 'comments', 'commentcount', '回复', '回复数', '评论数', '💬'],
  date: ['date', 'time', 'datetime', 'created', 'createdat', 'createtime', 'ctime', 'commentctime', 'timestamp', '日期', '时间', '发布时间', '留言时间'],
  text: ['text', 'content', 'comment', 'body', 'message', 'commentcontent', '内容', '留言', '留言内容', '评论', '评论内容'],
  reply: ['authorreply', 'teacherreply', '作者回复', '老师回复'],
  lesson: ['lesson', 'lessontitle', 'article', 'articletitle', 'title', 'chapter', '文章', '标题', '章节', '课时', '课时名', '文章标题'],
  // A column named 课程 is the course (MySQL实战45讲), not the lesson: 文章/标题/lesson are lessons.
  course: [
    'course',
    'coursename',
    'coursetitle',
    'columntitle',
    'columnname',
    'product',
    'producttitle',
    '课程',
    '课程名',
    '课程名称',
    '专栏',
    '专栏名',
    '专栏名称',
  ],
  id: ['id', 'commentid', 'cid', '编号'],
}

const FIELD_BY_NAME = new Map<string, Field>()
for (const f of Object.keys(NAMES) as Field[]) for (const n of NAMES[f]) FIELD_BY_NAME.set(n, f)

/** Header → lookup key: drops a BOM, stray quotes, emoji variation selectors, case and `_`/`-`/space. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/[\uFEFF\uFE0F]/g, '')
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
}

/** The field a header name stands for, or null. */
export function fieldOfHeader(h: string): Field | null {
  return FIELD_BY_NAME.get(normaliseHeader(h)) ?? null
}

/** Column index per field; the left-most column wins when several name the same field. */
export function mapHeaders(headers: string[]): ColumnMapping {
  const m: ColumnMapping = {}
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]
    if (typeof h !== 'string') continue
    const f = fieldOfHeader(h)
    if (f && m[f] === undefined) m[f] = i
  }
  return m
}

/** For an error message: the headers as found, shortened so a 500-column file stays readable. */
export function listColumns(headers: string[]): string {
  const shown = headers.slice(0, 20).map((h) => {
    const s = String(h).replace(/\s+/g, ' ').trim()
    return s.length > 40 ? s.slice(0, 39) + '…' : s
  })
  return shown.join(', ') + (headers.length > 20 ? `, … (${headers.length} in all)` : '')
}

// Unit suffixes Chinese sites use for counts: 1.2万, 3w, 1.5k.
/** Excel's first line naming the delimiter (`sep=;`), with its line break; the header follows it. */
export const SEP_LINE = /^sep=([^\r\n])(\r\n|\n|\r)/i

const UNIT: Record<string, number> = { 万: 1e4, w: 1e4, k: 1e3, 千: 1e3, 亿: 1e8 }
const COUNT_RE = /^\+?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*([万wk千亿])?\+?$/i

/**
 * s[at, end) as a count when it is a plain run of 1–15 digits (what parseCount makes of it), else -1:
 * nearly every value of a real export. The CSV scanner reads counts straight from the file's text.
 */
export function digitsAt(s: string, at: number, end: number): number {
  if (end <= at || end - at >= 16) return -1
  let x = 0
  for (let i = at; i < end; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    x = x * 10 + c
  }
  return x
}

/**
 * A like/reply count: integers, "1,234", " 12 ", "1.2万"/"3w"/"1.5k", "12.0" (what pandas writes for a
 * count column with gaps), "999+" (a lower bound, as sites display it). Empty, null or missing → 0.
 * Negative, fractional or unreadable → null, so the caller can report the row instead of guessing.
 */
export function parseCount(v: unknown): number | null {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null
  if (typeof v !== 'string') return null
  const plain = digitsAt(v, 0, v.length)
  if (plain >= 0) return plain
  const s = v.trim()
  if (!s) return 0
  const m = COUNT_RE.exec(s)
  if (!m) return null
  const whole = m[1].replace(/,/g, '')
  const frac = m[2] ?? ''
  const unit = m[3] ? UNIT[m[3].toLowerCase()] : 1
  if (unit === 1 && /[1-9]/.test(frac)) return null
  const x = Math.round(Number(frac ? `${whole}.${frac}` : whole) * unit)
  return Number.isSafeInteger(x) ? x : null
}

const MARKUP_RE = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});|<br\s*\/?>/i
const BR_RE = /<br\s*\/?>/gi

/**
 * Comment text as stored: `\r\n` and lone `\r` become `\n`, outer whitespace is trimmed, tabs and
 * emoji are kept. Text that carries HTML escapes (the Geekbang API sends `&lt;`, `&#47;`, `<br/>`)
 * is decoded once into plain text; `<br>` becomes a line break. Only semicolon-terminated entities
 * are decoded so that a literal "R&D" or "&copy" typed by a reader survives. The result is always
 * plain text: callers must render it as text, never as HTML.
 *
 * `crs`/`markup` = false skip checks the caller knows cannot match (each is a scan of the string,
 * and this runs for every cell of a large import).
 */
export function cleanText(s: string, crs = true, markup = true): string {
  const n = s.length
  cleanKept = true
  if (crs && s.indexOf('\r') !== -1) {
    s = s.replace(/\r\n?/g, '\n')
    cleanKept = false
  }
  if (markup && (s.indexOf('&') !== -1 || s.indexOf('<') !== -1) && MARKUP_RE.test(s)) {
    s = decodeHTMLStrict(s.replace(BR_RE, '\n'))
    if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n') // `&#13;` decodes to a CR
    cleanKept = false
  }
  s = s.trim()
  if (s.length !== n) cleanKept = false
  return s
}

/**
 * Whether the last cleanText returned its input as it was: the CSV scanner then knows a cell's
 * text is exactly its span of the file (and the builder hashes it there: see DatasetBuilder.textIn).
 */
export let cleanKept = false

/** Whether a text has anything cleanText would decode: one scan of a file spares two per cell. */
export function mayHaveMarkup(wholeText: string): boolean {
  return wholeText.indexOf('&') !== -1 || wholeText.indexOf('<') !== -1
}

/**
 * Any scalar from a CSV cell or JSON value as text. An object stands for a user in some exports
 * (`{"user": {"name": …}}`), so its name is used; arrays and other objects give ''.
 */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return cleanText(v)
  if (typeof v === 'number' || typeof v === 'bigint') return String(v)
  if (typeof v === 'boolean') return String(v)
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>
    for (const k of ['name', 'nickname', 'user_name', 'title']) if (typeof o[k] === 'string') return cleanText(o[k] as string)
  }
  return ''
}

/**
 * Avatar URL: only values starting with http:// or https:// get through. This is a cheap gate on
 * the hot path; the dataset builder validates and canonicalises every URL with safeHttpUrl.
 */
export function avatarOf(v: unknown): string {
  if (typeof v !== 'string' || v.length < 8) return ''
  const c0 = v.charCodeAt(0),
    c1 = v.charCodeAt(v.length - 1)
  const s = c0 <= 32 || c1 <= 32 || c0 === 0xa0 || c1 === 0xa0 || c0 === 0x3000 || c1 === 0x3000 ? v.trim() : v
  if (s.startsWith('https://') || s.startsWith('http://')) return s
  return /^https?:\/\//i.test(s) ? s : ''
}

/** Marker for "no date given", as opposed to a date that could not be read (null). */
export const NO_DATE: DayTime = Object.freeze({ day: NO_DAY, time: NO_TIME })

// Exports repeat the same calendar day many times: cache day numbers by YYYYMMDD so the regular
// expressions and Date work of parseDateValue run once per distinct day, not once per row.
const dayCache = new Map<number, number>()

/** Output of readDate, kept in module variables so the per-row path allocates no object. */
let readDay = NO_DAY
let readTime = NO_TIME

/**
 * Stands for a date cell the CSV scanner has already read with isoDateAt (into readDay/readTime),
 * straight from the file's text: no string is made for it.
 */
export const DATE_READ = Symbol('date read')

/**
 * The fast path of readDate on s[at, at + n): `YYYY-MM-DD[( |T)HH:mm[:ss]]`, by far the commonest
 * form. 1 = read (into readDay/readTime), -1 = that form but no such day, 0 = not that form (the
 * caller goes the slow way). Digits are read as (code - 48) >>> 0, which is > 9 for anything but '0'..'9'.
 */
export function isoDateAt(v: string, at: number, n: number): number {
  if (!((n === 10 || n === 16 || n === 19) && v.charCodeAt(at + 4) === 45 && v.charCodeAt(at + 7) === 45)) return 0
  const y0 = (v.charCodeAt(at) - 48) >>> 0,
    y1 = (v.charCodeAt(at + 1) - 48) >>> 0
  const y2 = (v.charCodeAt(at + 2) - 48) >>> 0,
    y3 = (v.charCodeAt(at + 3) - 48) >>> 0
  const m0 = (v.charCodeAt(at + 5) - 48) >>> 0,
    m1 = (v.charCodeAt(at + 6) - 48) >>> 0
  const d0 = (v.charCodeAt(at + 8) - 48) >>> 0,
    d1 = (v.charCodeAt(at + 9) - 48) >>> 0
  let ok = y0 <= 9 && y1 <= 9 && y2 <= 9 && y3 <= 9 && m0 <= 9 && m1 <= 9 && d0 <= 9 && d1 <= 9
  let time = NO_TIME
  if (ok && n > 10) {
    const sep = v.charCodeAt(at + 10)
    const h0 = (v.charCodeAt(at + 11) - 48) >>> 0,
      h1 = (v.charCodeAt(at + 12) - 48) >>> 0
    const i0 = (v.charCodeAt(at + 14) - 48) >>> 0,
      i1 = (v.charCodeAt(at + 15) - 48) >>> 0
    const s0 = n === 19 ? (v.charCodeAt(at + 17) - 48) >>> 0 : 0,
      s1 = n === 19 ? (v.charCodeAt(at + 18) - 48) >>> 0 : 0
    const h = h0 * 10 + h1,
      mi = i0 * 10 + i1,
      se = s0 * 10 + s1
    ok =
      (sep === 32 || sep === 84) &&
      v.charCodeAt(at + 13) === 58 &&
      (n === 16 || v.charCodeAt(at + 16) === 58) &&
      h0 <= 9 &&
      h1 <= 9 &&
      i0 <= 9 &&
      i1 <= 9 &&
      s0 <= 9 &&
      s1 <= 9 &&
      h <= 23 &&
      mi <= 59 &&
      se <= 59
    time = h * 3600 + mi * 60 + se
  }
  if (!ok) return 0
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3,
    mo = m0 * 10 + m1,
    d = d0 * 10 + d1
  const key = y * 10000 + mo * 100 + d
  let day = dayCache.get(key)
  if (day === undefined) {
    day = isValidYmd(y, mo, d) ? dayFromYmd(y, mo, d) : NO_DAY
    if (dayCache.size > 100_000) dayCache.clear()
    dayCache.set(key, day)
  }
  if (day === NO_DAY) return -1
  readDay = day
  readTime = time
  return 1
}

/**
 * Reads a date cell into readDay/readTime: 1 = read, 0 = empty (NO_DAY/NO_TIME), -1 = unreadable.
 * The common form takes isoDateAt's fast path, which gives exactly parseDateValue's answer;
 * everything else goes to parseDateValue.
 */
function readDate(v: unknown): number {
  if (v === DATE_READ) return 1
  readDay = NO_DAY
  readTime = NO_TIME
  if (v === undefined || v === null) return 0
  let p: DayTime | null
  if (typeof v === 'number') p = parseDateValue(v)
  else if (typeof v !== 'string') return -1
  else {
    const fast = isoDateAt(v, 0, v.length)
    if (fast !== 0) return fast
    if (v.trim() === '') return 0
    p = parseDateValue(v)
  }
  if (!p) return -1
  readDay = p.day
  readTime = p.time
  return 1
}

/** A date value (string or epoch number): empty → NO_DATE; unreadable → null; else Asia/Shanghai day and time. */
export function dateOf(v: unknown): DayTime | null {
  const r = readDate(v)
  return r < 0 ? null : r === 0 ? NO_DATE : { day: readDay, time: readTime }
}

/** A value for a skip detail: quoted, one line, short. */
export function showValue(v: unknown): string {
  let s: string
  if (typeof v === 'string') s = v
  else {
    try {
      s = JSON.stringify(v) ?? String(v)
    } catch {
      s = String(v)
    }
  }
  s = s.replace(/\s+/g, ' ')
  return JSON.stringify(s.length > 40 ? s.slice(0, 39) + '…' : s)
}

/**
 * Validates one record and hands the row (or the reason it was dropped) to the sink. Shared by CSV
 * and JSON so both report the same problems the same way. Strings arrive cleaned (cleanText);
 * counts, date and avatar arrive raw. Returns whether the row was kept.
 */
export function emitRow(
  sink: RowSink,
  line: number,
  author: string,
  avatar: unknown,
  likesRaw: unknown,
  repliesRaw: unknown,
  dateRaw: unknown,
  text: string,
  reply: string,
  lesson: string,
  textAt = -1,
  course = '',
): boolean {
  if (!text) {
    sink.skip({ line, reason: 'noText' })
    return false
  }
  const likes = parseCount(likesRaw)
  if (likes === null) {
    sink.skip({ line, reason: 'badNumber', detail: `likes: ${showValue(likesRaw)}` })
    return false
  }
  const replies = parseCount(repliesRaw)
  if (replies === null) {
    sink.skip({ line, reason: 'badNumber', detail: `replies: ${showValue(repliesRaw)}` })
    return false
  }
  if (readDate(dateRaw) < 0) {
    sink.skip({ line, reason: 'badDate', detail: `date: ${showValue(dateRaw)}` })
    return false
  }
  if (sink.values) sink.values(line, author, avatarOf(avatar), likes, replies, readDay, readTime, text, reply, lesson, textAt, course)
  else sink.row({ line, author, avatar: avatarOf(avatar), likes, replies, day: readDay, time: readTime, text, reply, lesson, course })
  return true
}

/**
 * A header layout's signature: the normalised names in order. A column mapping the user chose is
 * remembered under it and used again for every file with the same header.
 */
export function headerSignature(headers: string[]): string {
  return headers.map(normaliseHeader).join('\u0001')
}
