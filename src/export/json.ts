/**
 * JSON export of comments: an array of plain objects whose keys the app's JSON importer maps back
 * (import/fields.ts). Only key names differ from Comment.toJSON where the importer needs it:
 * the course author's reply is written as `author_reply` because the importer does not know a
 * `reply` key (only author_reply/teacher_reply/作者回复/老师回复).
 *
 * Round trip through the importer: same lessons, authors, avatars, likes, replies, dates, texts and
 * replies; the time of day is not read back (the importer takes the date from `date`, which wins
 * over `time`), `themes` and `source` are ignored. Texts are not neutralised: JSON is not opened by
 * spreadsheets, and the exact text is worth more here.
 */
import type { DatasetColumns } from '@/model/dataset'
import { formatDay, formatTime } from '@/model/dates'
import type { CommentExportOptions } from './csv'

export interface ExportedComment {
  id: string
  author: string
  avatar: string
  likes: number
  replies: number
  /** `YYYY-MM-DD`, '' when unknown. */
  date: string
  /** `HH:mm[:ss]`, '' when unknown. */
  time: string
  lesson: string
  /** The course ('' for a dataset of one course). */
  course: string
  text: string
  /** The course author's reply, '' when none. */
  author_reply: string
  themes: string[]
  source: string
}

export function commentObject(ds: DatasetColumns, row: number, opts: CommentExportOptions = {}): ExportedComment {
  return {
    id: ds.id.get(row),
    author: ds.authors[ds.author[row]],
    avatar: ds.avatars[ds.avatar[row]],
    likes: ds.likes[row],
    replies: ds.replies[row],
    date: formatDay(ds.day[row]),
    time: formatTime(ds.time[row]),
    lesson: ds.lessons[ds.lesson[row]].title,
    course: ds.lessons[ds.lesson[row]].course ?? '',
    text: ds.text.get(row),
    author_reply: ds.reply.get(row),
    themes: opts.themes?.(row) ?? [],
    source: ds.sources[ds.source[row]],
  }
}

/**
 * The comments at rows[from..to) as items of the pretty-printed array, each with what comes before
 * it (`[` and a line break for the first, a comma and a line break for the others): an export in
 * parts (see export/build.ts) that, joined and closed by jsonTail, is exactly
 * `JSON.stringify(array, null, 2)`. Written by JSON.stringify itself, a block at a time, without
 * the block's own brackets: three times as fast as writing the items out one by one.
 */
export function jsonItems(ds: DatasetColumns, rows: ArrayLike<number>, opts: CommentExportOptions = {}, from = 0, to = rows.length): string {
  if (to <= from) return ''
  const items = new Array<ExportedComment>(to - from)
  for (let i = from; i < to; i++) items[i - from] = commentObject(ds, rows[i], opts)
  // `[\n  {…},\n  {…}\n]` → `\n  {…},\n  {…}`
  const block = JSON.stringify(items, null, 2)
  return (from === 0 ? '[' : ',') + block.slice(1, -2)
}

/** What closes an array of `n` items written by jsonItems (`[]` when there are none). */
export function jsonTail(n: number): string {
  return n ? '\n]\n' : '[]\n'
}

/** The comments at `rows` (in that order) as a pretty-printed JSON array. */
export function commentsToJson(ds: DatasetColumns, rows: ArrayLike<number>, opts: CommentExportOptions = {}): string {
  return jsonItems(ds, rows, opts) + jsonTail(rows.length)
}
