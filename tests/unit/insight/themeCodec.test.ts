import { describe, expect, it } from 'vitest'
import {
  applyThemeChanges,
  decodeThemes,
  diffThemes,
  encodeThemes,
  encodeThemesReport,
  isValidThemeId,
  redefinedThemes,
  MAX_TDEF,
  MAX_THEMES,
  type ThemeChanges,
} from '@/insight/themeCodec'
import { compileTheme, matchThemes, themeMasks, type ThemeDef } from '@/insight/themes'
import { defaultThemes } from '@/insight/lexicon'

// Another engineer tunes the default term lists: tests rely on the six ids only.
const DEFAULT_IDS = ['bonus', 'answers', 'materials', 'updates', 'contact', 'errata']
const copy = (t: ThemeDef): ThemeDef => structuredClone(t)
const defaults = () => defaultThemes().map(copy)
const byId = (id: string) => copy(defaultThemes().find((t) => t.id === id)!)
const pdf: ThemeDef = { id: 'pdf', name: { zh: 'PDF', en: 'PDF' }, objects: ['pdf'], strong: [], cues: [], exclude: [], enabled: false }
const none: ThemeChanges = { themes: [], removed: [] }

/** Encodes, decodes, and checks the trip is clean; returns the decoded changes. */
function roundTrip(changes: ThemeChanges): ThemeChanges {
  const s = encodeThemes(changes)
  expect(s).not.toBeNull()
  const { changes: back, problems } = decodeThemes(s!)
  expect(problems).toEqual([])
  expect(back).toEqual(changes)
  return back
}

/** A `tdef` holding one theme entry (an object literal merged over a valid new theme). */
const withTheme = (over: Record<string, unknown>) => JSON.stringify({ v: 1, t: [{ id: 'pdf', zh: 'PDF', en: 'PDF', o: ['pdf'], ...over }] })

