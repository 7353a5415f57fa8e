import { describe, expect, it } from 'vitest'
import { keywordsInContext } from '@/insight/kwic'
import { themeMasks } from '@/insight/themes'
import { fixedThemes } from '../fixedThemes'
import { loadBuiltin } from '../support'

describe('keyword in context', () => {
  const ds = loadBuiltin()
  const themes = fixedThemes()
  const all = Array.from({ length: ds.n }, (_, i) => i)

  it('lists every match of a theme with the text around it', () => {
    const bonus = keywordsInContext(ds, all, themes, { theme: 0, width: 6 })
    expect(bonus.map((l) => ds.authors[ds.author[l.row]])).toEqual(['jeffery', 'Geek_daf51a', '赵先生', 'mmm', '幽幽夜', '云原生工程师'])
    const mmm = bonus.find((l) => ds.authors[ds.author[l.row]] === 'mmm')!
    // Six characters either side, an ellipsis where the text was cut.
    expect([mmm.left, mmm.match, mmm.right]).toEqual(['…谢老师 期待', '加餐', ''])
  })

  it('gives the same lines when the theme masks let it skip rows without the theme', () => {
    const masks = themeMasks(ds.text, themes)
    for (const theme of [null, 0, 1, 2, 5]) expect(keywordsInContext(ds, all, themes, { theme, masks })).toEqual(keywordsInContext(ds, all, themes, { theme }))
    // A row the masks rule out is never matched, whatever its text says.
    const none = new Uint32Array(ds.n)
    expect(keywordsInContext(ds, all, themes, { theme: 0, masks: none })).toEqual([])
  })

  it('respects the limit and never returns markup-bearing structures, only text', () => {
    const lines = keywordsInContext(ds, all, themes, { limit: 3 })
    expect(lines).toHaveLength(3)
    for (const l of lines) for (const v of [l.left, l.match, l.right]) expect(typeof v).toBe('string')
  })
})
