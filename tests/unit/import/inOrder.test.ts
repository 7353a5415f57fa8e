import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { InOrder } from '@/import/inOrder'

describe('InOrder', () => {
  it('holds an item until those before it are in', () => {
    const q = new InOrder<{ at: number; v: string }>()
    expect(
      q.take([
        { at: 1, v: 'b' },
        { at: 2, v: 'c' },
      ]),
    ).toEqual([])
    expect(q.take([{ at: 0, v: 'a' }]).map((x) => x.v)).toEqual(['a', 'b', 'c'])
    expect(q.take([{ at: 4, v: 'e' }])).toEqual([])
    expect(q.next).toBe(3)
  })

  it('hands on every item once, in order, whatever the order and batches they arrive in', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 60 })
          .chain((n) =>
            fc.tuple(fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1 })),
          ),
        ([order, sizes]) => {
          const q = new InOrder<{ at: number }>()
          const out: number[] = []
          let i = 0
          for (let k = 0; i < order.length; k++) {
            const size = sizes[k % sizes.length]
            out.push(...q.take(order.slice(i, i + size).map((at) => ({ at }))).map((x) => x.at))
            i += size
          }
          expect(out).toEqual([...order].sort((a, b) => a - b))
          expect(q.next).toBe(order.length)
        },
      ),
    )
  })
})
