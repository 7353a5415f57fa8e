/**
 * JSON import: an array of comment objects (CSV-like field names), an object wrapping one
 * (`comments`/`data`/`list`/… or, failing those, any key holding an array of records), or
 * responses of Geekbang's comment API, alone or several pages saved together as an array.
 * Records whose keys name no text field can be mapped by hand, as CSV columns can.
 */
import { ImportError } from './types'
import type { Format, ParseOutcome, RowSink } from './types'
import { cleanText, emitRow, fieldOfHeader, listColumns, mapHeaders, normaliseHeader, showValue, textOf } from './fields'
import type { ColumnMapping, Field } from './fields'
import { elementStarts, itemOffsets, jsonErrorOffset, skipWs, type Path } from './jsonScan'

export interface JsonOptions {
  /** Keys chosen by the user (key names, or indices into the record keys) instead of the key-name guess. */
  mapping?: ColumnMapping
  /** A remembered mapping for this key layout (see recordKeys), used when `mapping` is not given. */
  mappingFor?: (keys: string[]) => ColumnMapping | undefined
}

type Obj = Record<string, unknown>

/** A comment array found in the document, with where it sits (for line numbers). */
interface Source {
  path: Path
  items: unknown[]
}

/** Keys that hold the comment array in wrapper objects, in order of preference. */
const LIST_KEYS = ['comments', 'list', 'data', 'items', 'results', 'rows', 'records']
// Finding item positions costs a pass over the text; above this size items are numbered instead.
const LINE_SCAN_LIMIT = 5_000_000
// The keys of this many leading items decide the column mapping.
const MAPPING_SAMPLE = 50

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A Geekbang API comment: `comment_content` is the tell-tale key. */
const isApiItem = (v: unknown): boolean => isObj(v) && 'comment_content' in v

/** An API response: `{code, data: {list: [...]}}` or `{code, data: [...]}`. */
function isEnvelope(o: Obj): boolean {
  return 'code' in o && 'data' in o && (Array.isArray(o.data) || (isObj(o.data) && Array.isArray(o.data.list)))
}

/** The comment arrays of one object, or null when it holds none. */
function sourcesOf(o: Obj, path: Path, file: string): Source[] | null {
  // The API answers errors with {code: -1, error: {msg}, data: []}: say so instead of "0 comments".
  if (typeof o.code === 'number' && o.code !== 0 && isObj(o.error)) {
    const e = o.error
    throw new ImportError({ code: 'notCommentJson', file, detail: `API error ${String(e.code ?? o.code)}: ${textOf(e.msg)}` })
  }
  for (const k of LIST_KEYS) {
    const v = o[k]
    if (Array.isArray(v)) return [{ path: [...path, k], items: v }]
    if (isObj(v)) {
      // {data: {list: [...]}} and the like, one level down.
      for (const k2 of LIST_KEYS) {
        const v2 = v[k2]
        if (Array.isArray(v2)) return [{ path: [...path, k, k2], items: v2 }]
      }
    }
  }
  return null
}

/** Whether most leading items of a value are plain objects: an array of records, whatever their keys. */
function isRecordArray(v: unknown): v is unknown[] {
  if (!Array.isArray(v) || v.length === 0) return false
  const n = Math.min(v.length, MAPPING_SAMPLE)
  let objects = 0
  for (let i = 0; i < n; i++) if (isObj(v[i])) objects++
  return objects * 2 > n
}

/**
 * An array of records under a key that is none of LIST_KEYS, one or two levels down
 * (`{"export": [...]}`, `{"result": {"rows2": [...]}}`). One whose records have a text key wins,
 * else the first in document order: a hand mapping can then still make sense of it.
 */
function recordsUnder(o: Obj): Source | null {
  let first: Source | null = null
  const candidates: Source[] = []
  for (const [k, v] of Object.entries(o)) {
    if (isRecordArray(v)) candidates.push({ path: [k], items: v })
    else if (isObj(v)) {
      for (const [k2, v2] of Object.entries(v)) if (isRecordArray(v2)) candidates.push({ path: [k, k2], items: v2 })
    }
  }
  for (const c of candidates) {
    if (looksLikeComments(c.items)) return c
    first ??= c
  }
  return first
}