describe('diff, apply and encode', () => {
  it('knows the six default ids', () => {
    expect(defaultThemes().map((t) => t.id)).toEqual(DEFAULT_IDS)
  })

  it('says nothing when the themes are the defaults', () => {
    expect(diffThemes(defaultThemes(), defaults())).toEqual(none)
    expect(encodeThemes(none)).toBeNull()
    expect(applyThemeChanges(defaultThemes(), none)).toEqual(defaultThemes())
  })

  it('carries an edited default as a full definition', () => {
    const current = defaults()
    current[1] = { ...current[1], name: { zh: '答案', en: 'Answers' }, objects: [...current[1].objects, '参考答案'] }
    const changes = diffThemes(defaultThemes(), current)
    expect(changes).toEqual({ themes: [current[1]], removed: [] })
    const s = encodeThemes(changes)!
    expect(JSON.parse(s).t[0]).toMatchObject({ id: 'answers', zh: '答案', en: 'Answers' })
    expect(applyThemeChanges(defaultThemes(), roundTrip(changes))).toEqual(current)
  })

  it('names the themes that could pass for a default counting differently: redefined, or new under a default name', () => {
    expect([...redefinedThemes(defaultThemes(), defaults())]).toEqual([])
    const current = defaults().filter((t) => t.id !== 'errata')
    current[0] = { ...current[0], objects: [...current[0].objects, '番外篇'] }
    current[1] = { ...current[1], enabled: false }
    current[2] = { ...current[2], name: { zh: '资料', en: 'Materials' } }
    current.push(pdf, { ...pdf, id: 'fake', name: { zh: '新名字', en: byId('errata').name.en } })
    expect([...redefinedThemes(defaultThemes(), current)]).toEqual(['bonus', 'materials', 'fake'])
  })

  it('carries a removed default as its id', () => {
    const current = defaults().filter((t) => t.id !== 'errata')
    const changes = diffThemes(defaultThemes(), current)
    expect(changes).toEqual({ themes: [], removed: ['errata'] })
    expect(encodeThemes(changes)).toBe('{"v":1,"d":["errata"]}')
    expect(applyThemeChanges(defaultThemes(), roundTrip(changes))).toEqual(current)
  })

  it('carries a new theme, leaving out empty lists and `off` when enabled', () => {
    const mine: ThemeDef = { ...pdf, strong: ['求pdf|pdf呢'], enabled: true }
    const changes = diffThemes(defaultThemes(), [...defaults(), mine])
    expect(changes).toEqual({ themes: [mine], removed: [] })
    expect(encodeThemes(changes)).toBe('{"v":1,"t":[{"id":"pdf","zh":"PDF","en":"PDF","o":["pdf"],"s":["求pdf|pdf呢"]}]}')
    roundTrip(changes)
  })

  it('writes the example from the format description', () => {
    const changes = { themes: [pdf], removed: ['errata'] }
    expect(encodeThemes(changes)).toBe('{"v":1,"t":[{"id":"pdf","zh":"PDF","en":"PDF","o":["pdf"],"off":1}],"d":["errata"]}')
    roundTrip(changes)
    const applied = applyThemeChanges(defaultThemes(), changes)
    expect(applied.map((t) => t.id)).toEqual(['bonus', 'answers', 'materials', 'updates', 'contact', 'pdf'])
  })

  it('carries a default that is only switched off as a short reference', () => {
    const current = defaults()
    current[4].enabled = false
    const changes = diffThemes(defaultThemes(), current)
    expect(changes.themes.map((t) => [t.id, t.enabled])).toEqual([['contact', false]])
    expect(encodeThemes(changes)).toBe('{"v":1,"t":[{"id":"contact","off":1}]}')
    expect(applyThemeChanges(defaultThemes(), roundTrip(changes))).toEqual(current)
    // All six switched off still fit easily.
    const allOff = defaults().map((t) => ({ ...t, enabled: false }))
    const s = encodeThemes(diffThemes(defaultThemes(), allOff))!
    expect(s.length).toBeLessThan(200)
    expect(applyThemeChanges(defaultThemes(), decodeThemes(s).changes)).toEqual(allOff)
  })

  it('carries an edited and disabled default in full', () => {
    const current = defaults()
    current[0] = { ...current[0], cues: ['拜托'], enabled: false }
    const changes = diffThemes(defaultThemes(), current)
    expect(JSON.parse(encodeThemes(changes)!).t[0]).toMatchObject({ id: 'bonus', off: 1, c: ['拜托'] })
    expect(applyThemeChanges(defaultThemes(), roundTrip(changes))).toEqual(current)
  })

  it('normalises order: defaults first, then new themes', () => {
    const [a, b, ...rest] = defaults()
    const current = [a, pdf, b, ...rest]
    expect(applyThemeChanges(defaultThemes(), diffThemes(defaultThemes(), current))).toEqual([a, b, ...rest, pdf])
  })

  it('returns copies, never the defaults themselves', () => {
    const applied = applyThemeChanges(defaultThemes(), none)
    applied[0].objects.push('x')
    applied[0].name.zh = 'x'
    expect(defaultThemes()[0].objects).not.toContain('x')
    expect(defaultThemes()[0].name.zh).not.toBe('x')
  })

  it('lets a definition win over a removal of the same id', () => {
    const edited = { ...byId('errata'), name: { zh: '错误', en: 'Mistakes' } }
    expect(applyThemeChanges(defaultThemes(), { themes: [edited], removed: ['errata'] }).at(-1)).toEqual(edited)
  })

  it('drops new themes from the end, then edited defaults, to stay within MAX_TDEF', () => {
    const long = (i: number): ThemeDef => ({ ...pdf, id: `t${i}`, objects: Array.from({ length: 20 }, (_, k) => `很长的对象词${i}号${k}`), enabled: true })
    const edited = { ...byId('materials'), name: { zh: '资料', en: 'Stuff' } }
    const changes: ThemeChanges = { themes: [edited, ...Array.from({ length: 12 }, (_, i) => long(i))], removed: ['errata'] }
    const { tdef, dropped } = encodeThemesReport(changes)
    expect(tdef!.length).toBeLessThanOrEqual(MAX_TDEF)
    expect(dropped.removed).toEqual([])
    expect(dropped.themes.length).toBeGreaterThan(0)
    // The kept ones are the first ones, and they decode cleanly.
    const kept = changes.themes.length - dropped.themes.length
    expect(dropped.themes).toEqual(
      changes.themes
        .slice(kept)
        .map((t) => t.id)
        .reverse(),
    )
    const back = decodeThemes(tdef!)
    expect(back.problems).toEqual([])
    expect(back.changes).toEqual({ themes: changes.themes.slice(0, kept), removed: ['errata'] })

    // Huge edited defaults go once no new theme is left.
    const huge = (t: ThemeDef) => ({ ...t, exclude: Array.from({ length: 80 }, (_, k) => `排除${t.id}${k}`) })
    const r = encodeThemesReport({ themes: defaults().map(huge), removed: [] })
    expect(r.tdef!.length).toBeLessThanOrEqual(MAX_TDEF)
    expect(r.dropped.themes[0]).toBe('errata')
    expect(decodeThemes(r.tdef!).problems).toEqual([])
  })

  it(`keeps at most ${MAX_THEMES} themes in all`, () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...pdf, id: `n${i}` }))
    const r = encodeThemesReport({ themes: many, removed: ['errata'] })
    // 5 defaults kept + 27 new.
    expect(r.dropped.themes).toEqual(many.slice(27).map((t) => t.id))
    expect(decodeThemes(r.tdef!).problems).toEqual([])
    const s = JSON.stringify({ v: 1, t: many.map((t) => ({ id: t.id, zh: 'x', en: 'x', o: ['x'] })) })
    const { changes, problems } = decodeThemes(s)
    expect(changes.themes.map((t) => t.id)).toEqual(many.slice(0, 26).map((t) => t.id))
    expect(problems).toEqual([`14 new themes over the limit of ${MAX_THEMES} dropped`])
  })

  it('accepts the ids the URL allows, less reserved words', () => {
    expect(isValidThemeId('my-theme_2')).toBe(true)
    for (const id of ['', 'A', 'a b', 'x'.repeat(41), '__proto__', 'constructor', 'prototype']) expect(isValidThemeId(id)).toBe(false)
  })
})

