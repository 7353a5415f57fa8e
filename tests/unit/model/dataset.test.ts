import { describe, expect, it } from 'vitest'
import { DatasetBuilder } from '@/model/dataset'
import { NO_TIME } from '@/model/dates'

describe('DatasetBuilder', () => {
  it('codes authors in first-seen order across its batches (20,000 rows: three batches of 8,192)', () => {
    const b = new DatasetBuilder(16)
    // Row i's author: a new name every third row, else one seen before.
    const name = (i: number) => (i % 3 === 0 ? `new${i}` : `new${(i - (i % 3)) / 2 - ((i - (i % 3)) / 2) % 3}`)
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
