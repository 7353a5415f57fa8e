import { describe, expect, it } from 'vitest'
import { MAX_TYPING_DELAY_MS, typingDelay } from '@/query/typingDelay'

describe('typingDelay', () => {
  it('runs queries that land within 100 ms on every keystroke and waits about as long as a slower one took, up to 250 ms', () => {
    expect(typingDelay(3)).toBe(0)
    expect(typingDelay(99.9)).toBe(0)
    expect(typingDelay(100)).toBe(150)
    expect(typingDelay(120)).toBe(180)
    expect(typingDelay(900)).toBe(MAX_TYPING_DELAY_MS)
    // Before a query after a change of view has landed: none on a small dataset, a middling wait on a big one.
    expect(typingDelay(null)).toBe(125)
    expect(typingDelay(Number.NaN)).toBe(125)
    expect(typingDelay(null, 20)).toBe(0)
    expect(typingDelay(null, 19_999)).toBe(0)
    expect(typingDelay(null, 20_000)).toBe(125)
    // A measured query decides, whatever the size.
    expect(typingDelay(140, 20)).toBe(210)
    expect(typingDelay(40, 1_000_000)).toBe(0)
  })
})
