import { expect } from 'vitest'
import { ImportError, type ParsedRow } from '@/import/types'
import { formatDay, formatTime } from '@/model/dates'

/** A row with its day and time as text, to compare with values read off the fixture by hand. */
export const view = (r: ParsedRow) => ({
  line: r.line,
  author: r.author,
  avatar: r.avatar,
  likes: r.likes,
  replies: r.replies,
  date: formatDay(r.day),
  time: formatTime(r.time),
  text: r.text,
  reply: r.reply,
  lesson: r.lesson,
})

/** The problem of the ImportError `f` throws (fails when it throws anything else, or nothing). */
export const catchImport = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError)
    return (e as ImportError).problem
  }
  throw new Error('expected an ImportError')
}
