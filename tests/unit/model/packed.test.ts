import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { columnRows, packColumn, packStrings, cutColumn, unpackColumn, columnsFromPacked, unpackStrings, packColumns, Strings } from '@/model/packed'
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

  it('a dataset over its packed columns reads the same rows, sliced only when read', () => {
    const ds = loadBuiltin()
    const packed = packColumns(ds)
    packed.text = packColumn(ds.text.toArray(), 50)
    const back = columnsFromPacked(packed)
    expect(back.text.isPacked).toBe(true)
    expect(back.text.packed()).toBe(packed.text)
    expect(back.text.length).toBe(20)
    expect(back.text.get(7)).toBe(ds.text.get(7))
    expect([...back.id]).toEqual(ds.id.toArray())
    expect(back.reply.chars()).toBe(ds.reply.chars())
  })
})

describe('Strings (a column read from its pieces)', () => {
  const column = fc.tuple(fc.array(fc.string({ maxLength: 6 }), { maxLength: 40 }), fc.integer({ min: 1, max: 12 }))

  it('reads every row, in any order, as the array it was packed from; past the end ""', () => {
    const col = Strings.packed(packColumn(['ab', '', 'cde', 'f', '', 'ghij'], 3))
    expect([5, 0, 3, 2, 1, 4].map((i) => col.get(i))).toEqual(['ghij', 'ab', 'f', 'cde', '', ''])
    expect([col.get(6), col.get(-1), col.get(1.5)]).toEqual(['', '', ''])
    // A column of no pieces at all (a stored empty dataset) has no rows to read.
    expect([Strings.packed([]).length, Strings.packed([]).get(0), Strings.packed([]).indexOf('')]).toEqual([0, '', -1])
    fc.assert(
      fc.property(column, fc.array(fc.nat()), ([list, max], reads) => {
        const col = Strings.packed(packColumn(list, max))
        expect(col.length).toBe(list.length)
        for (const r of reads) if (list.length) expect(col.get(r % list.length)).toBe(list[r % list.length])
        expect([...col]).toEqual(list)
        expect(col.chars()).toBe(list.join('').length)
        expect(Strings.of(list).get(list.length)).toBe('')
      }),
      { numRuns: 1000 },
    )
  })

  it('finds the first row equal to a string, never a part of a row or a run across rows', () => {
    const col = Strings.packed(packColumn(['abc', 'b', '', 'bc', 'b', ''], 4))
    expect(['b', 'bc', '', 'abc', 'c', 'bcb', 'x'].map((s) => col.indexOf(s))).toEqual([1, 3, 2, 0, -1, -1, -1])
    fc.assert(
      fc.property(column, fc.string({ maxLength: 4 }), ([list, max], probe) => {
        const col = Strings.packed(packColumn(list, max))
        for (const s of [probe, ...list.slice(0, 5)]) expect(col.indexOf(s)).toBe(list.indexOf(s))
      }),
      { numRuns: 1000 },
    )
  })

  it('names the first row that is not a string, and a piece whose offsets do not fit its text', () => {
    expect(Strings.of(['a', 5 as unknown as string]).invalid()).toEqual({ row: 1, found: 5 })
    expect(Strings.packed(packColumn(['a', 'b', 'c'], 1)).invalid()).toBeNull()
    const bad = packColumn(['ab', 'cd', 'ef'], 2)
    bad[1] = { joined: 'cd', offsets: Uint32Array.of(0, 5) }
    expect(Strings.packed(bad).invalid()).toEqual({ row: 1, found: 'offsets 0…5 for 2 characters' })
    const back = packColumn(['ab', 'cd'])
    back[0] = { joined: 'abcd', offsets: Uint32Array.of(0, 3, 2, 4) }
    expect(Strings.packed(back).invalid()?.row).toBe(0)
    expect(() => Strings.packed([{ joined: 'x', offsets: [0, 1] as unknown as Uint32Array }])).toThrow(TypeError)
  })

  it('packs an array once and keeps it; unpacks pieces once and keeps them', () => {
    const list = ['a', 'b']
    const col = Strings.of(list)
    expect(col.isPacked).toBe(false)
    expect(col.packed()).toBe(col.packed())
    expect(col.toArray()).toBe(list)
    const packed = Strings.packed(packColumn(list))
    expect(packed.toArray()).toEqual(list)
    expect(packed.toArray()).toBe(packed.toArray())
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
