/**
 * The dataset, stored column-wise: one typed array per number, dictionary codes for repeated
 * strings, and `Strings` columns for the per-row ids, texts and replies (packed.ts: read a row at
 * a time, from packed pieces when the dataset came from a worker or storage). A `Comment` (see
 * comment.ts) is a row view over it.
 * This is the shape the worker transfers, IndexedDB stores and the query engine scans.
 */
import { isDayInRange, NO_DAY, NO_TIME } from './dates'
import { cleanName, cutTo, MAX_PATH_CHARS } from './checks'
import { cyrb53JoinedAt, idOf, repeatedHashes } from './hash'
import { Strings } from './packed'

export interface Lesson {
  title: string
  /** Source file the lesson came from ('' when the rows came from a CSV/JSON lesson column). */
  file: string
  /**
   * The course the lesson belongs to ('' or absent: the dataset's one course). Lessons are
   * identified within their course: two courses may both have a 结束语.
   */
  course?: string
  /** The course's category (the folder above the course in a platform mirror), or absent. */
  category?: string
}

export interface DatasetColumns {
  /** Number of comments. */
  n: number
  id: Strings
  likes: Uint32Array
  replies: Uint32Array
  /** Days since 1970-01-01 (Asia/Shanghai calendar), NO_DAY when unknown. */
  day: Int32Array
  /** Second of the day, NO_TIME (-1) when the export gives only the date. */
  time: Int32Array
  author: Uint32Array
  authors: string[]
  /** Code into `avatars`; code 0 is '' (no avatar). Only http(s) URLs are ever stored. */
  avatar: Uint32Array
  avatars: string[]
  lesson: Uint32Array
  lessons: Lesson[]
  /** Code into `sources`: the file each comment was read from. */
  source: Uint32Array
  sources: string[]
  /** Plain text, line breaks kept. */
  text: Strings
  /** The course author's replies, '' when none (several joined by blank lines). */
  reply: Strings
  /** Import batch (1-based) in which each comment was first seen: later batches are "new". */
  batch: Uint16Array
  /** The imports that built this dataset, oldest first (batch k is batches[k-1]). */
  batches: ImportBatch[]
}

export interface ImportBatch {
  no: number
  /** ISO date-time of the import. */
  at: string
  files: string[]
}

/** One comment as a parser hands it over, before dictionary encoding. */
export interface RawComment {
  author: string
  avatar: string
  likes: number
  replies: number
  day: number
  time: number
  text: string
  reply: string
  /** Lesson title; the builder falls back to the file's lesson when empty. */
  lesson: string
  /** Course title from a course column; empty: the course of the file (see DatasetBuilder.setCourse). */
  course?: string
}

/** Only http(s) URLs from data are ever used: anything else becomes ''. */
export function safeHttpUrl(raw: string): string {
  const s = raw.trim()
  if (!/^https?:\/\//i.test(s)) return ''
  try {
    const u = new URL(s)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : ''
  } catch {
    return ''
  }
}

/** Distinct values and their codes. `clean` makes the stored value (only new raw values pay for it). */
class Dict {
  readonly values: string[] = []
  private readonly codes = new Map<string, number>()
  constructor(
    initial: string[] = [],
    private readonly clean?: (v: string) => string,
  ) {
    for (const v of initial) this.code(v)
  }
  code(v: string): number {
    let c = this.codes.get(v)
    if (c === undefined) {
      const cleaned = this.clean ? this.clean(v) : v
      if (cleaned !== v) c = this.code(cleaned)
      else {
        c = this.values.length
        this.values.push(v)
      }
      this.codes.set(v, c)
    }
    return c
  }
}

const cleanPath = (s: string) => cutTo(s, MAX_PATH_CHARS)
/** An avatar URL too long to be real is dropped, not cut (a cut URL points nowhere). */
const cleanAvatar = (s: string) => (s.length > MAX_PATH_CHARS ? '' : s)

const AUTHOR_BATCH = 8192

function grow<T extends Uint32Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a
  const next = new (a.constructor as { new (n: number): T })(Math.max(need, a.length * 2))
  next.set(a)
  return next
}

/**
 * Accumulates rows and produces columns. Lessons are registered per file so that a file with no
 * comments still counts as a lesson the caller can report on.
 */
