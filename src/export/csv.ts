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
import Papa from 'papaparse'
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
export const CSV_HEADER = ['id', 'author', 'likes', 'replies', 'date', 'time', 'lesson', 'course', 'text', 'author_reply', 'themes', 'avatar', 'source'] as const

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
    ds.id[row],
    ds.authors[ds.author[row]],
    String(ds.likes[row]),
    String(ds.replies[row]),
    formatDay(ds.day[row]),
    formatTime(ds.time[row]),
    ds.lessons[ds.lesson[row]].title,
    ds.lessons[ds.lesson[row]].course ?? '',
    ds.text[row],
    ds.reply[row],
    (opts.themes?.(row) ?? []).join(THEME_SEPARATOR),
    ds.avatars[ds.avatar[row]],
    ds.sources[ds.source[row]],
  ]
  for (let i = 0; i < cells.length; i++) cells[i] = neutraliseCell(cells[i])
  return cells
}

/**
 * The comments at `rows` (in that order) as CSV text: a UTF-8 BOM so that Excel on Chinese
 * Windows does not read the file as GBK, CRLF line ends as Excel writes them, RFC 4180 quoting
 * (by Papa) for quotes, commas and line breaks inside cells.
 */
export function commentsToCsv(ds: DatasetColumns, rows: ArrayLike<number>, opts: CommentExportOptions = {}): string {
  const data: string[][] = new Array<string[]>(rows.length)
  for (let i = 0; i < rows.length; i++) data[i] = csvCells(ds, rows[i], opts)
  // Cells are neutralised above, so Papa's own escapeFormulae stays off (it would add a second ').
  const body = Papa.unparse({ fields: [...CSV_HEADER], data }, { newline: '\r\n', quotes: false, escapeFormulae: false })
  // Papa ends the last row without a line break (but the header alone with one); spreadsheets
  // end every row with one.
  return '\uFEFF' + (body.endsWith('\r\n') ? body : body + '\r\n')
}
