import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { orderBy } from '@/query/prepare'

describe('orderings by radix sort', () => {
  it('sort descending by the first key, ties by the next, then file order — as a comparator sort does', () => {
    const key = fc.oneof(fc.nat(5), fc.nat(70_000), fc.constantFrom(0, 65535, 65536, 0xffffffff))
    fc.assert(
      fc.property(fc.array(fc.tuple(key, key), { maxLength: 60 }), (rows) => {
        const a = Uint32Array.from(rows, (r) => r[0])
        const b = Uint32Array.from(rows, (r) => r[1])
        const want = rows.map((_, i) => i).sort((x, y) => b[y] - b[x] || a[y] - a[x] || x - y)
        expect(Array.from(orderBy(rows.length, b, a))).toEqual(want)
        const one = rows.map((_, i) => i).sort((x, y) => a[y] - a[x] || x - y)
        expect(Array.from(orderBy(rows.length, a))).toEqual(one)
      }),
      { numRuns: 1000 },
    )
  })

  it('orders 3, 1, 3, 2 likes with ties broken by a newer day', () => {
    expect(Array.from(orderBy(4, Uint32Array.from([3, 1, 3, 2]), Uint32Array.from([5, 9, 7, 1])))).toEqual([2, 0, 3, 1])
  })
})
