/**
 * CSV/TSV import. This module picks the delimiter, maps the header and turns rows into ParsedRows.
 * The text is tokenised piece by piece: well-formed pieces by the scanner (csvScan.ts: offsets,
 * strings only for the cells read), anything irregular by PapaParse, the authority on quoting.
 */
import Papa from 'papaparse'
import type { ParseError } from 'papaparse'
import { ImportError } from './types'
import type { ParseOutcome, RowSink } from './types'
import { cleanKept, cleanText, DATE_READ, digitsAt, emitRow, isoDateAt, listColumns, mapHeaders, mayHaveMarkup, normaliseHeader, SEP_LINE } from './fields'
import { cellText, scanCsv, type ScannedRows } from './csvScan'
import type { ColumnMapping, Field } from './fields'

export interface CsvOptions {
  /** Columns chosen by the user (indices, or header names) instead of the header-name guess. */
  mapping?: ColumnMapping
  /** A remembered mapping for this header layout, if any (used when `mapping` is not given). */
  mappingFor?: (header: string[]) => ColumnMapping | undefined
  /**
   * Progress: total rows read so far and the share of the text they end at (0–1), about every
   * PROGRESS_EVERY rows and once at the end.
   */
  onRows?: (rows: number, share: number) => void
  /** Characters per piece (see PIECE_SIZE); tests make it tiny to exercise the cuts. */
  pieceSize?: number
  /** False: every piece through PapaParse, none through the scanner (tests compare the two). */
  scan?: boolean
}

const DELIMITERS = [',', '\t', ';', '|'] as const
// Big enough that per-piece costs vanish, small enough that Papa's row arrays for one piece stay
// a few MB (and in cache) instead of a copy of the whole file.
const PIECE_SIZE = 1 << 19
const PROGRESS_EVERY = 5000
const HEAD_SIZE = 64 * 1024

/**
 * Where to end a piece that starts at `from`: just after the first row separator at or beyond
 * from + size that is outside quotes. Every quote of well-formed CSV is half of a pair (opening and
 * closing, or a doubled quote inside), so a separator after an even number of quotes is a row end.
 */
function cutAfter(s: string, from: number, size: number, newline: string): number {
  let at = from + size
  if (at >= s.length) return s.length
  let quotes = 0
  for (let p = s.indexOf('"', from); p !== -1 && p < at; p = s.indexOf('"', p + 1)) quotes++
  for (;;) {
    const p = s.indexOf(newline, at)
    if (p === -1) return s.length
    for (let q = s.indexOf('"', at); q !== -1 && q < p; q = s.indexOf('"', q + 1)) quotes++
    at = p + newline.length
    // Papa drops a BOM at the start of its input: never start a piece with one.
    if ((quotes & 1) === 0 && s.charCodeAt(at) !== 0xfeff) return at
  }
}

/** Whether some CR in the text is not half of a CRLF (with CR line breaks, those are counted as such). */
function hasLoneCr(s: string, newline: string): boolean {
  if (newline === '\r') return false
  for (let p = s.indexOf('\r'); p !== -1; p = s.indexOf('\r', p + 1)) if (s.charCodeAt(p + 1) !== 10) return true
  return false
}

/** Occurrences of `nl` in a cell. */
function countOf(v: string | undefined, nl: string): number {
  if (v === undefined) return 0
  let n = 0
  for (let p = v.indexOf(nl); p !== -1; p = v.indexOf(nl, p + 1)) n++
  return n
}

/** A row Papa produced for a blank line (greedy: only delimiters and whitespace). */
function isBlank(f: string[]): boolean {
  if (f.length === 0) return true
  // Nearly every row starts with a visible character: decide that without trimming.
  const c = f[0].charCodeAt(0)
  if (c > 32 && c !== 0xa0 && c !== 0x3000 && c !== 0xfeff) return false
  for (let i = 0; i < f.length; i++) {
    const v = f[i]
    if (v.length !== 0 && v.trim() !== '') return false
  }
  return true
}

