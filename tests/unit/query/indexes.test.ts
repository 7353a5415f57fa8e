import { describe, expect, it } from 'vitest'
import { enabledBits, masksInUse, matchedDefs, matchKey } from '@/query/indexes'
import { splitPieces } from '@/query/indexesInWorker'
import { packedLengths } from '@/query/prepare'
import { packColumn } from '@/model/packed'
import type { ThemeDef } from '@/insight/themes'

const theme = (id: string, objects: string[], enabled = true): ThemeDef => ({
  id,
  name: { zh: id, en: id },
  objects,
  strong: [],
  cues: [],
  exclude: [],
  enabled,
})

describe('match key', () => {
  const a = [theme('bonus', ['加餐']), theme('answers', ['答案'])]
  it('ignores names and switches, and nothing that changes what is matched', () => {
    const renamed = [
      { ...a[0], name: { zh: '番外', en: 'extra' } },
      { ...a[1], enabled: false },
    ]
    expect(matchKey(renamed, ['希望'])).toBe(matchKey(a, ['希望']))
    expect(matchKey(a, ['希望'])).toMatch(/^[0-9a-f]{14}$/)
  })
  it('changes with a word, the order of themes, or the shared cues', () => {
    const k = matchKey(a, ['希望'])
    expect(matchKey([theme('bonus', ['加餐', '番外']), a[1]], ['希望'])).not.toBe(k)
    expect(matchKey([a[1], a[0]], ['希望'])).not.toBe(k)
    expect(matchKey(a, ['希望', '求'])).not.toBe(k)
  })
  it('matches with every theme on', () => {
    expect(matchedDefs([theme('x', ['a'], false), a[0]]).map((t) => t.enabled)).toEqual([true, true])
  })
})

describe('masks in use', () => {
  it('clears the bits of switched-off themes and keeps the array when all are on', () => {
    const matched = Uint32Array.from([0b11, 0b10, 0b01, 0])
    expect(enabledBits([theme('a', []), theme('b', [], false)])).toBe(0b01)
    expect([...masksInUse(matched, 0b01, 2)]).toEqual([0b01, 0, 0b01, 0])
    expect(masksInUse(matched, 0b11, 2)).toBe(matched)
  })
})

describe('splitting the texts over workers', () => {
  it('keeps whole pieces in order, about equal in characters', () => {
    const col = packColumn(['aaaa', 'bb', 'cccc', 'dd', 'e'], 4)
    expect(col.map((p) => p.joined)).toEqual(['aaaa', 'bb', 'cccc', 'dde'])
    const runs = splitPieces(col, 2)
    expect(runs.map((r) => r.map((p) => p.joined))).toEqual([
      ['aaaa', 'bb'],
      ['cccc', 'dde'],
    ])
    expect(splitPieces(col, 1)).toEqual([col])
  })
  it('reads each text length from the offsets', () => {
    expect([...packedLengths(packColumn(['aaaa', '', 'cccc', 'dd', 'e'], 4))]).toEqual([4, 0, 4, 2, 1])
  })
})