export class DatasetBuilder {
  private n = 0
  private cap: number
  private likes: Uint32Array
  private replies: Uint32Array
  private day: Int32Array
  private time: Int32Array
  private author: Uint32Array
  private avatar: Uint32Array
  private lesson: Uint32Array
  private source: Uint32Array
  private batch: Uint16Array
  /** Where each row's text sits in its file's text (-1: not known), to hash it there (see textIn). */
  private textAt: Int32Array
  private readonly textSources: { from: number; src: string }[] = []
  private readonly text: string[] = []
  /** Authors of the rows since the last codeAuthors(), coded in batches (see there). */
  private authorName: string[] = []
  private authorsCoded = 0
  private readonly reply: string[] = []
  // Names lose bidi controls and are cut to a sane length here, for every importer (see checks.ts).
  private readonly authors = new Dict([], cleanName)
  private readonly avatars = new Dict([''], cleanAvatar)
  private readonly sources = new Dict([], cleanPath)
  private readonly lessons: Lesson[] = []
  private readonly lessonCodes = new Map<string, number>()
  private lastAvatarRaw: string | null = null
  private lastAvatar = 0
  private lastTitle: string | null = null
  private lastSource: string | null = null
  private lastLesson = 0
  private lastSourceCode = 0
  private lastCourse = ''
  /** The course (and category) of the rows added next that name none themselves. */
  private course = ''
  private category = ''

  constructor(capacity = 1024) {
    this.cap = Math.max(16, capacity)
    this.likes = new Uint32Array(this.cap)
    this.replies = new Uint32Array(this.cap)
    this.day = new Int32Array(this.cap)
    this.time = new Int32Array(this.cap)
    this.author = new Uint32Array(this.cap)
    this.avatar = new Uint32Array(this.cap)
    this.lesson = new Uint32Array(this.cap)
    this.source = new Uint32Array(this.cap)
    this.batch = new Uint16Array(this.cap)
    this.textAt = new Int32Array(this.cap)
  }

  get size(): number {
    return this.n
  }

  /** The texts of rows `from` to the last added. */
  textsFrom(from: number): string[] {
    return this.text.slice(from, this.n)
  }

  /** The distinct courses of the lessons so far. */
  courseKeys(): string[] {
    return [...new Set(this.lessons.map((l) => l.course ?? ''))]
  }

  /** The course (and its category) of the rows added from now on that name no course themselves. */
  setCourse(course: string, category = ''): void {
    this.course = course
    this.category = category
  }

  /** Code of a lesson by course and title (the first file that names it is kept as its file). */
  lessonCode(rawTitle: string, rawFile: string, rawCourse = this.course, rawCategory = rawCourse === this.course ? this.category : ''): number {
    const title = cleanName(rawTitle)
    const file = cleanPath(rawFile)
    const course = cleanName(rawCourse)
    const category = cleanName(rawCategory)
    const key = course ? `${course}\u0000${title}` : title
    let c = this.lessonCodes.get(key)
    if (c === undefined) {
      c = this.lessons.length
      const lesson: Lesson = { title, file }
      if (course) lesson.course = course
      if (category) lesson.category = category
      this.lessons.push(lesson)
      this.lessonCodes.set(key, c)
    }
    return c
  }

  /**
   * The text that the following rows' `textAt` offsets point into (a parser's input): their ids
   * are hashed from it in finish(), not from each row's own string.
   */
  textIn(src: string): void {
    this.textSources.push({ from: this.n, src })
  }

  add(row: RawComment, sourceFile: string, fallbackLesson: string, batch = 1): void {
    this.addValues(
      row.author,
      row.avatar,
      row.likes,
      row.replies,
      row.day,
      row.time,
      row.text,
      row.reply,
      row.lesson,
      sourceFile,
      fallbackLesson,
      batch,
      -1,
      row.course ?? '',
    )
  }

  /**
   * `add` with the row's fields as arguments (the CSV hot path makes no object per row). `textAt`:
   * where `text` sits, as it is, in the last textIn() string; -1 when it does not.
   */
  addValues(
    author: string,
    avatarRaw: string,
    likes: number,
    replies: number,
    day: number,
    time: number,
    text: string,
    reply: string,
    lesson: string,
    sourceFile: string,
    fallbackLesson: string,
    batch = 1,
    textAt = -1,
    rowCourse = '',
  ): void {
    if (this.n === this.cap) {
      this.cap *= 2
      this.likes = grow(this.likes, this.cap)
      this.replies = grow(this.replies, this.cap)
      this.day = grow(this.day, this.cap)
      this.time = grow(this.time, this.cap)
      this.author = grow(this.author, this.cap)
      this.avatar = grow(this.avatar, this.cap)
      this.lesson = grow(this.lesson, this.cap)
      this.source = grow(this.source, this.cap)
      this.textAt = grow(this.textAt, this.cap)
      const b = new Uint16Array(this.cap)
      b.set(this.batch)
      this.batch = b
    }
    const i = this.n++
    this.likes[i] = clampU32(likes)
    this.replies[i] = clampU32(replies)
    // A day outside 1970–2200 is no date any importer reads: kept as unknown, never as a span of millennia.
    this.day[i] = isDayInRange(day) ? day : NO_DAY
    this.time[i] = Number.isInteger(time) && time >= 0 && time < 86400 ? time : NO_TIME
    if (this.authorName.push(author) === AUTHOR_BATCH) this.codeAuthors()
    // Consecutive rows mostly share their avatar (none), lesson and file: reuse the last code.
    if (avatarRaw !== this.lastAvatarRaw) {
      this.lastAvatarRaw = avatarRaw
      this.lastAvatar = this.avatars.code(safeHttpUrl(avatarRaw))
    }
    this.avatar[i] = this.lastAvatar
    const title = lesson || fallbackLesson
    const course = rowCourse || this.course
    if (title !== this.lastTitle || sourceFile !== this.lastSource || course !== this.lastCourse) {
      this.lastTitle = title
      this.lastSource = sourceFile
      this.lastCourse = course
      // A title that is nothing but invisible controls names no lesson: the file's own title stands.
      this.lastLesson = this.lessonCode(cleanName(title) ? title : fallbackLesson, sourceFile, course)
      this.lastSourceCode = this.sources.code(sourceFile)
    }
    this.lesson[i] = this.lastLesson
    this.source[i] = this.lastSourceCode
    this.batch[i] = batch
    this.textAt[i] = textAt
    this.text.push(text)
    this.reply.push(reply)
  }