/**
 * The row separator, decided as Papa does (line breaks inside quotes do not count) but on the
 * first 64 KB rather than Papa's 1 MB.
 */
function guessNewline(head: string): '\r\n' | '\n' | '\r' {
  const s = head.replace(/"[^"]*"/g, '')
  const r = s.indexOf('\r')
  const n = s.indexOf('\n')
  if (r === -1) return '\n'
  if (n !== -1 && n < r) return '\n'
  return s.charCodeAt(r + 1) === 10 ? '\r\n' : '\r'
}

/** The first non-blank row of `head` split with `delimiter`. */
function headerWith(head: string, delimiter: string): string[] | null {
  const res = Papa.parse<string[]>(head, { delimiter, preview: 20, header: false })
  for (const r of res.data) if (!isBlank(r)) return r
  return null
}

/**
 * The delimiter whose header row maps the most known columns (a text column first of all). The
 * header is a far better witness than Papa's field-count consistency test, which a few commas in
 * Chinese comment text can fool on a small file. Falls back to Papa's own guess.
 */
function chooseDelimiter(head: string): string {
  let best = ''
  let bestScore = 0
  for (const d of DELIMITERS) {
    const h = headerWith(head, d)
    if (!h) continue
    const m = mapHeaders(h)
    const score = (m.text !== undefined ? 100 : 0) + Object.keys(m).length
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  if (best) return best
  const guess = Papa.parse<string[]>(head, { delimiter: '', preview: 10, header: false })
  return guess.meta.delimiter || ','
}

/** Turns a user mapping (indices or header names) into column indices. */
function resolveMapping(mapping: ColumnMapping, header: string[]): Partial<Record<Field, number>> {
  const out: Partial<Record<Field, number>> = {}
  const byName = new Map<string, number>()
  header.forEach((h, i) => {
    const k = normaliseHeader(h)
    if (!byName.has(k)) byName.set(k, i)
  })
  for (const [f, v] of Object.entries(mapping) as [Field, number | string | undefined][]) {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[f] = v
    else if (typeof v === 'string') {
      const i = byName.get(normaliseHeader(v))
      if (i !== undefined) out[f] = i
    }
  }
  return out
}

/** A column whose value repeats over runs of rows: the last raw cell and its cleaned text. */
interface RepeatedCell {
  raw: string | undefined
  clean: string
}

/**
 * Parses decoded CSV text. The first non-blank row is the header (also when `opts.mapping` is
 * given). Rows go to `sink`; each row's `line` is the 1-based physical line it starts on.
 * Throws ImportError 'noColumns' when no text column can be found, 'empty' for a blank file.
 */
export function parseCsv(text: string, file: string, sink: RowSink, opts: CsvOptions = {}): ParseOutcome {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let line = 1
  let delimiter = ''
  // Excel writes a `sep=;` first line to name the delimiter.
  const sep = SEP_LINE.exec(body)
  if (sep) {
    delimiter = sep[1]
    body = body.slice(sep[0].length)
    line = 2
  }
  // Where body starts in text: the sink is told where comment texts sit in `text`.
  const bodyAt = text.length - body.length
  if (body.trim() === '') {
    if (sep) return { format: 'csv', title: '', rowsRead: 0 }
    throw new ImportError({ code: 'empty', file })
  }
  if (!delimiter) delimiter = chooseDelimiter(body.slice(0, HEAD_SIZE))

  let header: string[] | null = null
  let cText = -1,
    cAuthor = -1,
    cAvatar = -1,
    cLikes = -1,
    cReplies = -1,
    cDate = -1,
    cReply = -1,
    cLesson = -1,
    cCourse = -1
  let rowsRead = 0
  let nextReport = PROGRESS_EVERY
  const onRows = opts.onRows

  const useHeader = (h: string[], headerLine: number) => {
    header = h
    const chosen = opts.mapping ?? opts.mappingFor?.(h)
    const m = chosen ? resolveMapping(chosen, h) : (mapHeaders(h) as Partial<Record<Field, number>>)
    if (m.text === undefined) {
      throw new ImportError({ code: 'noColumns', file, line: headerLine, detail: `found columns: ${listColumns(h)}` })
    }
    cText = m.text
    cAuthor = m.author ?? -1
    cAvatar = m.avatar ?? -1
    cLikes = m.likes ?? -1
    cReplies = m.replies ?? -1
    cDate = m.date ?? -1
    cReply = m.reply ?? -1
    cLesson = m.lesson ?? -1
    cCourse = m.course ?? -1
  }

  const newline = guessNewline(body.slice(0, HEAD_SIZE))
  const nl = newline === '\r' ? '\r' : '\n'
  const markup = mayHaveMarkup(body)
  // Only Papa's pieces need it (the scanner rejects a stray CR): found on the first such piece,
  // not by a pass over every CR of a CRLF file that the scanner reads whole.
  let loneCr: boolean | undefined
  // Rows of one lesson (of one course) come together: each distinct value is cleaned once.
  const lessonCells: RepeatedCell = { raw: undefined, clean: '' }
  const courseCells: RepeatedCell = { raw: undefined, clean: '' }
  const cleanRepeated = (r: RepeatedCell, raw: string | undefined, crs: boolean): string => {
    if (raw !== r.raw) {
      r.raw = raw
      r.clean = raw === undefined ? '' : cleanText(raw, crs, markup)
    }
    return r.clean
  }
  let extra = new Int32Array(0)

  // A stray NUL (one damaged byte) makes its row unreadable, not the file: such rows are skipped.
  const nul = body.indexOf('\u0000') >= 0
  const hasNul = (v: unknown) => typeof v === 'string' && v.indexOf('\u0000') >= 0

  /** Hands one data row to the sink (kept or skipped): the same for both paths. */
  const emit = (
    start: number,
    t: string | undefined,
    a: string | undefined,
    avatar: string,
    likes: string | number | undefined,
    replies: string | number | undefined,
    date: string | symbol | undefined,
    rp: string | undefined,
    l: string | undefined,
    crsText: boolean,
    crs: boolean,
    tAt = -1,
    co?: string,
  ) => {
    if (nul && [t, a, avatar, likes, replies, date, rp, l, co].some(hasNul)) {
      sink.skip({ line: start, reason: 'nul' })
      return
    }
    const lesson = cLesson >= 0 ? cleanRepeated(lessonCells, l, crs) : ''
    const course = cCourse >= 0 ? cleanRepeated(courseCells, co, crs) : ''
    const cleaned = t === undefined ? '' : cleanText(t, crsText, markup)
    // Unchanged by cleaning, the text is its span of the file (tAt: where, in body).
    const at = tAt >= 0 && cleanKept ? bodyAt + tAt : -1
    emitRow(
      sink,
      start,
      a === undefined ? '' : cleanText(a, crs, markup),
      avatar,
      likes,
      replies,
      date,
      cleaned,
      rp === undefined ? '' : cleanText(rp, crs, markup),
      lesson,
      at,
      course,
    )
  }

  /**
   * Hands on the scanner's rows. It only accepts text where every line break is a row end or sits
   * in a quoted field, so lines are counted exactly, and an unquoted cell cannot hold a CR.
   */
  const takeScan = (scan: ScannedRows) => {
    const { rowField, fieldStart, fieldKind, rowBreaks } = scan
    const cell = (first: number, count: number, c: number) => (c < count ? cellText(body, scan, first + c) : undefined)
    // A count of plain digits is read straight from the text (what parseCount would make of it).
    const countCell = (first: number, count: number, c: number): string | number | undefined => {
      if (c >= count) return undefined
      const k = first + c
      const x = fieldKind[k] === 0 ? digitsAt(body, fieldStart[k], scan.fieldEnd[k]) : -1
      return x >= 0 ? x : cellText(body, scan, k)
    }
    // A plain date in the common form is read straight from the text (DATE_READ: see isoDateAt);
    // anything else, and a day that does not exist, as a string (and reported as such).
    const dateCell = (first: number, count: number, c: number): string | symbol | undefined => {
      if (c >= count) return undefined
      const k = first + c
      return fieldKind[k] === 0 && isoDateAt(body, fieldStart[k], scan.fieldEnd[k] - fieldStart[k]) === 1 ? DATE_READ : cellText(body, scan, k)
    }
    // Rows of a lesson (a course) come together: the same value as the last row's is not cut out again.
    const repeatedCell = (first: number, count: number, c: number, r: RepeatedCell): string | undefined => {
      if (c >= count) return undefined
      const k = first + c
      const a = fieldStart[k]
      const last = r.raw
      return last !== undefined && fieldKind[k] !== 2 && last.length === scan.fieldEnd[k] - a && body.startsWith(last, a) ? last : cellText(body, scan, k)
    }
    for (let r = 0; r < scan.rows; r++) {
      const first = rowField[r]
      const count = rowField[r + 1] - first
      const start = line
      line += 1 + rowBreaks[r]
      // Blank rows (only delimiters and whitespace): nearly every row starts with a visible character.
      const c0 = body.charCodeAt(fieldStart[first])
      const visible = scan.fieldEnd[first] > fieldStart[first] && c0 > 32 && c0 !== 0xa0 && c0 !== 0x3000 && c0 !== 0xfeff
      if (!visible || header === null) {
        const f: string[] = []
        for (let k = 0; k < count; k++) f.push(cellText(body, scan, first + k))
        if (!visible && isBlank(f)) continue
        if (header === null) {
          useHeader(f, start)
          continue
        }
      }
      rowsRead++
      const text = cText < count ? first + cText : -1
      emit(
        start,
        cell(first, count, cText),
        cAuthor >= 0 ? cell(first, count, cAuthor) : undefined,
        cAvatar >= 0 ? (cell(first, count, cAvatar) ?? '') : '',
        cLikes >= 0 ? countCell(first, count, cLikes) : undefined,
        cReplies >= 0 ? countCell(first, count, cReplies) : undefined,
        cDate >= 0 ? dateCell(first, count, cDate) : undefined,
        cReply >= 0 ? cell(first, count, cReply) : undefined,
        cLesson >= 0 ? repeatedCell(first, count, cLesson, lessonCells) : undefined,
        text >= 0 && fieldKind[text] !== 0,
        true,
        text >= 0 && fieldKind[text] !== 2 ? fieldStart[text] : -1,
        cCourse >= 0 ? repeatedCell(first, count, cCourse, courseCells) : undefined,
      )
      if (rowsRead >= nextReport && onRows) {
        onRows(rowsRead, scan.fieldEnd[rowField[r + 1] - 1] / body.length)
        nextReport += PROGRESS_EVERY
      }
    }
  }

  /** Hands on Papa's rows of body[from, to); `final` when `to` is the end of the text. */
  const take = (data: string[][], errors: ParseError[], from: number, to: number, final: boolean) => {
    // Physical line breaks in this piece. Every row but the file's last ends with one; any more
    // are line breaks inside quoted fields, which the per-row count below must find.
    let breaks = 0
    for (let p = body.indexOf(nl, from); p !== -1 && p < to; p = body.indexOf(nl, p + 1)) breaks++
    let inner = breaks - (final ? data.length - 1 : data.length)
    loneCr ??= hasLoneCr(body, newline)
    // Cells to search for CRs (see below).
    const crs = loneCr || inner > 0
    // Papa's error row is an index into this piece's rows.
    let bad: Map<number, ParseError> | null = null
    for (const e of errors) {
      if (typeof e.row === 'number' && e.row < data.length) {
        bad ??= new Map()
        if (!bad.has(e.row)) bad.set(e.row, e)
      }
    }
    // Line breaks sit almost only in the comment text: count that column first, and when it
    // accounts for all of them no other field of this piece needs scanning.
    let fromText = false
    if (inner > 0 && cText >= 0) {
      if (extra.length < data.length) extra = new Int32Array(data.length * 2)
      let found = 0
      for (let r = 0; r < data.length; r++) {
        const f = data[r]
        const n = countOf(f[cText], nl) + (cReply >= 0 ? countOf(f[cReply], nl) : 0)
        extra[r] = n
        found += n
      }
      fromText = found === inner
    }
    const startLine = line
    for (let r = 0; r < data.length; r++) {
      const f = data[r]
      const start = line
      line++
      if (fromText) line += extra[r]
      // Otherwise scan every field, while this piece still has unaccounted line breaks.
      else if (inner > 0) {
        for (let i = 0; i < f.length; i++) {
          const v = f[i]
          for (let p = v.indexOf(nl); p !== -1; p = v.indexOf(nl, p + 1)) {
            line++
            inner--
          }
        }
      }
      const err = bad?.get(r)
      if (!err && isBlank(f)) continue
      if (header === null) {
        // A header with a quoting error still names the columns as well as anything could.
        useHeader(f, start)
        continue
      }
      rowsRead++
      if (err) sink.skip({ line: start, reason: 'csvError', detail: err.message })
      else {
        // Unless the file has a CR that is not half of a CRLF, a CR can only sit in a cell that
        // holds a line break: cells are searched for CRs only in pieces with such cells (the
        // text cell only when it has one itself). Searching every cell of every row was a
        // measurable share of the parse.
        emit(
          start,
          f[cText],
          cAuthor >= 0 ? f[cAuthor] : undefined,
          cAvatar >= 0 ? f[cAvatar] : '',
          cLikes >= 0 ? f[cLikes] : undefined,
          cReplies >= 0 ? f[cReplies] : undefined,
          cDate >= 0 ? f[cDate] : undefined,
          cReply >= 0 ? f[cReply] : undefined,
          cLesson >= 0 ? f[cLesson] : undefined,
          loneCr || (fromText ? extra[r] > 0 : crs),
          crs,
          -1,
          cCourse >= 0 ? f[cCourse] : undefined,
        )
      }
      if (rowsRead >= nextReport && onRows) {
        // Papa gives no offsets: rows are taken to be spread evenly over their piece.
        onRows(rowsRead, (from + ((to - from) * (r + 1)) / data.length) / body.length)
        nextReport += PROGRESS_EVERY
      }
    }
    // Recount from the text itself so a miscount inside one piece cannot drift into the next.
    line = startLine + breaks
  }

  // The text is cut into pieces at row boundaries and each piece parsed on its own: rows of one
  // piece die young, and this measured faster than Papa's own chunking of a string (which
  // re-joins each chunk with the partial row before it).
  const config = { delimiter, newline, header: false, skipEmptyLines: false } as const
  const pieceSize = Math.max(1, opts.pieceSize ?? PIECE_SIZE)
  let pos = 0
  const scanning = opts.scan !== false && newline !== '\r'
  while (pos < body.length) {
    let end = cutAfter(body, pos, pieceSize, newline)
    const scan = scanning ? scanCsv(body, pos, end, delimiter, newline === '\r\n') : null
    if (scan) {
      takeScan(scan)
      pos = end
      continue
    }
    let res = Papa.parse<string[]>(pos === 0 && end === body.length ? body : body.slice(pos, end), config)
    if (end < body.length) {
      // A piece always ends with a line break, after which Papa reports one more, empty row.
      res.data.pop()
      // An unclosed quote means the cut fell inside a quoted field (stray quotes upset the quote
      // count): parse the rest in one go, which is exactly what Papa makes of the whole file.
      if (res.errors.some((e) => e.code === 'MissingQuotes')) {
        end = body.length
        res = Papa.parse<string[]>(body.slice(pos), config)
      }
    }
    take(res.data, res.errors, pos, end, end >= body.length)
    pos = end
  }
  if (header === null) {
    // Nothing but delimiters and whitespace.
    throw new ImportError({ code: 'empty', file })
  }
  onRows?.(rowsRead, 1)
  return { format: 'csv', title: '', rowsRead }
}
