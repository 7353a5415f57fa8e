import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DatasetBuilder } from '@/model/dataset'
import { dayFromYmd, NO_DAY } from '@/model/dates'
import { runQuery, type QueryResult } from '@/query/engine'
import { prepareComputed } from '@/query/computeIndexes'
import { narrows, sameFilters } from '@/query/narrowing'
import { fixedThemes } from '../fixedThemes'
import { type QueryView, unfilteredView } from '@/model/view'

const themes = fixedThemes()
const base: QueryView = unfilteredView()
const TEXTS = ['希望出一期加餐？', '思考题答案在哪', '求 PDF 下载', '打卡', '源码在哪里可以看到？', '老师讲得好', 'Could you add a bonus episode?']
const AUTHORS = ['甲', '乙', '丙', 'dave']
const LESSONS = ['01 | 开篇词', '02 | 基础', '结束语']

const plain = (r: QueryResult) => JSON.parse(JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint32Array) : v)))

const range = fc.option(fc.record({ min: fc.option(fc.nat(6), { nil: null }), max: fc.option(fc.nat(6), { nil: null }) }), { nil: null })
const dateStr = fc.constantFrom(null, '2021-01-05', '2021-02-01', '2021-03-15')
const view: fc.Arbitrary<QueryView> = fc.record({
  q: fc.constantFrom('', '加餐', '加', '求 pdf', '-打卡', '在哪', 'bonus', '甲'),
  from: dateStr,
  to: dateStr,
  likes: range,
  replies: range,
  themes: fc.subarray(['bonus', 'answers', 'materials']),
  authors: fc.subarray(AUTHORS),
  lessons: fc.subarray(LESSONS),
  questions: fc.constantFrom(null, 'all' as const, 'open' as const),
  new: fc.constant(null),
  staff: fc.constantFrom([], ['甲']),
  includeStaff: fc.boolean(),
  sort: fc.record({
    key: fc.constantFrom('likes' as const, 'replies' as const, 'date' as const, 'length' as const),
    dir: fc.constantFrom('asc' as const, 'desc' as const),
  }),
})

/** `v` with one more filter, or a filter tightened: always narrower. */
const narrower = (v: QueryView): fc.Arbitrary<QueryView> =>
  fc.oneof(
    fc.constant({ ...v, likes: { min: (v.likes?.min ?? 0) + 1, max: v.likes?.max ?? null } }),
    fc.constant({ ...v, q: `${v.q} 求` }),
    fc.constant({ ...v, questions: 'open' as const }),
    fc.constant({ ...v, themes: v.themes.length ? v.themes.slice(0, 1) : ['bonus'] }),
    fc.constant({ ...v, sort: { key: 'date' as const, dir: 'asc' as const } }),
    fc.constant({ ...v, from: v.from ?? '2021-01-10' }),
  )

describe('queries that start from the previous one', () => {
  const rows = fc.array(
    fc.record({
      t: fc.nat(TEXTS.length - 1),
      a: fc.nat(AUTHORS.length - 1),
      l: fc.nat(LESSONS.length - 1),
      likes: fc.nat(8),
      replies: fc.nat(3),
      d: fc.oneof(fc.integer({ min: dayFromYmd(2021, 1, 1), max: dayFromYmd(2021, 4, 1) }), fc.constant(NO_DAY)),
    }),
    { minLength: 1, maxLength: 40 },
  )

  it('give exactly the result of a fresh query, for any two views in a row', () => {
    fc.assert(
      fc.property(rows, view, view, (rs, a, b) => {
        const builder = new DatasetBuilder()
        for (const r of rs)
          builder.add(
            { author: AUTHORS[r.a], avatar: '', likes: r.likes, replies: r.replies, day: r.d, time: -1, text: TEXTS[r.t], reply: '', lesson: LESSONS[r.l] },
            'f',
            'L',
          )
        const ds = builder.finish()
        const warm = prepareComputed(ds, themes)
        runQuery(warm, a)
        expect(plain(runQuery(warm, b))).toEqual(plain(runQuery(prepareComputed(ds, themes), b)))
      }),
      { numRuns: 400 },
    )
  })

  it('give exactly the result of a fresh query along a drill-down', () => {
    fc.assert(
      fc.property(
        rows,
        view.chain((a) => narrower(a).chain((b) => narrower(b).map((c) => [a, b, c] as const))),
        (rs, [a, b, c]) => {
          expect(narrows(a, b) && narrows(b, c)).toBe(true)
          const builder = new DatasetBuilder()
          for (const r of rs)
            builder.add(
              { author: AUTHORS[r.a], avatar: '', likes: r.likes, replies: r.replies, day: r.d, time: -1, text: TEXTS[r.t], reply: '', lesson: LESSONS[r.l] },
              'f',
              'L',
            )
          const ds = builder.finish()
          const warm = prepareComputed(ds, themes)
          runQuery(warm, a)
          runQuery(warm, b)
          expect(plain(runQuery(warm, c))).toEqual(plain(runQuery(prepareComputed(ds, themes), c)))
        },
      ),
      { numRuns: 400 },
    )
  })

  it('knows narrower from wider', () => {
    expect(narrows(base, { ...base, likes: { min: 5, max: null } })).toBe(true)
    expect(narrows({ ...base, likes: { min: 5, max: null } }, base)).toBe(false)
    expect(narrows({ ...base, likes: { min: 5, max: null } }, { ...base, likes: { min: 6, max: 9 } })).toBe(true)
    expect(narrows({ ...base, themes: ['bonus', 'answers'] }, { ...base, themes: ['bonus'] })).toBe(true)
    expect(narrows({ ...base, themes: ['bonus'] }, { ...base, themes: ['bonus', 'answers'] })).toBe(false)
    expect(narrows({ ...base, q: '加' }, { ...base, q: '加餐' })).toBe(true)
    expect(narrows({ ...base, q: '加餐' }, { ...base, q: '加' })).toBe(false)
    expect(narrows({ ...base, q: '-打卡' }, { ...base, q: '' })).toBe(false)
    expect(narrows({ ...base, questions: 'all' }, { ...base, questions: 'open' })).toBe(true)
    expect(narrows({ ...base, questions: 'open' }, { ...base, questions: 'all' })).toBe(false)
    expect(narrows({ ...base, from: '2021-02-01' }, { ...base, from: '2021-01-01' })).toBe(false)
    expect(narrows(base, { ...base, staff: ['甲'] })).toBe(false)
    expect(sameFilters(base, { ...base, sort: { key: 'date', dir: 'asc' } })).toBe(true)
  })
})
