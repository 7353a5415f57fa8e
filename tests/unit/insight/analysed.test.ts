import { describe, expect, it } from 'vitest'
import { defaultThemes } from '@/insight/lexicon'
import { compileTheme, matchThemes, themeMasks } from '@/insight/themes'
import { isQuestion } from '@/insight/questions'

describe('a 5 MB comment', () => {
  const themes = defaultThemes().map((d) => compileTheme(d))
  const bonus = themes.findIndex((t) => t.def.id === 'bonus')
  // 17 characters a sentence, 300,000 sentences: the probe's long comment, with sentences.
  const long = 'a' + '希望加餐，讲讲 Raft 的选举。'.repeat(300_000)

  it('is read for themes and questions in its first 10,000 characters, in milliseconds (it took hours)', () => {
    const t0 = performance.now()
    const hits = matchThemes(long, themes)
    const masks = themeMasks([long, '求 PDF'], themes)
    const question = isQuestion(long)
    expect(performance.now() - t0).toBeLessThan(1500)
    expect(hits.map((m) => m.theme)).toEqual([bonus])
    // Every span of the 588 sentences in the first 10,000 characters, none past them.
    expect(Math.max(...hits[0].spans.map((s) => s[1]))).toBeLessThanOrEqual(10_000)
    expect(hits[0].spans.length).toBeGreaterThanOrEqual(588)
    expect(masks[0]).toBe(1 << bonus)
    expect(question).toBe(false)
  })

  it('a question past the first 10,000 characters is not seen; one before is', () => {
    expect(isQuestion('好'.repeat(10_001) + '为什么？')).toBe(false)
    expect(isQuestion('好'.repeat(9_990) + '为什么？')).toBe(true)
  })
})
