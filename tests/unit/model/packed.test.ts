import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { columnRows, packColumn, packStrings, cutColumn, unpackColumn, unpackColumnsInSlices, unpackStrings, packColumns } from '@/model/packed'
import { loadBuiltin } from '../support'

describe('packed strings', () => {
  it('round-trips any list of strings, empty ones included', () => {
    expect(unpackStrings(packStrings(['加餐', '', 'a\u0000b', '😀']))).toEqual(['加餐', '', 'a\u0000b', '😀'])
    expect(unpackStrings(packStrings([]))).toEqual([])
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), (a) => {
        expect(unpackStrings(packStrings(a))).toEqual(a)
      }),
      { numRuns: 1000 },
    )
  })

  it('cuts a column into pieces of whole rows, each within the size unless one row is longer', () => {
    expect(packColumn(['ab', 'cd', 'efg', 'h'], 4).map((p) => unpackStrings(p))).toEqual([
      ['ab', 'cd'],
      ['efg', 'h'],
    ])
    expect(packColumn(['toolong', 'x'], 3).map((p) => unpackStrings(p))).toEqual([['toolong'], ['x']])
    expect(packColumn([]).map((p) => unpackStrings(p))).toEqual([[]])
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 9 })), fc.integer({ min: 1, max: 20 }), (list, max) => {
        const col = packColumn(list, max)
        expect(unpackColumn(col)).toEqual(list)
        expect(columnRows(col)).toBe(list.length)
        for (const p of col) if (p.offsets.length > 2) expect(p.joined.length).toBeLessThanOrEqual(max)
      }),
      { numRuns: 1000 },
    )
  })

  it('unpacks a dataset in slices, pausing between them, to the same columns', async () => {
    const ds = loadBuiltin()
    const packed = packColumns(ds)
    packed.text = packColumn(ds.text, 50)
    let pauses = 0
    const back = await unpackColumnsInSlices(packed, async () => void pauses++, 7)
    expect(back.text).toEqual(ds.text)
    expect(back.id).toEqual(ds.id)
    expect(pauses).toBe(Math.floor(60 / 7))
  })
})

describe('cutColumn', () => {
  it('cuts pieces at row boundaries, rebasing offsets', () => {
    const col = [packStrings(['ab', 'cde', 'f', 'ghij'])]
    const out = cutColumn(col, 4)
    expect(out.map((p) => [p.joined, Array.from(p.offsets)])).toEqual([
      ['ab', [0, 2]],
      ['cdef', [0, 3, 4]],
      ['ghij', [0, 4]],
    ])
  })
  it('keeps a row longer than the limit whole, and small pieces as they are', () => {
    const small = packStrings(['x'])
    expect(cutColumn([small], 10)[0]).toBe(small)
    expect(cutColumn([packStrings(['toolong', 'y'])], 3).map((p) => p.joined)).toEqual(['toolong', 'y'])
  })
  it('keeps every row, in order, with pieces within the limit unless one row is longer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 40 }),
        (rows, first, max) => {
          const col = packColumn(rows, first)
          const out = cutColumn(col, max)
          expect(unpackColumn(out)).toEqual(unpackColumn(col))
          expect(columnRows(out)).toBe(rows.length)
          for (const p of out) if (p.offsets.length > 2) expect(p.joined.length).toBeLessThanOrEqual(max)
        },
      ),
    )
  })
})
