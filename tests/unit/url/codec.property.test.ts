import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeView, encodeView, MAX_QUERY_LENGTH } from '@/url/codec'
import { parseIsoDay } from '@/model/dates'
import { viewsEqual, type ViewState } from '@/url/viewState'
import type { NumRange } from '@/model/view'

const RUNS = { numRuns: 1000 }

// Text as people (and attackers) write it: every code point, plus the characters that matter to
// a query string and to percent-decoding, emoji (surrogate pairs) and CJK.
const special = fc.constantFrom('&', '=', ',', '+', '%', ' ', '#', '?', ';', '/', '%25', '%E0', '%2C', '😀', '👩‍💻', '加餐', '\u0000', '\uFFFD', '\uFEFF', '\n')
const unit = fc.oneof(special, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }))
const text = (maxChars: number) =>
  fc
    .oneof(
      { weight: 10, arbitrary: fc.string({ unit, minLength: 1, maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constant('加'.repeat(maxChars)) }, // the length cap itself
    )
    .filter((s) => s.length <= maxChars)

const date = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const count = fc.oneof(fc.nat(1000), fc.maxSafeNat())
const range: fc.Arbitrary<NumRange | null> = fc.option(
  fc
    .tuple(fc.option(count), fc.option(count))
    .filter(([a, b]) => a !== null || b !== null)
    .map(([a, b]) => (a !== null && b !== null && a > b ? { min: b, max: a } : { min: a, max: b })),
)

const validView: fc.Arbitrary<ViewState> = fc
  .record({
    q: fc.oneof(fc.constant(''), text(500)),
    dates: fc.tuple(fc.option(date), fc.option(date)),
    likes: range,
    replies: range,
    themes: fc.uniqueArray(fc.stringMatching(/^[a-z0-9_-]{1,40}$/), { maxLength: 20 }),
    authors: fc.uniqueArray(text(2000), { maxLength: 5 }),
    lessons: fc.uniqueArray(text(2000), { maxLength: 5 }),
    courses: fc.uniqueArray(text(2000), { maxLength: 5 }),
    questions: fc.constantFrom(null, 'all', 'open'),
    staff: fc.constantFrom('exclude', 'include'),
    new: fc.option(fc.integer({ min: 1, max: 99_999 })),
    dsf: fc.option(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 })),
    tdef: fc.option(text(4000)),
    rank: fc.constantFrom('comments', 'authors', 'likes'),
    lmeasure: fc.constantFrom(null, 'comments', 'likes', 'openQuestions', 'requests'),
    cmeasure: fc.constantFrom(null, 'likes', 'replies', 'authors', 'openQuestions', 'theme:bonus', 'theme:my-theme_2'),
    lorder: fc.constantFrom('course', 'measure'),
    sort: fc.record({ key: fc.constantFrom('likes', 'replies', 'date', 'length'), dir: fc.constantFrom('asc', 'desc') }),
    c: fc.option(fc.stringMatching(/^[0-9a-z-]{1,40}$/)),
    ds: fc.oneof(fc.constant('sample'), fc.stringMatching(/^[0-9a-f]{8,64}$/)),
    lang: fc.constantFrom(null, 'zh-CN', 'en'),
  } as const)
  .map(({ dates: [a, b], ...rest }) => {
    const [from, to] = a !== null && b !== null && a > b ? [b, a] : [a, b]
    return { ...rest, from, to } as ViewState
  })

