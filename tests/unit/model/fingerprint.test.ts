import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { datasetFingerprint, fingerprintInput, fingerprintSync } from '@/model/fingerprint'
import { idOf } from '@/model/hash'
import { tinyDataset } from '../export/helpers'

const RUNS = Number(process.env.PROP_RUNS ?? 1000)
const nodeSha = (ids: string[]) =>
  createHash('sha256')
    .update([...ids].sort().join('\n'), 'utf8')
    .digest('hex')

describe('datasetFingerprint', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('is the SHA-256 of the sorted ids joined by newlines, full lowercase hex', async () => {
    const ids = ['b', 'a', 'c-2', '中文']
    const fp = await datasetFingerprint(ids)
    expect(fp).toMatch(/^[0-9a-f]{64}$/)
    expect(fp).toBe(nodeSha(ids))
    expect(fp).toBe(createHash('sha256').update('a\nb\nc-2\n中文').digest('hex'))
    expect(await datasetFingerprint([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  it('uses Web Crypto when present', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'digest')
    await datasetFingerprint(['x'])
    expect(spy).toHaveBeenCalledTimes(1)
  })

  it('gives the same digest without Web Crypto (plain-http LAN origins) and when it fails', async () => {
    const ids = tinyDataset().id.toArray()
    const expected = nodeSha(ids)
    expect(fingerprintSync(ids)).toBe(expected)
    vi.spyOn(globalThis.crypto.subtle, 'digest').mockRejectedValue(new Error('not allowed'))
    expect(await datasetFingerprint(ids)).toBe(expected)
    vi.restoreAllMocks()
    vi.stubGlobal('crypto', undefined)
    expect(globalThis.crypto).toBeUndefined()
    expect(await datasetFingerprint(ids)).toBe(expected)
    vi.stubGlobal('crypto', {})
    expect(await datasetFingerprint(ids)).toBe(expected)
  })

  it('does not depend on order and does not sort the caller’s array', async () => {
    const ids = tinyDataset().id.toArray()
    const copy = [...ids]
    const fp = await datasetFingerprint(ids)
    expect(ids).toEqual(copy)
    expect(await datasetFingerprint([...ids].reverse())).toBe(fp)
    expect(await datasetFingerprint(ids.slice(1))).not.toBe(fp)
    expect(await datasetFingerprint([...ids, 'extra'])).not.toBe(fp)
  })

  it('agrees between implementations and with node:crypto for any ids, in any order', async () => {
    const ids = fc.uniqueArray(
      fc.string({ unit: 'binary', maxLength: 16 }).filter((s) => !s.includes('\n')),
      { maxLength: 20 },
    )
    await fc.assert(
      fc.asyncProperty(ids, fc.nat(), async (list, seed) => {
        const shuffled = [...list].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7))
        const web = await datasetFingerprint(shuffled)
        expect([web, fingerprintSync(list)]).toEqual([nodeSha(list), nodeSha(list)])
      }),
      { numRuns: RUNS },
    )
  })

  it('differs for different sets', () => {
    fc.assert(
      // Ids are never empty (an empty one would hash like an empty set when alone).
      fc.property(
        fc.uniqueArray(
          fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes('\n')),
          { minLength: 1, maxLength: 10 },
        ),
        (list) => {
          expect(fingerprintSync(list.slice(1))).not.toBe(fingerprintSync(list))
        },
      ),
      { numRuns: RUNS },
    )
  })
})

describe('fingerprintInput', () => {
  const reference = (ids: string[]) => new TextEncoder().encode([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n'))
  it('orders ids exactly as a code-unit string sort, whatever their form', () => {
    // Ids as the builder writes them (few hashes, so repeats are common), with repeat suffixes
    // (-2 … -12: "-10" sorts before "-2"), and anything else a merged or hand-made dataset may hold.
    const hash = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }))
    const id = fc.oneof(
      hash.map((h) => idOf(h)),
      fc.tuple(hash, fc.integer({ min: 2, max: 12 })).map(([h, k]) => `${idOf(h)}-${k}`),
      fc.string({ unit: fc.constantFrom('0', '9', 'a', 'z', 'A', '-', '中'), minLength: 1, maxLength: 13 }),
    )
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), (ids) => {
        expect(fingerprintInput(ids)).toEqual(reference(ids))
      }),
      { numRuns: RUNS },
    )
    const big = Array.from({ length: 2000 }, (_, i) => idOf((i * 7919) % 1500)).map((x, i, all) => (all.indexOf(x) < i ? `${x}-${i}` : x))
    expect(fingerprintInput(big)).toEqual(reference(big))
  })
})
