import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { discoverPhrases, type PhraseOptions } from '@/insight/phrases'
import { estimatedJaccard, groupNearDuplicates, minhashSignature, normaliseForDuplicates } from '@/insight/duplicates'

const RUNS = { numRuns: 1000 }

// Text as readers (and broken exports) write it: a few CJK characters so that phrases recur,
// words, full-width forms, punctuation, emoji (surrogate pairs), lone surrogates, every code point.
const special = fc.constantFrom(
  '加',
  '餐',
  '思',
  '考',
  '题',
  '源',
  '码',
  '的',
  '了',
  '老师',
  '期待',
  'etcd',
  'PDF',
  'ＰＤＦ',
  '3.5',
  ' ',
  '，',
  '。',
  '！',
  '\n',
  '😀',
  '👩‍💻',
  '\ud800',
  '\udc00',
  '\u0000',
  '\uFEFF',
  'https://x.io/a',
  '.',
  '-',
  'İ',
)
const unit = fc.oneof(
  { weight: 6, arbitrary: special },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
)
const text = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 8, arbitrary: fc.string({ unit, maxLength: 12 }) })
const count = fc.oneof(fc.nat(50), fc.constantFrom(Number.NaN, -1, 1e12, 0.5))

// Comments built from a few recurring words, so that phrases and duplicates actually occur.
const word = fc.constantFrom('加餐', '思考题', '源码', '番外篇', '期待', '希望', '求', '老师', '的', 'etcd 3.5', 'ＰＤＦ', '，', ' ', '😀', '\ud800', '')
const dense = fc.array(word, { maxLength: 8 }).map((w) => w.join(''))
const anyText = fc.oneof(text, dense)

// Half the time, some comments are repeated with a small change: near-duplicates to group.
const texts = fc.tuple(fc.array(anyText, { maxLength: 6 }), fc.boolean()).map(([t, again]) => (again ? t.concat(t.slice(0, 3).map((x) => `${x}吧`)) : t))

const corpus = texts.chain((texts) =>
  fc.record({
    texts: fc.constant(texts),
    // Sometimes shorter than the texts: missing values must not break anything.
    authors: fc.array(fc.nat(3), { minLength: Math.max(0, texts.length - 1), maxLength: texts.length }),
    likes: fc.array(count, { minLength: Math.max(0, texts.length - 1), maxLength: texts.length }),
  }),
)

const phraseOpts: fc.Arbitrary<PhraseOptions> = fc.record(
  {
    minCount: fc.integer({ min: 0, max: 3 }),
    minLength: fc.integer({ min: 0, max: 3 }),
    maxLength: fc.integer({ min: 0, max: 7 }),
    limit: fc.integer({ min: 0, max: 10 }),
    stopPhrases: fc.array(anyText, { maxLength: 3 }),
  },
  { requiredKeys: [] },
)

describe('discoverPhrases (property)', () => {
  it('never throws and returns well-formed phrases', () => {
    fc.assert(
      fc.property(corpus, phraseOpts, ({ texts, authors, likes }, opts) => {
        const out = discoverPhrases(texts, authors, likes, opts)
        const minCount = Math.max(1, opts.minCount ?? 2)
        expect(out.length).toBeLessThanOrEqual(opts.limit ?? 50)
        expect(new Set(out.map((p) => p.text)).size).toBe(out.length)
        for (const p of out) {
          expect(p.text.length).toBeGreaterThan(0)
          expect(p.comments).toBeGreaterThanOrEqual(minCount)
          expect(p.comments).toBeLessThanOrEqual(texts.length)
          expect(p.authors).toBeGreaterThanOrEqual(1)
          expect(p.authors).toBeLessThanOrEqual(p.comments)
          expect(Number.isFinite(p.likes) && p.likes >= 0).toBe(true)
          expect(Number.isFinite(p.score)).toBe(true)
          expect(p.rows.length).toBe(Math.min(p.comments, 500))
          for (let i = 0; i < p.rows.length; i++) {
            expect(Number.isInteger(p.rows[i]) && p.rows[i] >= 0 && p.rows[i] < texts.length).toBe(true)
            if (i > 0) expect(p.rows[i]).toBeGreaterThan(p.rows[i - 1])
          }
          // A phrase of common CJK characters is found exactly where a substring search finds it.
          if (/^[\u4e00-\u9fff]+$/.test(p.text)) expect(p.rows).toEqual(texts.flatMap((t, i) => (t.includes(p.text) ? [i] : [])))
        }
      }),
      RUNS,
    )
  })

  it('is deterministic', () => {
    fc.assert(
      fc.property(corpus, ({ texts, authors, likes }) => {
        expect(discoverPhrases(texts, authors, likes)).toEqual(discoverPhrases(texts, authors, likes))
      }),
      RUNS,
    )
  })
})

