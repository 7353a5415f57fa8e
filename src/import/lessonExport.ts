/**
 * Lesson exports: Markdown files written by zkep/my-geektime and saved lesson web pages. Both carry
 * the same comment block:
 *
 *   <div><strong>精选留言（20）</strong></div><ul>
 *   <li><img src="…" width="30px"><span>NAME</span> 👍（14） 💬（2）<div>TEXT</div>2021-03-22</li><br/>…
 *
 * The document is read with htmlparser2's tokenizer (no DOMParser in a worker, and regular
 * expressions cannot follow nesting) through htmlEvents.ts, which keeps the element stack in linear
 * time; entities are decoded by it and, for double-escaped text, once more by `entities`. Every step
 * here is linear too (no test of a growing string per tag): a hostile page of 200,000 unclosed
 * `<li>` reads in proportion to its length. Items are counted, never the number in the heading; no order is assumed.
 * A page flattened to plain text (tags stripped) is read by a text fallback.
 */
import { decodeHTML } from 'entities'
import { parseHtml } from './htmlEvents'
import { parseDateValue, NO_DAY, NO_TIME } from '@/model/dates'
import type { ParseOutcome, RowSink } from './types'
import { ImportError } from './types'

export const BLOCK_HEADING = /(精选留言|全部留言|精选评论|全部评论)\s*[（(]\s*(\d+)\s*[）)]/
const COUNTS = /👍\s*[（(]\s*(\d+)\s*[）)]\s*(?:💬\s*[（(]\s*(\d+)\s*[）)])?/
const DATE_AT = /(\d{4}-\d{1,2}-\d{1,2})(?:[ T]+(\d{1,2}:\d{2}(?::\d{2})?))?/
/** Entities left after one decoding pass: the text was escaped twice. */
const LEFTOVER_ENTITY = /&(?:lt|gt|quot|amp|apos|nbsp|#\d{1,7}|#x[0-9a-f]{1,6});/i
const BLOCK_TAGS = new Set(['p', 'div', 'pre', 'blockquote', 'li', 'ul', 'ol', 'table', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const VOID_TAGS = new Set(['img', 'br', 'hr', 'input', 'meta', 'link', 'source', 'wbr', 'area', 'base', 'col', 'embed', 'track'])
const SKIP_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template'])

export function decodeLeftoverEntities(s: string): string {
  return LEFTOVER_ENTITY.test(s) ? decodeHTML(s) : s
}

/** Cheap content test used by format detection. */
export function looksLikeLessonExport(text: string): boolean {
  return BLOCK_HEADING.test(text) || /<li[\s>][\s\S]{0,4000}?👍\s*[（(]\d+[）)]/.test(text)
}

interface Item {
  line: number
  avatar: string
  name: string
  nameDone: boolean
  /** Text of the item outside its body (holds the counts and the date). */
  header: string
  trailer: string
  body: string
  /** Whether `body` ends with a line break (asking the string would flatten it each time). */
  bodyNl: boolean
  /** Whether `header` holds the counts (👍（n）), and its last characters (where a match may start). */
  counts: boolean
  headerTail: string
  /** Whether `trailer` holds a date, and its last characters. */
  dated: boolean
  trailerTail: string
  /** A NUL character in the item's text: the item is skipped (see finishItem). */
  nul: boolean
  bodyDepth: number
  bodySeen: boolean
  /** A second body-like element after the first (an author reply, where exports carry one). */
  extra: string
  spanDepth: number
  depth: number
  malformed: boolean
}

function newItem(line: number): Item {
  return {
    line,
    avatar: '',
    name: '',
    nameDone: false,
    header: '',
    trailer: '',
    body: '',
    bodyNl: false,
    counts: false,
    headerTail: '',
    dated: false,
    trailerTail: '',
    nul: false,
    bodyDepth: 0,
    bodySeen: false,
    extra: '',
    spanDepth: 0,
    depth: 0,
    malformed: false,
  }
}

function addBody(it: Item, s: string) {
  if (!s) return
  it.body += s
  it.bodyNl = s.charCodeAt(s.length - 1) === 10
}

/** Marks where an author's reply starts in a body: a NUL, which no kept item holds (see finishItem). */
const REPLY_MARK = '\u0000'

// Longest text the counts or a date can span (with generous white space).
const MATCH_OVERLAP = 200

/**
 * Text appended to an item's header or trailer, tested for the counts or a date as it arrives:
 * only the new text and the last MATCH_OVERLAP characters before it (where a match may start) are
 * searched, never the whole string again (which would also flatten it each time).
 */
function addHeader(it: Item, data: string) {
  it.header += data
  if (it.counts) return
  const w = it.headerTail + data
  it.counts = COUNTS.test(w)
  it.headerTail = w.length > MATCH_OVERLAP ? w.slice(-MATCH_OVERLAP) : w
}

function addTrailer(it: Item, data: string) {
  it.trailer += data
  if (it.dated) return
  const w = it.trailerTail + data
  it.dated = DATE_AT.test(w)
  it.trailerTail = w.length > MATCH_OVERLAP ? w.slice(-MATCH_OVERLAP) : w
}

/** Trailing spaces and tabs dropped from every line, in one pass (`/[ \t]+\n/` backtracks on long runs of spaces). */
function trimLineEnds(s: string): string {
  if (s.indexOf(' \n') < 0 && s.indexOf('\t\n') < 0) return s
  const lines = s.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]
    let end = l.length
    while (end > 0 && (l.charCodeAt(end - 1) === 32 || l.charCodeAt(end - 1) === 9)) end--
    if (end < l.length) lines[i] = l.slice(0, end)
  }
  return lines.join('\n')
}

function cleanText(s: string): string {
  return trimLineEnds(decodeLeftoverEntities(s.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ')))
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function cleanInline(s: string): string {
  return decodeLeftoverEntities(s).replace(/\s+/g, ' ').trim()
}

/** Lines start at 1; offsets from htmlparser2 index the decoded string. */
function lineCounter(text: string) {
  let pos = 0
  let line = 1
  return (offset: number): number => {
    if (offset < pos) {
      pos = 0
      line = 1
    }
    for (; pos < offset && pos < text.length; pos++) if (text.charCodeAt(pos) === 10) line++
    return line
  }
}

export function parseLessonExport(text: string, file: string, sink: RowSink, kind: 'html' | 'markdown'): ParseOutcome {
  const lineAt = lineCounter(text)
  let title = ''
  let h1 = ''
  let markdownHeading = ''
  let announced: number | undefined
  let rowsRead = 0

  // Document-level state.
  let inTitle = false
  let inH1 = 0
  let h1Done = false
  let skipDepth = 0
  let headingFound = false
  let headingText = ''
  let listDepth = 0 // depth inside the comment <ul>, 0 = not in it
  let listDone = false
  let item: Item | null = null
  let preBlockText = ''

  const finishItem = (it: Item) => {
    rowsRead++
    if (it.nul) {
      // A NUL is no character of a comment: the item is damaged (a stray byte), not the file.
      sink.skip({ line: it.line, reason: 'nul' })
      return
    }
    const counts = COUNTS.exec(it.header) ?? COUNTS.exec(it.body)
    const dateMatch = DATE_AT.exec(it.trailer) ?? DATE_AT.exec(it.header)
    const name = cleanInline(it.name)
    // Text after the body element but before the date still belongs to the comment (a </p>
    // implied by a <pre>, text between blocks).
    const tail = dateMatch && DATE_AT.exec(it.trailer) ? it.trailer.slice(0, DATE_AT.exec(it.trailer)!.index) : dateMatch ? '' : it.trailer
    const body = cleanText(tail.trim() ? `${it.body}\n${tail}` : it.body)
    if (!counts && !name) {
      sink.skip({ line: it.line, reason: 'malformedItem', detail: 'expected <span>name</span> 👍（likes） 💬（replies）' })
      return
    }
    if (!body) {
      sink.skip({ line: it.line, reason: 'noText' })
      return
    }
    let day = NO_DAY
    let time = NO_TIME
    if (dateMatch) {
      const d = parseDateValue(dateMatch[2] ? `${dateMatch[1]} ${dateMatch[2]}` : dateMatch[1])
      if (!d) {
        sink.skip({ line: it.line, reason: 'badDate', detail: dateMatch[0] })
        return
      }
      day = d.day
      time = d.time
    }
    const reply = cleanText(it.extra).replace(/^作者回复\s*[:：]\s*/, '')
    sink.row({
      line: it.line,
      author: name,
      avatar: it.avatar,
      likes: counts ? Number(counts[1]) : 0,
      replies: counts && counts[2] !== undefined ? Number(counts[2]) : 0,
      day,
      time,
      text: body,
      reply,
      lesson: '',
    })
  }

  parseHtml(text, {
    onopentag(name, attrs, at) {
      if (SKIP_TEXT_TAGS.has(name)) skipDepth++
      if (name === 'title' && !title) inTitle = true
      if (name === 'h1' && !h1Done && !headingFound) inH1++
      if (!headingFound) return
      if (listDepth === 0) {
        if (!listDone && (name === 'ul' || name === 'ol')) listDepth = 1
        return
      }
      if (VOID_TAGS.has(name)) {
        if (item) {
          if (name === 'img' && !item.avatar && !item.nameDone && item.bodyDepth === 0) item.avatar = attrs.src ?? ''
          if (name === 'br') {
            if (item.bodyDepth > 0) addBody(item, '\n')
            else if (item.bodySeen) addTrailer(item, '\n')
          }
        }
        return
      }
      listDepth++
      if (listDepth === 2 && name === 'li') {
        item = newItem(lineAt(at))
        item.depth = listDepth
        return
      }
      if (!item) return
      if (item.bodyDepth > 0) {
        item.bodyDepth++
        if (BLOCK_TAGS.has(name) && item.body && !item.bodyNl) addBody(item, '\n')
        return
      }
      if (name === 'span' && !item.nameDone && item.spanDepth === 0) {
        item.spanDepth = 1
        return
      }
      if (item.spanDepth > 0) {
        item.spanDepth++
        return
      }
      if ((name === 'div' || name === 'p' || name === 'pre' || name === 'blockquote') && item.counts && !item.bodySeen) {
        item.nameDone = true
        item.bodyDepth = 1
        return
      }
      if (item.bodySeen && BLOCK_TAGS.has(name)) {
        item.bodyDepth = 1
        if (!item.dated) {
          // The body went on (an implied </p> before a <pre>, several <p>): keep it one text.
          item.bodySeen = false
          if (!item.bodyNl) addBody(item, '\n')
        } else {
          // A block after the date: an author's reply, where an export carries one.
          addBody(item, REPLY_MARK)
        }
      }
    },
    ontext(data) {
      if (skipDepth > 0) return
      if (inTitle) title += data
      if (inH1 > 0) h1 += data
      if (!headingFound) {
        preBlockText += data
        headingText += data
        if (headingText.length > 200) headingText = headingText.slice(-100)
        const m = BLOCK_HEADING.exec(headingText)
        if (m) {
          headingFound = true
          announced = Number(m[2])
          preBlockText = preBlockText.slice(0, Math.max(0, preBlockText.length - headingText.length + m.index))
        }
        return
      }
      if (!item) return
      if (data.indexOf('\u0000') >= 0) item.nul = true
      if (item.bodyDepth > 0) addBody(item, data)
      else if (item.spanDepth > 0) item.name += data
      else if (item.bodySeen) addTrailer(item, data)
      else {
        if (item.name) item.nameDone = true
        addHeader(item, data)
      }
    },
    onclosetag(name, implied) {
      if (SKIP_TEXT_TAGS.has(name) && skipDepth > 0) skipDepth--
      if (name === 'title') inTitle = false
      if (name === 'h1' && inH1 > 0) {
        inH1--
        if (inH1 === 0 && h1.trim()) h1Done = true
      }
      if (!headingFound || listDepth === 0 || VOID_TAGS.has(name)) return
      listDepth--
      if (listDepth === 0) {
        listDone = true
        return
      }
      if (!item) return
      if (listDepth === 1 && name === 'li') {
        splitReply(item)
        finishItem(item)
        item = null
        return
      }
      if (item.bodyDepth > 0) {
        item.bodyDepth--
        if (item.bodyDepth === 0) item.bodySeen = true
        else if (BLOCK_TAGS.has(name) && !implied) addBody(item, '\n')
        return
      }
      if (item.spanDepth > 0) {
        item.spanDepth--
        if (item.spanDepth === 0) item.nameDone = true
      }
    },
  })
  if (item) {
    splitReply(item)
    finishItem(item)
  }

  if (kind === 'markdown') {
    // Only a document title is a title: my-geektime lesson files have none (the file name is the
    // title), and a section heading such as "## 写在前面的话" must not name the lesson.
    const m = /^#[ \t]+(.+?)[ \t#]*$/m.exec(preBlockText)
    if (m) markdownHeading = cleanInline(m[1])
  }
  let outcomeTitle = ''
  const t = cleanInline(title)
  const h = cleanInline(h1)
  if (h && (!t || t.includes(h))) outcomeTitle = h
  else outcomeTitle = t || h || markdownHeading

  if (rowsRead === 0) {
    // Tags stripped (a page saved as text, a flattened render): read the block as plain text.
    const flat = parseFlattenedBlock(text, sink)
    if (flat > 0) return { format: 'lesson-text', title: outcomeTitle, rowsRead: flat, announced }
    if (!headingFound || !/👍/.test(text)) throw new ImportError({ code: 'noComments', file })
  }
  return { format: kind === 'html' ? 'lesson-html' : 'lesson-markdown', title: outcomeTitle, rowsRead, announced, ...(t ? { pageTitle: t } : {}) }
}

/** Splits a body that had a later block (marked with REPLY_MARK) into text and reply. */
function splitReply(it: Item) {
  const k = it.body.indexOf(REPLY_MARK)
  if (k < 0) return
  const extra = it.body.slice(k + 1)
  it.body = it.body.slice(0, k)
  if (/^\s*(作者回复|作者回覆|老师回复|编辑回复)/.test(extra)) it.extra = extra
}

/**
 * `精选留言（15） NAME 👍（273） 💬（8）TEXT2019-04-04NAME 👍（171） 💬（7）TEXT2019-04-04…`
 * A comment ends at the last date before the next `NAME 👍（n）`. Names are taken as the
 * run of non-space text just before 👍 after the previous date.
 */
export function parseFlattenedBlock(text: string, sink: RowSink): number {
  const h = BLOCK_HEADING.exec(text)
  if (!h) return 0
  const start = h.index + h[0].length
  const block = text.slice(start)
  const lineAt = lineCounter(text)
  const marker = /👍\s*[（(]\s*(\d+)\s*[）)]\s*(?:💬\s*[（(]\s*(\d+)\s*[）)])?/g
  const marks: { at: number; end: number; likes: number; replies: number }[] = []
  for (let m = marker.exec(block); m; m = marker.exec(block)) {
    marks.push({ at: m.index, end: m.index + m[0].length, likes: Number(m[1]), replies: m[2] ? Number(m[2]) : 0 })
  }
  if (marks.length === 0) return 0
  // Text before each marker, after the previous comment's date, is the name.
  const dateRe = /\d{4}-\d{2}-\d{2}/g
  let count = 0
  let prevEnd = 0
  const names: string[] = []
  const bodies: { text: string; date: string }[] = []
  for (let i = 0; i < marks.length; i++) {
    const segStart = marks[i].end
    const segEnd = i + 1 < marks.length ? marks[i + 1].at : block.length
    const seg = block.slice(segStart, segEnd)
    // The last date in the segment ends this comment; what follows it is the next name.
    let last: RegExpExecArray | null = null
    dateRe.lastIndex = 0
    for (let d = dateRe.exec(seg); d; d = dateRe.exec(seg)) last = d
    const nameText = block.slice(prevEnd, marks[i].at)
    names.push(nameText)
    if (last) {
      bodies.push({ text: seg.slice(0, last.index), date: last[0] })
      prevEnd = segStart + last.index + last[0].length
    } else {
      bodies.push({ text: seg, date: '' })
      prevEnd = segEnd
    }
  }
  for (let i = 0; i < marks.length; i++) {
    count++
    const line = lineAt(start + marks[i].at)
    const name = cleanInline(names[i])
    const body = cleanText(bodies[i].text)
    if (!body) {
      sink.skip({ line, reason: 'noText' })
      continue
    }
    const d = bodies[i].date ? parseDateValue(bodies[i].date) : null
    sink.row({
      line,
      author: name,
      avatar: '',
      likes: marks[i].likes,
      replies: marks[i].replies,
      day: d ? d.day : NO_DAY,
      time: NO_TIME,
      text: body,
      reply: '',
      lesson: '',
    })
  }
  return count
}
