/**
 * CSV export of comments, meant for Excel first of all and readable back by the app's own CSV
 * importer (the header names below are ones `mapHeaders` in import/fields.ts recognises).
 *
 * Round trip: re-importing this CSV gives the same lessons, authors, likes, replies, dates and
 * texts, with two exceptions. (1) A cell that starts with = + - @ tab or CR is exported with a
 * leading apostrophe (formula-injection defence) and the importer keeps that apostrophe. (2) The
 * importer reads the date from `date` only (`time` also maps to the date field, but the left-most
 * column wins), so the time of day is not read back. The lossless format is the dataset file
 * (model/datasetFile.ts).
 */
import type { DatasetColumns } from '@/model/dataset'
import { formatDay, formatTime } from '@/model/dates'

export interface CommentExportOptions {
  /** Theme names of a row, for the `themes` column. */
  themes?: (row: number) => string[]
}

/**
 * Column names, in order. Mapped by the importer: id→id, author, likes, replies, date, lesson,
 * course ('' for a dataset of one course), text, author_reply→reply, avatar. `time` maps to the date field too but loses to `date`, which
 * comes first; `themes` and `source` map to nothing.
 */
export const CSV_HEADER = [
  'id',
  'author',
  'likes',
  'replies',
  'date',
  'time',
  'lesson',
  'course',
  'text',
  'author_reply',
  'themes',
  'avatar',
  'source',
] as const

/** Joins a row's theme names in one cell; `;` rather than `,` so the cell reads well in Excel. */
export const THEME_SEPARATOR = '; '

/** A cell Excel/LibreOffice/Sheets would run as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * OWASP's mitigation: prefix such a cell with an apostrophe, which spreadsheets read as "this is
 * text" (and do not display). Numbers never need it: counts are non-negative.
 */
export function neutraliseCell(s: string): string {
  return FORMULA_START.test(s) ? "'" + s : s
}

/** The cells of one comment, in CSV_HEADER order, neutralised. */
export function csvCells(ds: DatasetColumns, row: number, opts: CommentExportOptions = {}): string[] {
  const cells = [
    ds.id.get(row),
    ds.authors[ds.author[row]],
    String(ds.likes[row]),
    String(ds.replies[row]),
    formatDay(ds.day[row]),
    formatTime(ds.time[row]),
    ds.lessons[ds.lesson[row]].title,
    ds.lessons[ds.lesson[row]].course ?? '',
    ds.text.get(row),
    ds.reply.get(row),
    (opts.themes?.(row) ?? []).join(THEME_SEPARATOR),
    ds.avatars[ds.avatar[row]],
    ds.sources[ds.source[row]],
  ]
  for (let i = 0; i < cells.length; i++) cells[i] = neutraliseCell(cells[i])
  return cells
}

/**
 * One CSV line: every cell quoted (a quote inside doubled, RFC 4180), CRLF at the end as Excel
 * writes it. Quoting every cell, not only those with a comma, quote or line break, is what keeps a
 * spreadsheet that splits on `;` or tab (a European Excel, a paste into a sheet) from seeing a new
 * cell start inside one: `a;=1+1` unquoted is the cells `a` and `=1+1`, a formula (issue #19).
 */
export function csvLine(cells: readonly string[]): string {
  return '"' + cells.map(quoteInside).join('","') + '"\r\n'
}

/** A cell's quotes doubled (most cells have none: no regex run for them). */
function quoteInside(s: string): string {
  return s.indexOf('"') < 0 ? s : s.replace(/"/g, '""')
}

/**
 * What every CSV export starts with: a UTF-8 BOM, so that Excel on Chinese Windows does not read
 * the file as GBK, and the header line.
 */
export const CSV_PREAMBLE = '\uFEFF' + csvLine(CSV_HEADER)

/** The lines of the comments at rows[from..to), in that order (a part of an export: see export/build.ts). */
export function csvLines(ds: DatasetColumns, rows: ArrayLike<number>, opts: CommentExportOptions = {}, from = 0, to = rows.length): string {
  // Joined once (see jsonItems in json.ts for why not appended).
  const out = new Array<string>(Math.max(0, to - from))
  for (let i = from; i < to; i++) out[i - from] = csvLine(csvCells(ds, rows[i], opts))
  return out.join('')
}

/** The comments at `rows` (in that order) as CSV text: BOM, header, one line per comment, each ending in CRLF. */
export function commentsToCsv(ds: DatasetColumns, rows: ArrayLike<number>, opts: CommentExportOptions = {}): string {
  return CSV_PREAMBLE + csvLines(ds, rows, opts)
}