const dupOpts = fc.record(
  {
    threshold: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(Number.NaN, -1, 2)),
    shingle: fc.integer({ min: -1, max: 4 }),
    hashes: fc.integer({ min: 0, max: 80 }),
    bands: fc.integer({ min: 0, max: 24 }),
  },
  { requiredKeys: [] },
)

describe('groupNearDuplicates (property)', () => {
  it('never throws and returns disjoint, well-formed groups', () => {
    const withRows = corpus.chain((c) =>
      fc.record({ c: fc.constant(c), rows: fc.option(fc.array(fc.integer({ min: -2, max: c.texts.length + 1 }), { maxLength: 10 }), { nil: undefined }) }),
    )
    fc.assert(
      fc.property(withRows, dupOpts, ({ c: { texts, authors, likes }, rows }, opts) => {
        const groups = groupNearDuplicates(texts, authors, likes, rows, opts)
        const allowed = new Set(rows ?? texts.map((_, i) => i))
        const threshold = opts.threshold === undefined || Number.isNaN(opts.threshold) ? 0.5 : Math.min(1, Math.max(0, opts.threshold))
        const used = new Set<number>()
        const likeOf = (r: number) => (Number.isFinite(Number(likes[r])) ? Number(likes[r]) : 0)
        for (const g of groups) {
          expect(g.rows.length).toBeGreaterThanOrEqual(2)
          for (const r of g.rows) {
            expect(Number.isInteger(r) && r >= 0 && r < texts.length && allowed.has(r)).toBe(true)
            expect(used.has(r)).toBe(false)
            used.add(r)
            expect([...normaliseForDuplicates(texts[r])].length).toBeGreaterThanOrEqual(4)
          }
          for (const r of g.rows) expect(likeOf(g.rows[0])).toBeGreaterThanOrEqual(likeOf(r))
          expect(g.authors).toBeGreaterThanOrEqual(1)
          expect(g.authors).toBeLessThanOrEqual(g.rows.length)
          expect(g.similarity).toBeGreaterThanOrEqual(threshold)
          expect(g.similarity).toBeLessThanOrEqual(1)
        }
        for (let i = 1; i < groups.length; i++) {
          const a = groups[i - 1]
          const b = groups[i]
          expect(a.authors > b.authors || (a.authors === b.authors && a.rows.length >= b.rows.length)).toBe(true)
        }
      }),
      RUNS,
    )
  })

  it('signatures are deterministic and estimates lie in [0, 1]', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 80 }), (a, b, shingle, hashes) => {
        const sa = minhashSignature(a, shingle, hashes)
        expect(sa.length).toBe(hashes)
        expect(minhashSignature(a, shingle, hashes)).toEqual(sa)
        const e = estimatedJaccard(sa, minhashSignature(b, shingle, hashes))
        expect(e >= 0 && e <= 1).toBe(true)
        if (normaliseForDuplicates(a) === normaliseForDuplicates(b)) expect(e).toBe(1)
      }),
      RUNS,
    )
  })
})