describe('decoding untrusted input', () => {
  const problemsOf = (s: string) => decodeThemes(s).problems
  const nothing = (s: string) => expect(decodeThemes(s).changes).toEqual(none)

  it.each([
    ['', 'definition is not valid JSON'],
    ['{"v":1', 'definition is not valid JSON'],
    ['[]', 'definition is not a JSON object'],
    ['null', 'definition is not a JSON object'],
    ['"x"', 'definition is not a JSON object'],
    ['{}', 'version is missing'],
    ['{"v":2,"d":["errata"]}', 'version 2 is not supported'],
    ['{"v":"1"}', 'version "1" is not supported'],
    ['{"v":1,"t":{}}', '"t" is not a list'],
    ['{"v":1,"d":"errata"}', '"d" is not a list'],
  ])('rejects %j: %s', (s, problem) => {
    expect(problemsOf(s)).toEqual([problem])
    nothing(s)
  })

  it('rejects a value longer than MAX_TDEF', () => {
    const s = JSON.stringify({ v: 1, d: ['errata'], pad: 'x'.repeat(MAX_TDEF) })
    expect(problemsOf(s)).toEqual([`definition is longer than ${MAX_TDEF} characters`])
    nothing(s)
  })

  const noTerms = 'theme 1: no valid objects or strong terms'
  it.each([
    [withTheme({ id: 'A B' }), ['theme 1: id "A B" is not valid']],
    [withTheme({ id: 7 }), ['theme 1: id 7 is not valid']],
    [withTheme({ id: '' }), ['theme 1: id "" is not valid']],
    [withTheme({ id: 'x'.repeat(41) }), [`theme 1: id "${'x'.repeat(40)}…" is not valid`]],
    [withTheme({ id: '__proto__' }), ['theme 1: id "__proto__" is reserved']],
    [withTheme({ id: 'constructor' }), ['theme 1: id "constructor" is reserved']],
    [withTheme({ o: ['********'] }), ['theme 1: term "********" of objects is not valid', noTerms]],
    [withTheme({ o: 'pdf' }), ['theme 1: objects are not a list', noTerms]],
    [withTheme({ o: [], s: ['-decoy'] }), [noTerms]],
    [withTheme({ o: [], c: ['求'] }), [noTerms]],
  ])('drops a theme: %s', (s, expected) => {
    const { changes, problems } = decodeThemes(s)
    expect(problems).toEqual(expected)
    expect(changes).toEqual(none)
  })

  it('drops a theme with no id, a non-object theme, and a repeated id', () => {
    const s = JSON.stringify({
      v: 1,
      t: [{ zh: 'x', en: 'x', o: ['x'] }, 'pdf', [1], null, { id: 'a', zh: 'A', en: 'A', o: ['a'] }, { id: 'a', zh: 'B', en: 'B', o: ['b'] }],
    })
    const { changes, problems } = decodeThemes(s)
    expect(problems).toEqual([
      'theme 1: id is missing',
      'theme 2: not an object',
      'theme 3: not an object',
      'theme 4: not an object',
      'theme 6: id "a" is repeated',
    ])
    expect(changes.themes.map((t) => t.name.zh)).toEqual(['A'])
  })

  it('drops bad parts of a theme and keeps the theme', () => {
    const s = withTheme({
      o: ['pdf', 5, { nested: ['x'] }, '********', 'a*a*a*a', 'x'.repeat(700), '  PPT | ppt|**  ', '(a+)+$'],
      s: [['nested']],
      c: null,
      x: 'no',
      off: 'yes',
      extra: 1,
    })
    const { changes, problems } = decodeThemes(s)
    expect(problems).toEqual([
      'theme 1: unknown key "extra"',
      'theme 1: "off" is not 0 or 1',
      'theme 1: term 2 of objects is not text',
      'theme 1: term 3 of objects is not text',
      'theme 1: term "********" of objects is not valid',
      'theme 1: term "a*a*a*a" of objects is not valid',
      `theme 1: term "${'x'.repeat(40)}…" of objects is not valid`,
      'theme 1: term 1 of strong terms is not text',
      'theme 1: cues are not a list',
      'theme 1: exclusions are not a list',
    ])
    // Terms come back normalised as sanitizeTerms writes them.
    expect(changes.themes).toEqual([{ ...pdf, objects: ['pdf', 'PPT|ppt', '(a+)+$'], enabled: true }])
  })

  it('keeps at most 80 terms per list', () => {
    const s = withTheme({ x: Array.from({ length: 85 }, (_, i) => `词${i}`) })
    const { changes, problems } = decodeThemes(s)
    expect(problems).toEqual(['theme 1: exclusions have more than 80 terms; the rest were dropped'])
    expect(changes.themes[0].exclude).toHaveLength(80)
  })

  it('reads `off` as 0/1 or a boolean', () => {
    for (const [off, enabled] of [
      [1, false],
      [true, false],
      [0, true],
      [false, true],
    ] as const) {
      const { changes, problems } = decodeThemes(withTheme({ off }))
      expect(problems).toEqual([])
      expect(changes.themes[0].enabled).toBe(enabled)
    }
  })

  describe('names', () => {
    it('strips control characters and keeps markup as plain text', () => {
      const { changes, problems } = decodeThemes(withTheme({ zh: 'PDF\u0000\u202E讲义\n', en: '<img src=x onerror=alert(1)>' }))
      expect(problems).toEqual(['theme 1: control characters removed from name "zh"'])
      expect(changes.themes[0].name).toEqual({ zh: 'PDF讲义', en: '<img src=x onerror=alert(1)>' })
    })

    it.each([
      [{ zh: 'x'.repeat(41) }, 'theme 1: name "zh" is longer than 40 characters', { zh: 'PDF', en: 'PDF' }],
      [{ zh: { $: 'x' } }, 'theme 1: name "zh" is not text', { zh: 'PDF', en: 'PDF' }],
      [{ en: '   ' }, 'theme 1: name "en" is empty', { zh: 'PDF', en: 'PDF' }],
      [{ en: undefined }, 'theme 1: name "en" is missing', { zh: 'PDF', en: 'PDF' }],
    ])('replaces a bad name with the other one: %j', (over, problem, name) => {
      const { changes, problems } = decodeThemes(withTheme(over))
      expect(problems).toEqual([problem])
      expect(changes.themes[0].name).toEqual(name)
    })

    it('falls back to the id when both names are bad', () => {
      const { changes, problems } = decodeThemes(JSON.stringify({ v: 1, t: [{ id: 'pdf', o: ['pdf'] }] }))
      expect(problems).toEqual(['theme 1: name "zh" is missing', 'theme 1: name "en" is missing'])
      expect(changes.themes[0].name).toEqual({ zh: 'pdf', en: 'pdf' })
    })

    it('counts 40 characters as code points', () => {
      const { changes, problems } = decodeThemes(withTheme({ zh: '😀'.repeat(40) }))
      expect(problems).toEqual([])
      expect(changes.themes[0].name.zh).toBe('😀'.repeat(40))
    })
  })

  it('checks removed ids', () => {
    const s = JSON.stringify({ v: 1, t: [{ id: 'contact', off: 1 }], d: ['errata', 'nope', 3, 'errata', 'contact', '__proto__'] })
    const { changes, problems } = decodeThemes(s)
    expect(problems).toEqual([
      'removed id "nope" is not a default theme',
      'removed id 3 is not text',
      'removed id "errata" is repeated',
      'removed id "contact" is also defined in "t"',
      'removed id "__proto__" is not a default theme',
    ])
    expect(changes).toEqual({ themes: [{ ...byId('contact'), enabled: false }], removed: ['errata'] })
  })

  it('reads a reference only for a default id', () => {
    const { changes, problems } = decodeThemes('{"v":1,"t":[{"id":"mine","off":1},{"id":"errata"}]}')
    expect(problems).toEqual(['theme 1: id "mine" is not a default theme and has no definition'])
    expect(changes.themes).toEqual([byId('errata')])
  })

  it('checks against the defaults it is given', () => {
    const mine = [{ ...pdf, id: 'house', enabled: true }]
    expect(decodeThemes('{"v":1,"d":["house"]}', mine)).toEqual({ changes: { themes: [], removed: ['house'] }, problems: [] })
    expect(decodeThemes('{"v":1,"d":["errata"]}', mine).problems).toEqual(['removed id "errata" is not a default theme'])
  })

  it('does not let __proto__ or constructor keys pollute anything', () => {
    const r = decodeThemes('{"__proto__":{"x":1}}')
    expect(r.problems).toEqual(['unknown key "__proto__"', 'version is missing'])
    expect(r.changes).toEqual(none)
    const s =
      '{"v":1,"constructor":{"prototype":{"y":1}},"t":[{"id":"pdf","zh":"PDF","en":"PDF","o":["pdf"],"__proto__":{"enabled":false,"polluted":1},"constructor":{"name":"x"}}]}'
    const { changes, problems } = decodeThemes(s)
    expect(problems).toEqual(['unknown key "constructor"', 'theme 1: unknown key "__proto__"', 'theme 1: unknown key "constructor"'])
    const t = changes.themes[0]
    expect(t).toEqual({ ...pdf, enabled: true })
    expect(Object.getPrototypeOf(t)).toBe(Object.prototype)
    expect('polluted' in t).toBe(false)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
    expect(({} as Record<string, unknown>).y).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('survives a 10 KB hostile string', () => {
    const hostile = '{"v":1,"t":[' + '{"id":"\u0000\ud800<script>","o":["*"],"__proto__":[[[['.repeat(250)
    expect(hostile.length).toBeGreaterThan(10_000)
    expect(problemsOf(hostile)).toEqual([`definition is longer than ${MAX_TDEF} characters`])
    nothing(hostile)
    expect(problemsOf('x'.repeat(10_000))).toEqual([`definition is longer than ${MAX_TDEF} characters`])
  })

  it('survives deep nesting and many bad entries within the limit', () => {
    expect(problemsOf('['.repeat(MAX_TDEF))).toEqual(['definition is not valid JSON'])
    expect(problemsOf('{"v":1,"t":' + '['.repeat(1900) + ']'.repeat(1900) + '}')).toEqual(['theme 1: not an object'])
    const many = JSON.stringify({ v: 1, t: Array.from({ length: 900 }, () => 0) })
    const p = problemsOf(many)
    expect(p).toHaveLength(50)
    expect(p.at(-1)).toBe('851 more problems')
  })

  it('compiles hostile patterns safely and matches quickly', () => {
    const s = withTheme({
      o: ['********', '(a+)+$', 'a*a', '(a|a)*b', '.*.*.*x', '[^]|\\', 'a'.repeat(40) + '+b'],
      s: ['a*a*a*a', 'aa*aa', '啊*啊', 'a*b|(a+)+', '+++', '|||', '-'],
      c: ['a*'],
      x: ['-aa*a'],
    })
    const { changes, problems } = decodeThemes(s)
    expect(problems).toEqual([
      'theme 1: term "********" of objects is not valid',
      'theme 1: term ".*.*.*x" of objects is not valid',
      'theme 1: term "a*a*a*a" of strong terms is not valid',
      'theme 1: term "+++" of strong terms is not valid',
      'theme 1: term "|||" of strong terms is not valid',
      'theme 1: term "-" of strong terms is not valid',
    ])
    const compiled = changes.themes.map((t) => compileTheme({ ...t, enabled: true }))
    const text = 'a'.repeat(10_000)
    const t0 = performance.now()
    // English terms match whole words: nothing inside a run of 10,000 letters.
    expect(matchThemes(text, compiled)).toEqual([])
    themeMasks([text, text + '?', '(a+)+$ ' + text], compiled)
    // A live term over a long run: 啊*啊 matches, as fast.
    const m = matchThemes('啊'.repeat(10_000), compiled)
    const ms = performance.now() - t0
    expect(m.map((x) => x.theme)).toEqual([0])
    expect(ms).toBeLessThan(500)
  })
})