/** Whether an array holds comments itself (rather than API pages). */
function looksLikeComments(items: unknown[]): boolean {
  for (let i = 0; i < items.length && i < MAPPING_SAMPLE; i++) {
    const it = items[i]
    if (isObj(it) && (isApiItem(it) || Object.keys(it).some((k) => fieldOfHeader(k) === 'text'))) return true
  }
  return false
}

interface Located {
  sources: Source[]
  api: boolean
  title: string
}

function locate(root: unknown, file: string): Located | null {
  if (Array.isArray(root)) {
    if (root.length === 0 || looksLikeComments(root)) return { sources: [{ path: [], items: root }], api: false, title: '' }
    // Several API pages saved as one array.
    const sources: Source[] = []
    let api = false
    root.forEach((page, i) => {
      if (!isObj(page)) return
      const s = sourcesOf(page, [i], file)
      if (s) {
        sources.push(...s)
        api ||= isEnvelope(page)
      }
    })
    if (sources.length) return { sources, api, title: '' }
    // No pages either: records with keys of their own, for the user to map.
    return isRecordArray(root) ? { sources: [{ path: [], items: root }], api: false, title: '' } : null
  }
  if (!isObj(root)) return null
  const under = sourcesOf(root, [], file) ?? recordsUnder(root)
  if (!under) return null
  const sources = Array.isArray(under) ? under : [under]
  // A lesson title next to the comments ({title, comments}) names the lesson of all of them.
  let title = ''
  for (const k of Object.keys(root)) {
    if (fieldOfHeader(k) === 'lesson' && typeof root[k] === 'string') {
      title = cleanText(root[k] as string)
      break
    }
  }
  return { sources, api: isEnvelope(root), title }
}

/** Author replies of an API item (`replies: [{content, …}]`), joined by blank lines. */
function repliesText(v: unknown): string {
  if (!Array.isArray(v)) return ''
  const parts: string[] = []
  for (const r of v) {
    if (isObj(r) && (typeof r.content === 'string' || typeof r.content === 'number')) {
      const t = textOf(r.content)
      if (t) parts.push(t)
    }
  }
  return parts.join('\n\n')
}

interface Layout {
  /** Keys of the leading items, in first-seen order: what a mapping is chosen from and remembered by. */
  keys: string[]
  api: boolean
  /** Whether the items are records (plain objects with keys), so that a hand mapping can apply. */
  records: boolean
}

/** The keys of the first MAPPING_SAMPLE objects of all sources (an item may omit empty fields). */
function layoutOf(found: Located): Layout {
  const keys = new Set<string>()
  let sampled = 0
  let seen = 0
  let api = found.api
  for (const s of found.sources) {
    for (const it of s.items) {
      if (sampled >= MAPPING_SAMPLE) break
      seen++
      if (!isObj(it)) continue
      for (const k of Object.keys(it)) keys.add(k)
      if (isApiItem(it)) api = true
      sampled++
    }
  }
  return { keys: [...keys], api, records: keys.size > 0 && sampled * 2 > seen }
}

/**
 * The records of a parsed document as the mapping dialog shows them: the keys a remembered
 * mapping is looked up by (exactly as parseJson computes them) and the first `maxRows` records.
 * Null when the document holds no array of records.
 */
export function jsonRecords(root: unknown, file: string, maxRows: number): { keys: string[]; rows: Obj[] } | null {
  const found = locate(root, file)
  if (!found) return null
  const { keys, records } = layoutOf(found)
  if (!records) return null
  const rows: Obj[] = []
  for (const s of found.sources) {
    for (const it of s.items) {
      if (rows.length >= maxRows) break
      if (isObj(it)) rows.push(it)
    }
  }
  return { keys, rows }
}