  /**
   * Dictionary codes for the authors of the rows added since the last call. Done in batches rather
   * than row by row: tens of thousands of authors make a Map of megabytes, and its lookups
   * measured faster in a tight loop than interleaved with parsing (which evicts it from cache).
   */
  private codeAuthors(): void {
    const names = this.authorName
    const at = this.authorsCoded
    for (let k = 0; k < names.length; k++) this.author[at + k] = this.authors.code(names[k])
    this.authorsCoded += names.length
    names.length = 0
  }

  finish(batches: ImportBatch[] = [{ no: 1, at: '', files: this.sources.values.slice() }]): DatasetColumns {
    const n = this.n
    this.codeAuthors()
    const authors = this.authors.values
    const id = new Array<string>(n)
    // Exact repeats (same lesson, author, date and text) get an ordinal so ids stay unique.
    // Identity of a comment: lesson, author, date and text (stable across reloads, renames and
    // re-exports), hashed part by part, the text where it sits when known (see cyrb53JoinedAt).
    const hashes = new Float64Array(n)
    const parts = ['', '', '']
    // Days repeat: each one's digits are made once (a string per row was a measurable share).
    const days = new Map<number, string>()
    const sources = this.textSources
    let nextSource = 0
    let src = ''
    for (let i = 0; i < n; i++) {
      while (nextSource < sources.length && sources[nextSource].from <= i) src = sources[nextSource++].src
      const day = this.day[i]
      let digits = days.get(day)
      if (digits === undefined) days.set(day, (digits = String(day)))
      parts[0] = this.lessons[this.lesson[i]].title
      parts[1] = authors[this.author[i]]
      parts[2] = digits
      const text = this.text[i]
      const at = this.textAt[i]
      hashes[i] = at >= 0 ? cyrb53JoinedAt(parts, 3, src, at, at + text.length) : cyrb53JoinedAt(parts, 3, text, 0, text.length)
    }
    // Repeats are rare: find them first, and count ordinals only for those.
    const repeated = repeatedHashes(hashes)
    for (let i = 0; i < n; i++) {
      const h = hashes[i]
      const k = repeated.size ? repeated.get(h) : undefined
      if (k === undefined) id[i] = idOf(h)
      else {
        repeated.set(h, k + 1)
        id[i] = k === 0 ? idOf(h) : `${idOf(h)}-${k + 1}`
      }
    }
    return {
      n,
      id: Strings.of(id),
      likes: this.likes.slice(0, n),
      replies: this.replies.slice(0, n),
      day: this.day.slice(0, n),
      time: this.time.slice(0, n),
      author: this.author.slice(0, n),
      authors,
      avatar: this.avatar.slice(0, n),
      avatars: this.avatars.values,
      lesson: this.lesson.slice(0, n),
      lessons: this.lessons,
      source: this.source.slice(0, n),
      sources: this.sources.values,
      text: Strings.of(this.text),
      reply: Strings.of(this.reply),
      batch: this.batch.slice(0, n),
      batches,
    }
  }
}

function clampU32(v: number): number {
  if (!Number.isFinite(v) || v < 0) return 0
  return Math.min(Math.floor(v), 0xffffffff)
}

/** The typed arrays of a dataset, for postMessage transfer lists. */
export function transferables(ds: DatasetColumns): ArrayBuffer[] {
  return [ds.likes, ds.replies, ds.day, ds.time, ds.author, ds.avatar, ds.lesson, ds.source, ds.batch].map((a) => a.buffer as ArrayBuffer)
}

export function emptyDataset(): DatasetColumns {
  return new DatasetBuilder(16).finish()
}