/** The invariants of a valid ViewState (see viewState.ts), checked on whatever decodeView returns. */
function expectValid(v: ViewState) {
  const wellFormed = (s: string) => !/\p{Cs}/u.test(s)
  const validRange = (r: NumRange | null) =>
    r === null ||
    ((r.min !== null || r.max !== null) &&
      [r.min, r.max].every((n) => n === null || (Number.isSafeInteger(n) && n >= 0)) &&
      (r.min === null || r.max === null || r.min <= r.max))
  const validList = (l: string[], ok: (s: string) => boolean) => new Set(l).size === l.length && l.every(ok)
  const isDate = (s: string | null) => s === null || parseIsoDay(s) !== null
  expect(wellFormed(v.q) && v.q.length <= 500).toBe(true)
  expect(isDate(v.from) && isDate(v.to)).toBe(true)
  expect(v.new === null || (Number.isSafeInteger(v.new) && v.new >= 1)).toBe(true)
  expect(v.dsf === null || (v.dsf !== '' && wellFormed(v.dsf))).toBe(true)
  expect(v.from === null || v.to === null || v.from <= v.to).toBe(true)
  expect(validRange(v.likes) && validRange(v.replies)).toBe(true)
  expect(validList(v.themes, (s) => /^[a-z0-9_-]{1,40}$/.test(s))).toBe(true)
  expect(validList(v.authors, (s) => s !== '' && s.length <= 2000 && wellFormed(s))).toBe(true)
  expect(validList(v.lessons, (s) => s !== '' && s.length <= 2000 && wellFormed(s))).toBe(true)
  expect(validList(v.courses, (s) => s !== '' && s.length <= 2000 && wellFormed(s))).toBe(true)
  expect(v.tdef === null || (v.tdef !== '' && v.tdef.length <= 4000 && wellFormed(v.tdef))).toBe(true)
  expect(v.c === null || /^[0-9a-z-]{1,40}$/.test(v.c)).toBe(true)
  expect(v.ds === 'sample' || /^[0-9a-f]{8,64}$/.test(v.ds)).toBe(true)
}

// Inputs that reach deep into the decoder: known names, separators, broken escapes, near-valid values.
const urlToken = fc.constantFrom(
  'q',
  'from',
  'to',
  'likes',
  'replies',
  'theme',
  'author',
  'lesson',
  'questions',
  'staff',
  'new',
  'dsf',
  'tdef',
  'rank',
  'lmeasure',
  'lorder',
  'sort',
  'c',
  'ds',
  'lang',
  '=',
  '=',
  '&',
  '&',
  '?',
  '%',
  '%E0%A4%A',
  '%F0%9F%98%80',
  '%ED%A0%80',
  '%2C',
  '+',
  ',',
  '-',
  '5',
  '10',
  '2021-02-30',
  '2021-04-01',
  '2021-12-31',
  'bonus',
  'Bad',
  '.asc',
  'zh',
  'EN',
  'sample',
  'deadbeef',
  'open',
  'include',
  'authors',
  '\uD800',
  '😀',
)
const urlish = fc.string({ unit: urlToken, maxLength: 30 })
// Well-formed queries of known (and some unknown) names with valid, near-valid and repeated values:
// reaches the per-parameter rules (duplicates, from > to, dedup of authors) far more often.
const paramName = fc.constantFrom(
  'q',
  'from',
  'to',
  'likes',
  'replies',
  'theme',
  'author',
  'author',
  'lesson',
  'lesson',
  'questions',
  'staff',
  'new',
  'tdef',
  'rank',
  'sort',
  'c',
  'ds',
  'lang',
  'foo',
  'Q',
)
const rawValue = fc.constantFrom(
  '',
  '0',
  '3',
  '5-',
  '-10',
  '5-10',
  '10-5',
  '-',
  'abc',
  '2021-04-01',
  '2021-12-31',
  '2021-02-30',
  '2024-03-01',
  'bonus,answers',
  'bonus,Bad,,bonus',
  'likes.asc',
  'date',
  'size',
  'open',
  'all',
  'include',
  'exclude',
  'authors',
  'comments',
  'zh',
  'EN',
  'zh-cn',
  'sample',
  'deadbeef',
  'x',
  'x',
  'a+b',
  '%E0%A4%A',
  '%2C',
  '%',
  'c-1',
)
const queryLike = fc
  .array(fc.tuple(paramName, fc.oneof(rawValue, rawValue, text(30).map(encodeURIComponent))), { maxLength: 10 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'))

const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({
    unit: fc.oneof(
      unit,
      fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)),
    ),
    maxLength: 60,
  }),
  urlish,
  queryLike,
)

