import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { evaluateFolder, formatTable, readLabels, THEME_IDS, validateLabels } from './evaluate'

/**
 * Hand labels for the comments of the course DDD实战课 (data/labels/ddd.json). The lesson
 * pages themselves live outside the repository, in shared/ beside it; CI may not have them.
 */
const LABELS = fileURLToPath(new URL('../../../data/labels/ddd.json', import.meta.url))
const DIR = fileURLToPath(new URL('../../../../shared/data/real/ddd', import.meta.url))

describe('DDD实战课 labels', () => {
  it('are a well-formed set of at least 150 labelled comments', () => {
    const data: unknown = JSON.parse(readFileSync(LABELS, 'utf8'))
    expect(validateLabels(data)).toEqual([])
    const labels = data as { file: string; index: number; themes: string[] }[]
    expect(labels.length).toBeGreaterThanOrEqual(150)
    expect(new Set(labels.map((l) => l.file)).size).toBeGreaterThanOrEqual(10)
    for (const l of labels) for (const t of l.themes) expect(THEME_IDS).toContain(t)
    // The labels hold positions and themes only, never comment text.
    for (const l of labels) expect(Object.keys(l).sort()).toEqual(['file', 'index', 'themes'])
  })

  it('are reproduced with precision and recall ≥ 0.9 for every theme with support (when the pages are present)', () => {
    if (!existsSync(DIR)) {
      console.log(`DDD pages not found at ${DIR}: only the labels' shape was checked`)
      return
    }
    const ev = evaluateFolder(DIR, readLabels(LABELS))
    console.log(formatTable(ev.rows, `DDD实战课 (${ev.cases.length} labelled comments)`))
    expect(ev.missing).toEqual([])
    expect(ev.outOfRange).toEqual([])
    for (const r of ev.rows) {
      if (r.support === 0) {
        // Nothing to find: the theme must at least not invent requests.
        expect(r.fp, `${r.id} false positives`).toBe(0)
        continue
      }
      expect(r.precision, `${r.id} precision`).toBeGreaterThanOrEqual(0.9)
      expect(r.recall, `${r.id} recall`).toBeGreaterThanOrEqual(0.9)
    }
  })
})
