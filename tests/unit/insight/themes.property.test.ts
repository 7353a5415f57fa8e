import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { altTokens, alternation, compileTheme, matchThemes, sanitizeTerms, themeMasks, type CompiledTheme, type ThemeDef } from '@/insight/themes'
import { defaultThemes } from '@/insight/lexicon'

const defaults = defaultThemes().map((t) => compileTheme(t))

// Text built from the words the themes look for, sentence ends and noise, so that matches,
// decoys and exclusions actually occur (plain random strings would almost never hit).
const WORDS = [
  '希望',
  '求',
  '需求',
  '能否',
  '有没有',
  '吗',
  '？',
  '。',
  '！',
  '\n',
  '...',
  '…',
  '，',
  ' ',
  '加餐',
  '这篇加餐很棒',
  '敬请期待',
  '思考题',
  '的',
  '得',
  '答案',
  '答案：',
  '源码',
  '看源码',
  '代码',
  'GitHub',
  '地址',
  'PDF',
  '更新',
  '数据更新',
  '催更',
  '下一讲',
  '群',
  '集群',
  '读者群',
  '微信',
  '微信支付',
  '文中',
  '写错',
  '报错',
  '错误码',
  '不对',
  '对不对',
  'please',
  'could you',
  'repo',
  'reporting',
  'typo',
  'A',
  'z',
  '1',
  '*',
  '+',
  '|',
  '-',
  '(',
  ')',
  '[',
  '\\',
  '$',
  '^',
  '.',
  '😀',
  '\u0000',
  '\uD800',
]
const commentText = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((w) => w.join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
)

// Hostile user terms: wildcards, separators, regex metacharacters, very long strings.
const hostileTerm = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('*', '+', '|', '-', '.', '(', ')', '[', ']', '{', '}', '?', '^', '$', '\\', 'a', '群', ' '), maxLength: 60 }),
  fc.constantFrom('********', '+++', '|||', '-', '--', '-*', '*a*', 'a*a*a*a*a', '(a+)+$', '.*.*.*', '\\', '[^]', 'x'.repeat(1000), '群*'.repeat(50)),
  fc.array(fc.constantFrom('a', '*', '群', '+', '|'), { maxLength: 400 }).map((a) => a.join('')),
)
const terms = fc.array(hostileTerm, { maxLength: 30 })
const userTheme = fc.record({ objects: terms, strong: terms, cues: terms, exclude: terms, enabled: fc.boolean() })
const toDef = (r: { objects: string[]; strong: string[]; cues: string[]; exclude: string[]; enabled: boolean }, i = 0): ThemeDef => ({
  id: `user${i}`,
  name: { zh: '用户', en: 'user' },
  ...r,
})

function maskOf(text: string, themes: CompiledTheme[]): number {
  return matchThemes(text, themes).reduce((m, x) => m | (1 << x.theme), 0) >>> 0
}

function checkMatches(text: string, themes: CompiledTheme[]) {
  for (const m of matchThemes(text, themes)) {
    expect(m.theme).toBeGreaterThanOrEqual(0)
    expect(m.theme).toBeLessThan(themes.length)
    expect(themes[m.theme].def.enabled).toBe(true)
    expect(m.spans.length).toBeGreaterThan(0)
    for (const [a, b] of m.spans) {
      expect(0 <= a && a < b && b <= text.length).toBe(true)
    }
  }
}

