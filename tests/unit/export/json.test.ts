import { describe, expect, it } from 'vitest'
import { commentsToJson } from '@/export/json'
import { importSources } from '@/import/pipeline'
import { NO_DAY, NO_TIME } from '@/model/dates'
import { AVATAR, bytesOf, L1, ROWS, themesOf, tinyDataset } from './helpers'

describe('commentsToJson', () => {
  const ds = tinyDataset()
  const json = commentsToJson(ds, [0, 1, 2, 3, 4], { themes: themesOf })

  it('writes one plain object per row, pretty-printed, texts untouched', () => {
    expect(json.startsWith('[\n  {\n    "id": ')).toBe(true)
    const parsed = JSON.parse(json) as Record<string, unknown>[]
    expect(parsed).toHaveLength(5)
    expect(parsed[0]).toEqual({
      id: ds.id.get(0),
      author: '张三',
      avatar: AVATAR,
      likes: 12,
      replies: 3,
      date: '2024-03-05',
      time: '14:30',
      lesson: L1,
      course: '',
      text: '=HYPERLINK("http://x")',
      author_reply: '',
      themes: ['学习方法'],
      source: 'a.md',
    })
    expect(parsed[2]).toMatchObject({ author: '@bob', time: '09:05:07', author_reply: 'Thanks, "good" point' })
    expect(parsed[4]).toMatchObject({ date: '', time: '', text: 'He said "hi", then\nleft 😀 中文，逗号,comma', themes: [] })
    expect(Object.keys(parsed[0])).toEqual([
      'id',
      'author',
      'avatar',
      'likes',
      'replies',
      'date',
      'time',
      'lesson',
      'course',
      'text',
      'author_reply',
      'themes',
      'source',
    ])
    expect(JSON.parse(commentsToJson(ds, [], {}))).toEqual([])
  })

  it('re-imports through the pipeline to the same fields (texts trimmed, as every import does)', () => {
    const { dataset: back, report } = importSources([{ name: 'x.json', bytes: bytesOf(json) }])
    expect(report.files[0].format).toBe('json')
    expect(report.skippedTotal).toBe(0)
    expect(back.n).toBe(5)
    for (let i = 0; i < 5; i++) {
      const { row } = ROWS[i]
      expect(back.authors[back.author[i]]).toBe(row.author)
      expect(back.avatars[back.avatar[i]]).toBe(row.avatar)
      expect(back.likes[i]).toBe(row.likes)
      expect(back.replies[i]).toBe(row.replies)
      expect(back.day[i]).toBe(row.day)
      expect(back.time[i]).toBe(NO_TIME)
      expect(back.lessons[back.lesson[i]].title).toBe(row.lesson)
      expect(back.text.get(i)).toBe(row.text.trim())
      expect(back.reply.get(i)).toBe(row.reply)
    }
    expect(back.day[4]).toBe(NO_DAY)
    // Same lesson, author, date and text → same id (row 3's text lost its leading tab).
    expect(back.id.toArray().filter((_, i) => i !== 3)).toEqual(ds.id.toArray().filter((_, i) => i !== 3))
  })
})