/** Turns a user mapping (key names, or indices into `keys`) into key names; unknown names are dropped. */
function resolveKeys(mapping: ColumnMapping, keys: string[]): Partial<Record<Field, string>> {
  const exact = new Set(keys)
  const byName = new Map<string, string>()
  for (const k of keys) {
    const n = normaliseHeader(k)
    if (!byName.has(n)) byName.set(n, k)
  }
  const out: Partial<Record<Field, string>> = {}
  for (const [f, v] of Object.entries(mapping) as [Field, number | string | undefined][]) {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < keys.length) out[f] = keys[v]
    else if (typeof v === 'string') {
      const k = exact.has(v) ? v : byName.get(normaliseHeader(v))
      if (k !== undefined) out[f] = k
    }
  }
  return out
}

/** Key per field from the key names; the API's own names win in an API document. */
function guessKeys(keyList: string[], api: boolean): Partial<Record<Field, string>> {
  const m: Partial<Record<Field, string>> = {}
  for (const [f, i] of Object.entries(mapHeaders(keyList)) as [Field, number][]) m[f] = keyList[i]
  if (api) {
    // The API's own names, whatever order the keys came in: `replies` there is the list of author
    // replies (text), the reply count is `discussion_count`.
    const keys = new Set(keyList)
    const own: Partial<Record<Field, string>> = {
      author: 'user_name',
      avatar: 'user_header',
      likes: 'like_count',
      replies: 'discussion_count',
      date: 'comment_ctime',
      text: 'comment_content',
    }
    for (const [f, k] of Object.entries(own) as [Field, string][]) if (keys.has(k)) m[f] = k
  }
  return m
}

/**
 * Parses decoded JSON text into rows. A row's `line` is the 1-based line where its object starts
 * when the text is under LINE_SCAN_LIMIT characters; in larger files it is the item's 1-based
 * position among all comment items, which keeps big imports fast.
 * Keys come from `opts.mapping`, else a mapping remembered for the record keys, else their names.
 * Throws ImportError 'invalidJson' (with line/column), 'noColumns' when records were found but no
 * key holds the text (detail: the keys), or 'notCommentJson' for anything else without comments.
 */
export function parseJson(text: string, file: string, sink: RowSink, opts: JsonOptions = {}): ParseOutcome {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let root: unknown
  try {
    root = JSON.parse(src)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    const { line, column } = errorPosition(src, message)
    throw new ImportError({ code: 'invalidJson', file, line, column, detail: shorten(message) })
  }

  const found = locate(root, file)
  if (!found) {
    const keys = isObj(root) ? Object.keys(root) : []
    throw new ImportError({
      code: 'notCommentJson',
      file,
      detail: keys.length ? `found keys: ${listColumns(keys)}` : `found ${describe(root)}`,
    })
  }

  const { keys: keyList, api, records } = layoutOf(found)
  const chosen = opts.mapping ?? (records ? opts.mappingFor?.(keyList) : undefined)
  const m = chosen ? resolveKeys(chosen, keyList) : guessKeys(keyList, api)
  const total = found.sources.reduce((n, s) => n + s.items.length, 0)
  if (m.text === undefined && total > 0) {
    // Records with keys of their own can be mapped by hand (the caller offers that on 'noColumns').
    throw new ImportError({ code: records ? 'noColumns' : 'notCommentJson', file, detail: `found keys: ${listColumns(keyList)}` })
  }

  const lineOf = itemLines(src, found.sources)
  const format: Format = api ? 'geekbang-api' : 'json'
  const { text: kText, author: kAuthor, avatar: kAvatar, likes: kLikes, replies: kReplies, date: kDate, reply: kReply, lesson: kLesson, course: kCourse } = m
  let rowsRead = 0
  for (let si = 0; si < found.sources.length; si++) {
    const items = found.sources[si].items
    const lines = lineOf?.[si]
    for (let i = 0; i < items.length; i++) {
      rowsRead++
      const line = lines ? lines[i] : rowsRead
      const it = items[i]
      if (!isObj(it)) {
        sink.skip({ line, reason: 'malformedItem', detail: `expected an object, found ${showValue(it)}` })
        continue
      }
      const textRaw = it[kText!]
      if (textRaw !== null && typeof textRaw === 'object') {
        sink.skip({ line, reason: 'malformedItem', detail: `${kText}: ${showValue(textRaw)}` })
        continue
      }
      let replies = kReplies === undefined ? undefined : it[kReplies]
      if (Array.isArray(replies)) replies = replies.length
      let reply = kReply === undefined ? '' : textOf(it[kReply])
      if (!reply && Array.isArray(it.replies)) reply = repliesText(it.replies)
      const date = kDate === undefined ? undefined : it[kDate]
      emitRow(
        sink,
        line,
        kAuthor === undefined ? '' : textOf(it[kAuthor]),
        kAvatar === undefined ? '' : it[kAvatar],
        kLikes === undefined ? undefined : it[kLikes],
        replies,
        // JSON null (or '') for a date means "no date", like an empty CSV cell.
        date === null || date === '' ? undefined : date,
        textOf(textRaw),
        reply,
        kLesson === undefined ? '' : textOf(it[kLesson]),
        -1,
        kCourse === undefined ? '' : textOf(it[kCourse]),
      )
    }
  }
  return { format, title: found.title, rowsRead }
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array without comment objects'
  return isObj(v) ? 'an empty object' : `a ${typeof v}`
}