/** Edits to an encoded URL: insert, delete, replace, or duplicate a slice. */
type Edit = { at: number; kind: 'insert' | 'delete' | 'replace' | 'repeat'; len: number; text: string }
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'delete', 'replace', 'repeat'),
  len: fc.nat(12),
  text: fc.oneof(fc.string({ unit: urlToken, maxLength: 3 }), fc.string({ unit, maxLength: 3 })),
})
function mutate(s: string, edits: Edit[]): string {
  for (const e of edits) {
    const at = s.length ? e.at % (s.length + 1) : 0
    const end = Math.min(s.length, at + e.len)
    if (e.kind === 'insert') s = s.slice(0, at) + e.text + s.slice(at)
    else if (e.kind === 'delete') s = s.slice(0, at) + s.slice(end)
    else if (e.kind === 'replace') s = s.slice(0, at) + e.text + s.slice(end)
    else s = s.slice(0, end) + s.slice(at, end) + s.slice(end)
  }
  return s
}
const mutatedUrl = fc.tuple(validView, fc.array(edit, { minLength: 1, maxLength: 6 })).map(([v, edits]) => mutate(encodeView(v), edits))

/** decode → encode is a fixed point, and the decoded view is valid and survives the trip. */
function expectFixedPoint(s: string) {
  const first = decodeView(s)
  expectValid(first.view)
  const t = encodeView(first.view)
  const second = decodeView(t)
  expect(second.problems).toEqual([])
  expect(second.view).toEqual(first.view)
  expect(encodeView(second.view)).toBe(t)
}

describe('codec properties', () => {
  it('round trip: every valid view survives encode → decode, with no problems', () => {
    fc.assert(
      // A view whose link is over the 64 KB cap is not read whole (tested in codecCaps.test.ts).
      fc.property(
        validView.filter((v) => encodeView(v).length <= MAX_QUERY_LENGTH),
        (v) => {
          const url = encodeView(v)
          expect(url === '' || url.startsWith('?')).toBe(true)
          const d = decodeView(url)
          expect(d.problems).toEqual([])
          expect(d.view).toEqual(v)
          // also without the '?', as a raw query
          expect(decodeView(url.slice(1)).view).toEqual(v)
        },
      ),
      RUNS,
    )
  })

  it('viewsEqual agrees with the canonical encoding', () => {
    fc.assert(
      fc.property(validView, validView, (a, b) => {
        expect(viewsEqual(a, structuredClone(a))).toBe(true)
        expect(viewsEqual(a, b)).toBe(encodeView(a) === encodeView(b))
      }),
      RUNS,
    )
  })

  it('dates: from ≤ to always holds; a reversed pair keeps from and reports to', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const d = decodeView(`from=${a}&to=${b}`)
        expect(d.view.from).toBe(a)
        expect(d.view.to).toBe(a <= b ? b : null)
        expect(d.problems).toEqual(a <= b ? [] : [{ param: 'to', value: b, reason: 'invalid' }])
      }),
      RUNS,
    )
  })

  it('never throws on arbitrary strings, and returns a valid view', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const d = decodeView(s)
        expectValid(d.view)
        for (const p of d.problems) expect(p.param.length <= 100 && p.value.length <= 100).toBe(true)
      }),
      RUNS,
    )
  })

  it('never throws on mutated encoded URLs', () => {
    fc.assert(
      fc.property(mutatedUrl, (s) => {
        expectValid(decodeView(s).view)
      }),
      RUNS,
    )
  })

  it('fixed point: encode(decode(s)) decodes without problems and re-encodes to itself', () => {
    fc.assert(fc.property(fc.oneof(anyString, mutatedUrl), expectFixedPoint), RUNS)
  })

  it('fixed point on URL-like strings and on queries of known parameters', () => {
    fc.assert(fc.property(fc.oneof(urlish, queryLike), expectFixedPoint), RUNS)
  })
})