describe('themes, property-based', () => {
  it('default themes: never throw, spans lie in the text, themeMasks agrees with matchThemes', () => {
    fc.assert(
      fc.property(fc.array(commentText, { minLength: 1, maxLength: 5 }), (texts) => {
        const t0 = performance.now()
        const masks = themeMasks(texts, defaults)
        texts.forEach((text, i) => {
          checkMatches(text, defaults)
          expect(masks[i]).toBe(maskOf(text, defaults))
        })
        // Generous: backtracking blow-ups take seconds or forever; a loaded CI machine takes milliseconds.
        expect(performance.now() - t0).toBeLessThan(2000)
      }),
      { numRuns: 1000 },
    )
  })

  it('user patterns through sanitizeTerms/compileTheme: never throw, stay fast, agree across both entry points', () => {
    fc.assert(
      fc.property(fc.array(userTheme, { minLength: 1, maxLength: 3 }), fc.array(commentText, { minLength: 1, maxLength: 3 }), (defs, texts) => {
        const t0 = performance.now()
        const themes = defs.map((d, i) => compileTheme(toDef(d, i)))
        // Adversarial text for wildcards and alternations: long runs of the pattern characters.
        const all = [...texts, 'a'.repeat(2000), '群'.repeat(500) + '希望', `${'a*'.repeat(300)}+|-`]
        const masks = themeMasks(all, themes)
        all.forEach((text, i) => {
          checkMatches(text, themes)
          expect(masks[i]).toBe(maskOf(text, themes))
        })
        expect(performance.now() - t0).toBeLessThan(2000)
      }),
      { numRuns: 1000 },
    )
  })

  it('sanitizeTerms keeps only bounded terms and is idempotent', () => {
    fc.assert(
      fc.property(terms, (ts) => {
        const out = sanitizeTerms(ts)
        expect(out.length).toBeLessThanOrEqual(80)
        for (const t of out) {
          expect(t.length).toBeLessThanOrEqual(600)
          const body = t.startsWith('-') ? t.slice(1) : t
          const parts = body.split('+')
          expect(parts.length).toBeLessThanOrEqual(4)
          for (const p of parts) {
            for (const alt of p.split('|')) {
              expect(alt.length).toBeGreaterThan(0)
              expect(alt.length).toBeLessThanOrEqual(40)
              expect(alt.replace(/[*\s]/g, '')).not.toBe('')
              expect(alt.split('*').length - 1).toBeLessThanOrEqual(2)
            }
          }
        }
        expect(sanitizeTerms(out)).toEqual(out)
      }),
      { numRuns: 1000 },
    )
  })

  it('many themes (more than 32 units) share one prefilter bit each and still agree', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      compileTheme(
        toDef({ objects: ['加餐', '思考题+答案', '源码+地址', '群'], strong: ['催更', '写错+文中'], cues: [], exclude: ['这篇加餐'], enabled: i !== 3 }, i),
      ),
    )
    fc.assert(
      fc.property(fc.array(commentText, { minLength: 1, maxLength: 4 }), (texts) => {
        const masks = themeMasks(texts, many)
        texts.forEach((t, i) => expect(masks[i]).toBe(maskOf(t, many)))
      }),
      { numRuns: 300 },
    )
  })

  it('a list of literal words matches exactly where one of them stands in a sentence (grouped alternation keeps every word)', () => {
    // Words sharing first characters, in both cases, so that grouping by first character is exercised.
    const word = fc.string({ unit: fc.constantFrom('加', '餐', '番', '群', '组', 'a', 'b', 'A', 'B', '1'), minLength: 1, maxLength: 4 })
    const text = fc.array(fc.constantFrom('加', '餐', '番', '群', '组', 'a', 'b', 'A', 'B', '1', ' ', '。', '？'), { maxLength: 40 }).map((a) => a.join(''))
    const wordChar = /[a-z0-9]/
    // The reference: a plain substring search, sentence by sentence, with the ASCII word rule.
    const expected = (words: string[], t: string) =>
      t
        .toLowerCase()
        .split(/[。？]/)
        .some((sentence) =>
          words.some((w) => {
            const lw = w.toLowerCase()
            for (let i = sentence.indexOf(lw); i >= 0; i = sentence.indexOf(lw, i + 1)) {
              const before = !wordChar.test(lw[0]) || i === 0 || !wordChar.test(sentence[i - 1])
              const after = !wordChar.test(lw[lw.length - 1]) || i + lw.length === sentence.length || !wordChar.test(sentence[i + lw.length])
              if (before && after) return true
            }
            return false
          }),
        )
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), fc.array(text, { minLength: 1, maxLength: 4 }), (words, texts) => {
        const theme = compileTheme(
          { id: 'w', name: { zh: '词', en: 'words' }, objects: [], strong: [words.join('|')], cues: [], exclude: [], enabled: true },
          [],
        )
        const masks = themeMasks(texts, [theme])
        texts.forEach((t, i) => expect(masks[i] === 1, t).toBe(expected(words, t)))
      }),
      { numRuns: 400 },
    )
  })

  it('alternatives merged into a prefix tree match at exactly the places the plain alternation does; literal ones the same text', () => {
    const unit = fc.constantFrom('，', '的', '是', 'a', 'b', 'A', '.', '-', ']', '^', '\\', '😀', '*')
    const alt = fc
      .string({ unit, minLength: 1, maxLength: 5 })
      .filter((a) => a.replace(/\*/g, '') !== '' && !a.startsWith('*') && !a.endsWith('*') && !a.includes('**'))
    const text = fc.string({ unit: fc.constantFrom('，', '的', '是', 'a', 'b', 'A', 'B', '.', '-', ']', '^', '\\', '😀', '。', ' ', 'x'), maxLength: 30 })
    fc.assert(
      fc.property(fc.uniqueArray(alt, { minLength: 1, maxLength: 10 }), fc.array(text, { minLength: 1, maxLength: 3 }), (alts, texts) => {
        const plain = new RegExp(alts.map((a) => altTokens(a).join('')).join('|'), 'iy')
        const merged = new RegExp(alternation(alts), 'iy')
        const literal = alts.every((a) => !a.includes('*'))
        for (const t of texts)
          for (let at = 0; at <= t.length; at++) {
            plain.lastIndex = merged.lastIndex = at
            const [p, m] = [plain.exec(t), merged.exec(t)]
            expect(m !== null, `${alts.join('|')} at ${at} of ${t}`).toBe(p !== null)
            if (literal && p && m) expect(m[0]).toBe(p[0])
          }
      }),
      { numRuns: 1000 },
    )
  })

  it("merges a shared start, gap and single characters: the slow link's alternatives cost one try", () => {
    const gap = '[^。！？!?；;\\n\\r…]{0,4}'
    expect(alternation(['，*的', '，*是', '，*了'])).toBe(`，${gap}[的是了]`)
    expect(alternation(['，*的*，', '，*是*，'])).toBe(`，${gap}[的是]${gap}，`)
    expect(alternation(['加餐', '番外', '加个餐'])).toBe('(?:加(?:餐|个餐)|番外)')
    // An alternative that is a prefix of another keeps its place: the first listed matches first.
    expect(alternation(['加餐', '加餐券'])).toBe('加餐(?:|券)')
    expect(alternation(['repo', 'report'])).toBe('(?<![a-z0-9])repo(?:(?![a-z0-9])|rt(?![a-z0-9]))')
  })
})