function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim()
  return one.length > 200 ? one.slice(0, 199) + '…' : one
}

/** 1-based line and column (in UTF-16 units) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lineStart = 0
  for (let p = text.indexOf('\n'); p !== -1 && p < at; p = text.indexOf('\n', p + 1)) {
    line++
    lineStart = p + 1
  }
  return { line, column: at - lineStart + 1 }
}

/**
 * Where JSON.parse failed. Engines word this differently: V8 says "at position N" for most errors
 * but not for "Unexpected token" or "Unexpected end"; Firefox gives "line L column C"; Safari gives
 * nothing. Our own scan of the text finds the offending character when the message does not.
 */
function errorPosition(text: string, message: string): { line: number; column: number } {
  const pos = /at position (\d+)/.exec(message)
  if (pos) return lineColumn(text, Number(pos[1]))
  const lc = /line (\d+) column (\d+)/.exec(message)
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) }
  const off = jsonErrorOffset(text)
  return lineColumn(text, off < 0 ? text.length : off)
}

/**
 * Line of every item of every source, by walking the text along each source's path. Null when
 * the text is too large to scan cheaply (callers then number items instead).
 */
function itemLines(text: string, sources: Source[]): Int32Array[] | null {
  if (text.length > LINE_SCAN_LIMIT) return null
  const out: Int32Array[] = []
  // Offsets come in document order, so lines are counted incrementally.
  let lastOff = 0
  let lastLine = 1
  // Pages saved as one array: find the pages once rather than once per page.
  const pages = sources.some((s) => typeof s.path[0] === 'number') ? elementStarts(text, skipWs(text, 0)) : null
  for (const s of sources) {
    const first = s.path[0]
    const offs =
      typeof first === 'number'
        ? pages && first < pages.length
          ? itemOffsets(text, s.path.slice(1), pages[first])
          : null
        : itemOffsets(text, s.path, skipWs(text, 0))
    if (!offs || offs.length !== s.items.length) return null
    const lines = new Int32Array(offs.length)
    for (let i = 0; i < offs.length; i++) {
      const o = offs[i]
      if (o < lastOff) {
        lastOff = 0
        lastLine = 1
      }
      for (let p = text.indexOf('\n', lastOff); p !== -1 && p < o; p = text.indexOf('\n', p + 1)) lastLine++
      lastOff = o
      lines[i] = lastLine
    }
    out.push(lines)
  }
  return out
}
