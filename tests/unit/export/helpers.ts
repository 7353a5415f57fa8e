import { DatasetBuilder } from '@/model/dataset'
import type { DatasetColumns, RawComment } from '@/model/dataset'
import { dayFromYmd, NO_DAY, NO_TIME } from '@/model/dates'

export const L1 = '开篇词 | 为什么学'
export const L2 = '第2讲：缓存 & 一致性'
export const EMPTY_LESSON = '加餐：没有留言'
export const AVATAR = 'https://static001.geekbang.org/account/avatar/00/1.jpg'

const row = (r: Partial<RawComment> & Pick<RawComment, 'author' | 'text'>): RawComment => ({
  avatar: '',
  likes: 0,
  replies: 0,
  day: NO_DAY,
  time: NO_TIME,
  reply: '',
  lesson: '',
  ...r,
})

/** Five comments with cells a spreadsheet would run, CSV metacharacters, emoji and CJK. */
export const ROWS: { row: RawComment; source: string }[] = [
  {
    row: row({
      author: '张三',
      text: '=HYPERLINK("http://x")',
      likes: 12,
      replies: 3,
      day: dayFromYmd(2024, 3, 5),
      time: 14 * 3600 + 30 * 60,
      avatar: AVATAR,
      lesson: L1,
    }),
    source: 'a.md',
  },
  { row: row({ author: '+1', text: '+1', day: dayFromYmd(2024, 3, 6), reply: '-2', lesson: L1 }), source: 'a.md' },
  {
    row: row({
      author: '@bob',
      text: '@SUM(A1)',
      likes: 5,
      replies: 1,
      day: dayFromYmd(2024, 3, 7),
      time: 9 * 3600 + 5 * 60 + 7,
      reply: 'Thanks, "good" point',
      lesson: L2,
    }),
    source: 'b.md',
  },
  {
    row: row({ author: 'Ann, "the" reader', text: '\t缩进 tab-leading', likes: 1, day: dayFromYmd(2024, 12, 31), time: 23 * 3600 + 59 * 60, lesson: L2 }),
    source: 'b.md',
  },
  { row: row({ author: '李四', text: 'He said "hi", then\nleft 😀 中文，逗号,comma', likes: 100, lesson: L2 }), source: 'b.md' },
]

/** The tiny dataset, with one lesson that has no comments (registered first, as the importer does per file). */
export function tinyDataset(): DatasetColumns {
  const b = new DatasetBuilder(16)
  b.lessonCode(EMPTY_LESSON, 'c.md')
  for (const { row: r, source } of ROWS) b.add(r, source, 'fallback')
  return b.finish()
}

export const themesOf = (row: number): string[] => [['学习方法'], ['-负面'], [], ['a', 'b'], []][row]

export const bytesOf = (s: string): ArrayBuffer => {
  const u = new TextEncoder().encode(s)
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer
}
