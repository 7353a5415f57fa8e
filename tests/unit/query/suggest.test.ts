import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { suggest } from '@/query/suggest'

describe('picker suggestions', () => {
  it('search the whole list: matches past the first hundreds are offered', () => {
    const lessons = Array.from({ length: 600 }, (_, i) => (i % 60 === 59 ? `课程${i} · 开篇词` : `第${i}讲`))
    expect(suggest(lessons, '开篇词', 100)).toHaveLength(10)
    expect(suggest(lessons, '开篇词', 100)[9]).toBe('课程599 · 开篇词')
  })

  it('rank exact, then prefix, then inner matches, and cap the list', () => {
    expect(suggest(['abc', 'xab', 'ab', 'abd'], 'AB', 10)).toEqual(['ab', 'abc', 'abd', 'xab'])
    expect(suggest(['a1', 'a2', 'a3'], '', 2)).toEqual(['a1', 'a2'])
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 50 }), fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 20 }), (list, q, limit) => {
        const out = suggest(list, q, limit)
        expect(out.length).toBeLessThanOrEqual(limit)
        for (const s of out) expect(list).toContain(s)
        if (q.trim()) for (const s of out) expect(s.toLowerCase()).toContain(q.trim().toLowerCase())
      }),
    )
  })
})
