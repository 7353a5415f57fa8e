import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cyrb53Joined, cyrb53JoinedAt, idOf, repeatedHashes } from '@/model/hash'

/**
 * The first version's ids, kept here as the reference they must never drift from: cyrb53 of the
 * key joined into one string, written with Number#toString(36).
 */
function cyrb53(str: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}
const hashId = (str: string) => cyrb53(str).toString(36).padStart(11, '0')
const commentKey = (lesson: string, author: string, day: number, text: string) => `${lesson}\u0001${author}\u0001${day}\u0001${text}`

describe('comment id hashing', () => {
  it('hashing the text where it sits in a larger string gives the same id', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.integer(),
        fc.string({ unit: 'binary' }),
        fc.string(),
        fc.string(),
        (lesson, author, day, text, before, after) => {
          const src = before + text + after
          const id = idOf(cyrb53JoinedAt([lesson, author, String(day)], 3, src, before.length, before.length + text.length))
          expect(id).toBe(hashId(commentKey(lesson, author, day, text)))
        },
      ),
      { numRuns: 1000 },
    )
    expect(cyrb53Joined([])).toBe(cyrb53(''))
  })
  it('hashing the parts equals hashing the joined key (ids of stored datasets and shared links must not change)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.integer(), fc.string({ unit: 'binary' }), (lesson, author, day, text) => {
        expect(idOf(cyrb53Joined([lesson, author, String(day), text]))).toBe(hashId(commentKey(lesson, author, day, text)))
      }),
      { numRuns: 1000 },
    )
  })

  it('writes any 53-bit hash as toString(36), zero-padded to 11 characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (h) => {
        expect(idOf(h)).toBe(h.toString(36).padStart(11, '0'))
      }),
      { numRuns: 5000 },
    )
    for (const h of [0, 1, 35, 36, 36 ** 6 - 1, 36 ** 6, Number.MAX_SAFE_INTEGER]) expect(idOf(h)).toBe(h.toString(36).padStart(11, '0'))
  })

  it('keeps the known id of a known comment', () => {
    // Fixed value: a change here changes every dataset fingerprint and breaks shared links.
    expect(cyrb53('a')).toBe(7929297801672961)
    expect(cyrb53Joined(['a'])).toBe(7929297801672961)
    expect(hashId(commentKey('etcd实战课 · 结束语', 'jeffery', 19000, '感谢老师'))).toBe(
      idOf(cyrb53Joined(['etcd实战课 · 结束语', 'jeffery', '19000', '感谢老师'])),
    )
  })
})

describe('ids of exact repeats', () => {
  it('finds exactly the hashes that occur more than once', () => {
    // Few distinct values (and values equal in their low 32 bits) so that repeats and collisions in the table are common.
    const hash = fc.oneof(
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 0, max: 3 }).map((k) => k * 4294967296 + 7),
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    )
    fc.assert(
      fc.property(fc.array(hash, { maxLength: 60 }), (xs) => {
        const counts = new Map<number, number>()
        for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1)
        const want = [...counts]
          .filter(([, c]) => c > 1)
          .map(([x]) => x)
          .sort((a, b) => a - b)
        expect([...repeatedHashes(Float64Array.from(xs)).keys()].sort((a, b) => a - b)).toEqual(want)
      }),
      { numRuns: 2000 },
    )
  })

  it('numbers the second and third copy of one comment -2 and -3, in file order', async () => {
    const { DatasetBuilder } = await import('@/model/dataset')
    const b = new DatasetBuilder()
    const row = (text: string) => ({ author: 'a', avatar: '', likes: 0, replies: 0, day: 100, time: -1, text, reply: '', lesson: 'L' })
    for (const t of ['x', 'y', 'x', 'x']) b.add(row(t), 'f', 'L')
    const ids = b.finish().id.toArray()
    const base = idOf(cyrb53Joined(['L', 'a', '100', 'x']))
    expect(ids).toEqual([base, idOf(cyrb53Joined(['L', 'a', '100', 'y'])), `${base}-2`, `${base}-3`])
  })
})
