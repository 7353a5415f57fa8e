import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyThemeChanges,
  decodeThemes,
  diffThemes,
  encodeThemes,
  encodeThemesReport,
  isValidThemeId,
  MAX_LIST_TERMS,
  MAX_NAME,
  MAX_TDEF,
  MAX_THEMES,
  type ThemeChanges,
} from '@/insight/themeCodec'
import { sanitizeTerms, type ThemeDef } from '@/insight/themes'
import { defaultThemes } from '@/insight/lexicon'

const RUNS = { numRuns: 1000 }
// Only the ids of the defaults are relied on: their terms are being tuned elsewhere.
const DEFAULT_IDS = defaultThemes().map((t) => t.id)
const copy = (t: ThemeDef): ThemeDef => structuredClone(t)
const LISTS = ['objects', 'strong', 'cues', 'exclude'] as const

// ---------------------------------------------------------------------------------------------
// Valid changes

const newId = fc.stringMatching(/^[a-z0-9_-]{1,12}$/).filter((id) => isValidThemeId(id) && !DEFAULT_IDS.includes(id))

const NAME_CONTROL = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u
const validName = (s: string) => !NAME_CONTROL.test(s) && s.trim() !== '' && [...s].length <= MAX_NAME
const name = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 20 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    fc.constantFrom('PDF', '讲义与源码', '<img src=x onerror=alert(1)>', '"quoted"\\', '😀'.repeat(MAX_NAME), 'x'.repeat(MAX_NAME)),
  )
  .filter(validName)

// Terms as sanitizeTerms leaves them, built from the characters that matter to the pattern
// language and to JSON.
const TERM_UNITS = ['a', 'b', 'Z', '群', '答案', '*', '+', '|', '-', ' ', '(', ')', '$', '\\', '"', '\u0000', '\u2028', '😀', '\ud800']
const rawTerm = fc.oneof(fc.string({ unit: fc.constantFrom(...TERM_UNITS), minLength: 1, maxLength: 16 }), fc.string({ maxLength: 16 }))
const term = rawTerm
  .map((s) => sanitizeTerms([s]))
  .filter((a) => a.length === 1)
  .map((a) => a[0])
const terms = fc.array(term, { maxLength: 4 })
const isReal = (t: string) => !t.startsWith('-')

const body = fc
  .record({ name: fc.record({ zh: name, en: name }), objects: terms, strong: terms, cues: terms, exclude: terms, enabled: fc.boolean() })
  .filter((b) => [...b.objects, ...b.strong].some(isReal))
const themeWith = (id: string) => body.map((b): ThemeDef => ({ id, ...b }))
const newTheme = newId.chain(themeWith)

/** What the user did to one default. */
const defaultFate = (d: ThemeDef) =>
  fc.oneof(fc.constant<ThemeDef | null | 'keep'>('keep'), fc.constant(null), fc.constant({ ...copy(d), enabled: !d.enabled }), themeWith(d.id))

/** A theme set built from the defaults: kept, removed, toggled or edited, then new themes. */
const themeSet = fc
  .tuple(fc.tuple(...defaultThemes().map(defaultFate)), fc.uniqueArray(newTheme, { selector: (t) => t.id, maxLength: 6 }))
  .map(([fates, added]) => [...fates.flatMap((f, i) => (f === 'keep' ? [copy(defaultThemes()[i])] : f === null ? [] : [f])), ...added])

/** Valid changes: themes in any order, removed ids in any order. */
const validChanges: fc.Arbitrary<ThemeChanges> = themeSet
  .map((x) => diffThemes(defaultThemes(), x))
  .chain(({ themes, removed }) =>
    fc.record({
      themes: fc.shuffledSubarray(themes, { minLength: themes.length }),
      removed: fc.shuffledSubarray(removed, { minLength: removed.length }),
    }),
  )

