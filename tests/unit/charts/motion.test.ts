import { describe, expect, it } from 'vitest'
import { FRAME_MS, PaintBudget } from '@/charts/motion'

describe('PaintBudget', () => {
  it('allows update animations while the charts’ last draws fit in one frame together', () => {
    const b = new PaintBudget()
    expect(b.allowsAnimation()).toBe(true)
    b.record('likes', 3)
    b.record('replies', 4)
    b.record('dates', 5)
    b.record('requests', 4)
    expect(b.allowsAnimation()).toBe(true) // 16 ms: exactly a frame
    b.record('trend', 0.5)
    expect(b.allowsAnimation()).toBe(false)
    // A chart's newer draw replaces its last one; a chart gone no longer counts.
    b.record('dates', 2)
    expect(b.allowsAnimation()).toBe(true)
    b.record('lessons', 30)
    expect(b.allowsAnimation()).toBe(false)
    b.forget('lessons')
    expect(b.allowsAnimation()).toBe(true)
    expect(b.allowsAnimation(FRAME_MS / 2)).toBe(false)
  })
})
