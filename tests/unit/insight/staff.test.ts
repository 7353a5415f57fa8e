import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { staffCandidates } from '@/insight/staff'
import type { Lesson } from '@/model/dataset'

/** Columns from (author, lesson index) pairs over `lessons` lessons. */
function cols(rows: [string, number][], lessons: number) {
  const authors = [...new Set(rows.map(([a]) => a))]
  return {
    n: rows.length,
    authors,
    author: Uint32Array.from(rows.map(([a]) => authors.indexOf(a))),
    lessons: Array.from({ length: lessons }, (_, k): Lesson => ({ title: `L${k}`, file: '' })),
    lesson: Uint32Array.from(rows.map(([, l]) => l)),
  }
}

/** The rule as written, one Set per author: what the typed-array passes must agree with. */
function naive(c: ReturnType<typeof cols>): string[] {
  const out = new Set(c.authors.filter((a) => /编辑|小助手|助教|运营|作者|讲师|官方|极客时间|editor|assistant/i.test(a)))
  const L = c.lessons.length
  if (L >= 3) {
    const need = Math.max(3, Math.ceil(L * 0.5))
    const spans = new Map<number, Set<number>>()
    for (let i = 0; i < c.n; i++) {
      if (!spans.has(c.author[i])) spans.set(c.author[i], new Set())
      spans.get(c.author[i])!.add(c.lesson[i])
    }
    for (const [a, s] of spans) if (s.size >= need) out.add(c.authors[a])
  }
  return [...out].sort()
}

describe('staffCandidates', () => {
  it('names that say so, and authors under at least half the lessons (at least 3), not those with many comments in few lessons', () => {
    // 6 lessons: need = 3. 小王 spans 0,2,4 (3 lessons); 张三 has 5 comments in 2 lessons; 李四 spans 2.
    const rows: [string, number][] = [
      ['小王', 0],
      ['小王', 2],
      ['小王', 4],
      ['张三', 1],
      ['张三', 1],
      ['张三', 1],
      ['张三', 5],
      ['张三', 5],
      ['李四', 0],
      ['李四', 3],
      ['极客时间小助手', 3],
      ['Course Editor', 0],
    ]
    expect(staffCandidates(cols(rows, 6)).sort()).toEqual(['Course Editor', '小王', '极客时间小助手'].sort())
  })

  it('with fewer than 3 lessons only the names count', () => {
    expect(
      staffCandidates(
        cols(
          [
            ['小王', 0],
            ['小王', 1],
            ['运营小李', 0],
          ],
          2,
        ),
      ),
    ).toEqual(['运营小李'])
  })

  it('agrees with one Set per author on any dataset', () => {
    const names = fc.constantFrom('a', 'b', 'c', 'd', '编辑e', 'f')
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((L) => fc.tuple(fc.constant(L), fc.array(fc.tuple(names, fc.integer({ min: 0, max: L - 1 })), { maxLength: 60 }))),
        ([L, rows]) => {
          const c = cols(rows, L)
          expect(staffCandidates(c).sort()).toEqual(naive(c))
        },
      ),
    )
  })
})
