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
    id: ds.id[row],
    author: ds.authors[ds.author[row]],
    avatar: ds.avatars[ds.avatar[row]],
    likes: ds.likes[row],
    replies: ds.replies[row],
    date: formatDay(ds.day[row]),
    time: formatTime(ds.time[row]),
    lesson: ds.lessons[ds.lesson[row]].title,
    course: ds.lessons[ds.lesson[row]].course ?? '',
    text: ds.text[row],
    author_reply: ds.reply[row],
    themes: opts.themes?.(row) ?? [],
    source: ds.sources[ds.source[row]],
  }
}

/** The comments at `rows` (in that order) as a pretty-printed JSON array. */
export function commentsToJson(ds: DatasetColumns, rows: ArrayLike<number>, opts: CommentExportOptions = {}): string {
  const out = new Array<ExportedComment>(rows.length)
  for (let i = 0; i < rows.length; i++) out[i] = commentObject(ds, rows[i], opts)
  return JSON.stringify(out, null, 2) + '\n'
}
