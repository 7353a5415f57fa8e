import { describe, expect, it } from 'vitest'
import { INSTANT_QUERY_MS, MAX_TYPING_DELAY_MS, QUERY_SLICED_FROM_ROWS, typingDelay } from '@/query/typingDelay'

describe('typingDelay', () => {
  it('never waits on a dataset whose queries run in slices (a newer keystroke drops the running query)', () => {
    expect(typingDelay(900, QUERY_SLICED_FROM_ROWS)).toBe(0)
    expect(typingDelay(null, 1_000_000)).toBe(0)
    // Just below, a slow query does make typing wait.
    expect(typingDelay(900, QUERY_SLICED_FROM_ROWS - 1)).toBeGreaterThan(0)
  })

  it('below that, runs queries that land within a keystroke s time on every keystroke', () => {
    expect(typingDelay(3, 500)).toBe(0)
    expect(typingDelay(INSTANT_QUERY_MS - 0.1, 500)).toBe(0)
    // Before a query after a change of view has landed: no wait.
    expect(typingDelay(null, 20)).toBe(0)
    expect(typingDelay(Number.NaN, 20)).toBe(0)
  })

  it('waits at least as long as a slower query took, longer for slower ones, never over the cap', () => {
    const took = [INSTANT_QUERY_MS, 120, 150, 166, 200, 400, 900, 5_000]
    const waits = took.map((ms) => typingDelay(ms, 500))
    took.forEach((ms, k) => {
      expect(waits[k]).toBeGreaterThanOrEqual(Math.min(ms, MAX_TYPING_DELAY_MS))
      expect(waits[k]).toBeLessThanOrEqual(MAX_TYPING_DELAY_MS)
      if (k > 0) expect(waits[k]).toBeGreaterThanOrEqual(waits[k - 1])
    })
    expect(waits.at(-1)).toBe(MAX_TYPING_DELAY_MS)
  })
})
