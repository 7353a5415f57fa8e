import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { evaluateCourse, readManifest, THEME_IDS, validateLabels, type Label } from './evaluate'

/**
 * The hand labels in data/labels/ (see docs/labelling-decisions.md): their shape always; their fit
 * to the courses' pages when those are beside the project (shared/data/real, as in CI).
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const manifest = readManifest(ROOT)
const labelsOf = (file: string) => JSON.parse(readFileSync(resolve(ROOT, 'data/labels', file), 'utf8')) as Label[]

describe('labelled courses', () => {
  it('split at most half of the labelled comments into tuning courses, from at least four categories', () => {
    const sizes = manifest.courses.map((c) => ({ c, n: labelsOf(c.labels).length }))
    const tune = sizes.filter((s) => s.c.split === 'tune').reduce((a, s) => a + s.n, 0)
    const all = sizes.reduce((a, s) => a + s.n, 0)
    expect(tune / all).toBeLessThanOrEqual(0.5)
    expect(new Set(manifest.courses.map((c) => c.category)).size).toBeGreaterThanOrEqual(4)
    expect(manifest.courses.filter((c) => c.dir === 'mirror').length).toBeGreaterThanOrEqual(6)
  })

  it.each(manifest.courses.map((c) => [c.name, c] as const))('%s: well-formed labels, positions and themes only (no comment text)', (_name, course) => {
    const data: unknown = labelsOf(course.labels)
    expect(validateLabels(data)).toEqual([])
    const labels = data as Label[]
    expect(labels.length).toBeGreaterThanOrEqual(200)
    for (const l of labels) {
      for (const t of l.themes) expect(THEME_IDS).toContain(t)
      expect(typeof l.question).toBe('boolean')
      for (const k of Object.keys(l)) expect(['file', 'index', 'themes', 'question', 'staff']).toContain(k)
    }
  })

  it.each(manifest.courses.map((c) => [c.name, c] as const))(
    '%s: every comment of every labelled file is labelled (when the pages are present)',
    (_name, course) => {
      if (!existsSync(resolve(ROOT, manifest.root, course.dir))) return
      const e = evaluateCourse(ROOT, manifest, course)
      expect(e.missing).toEqual([])
      expect(e.outOfRange).toEqual([])
      expect(e.partial).toEqual([])
    },
  )
})
