import { describe, expect, it } from 'vitest'
import { keywordsInContext } from '@/insight/kwic'
import { themeMasks } from '@/insight/themes'
import { fixedThemes } from '../fixedThemes'
import { loadBuiltin } from '../support'
import { SAMPLE } from '../../fixtures/sampleExpected'

describe('keyword in context', () => {
  const ds = loadBuiltin()
  const themes = fixedThemes()
  const all = Array.from({ length: ds.n }, (_, i) => i)

  it('lists every match of a theme with the text around it', () => {
    const bonus = keywordsInContext(ds, all, themes, { theme: 0, width: 6 })
    expect(bonus.map((l) => ds.authors[ds.author[l.row]])).toEqual(['jeffery', 'Geek_daf51a', '赵先生', 'mmm', '幽幽夜', '云原生工程师'])
    expect(bonus).toHaveLength(SAMPLE.themes.bonus.comments)
    const mmm = bonus.find((l) => ds.authors[ds.author[l.row]] === 'mmm')!
    // Six characters either side, an ellipsis where the text was cut.
    expect([mmm.left, mmm.match, mmm.right]).toEqual(['…谢老师 期待', '加餐', ''])
  })

  it('gives the same lines when the theme masks let it skip rows without the theme', () => {
    const masks = themeMasks(ds.text.toArray(), themes)
    for (const theme of [null, 0, 1, 2, 5]) expect(keywordsInContext(ds, all, themes, { theme, masks })).toEqual(keywordsInContext(ds, all, themes, { theme }))
    // A row the masks rule out is never matched, whatever its text says.
    const none = new Uint32Array(ds.n)
    expect(keywordsInContext(ds, all, themes, { theme: 0, masks: none })).toEqual([])
  })

  it('leaves out the rows of excluded authors (staff)', () => {
    const skip = new Uint8Array(ds.authors.length)
    skip[ds.authors.indexOf('mmm')] = 1
    skip[ds.authors.indexOf('jeffery')] = 1
    const bonus = keywordsInContext(ds, all, themes, { theme: 0, excludeAuthors: skip })
    expect(bonus.map((l) => ds.authors[ds.author[l.row]])).toEqual(['Geek_daf51a', '赵先生', '幽幽夜', '云原生工程师'])
  })

  it('respects the limit: the first lines of the whole list, each the words around a match in its comment', () => {
    const lines = keywordsInContext(ds, all, themes, { limit: 3 })
    expect(lines).toEqual(keywordsInContext(ds, all, themes).slice(0, 3))
    for (const l of lines) expect(ds.text.get(l.row)).toContain(l.left.replace(/^…/, '') + l.match + l.right.replace(/…$/, ''))
  })
})

describe('keyword in context on long comments', () => {
  it('shows the first place that matched, and a long match as its first and last words', async () => {
    const { importSources } = await import('@/import/pipeline')
    const { compileTheme } = await import('@/insight/themes')
    const text = '开头寒暄一下，感谢老师。文中第三段的公式，按照我自己的推导和官方文档的说明来看，好像是写反了。后面还有一句：第五段也写反了。'
    const csv = `author,likes,replies,date,text\nx,1,0,2021-01-01,"${text}"\n`
    const ds = importSources([{ name: 'x.csv', bytes: new TextEncoder().encode(csv).buffer as ArrayBuffer }]).dataset
    const errata = compileTheme({
      id: 'errata',
      name: { zh: '勘误', en: 'Errata' },
      objects: [],
      strong: ['文中|第*段+写反'],
      cues: [],
      exclude: [],
      enabled: true,
    })
    const [line] = keywordsInContext(ds, [0], [errata], { width: 6 })
    expect(line.match).toBe('文中 … 写反')
    expect(line.left).toBe('…，感谢老师。')
    expect(line.right.startsWith('了。')).toBe(true)
  })
})

describe('excerpts around a match', () => {
  it('centre on the match and mark the cuts', async () => {
    const { excerptAround } = await import('@/charts/excerpt')
    const text = '很长的开场白'.repeat(10) + '希望出一期加餐' + '结尾'.repeat(20)
    const start = text.indexOf('希望')
    const out = excerptAround(text, start, start + 7, 30)
    expect(out).toContain('希望出一期加餐')
    expect(out.startsWith('…')).toBe(true)
    expect(out.endsWith('…')).toBe(true)
    expect(excerptAround('短句', 0, 2, 30)).toBe('短句')
  })
})
