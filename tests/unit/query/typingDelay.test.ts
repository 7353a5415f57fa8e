import { describe, expect, it } from 'vitest'
import { MAX_TYPING_DELAY_MS, QUERY_SLICED_FROM_ROWS, typingDelay } from '@/query/typingDelay'

describe('typingDelay', () => {
  it('never waits on a dataset whose queries run in slices (a newer keystroke drops the running query)', () => {
    expect(QUERY_SLICED_FROM_ROWS).toBe(20_000)
    expect(typingDelay(900, 20_000)).toBe(0)
    expect(typingDelay(null, 1_000_000)).toBe(0)
  })

  it('below that, runs queries that land within 100 ms on every keystroke and waits about as long as a slower one took, up to 250 ms', () => {
    expect(typingDelay(3, 500)).toBe(0)
    expect(typingDelay(99.9, 500)).toBe(0)
    expect(typingDelay(100, 500)).toBe(150)
    expect(typingDelay(120, 19_999)).toBe(180)
    expect(typingDelay(900, 500)).toBe(MAX_TYPING_DELAY_MS)
    // Before a query after a change of view has landed: no wait.
    expect(typingDelay(null, 20)).toBe(0)
    expect(typingDelay(Number.NaN, 20)).toBe(0)
  })
})
