import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { correctedMask, correctedThemes, labelsOf, sanitizeCorrections, setTheme, type Corrections } from '@/insight/corrections'
import { datasetToFile, parseDatasetFile } from '@/model/datasetFile'
import { loadBuiltin } from '../support'
import { Strings } from '@/model/packed'

const IDS = ['bonus', 'answers', 'materials', 'updates', 'contact', 'errata']

describe('theme corrections', () => {
  it('records only disagreements with the detector', () => {
    let c: Corrections = {}
    c = setTheme(c, 'a', 'bonus', true, false)
    expect(c).toEqual({ a: { add: [], remove: ['bonus'] } })
    c = setTheme(c, 'a', 'errata', false, true)
    expect(c).toEqual({ a: { add: ['errata'], remove: ['bonus'] } })
    // Putting back what the detector found, and taking away what was added, leaves nothing.
    c = setTheme(c, 'a', 'bonus', true, true)
    c = setTheme(c, 'a', 'errata', false, false)
    expect(c).toEqual({})
  })

  it('apply to masks without touching the detector’s, ignoring unknown comments and themes', () => {
    const mask = new Uint32Array([0b01, 0b10, 0])
    const ids = ['a', 'b', 'c']
    const out = correctedMask(mask, Strings.of(ids), IDS, {
      a: { add: ['errata'], remove: ['bonus'] },
      zz: { add: ['bonus'], remove: [] },
      c: { add: ['nope'], remove: [] },
    })
    expect(Array.from(out)).toEqual([1 << 5, 0b10, 0])
    expect(Array.from(mask)).toEqual([0b01, 0b10, 0])
    expect(correctedThemes(['bonus', 'answers'], { add: ['errata'], remove: ['bonus'] })).toEqual(['answers', 'errata'])
  })

  it('read from untrusted input keep only well-formed entries', () => {
    expect(
      sanitizeCorrections({
        a: { add: ['bonus', 'bonus', 7, '<b>'], remove: ['bonus', 'errata'] },
        b: 'x',
        c: { add: [], remove: [] },
        ['x'.repeat(65)]: { add: ['bonus'] },
      }),
    ).toEqual({
      a: { add: ['bonus'], remove: ['errata'] },
    })
    for (const bad of [null, 3, 'x', [], [{ add: ['bonus'] }]]) expect(sanitizeCorrections(bad)).toEqual({})
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const out = sanitizeCorrections(v)
        for (const c of Object.values(out)) {
          expect(c.add.length + c.remove.length).toBeGreaterThan(0)
          for (const t of [...c.add, ...c.remove]) expect(t).toMatch(/^[a-z0-9-]{1,32}$/)
        }
      }),
    )
  })

  it('become labels in the guide’s format: file, position in the file, themes, question', () => {
    const ds = loadBuiltin()
    const mask = new Uint32Array(ds.n)
    mask[0] = 0b1
    mask[4] = 0b10
    const question = new Uint8Array(ds.n)
    question[4] = 1
    const labels = labelsOf(ds, mask, question, IDS)
    expect(labels).toHaveLength(20)
    expect(labels[0]).toEqual({ file: 'etcd实战课 · 结束语.md', index: 0, themes: ['bonus'], question: false })
    expect(labels[4]).toEqual({ file: 'etcd实战课 · 结束语.md', index: 4, themes: ['answers'], question: true })
    expect(labels[19].index).toBe(19)
  })

  it('travel in the dataset file and come back', () => {
    const ds = loadBuiltin()
    const corrections = { [ds.id.get(0)]: { add: ['errata'], remove: ['bonus'] } }
    const parsed = parseDatasetFile(JSON.parse(datasetToFile(ds, { name: 'x', corrections })))
    expect(parsed.corrections).toEqual(corrections)
    expect(parseDatasetFile(JSON.parse(datasetToFile(ds, { name: 'x' }))).corrections).toEqual({})
  })
})
