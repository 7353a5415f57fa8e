import { describe, expect, it } from 'vitest'
import { DatasetBuilder } from '@/model/dataset'
import { NO_DAY, NO_TIME } from '@/model/dates'

describe('DatasetBuilder', () => {
  it('codes authors in first-seen order across its batches (20,000 rows: three batches of 8,192)', () => {
    const b = new DatasetBuilder(16)
    // Row i's author: a new name every third row, else one seen before.
    const name = (i: number) => (i % 3 === 0 ? `new${i}` : `new${(i - (i % 3)) / 2 - (((i - (i % 3)) / 2) % 3)}`)
    for (let i = 0; i < 20_000; i++) b.addValues(name(i), '', 0, 0, 19000, NO_TIME, `t${i}`, '', 'L', 'f.csv', 'f')
    const ds = b.finish()
    expect(ds.n).toBe(20_000)
    const seen = new Map<string, number>()
    for (let i = 0; i < 20_000; i++) {
      const a = name(i)
      if (!seen.has(a)) seen.set(a, seen.size)
      expect(ds.author[i]).toBe(seen.get(a))
    }
    expect(ds.authors).toEqual([...seen.keys()])
    expect(ds.authors[ds.author[19_999]]).toBe(name(19_999))
  })
})

describe('a lesson title of invisible controls only', () => {
  it('falls back to the file’s own title, as an empty title does', () => {
    const b = new DatasetBuilder(16)
    b.add({ author: 'a', avatar: '', likes: 0, replies: 0, day: NO_DAY, time: NO_TIME, text: 't', reply: '', lesson: '\u2066\u202e' }, 'f.md', '01 | 开篇词')
    b.add({ author: 'b', avatar: '', likes: 0, replies: 0, day: NO_DAY, time: NO_TIME, text: 'u', reply: '', lesson: '' }, 'f.md', '01 | 开篇词')
    const ds = b.finish()
    expect(ds.lessons.map((l) => l.title)).toEqual(['01 | 开篇词'])
    expect([...ds.lesson]).toEqual([0, 0])
  })
})
