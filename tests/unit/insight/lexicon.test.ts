import { describe, expect, it } from 'vitest'
import { checkLexicon, defaultThemes, lexicon, loadLexicon, requestCues } from '@/insight/lexicon'
import { sanitizeTerms } from '@/insight/themes'
import raw from '@/insight/data/request-lexicon.json'

describe('the request lexicon (a data file)', () => {
  it('loads once and hands out the same frozen lists', async () => {
    const a = await loadLexicon()
    expect(await loadLexicon()).toBe(a)
    expect(lexicon()).toBe(a)
    expect(defaultThemes().map((t) => t.id)).toEqual(['bonus', 'answers', 'materials', 'updates', 'contact', 'errata'])
    expect(requestCues()).toBe(a.cues)
    expect(Object.isFrozen(a.themes[0].objects)).toBe(true)
    expect(() => (a.themes[0].objects as string[]).push('x')).toThrow()
  })

  it('holds only terms the safe pattern language keeps as they are', () => {
    for (const list of [raw.cues, ...raw.themes.flatMap((t) => [t.objects, t.strong, t.cues, t.exclude])]) {
      expect(sanitizeTerms(list)).toEqual(list)
    }
  })

  it('rejects a file of another shape rather than matching nothing', () => {
    expect(() => checkLexicon(null)).toThrow(/unexpected shape/)
    expect(() => checkLexicon({ cues: 'x', themes: [] })).toThrow(/unexpected shape/)
    const theme = { id: 'a', name: { zh: '甲', en: 'A' }, objects: [], strong: ['x'], cues: [], exclude: [], enabled: true }
    expect(() => checkLexicon({ version: 1, cues: [], themes: [{ ...theme, objects: [3] }] })).toThrow(/unexpected shape/)
    expect(() => checkLexicon({ version: 1, cues: [], themes: [theme, theme] })).toThrow(/duplicate theme id/)
    expect(checkLexicon({ version: 2, cues: ['求'], themes: [theme] }).themes[0].strong).toEqual(['x'])
  })
})