/** What every decoded result must satisfy, whatever the input. */
function expectValid({ changes, problems }: { changes: ThemeChanges; problems: string[] }) {
  expect(problems.length).toBeLessThanOrEqual(50)
  for (const p of problems) expect(typeof p).toBe('string')
  const ids = changes.themes.map((t) => t.id)
  expect(new Set(ids).size).toBe(ids.length)
  expect(new Set(changes.removed).size).toBe(changes.removed.length)
  for (const id of changes.removed) {
    expect(DEFAULT_IDS).toContain(id)
    expect(ids).not.toContain(id)
  }
  const kept = DEFAULT_IDS.filter((id) => !changes.removed.includes(id)).length
  expect(kept + ids.filter((id) => !DEFAULT_IDS.includes(id)).length).toBeLessThanOrEqual(MAX_THEMES)
  for (const t of changes.themes) {
    expect(Object.keys(t).sort()).toEqual(['cues', 'enabled', 'exclude', 'id', 'name', 'objects', 'strong'])
    expect(isValidThemeId(t.id)).toBe(true)
    expect(validName(t.name.zh) && validName(t.name.en)).toBe(true)
    expect(typeof t.enabled).toBe('boolean')
    for (const k of LISTS) {
      expect(t[k].length).toBeLessThanOrEqual(MAX_LIST_TERMS)
      expect(sanitizeTerms(t[k])).toEqual(t[k])
    }
    expect([...t.objects, ...t.strong].some(isReal)).toBe(true)
  }
}

/** decode is total and its output is a fixed point: it encodes and decodes back cleanly. */
function checkDecode(s: string) {
  const r = decodeThemes(s)
  expectValid(r)
  const report = encodeThemesReport(r.changes)
  expect(report.dropped).toEqual({ themes: [], removed: [] })
  if (report.tdef === null) expect(r.changes).toEqual({ themes: [], removed: [] })
  else expect(decodeThemes(report.tdef)).toEqual({ changes: r.changes, problems: [] })
}

// ---------------------------------------------------------------------------------------------
// Hostile input

const jsonText = fc.jsonValue().map((v) => JSON.stringify(v))
const anyJson = fc.jsonValue()
const hostileTerm = fc.oneof(rawTerm, fc.constantFrom('********', '(a+)+$', '.*.*.*', 'a*a*a*a', '-', '+++', 'x'.repeat(700), '群*'.repeat(50)))
const themeLike = fc.record(
  {
    id: fc.oneof({ weight: 4, arbitrary: newId }, fc.constantFrom(...DEFAULT_IDS, '__proto__', 'constructor', 'A B', ''), anyJson),
    zh: fc.oneof({ weight: 4, arbitrary: name }, fc.string(), anyJson),
    en: fc.oneof({ weight: 4, arbitrary: name }, fc.string({ unit: 'binary' }), anyJson),
    o: fc.oneof({ weight: 4, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: hostileTerm }, anyJson), { maxLength: 6 }) }, anyJson),
    s: fc.oneof(fc.array(hostileTerm, { maxLength: 6 }), anyJson),
    c: fc.array(hostileTerm, { maxLength: 3 }),
    x: fc.array(fc.oneof(hostileTerm, anyJson), { maxLength: 3 }),
    off: fc.oneof(fc.constantFrom(0, 1, true, false), anyJson),
    extra: anyJson,
  },
  { requiredKeys: ['id'] },
)
const formatLike = fc
  .record(
    {
      v: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: anyJson }),
      t: fc.oneof({ weight: 4, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: themeLike }, anyJson), { maxLength: 8 }) }, anyJson),
      d: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...DEFAULT_IDS), anyJson), { maxLength: 8 }), anyJson),
      junk: anyJson,
    },
    { requiredKeys: [] },
  )
  .chain((o) =>
    fc.oneof(
      fc.constant(JSON.stringify(o)),
      // Own `__proto__` / `constructor` keys, as JSON.parse creates them.
      fc
        .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), anyJson)
        .map(([k, v]) => `{"${k}":${JSON.stringify(v)},${JSON.stringify(o).slice(1)}`.replace(/,}$/, '}')),
    ),
  )

