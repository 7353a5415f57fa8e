import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { evaluateCourse, formatTable, pool, readManifest, readStatedFigures, regressions, score } from './evaluate'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

describe('the accuracy the README states', () => {
  it('is read from the marked table, and a figure below it is named', () => {
    const readme = [
      '<!-- accuracy:test:start -->',
      '| theme | support | precision | recall | F1 |',
      '|---|---|---|---|---|',
      '| `bonus` | 12 | 0.900 | 0.800 | 0.847 |',
      '| macro-F1 | | | | 0.700 |',
      '| question | 40 | 0.910 | 0.920 | 0.915 |',
      '<!-- accuracy:test:end -->',
    ].join('\n')
    const stated = readStatedFigures(readme)
    expect(stated.themes.bonus).toEqual({ precision: 0.9, recall: 0.8 })
    expect(stated.macroF1).toBe(0.7)
    expect(stated.question).toEqual({ precision: 0.91, recall: 0.92 })
    // 9 of 10 predicted right, 9 of 12 found: precision 0.9 holds, recall 0.75 < 0.8.
    const cases = [
      ...Array.from({ length: 9 }, () => ({ expected: ['bonus'], predicted: ['bonus'] })),
      { expected: [], predicted: ['bonus'] },
      ...Array.from({ length: 3 }, () => ({ expected: ['bonus'], predicted: [] })),
    ]
    const rows = score(cases, ['bonus'])
    expect(regressions(stated, rows, { support: 40, tp: 37, fp: 3, fn: 3, precision: 37 / 40, recall: 37 / 40 })).toEqual([
      'bonus recall: 0.750 < 0.800 stated in the README',
    ])
    expect(() => readStatedFigures('no table')).toThrow(/accuracy table/)
  })

  it('still holds on the test courses (when their pages are present)', () => {
    const manifest = readManifest(ROOT)
    if (!existsSync(resolve(ROOT, manifest.root))) {
      console.log(`labelled pages not found at ${resolve(ROOT, manifest.root)}: accuracy not measured`)
      return
    }
    const test = manifest.courses.filter((c) => c.split === 'test').map((c) => evaluateCourse(ROOT, manifest, c))
    const p = pool(test)
    console.log(formatTable(p.rows, `test courses (${p.n} comments)`, p.question ?? undefined))
    const stated = readStatedFigures(readFileSync(resolve(ROOT, 'README.md'), 'utf8'))
    expect(regressions(stated, p.rows, p.question)).toEqual([])
  })
})
