import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { packStrings, unpackStrings } from '@/model/packed'

describe('packed strings', () => {
  it('round-trips any list of strings, empty ones included', () => {
    expect(unpackStrings(packStrings(['加餐', '', 'a\u0000b', '😀']))).toEqual(['加餐', '', 'a\u0000b', '😀'])
    expect(unpackStrings(packStrings([]))).toEqual([])
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' })), (a) => {
          expect(unpackStrings(packStrings(a))).toEqual(a)
        }), { numRuns: 1000 })
  })
})