const STRUCTURAL = ['{', '}', '[', ']', '"', ',', ':', '\\', '0', '1', 'a', '-', '*', ' ', 'u', 'n', '\u0000', '\ud800', '群']
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('insert', 'delete', 'replace'),
  ch: fc.oneof(fc.constantFrom(...STRUCTURAL), fc.string({ maxLength: 3 })),
})
function mutate(s: string, edits: { at: number; op: string; ch: string }[]): string {
  for (const { at, op, ch } of edits) {
    const i = s.length ? at % (s.length + 1) : 0
    if (op === 'insert') s = s.slice(0, i) + ch + s.slice(i)
    else if (op === 'delete') s = s.slice(0, i) + s.slice(i + 1)
    else s = s.slice(0, i) + ch + s.slice(i + 1)
  }
  return s
}
const mutatedEncoding = fc
  .tuple(validChanges, fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([c, edits]) => mutate(encodeThemes(c) ?? '{"v":1}', edits))

describe('decodeThemes on untrusted input', () => {
  it('never throws on arbitrary strings, and keeps only valid themes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom(...STRUCTURAL), maxLength: 200 })), checkDecode),
      RUNS,
    )
  })

  it('never throws on arbitrary JSON values', () => {
    fc.assert(fc.property(jsonText, checkDecode), RUNS)
  })

  it('never throws on values shaped like the format', () => {
    fc.assert(fc.property(formatLike, checkDecode), RUNS)
  })

  it('never throws on mutated encodings', () => {
    fc.assert(fc.property(mutatedEncoding, checkDecode), RUNS)
  })
})

describe('round trips', () => {
  it('decode ∘ encode is the identity on valid changes', () => {
    fc.assert(
      fc.property(validChanges, (c) => {
        const { tdef, dropped } = encodeThemesReport(c)
        fc.pre(dropped.themes.length === 0)
        expect(dropped.removed).toEqual([])
        if (c.themes.length === 0 && c.removed.length === 0) expect(tdef).toBeNull()
        else {
          expect(tdef!.length).toBeLessThanOrEqual(MAX_TDEF)
          expect(decodeThemes(tdef!)).toEqual({ changes: c, problems: [] })
        }
      }),
      RUNS,
    )
  })

  it('applyThemeChanges ∘ diffThemes is the identity on sets built from the defaults', () => {
    fc.assert(
      fc.property(themeSet, (x) => {
        const changes = diffThemes(defaultThemes(), x)
        expect(applyThemeChanges(defaultThemes(), changes)).toEqual(x)
        // …through the URL too.
        const s = encodeThemes(changes)
        const back = s === null ? { themes: [], removed: [] } : decodeThemes(s).changes
        expect(applyThemeChanges(defaultThemes(), back)).toEqual(x)
      }),
      RUNS,
    )
  })

  it('diffThemes reports exactly the themes that changed', () => {
    fc.assert(
      fc.property(themeSet, (x) => {
        const { themes, removed } = diffThemes(defaultThemes(), x)
        const ids = x.map((t) => t.id)
        expect(removed).toEqual(DEFAULT_IDS.filter((id) => !ids.includes(id)))
        const unchanged = x.filter((t) => !themes.some((c) => c.id === t.id))
        for (const t of unchanged) expect(t).toEqual(defaultThemes().find((d) => d.id === t.id))
      }),
      RUNS,
    )
  })

  it('encodeThemes stays within MAX_TDEF whatever it is given', () => {
    const big = fc.uniqueArray(
      newId.chain((id) => themeWith(`big-${id}`).map((t) => ({ ...t, objects: [...t.objects, ...Array.from({ length: 30 }, (_, i) => `很长的词${id}${i}`)] }))),
      { selector: (t) => t.id, maxLength: 40 },
    )
    fc.assert(
      fc.property(big, validChanges, (added, c) => {
        const changes = { themes: [...c.themes, ...added], removed: c.removed }
        const { tdef, dropped } = encodeThemesReport(changes)
        expect(tdef === null || tdef.length <= MAX_TDEF).toBe(true)
        if (tdef === null) return
        const back = decodeThemes(tdef)
        expect(back.problems).toEqual([])
        expect(back.changes.themes.map((t) => t.id)).toEqual(changes.themes.map((t) => t.id).filter((id) => !dropped.themes.includes(id)))
      }),
      { numRuns: 200 },
    )
  })
})
