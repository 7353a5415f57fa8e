import { describe, expect, it } from 'vitest'
import { formatTable, predictor, score } from './evaluate'
import { SYNTHETIC } from './synthetic-comments'

describe('request themes on hand-written comments', () => {
  const predict = predictor()
  const cases = SYNTHETIC.map((c) => ({ text: c.text, expected: c.themes as string[], predicted: predict(c.text) }))
  const rows = score(cases)

  it('has enough labelled comments, with positives for every theme and near misses', () => {
    expect(SYNTHETIC.length).toBeGreaterThanOrEqual(60)
    for (const r of rows) expect(r.support, r.id).toBeGreaterThanOrEqual(5)
    expect(SYNTHETIC.filter((c) => c.themes.length === 0).length).toBeGreaterThanOrEqual(30)
  })

  it('reaches precision and recall ≥ 0.9 for every theme', () => {
    console.log(formatTable(rows, `synthetic comments (${cases.length})`))
    const misses = cases.filter((c) => [...c.expected].sort().join() !== [...c.predicted].sort().join())
    if (misses.length) console.log(misses.map((c) => `  expected [${c.expected}] got [${c.predicted}]: ${c.text}`).join('\n'))
    for (const r of rows) {
      expect(r.precision, `${r.id} precision`).toBeGreaterThanOrEqual(0.9)
      expect(r.recall, `${r.id} recall`).toBeGreaterThanOrEqual(0.9)
    }
  })
})
