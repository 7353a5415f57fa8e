import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DatasetBuilder, type DatasetColumns } from '@/model/dataset'
import { NO_DAY, dayFromYmd } from '@/model/dates'
import { runQuery } from '@/query/engine'
import { prepareComputed } from '@/query/computeIndexes'
import type { PreparedDataset } from '@/query/prepare'
import type { QueryView, SortKey } from '@/model/view'
import { fixedThemes } from '../fixedThemes'

/**
 * The engine against the obvious implementation: filter the rows one by one by the documented
 * semantics (README "The URL is the view", ui-contract), then count and sort them. The reference
 * never looks at the engine's indexes: each text's themes and question flag are written by hand
 * beside it (checked once below against the fixed theme set and the question detector).
 */
const THEME_IDS = ['bonus', 'answers', 'materials', 'updates', 'contact', 'errata']
const TEXTS: { text: string; themes: string[]; question: boolean }[] = [
  { text: '希望出一期加餐', themes: ['bonus'], question: false },
  { text: '思考题答案在哪？', themes: ['answers'], question: true },
  { text: '求 PDF 和源码', themes: ['materials'], question: false },
  { text: '催更！Raft 什么时候讲？', themes: ['updates'], question: true },
  { text: '打卡', themes: [], question: false },
  { text: '老师，你微信多少', themes: ['contact'], question: true },
  { text: 'Etcd 的番外篇也很好', themes: ['bonus'], question: false },
  { text: '期待加餐，还有勘误吗', themes: ['bonus', 'errata'], question: true },
  { text: '看完了 raft 算法', themes: [], question: false },
  { text: 'pdf里的图3写反了吧', themes: ['materials'], question: true },
]
const AUTHORS = ['Alice', 'alice', '加餐君', 'Etcd粉', 'bob']
const COURSES = ['甲课', 'Raft 课']
const LESSONS = ['01 | 开篇', '02 | Raft 算法', '结束语']
const DAY0 = dayFromYmd(2021, 3, 1)

interface Row {
  text: number
  author: number
  course: number
  lesson: number
  likes: number
  replies: number
  day: number
  time: number
}

const row: fc.Arbitrary<Row> = fc.record({
  text: fc.nat(TEXTS.length - 1),
  author: fc.nat(AUTHORS.length - 1),
  course: fc.nat(COURSES.length - 1),
  lesson: fc.nat(LESSONS.length - 1),
  likes: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 12 }), fc.constantFrom(49, 50, 99, 100, 499, 500, 2000)),
  replies: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(10, 11, 40)),
  day: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 6 }).map((d) => DAY0 + d) }, { weight: 1, arbitrary: fc.constant(NO_DAY) }),
  time: fc.oneof(fc.constant(-1), fc.constantFrom(0, 3600, 86399), fc.integer({ min: 0, max: 86399 })),
})

function build(rows: Row[]): DatasetColumns {
  const b = new DatasetBuilder()
  for (const r of rows) {
    b.setCourse(COURSES[r.course])
    b.add(
      {
        author: AUTHORS[r.author],
        avatar: '',
        likes: r.likes,
        replies: r.replies,
        day: r.day,
        time: r.day === NO_DAY ? -1 : r.time,
        text: TEXTS[r.text].text,
        reply: '',
        lesson: LESSONS[r.lesson],
      },
      'f.md',
      LESSONS[r.lesson],
    )
  }
  return b.finish()
}

/** Search terms as the user types them, with what each asks for (lower-cased term, excluded or not). */
const TERMS: { typed: string; term: string; neg: boolean }[] = [
  ...['加餐', 'RAFT', 'raft', 'etcd', 'ETCD', '打卡', '思考题', 'Alice', 'pdf', '课', '开篇', '君', '甲'].map((w) => ({
    typed: w,
    term: w.toLowerCase(),
    neg: false,
  })),
  { typed: '"期待加餐"', term: '期待加餐', neg: false },
  { typed: '"Raft 算法"', term: 'raft 算法', neg: false },
  { typed: '"raft 课"', term: 'raft 课', neg: false },
  { typed: '"，你"', term: '，你', neg: false },
  ...['打卡', 'alice', 'PDF', '结束语', '番外'].map((w) => ({ typed: `-${w}`, term: w.toLowerCase(), neg: true })),
  { typed: '-"Raft 什么"', term: 'raft 什么', neg: true },
]

/** Mostly no filter: a view of many filters keeps nothing, and an empty list checks little. */
const seldom = <T>(none: T, arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(none) }, { weight: 1, arbitrary: arb })
const range = (max: number) =>
  seldom(
    null,
    fc.oneof(
      fc.record({ min: fc.integer({ min: 0, max }), max: fc.constant(null) }),
      fc.record({ min: fc.constant(null), max: fc.integer({ min: 0, max }) }),
      fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
    ),
  )
const isoDay = fc.integer({ min: -1, max: 7 }).map((d) => {
  const t = new Date((DAY0 + d) * 86_400_000)
  return t.toISOString().slice(0, 10)
})
/** Titles as a link may hold them: other whitespace runs around the same words. */
const spaced = (titles: string[]) =>
  fc.subarray(titles, { minLength: 1, maxLength: 2 }).chain((ts) => fc.tuple(...ts.map((t) => fc.constantFrom(t, `  ${t.replace(/ /g, '   ')} `))))

const view: fc.Arbitrary<QueryView> = fc.record({
  q: seldom(
    '',
    fc.array(fc.constantFrom(...TERMS.map((t) => t.typed)), { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' ')),
  ),
  from: seldom(null, isoDay),
  to: seldom(null, isoDay),
  likes: range(120),
  replies: range(12),
  themes: seldom([], fc.subarray(THEME_IDS, { minLength: 1, maxLength: 3 })),
  authors: seldom([], fc.subarray(AUTHORS, { minLength: 1, maxLength: 2 })),
  lessons: seldom([], spaced(LESSONS)),
  courses: seldom([], spaced(COURSES)),
  questions: seldom(null, fc.constantFrom('all' as const, 'open' as const)),
  sort: fc.record({ key: fc.constantFrom<SortKey>('likes', 'replies', 'date', 'length'), dir: fc.constantFrom('asc' as const, 'desc' as const) }),
})

const termOf = new Map(TERMS.map((t) => [t.typed, t]))
const norm = (s: string) => s.replace(/\s+/g, ' ').trim()
const LIKES_EDGES = [0, 1, 2, 5, 10, 50, 100, 500]
const REPLIES_EDGES = [0, 1, 2, 3, 6, 11]
const bucket = (edges: number[], v: number) => edges.filter((e) => v >= e).length - 1

/** Every filter of the view, written out row by row; `skip` leaves one filter out (a chart's own). */
function passes(rows: Row[], v: QueryView, i: number, skip?: 'likes' | 'replies' | 'themes'): boolean {
  const r = rows[i]
  const t = TEXTS[r.text]
  const fields = [t.text, AUTHORS[r.author], LESSONS[r.lesson], COURSES[r.course]].map((s) => s.toLowerCase())
  for (const t2 of searchTerms(v.q)) {
    const hit = fields.some((f) => f.includes(t2.term))
    if (hit === t2.neg) return false
  }
  if (v.from !== null || v.to !== null) {
    if (r.day === NO_DAY) return false
    const iso = new Date(r.day * 86_400_000).toISOString().slice(0, 10)
    if (v.from !== null && iso < v.from) return false
    if (v.to !== null && iso > v.to) return false
  }
  const within = (x: number, rg: QueryView['likes']) => !rg || ((rg.min === null || x >= rg.min) && (rg.max === null || x <= rg.max))
  if (skip !== 'likes' && !within(r.likes, v.likes)) return false
  if (skip !== 'replies' && !within(r.replies, v.replies)) return false
  if (skip !== 'themes' && v.themes.length > 0 && !v.themes.some((id) => t.themes.includes(id))) return false
  if (v.authors.length > 0 && !v.authors.includes(AUTHORS[r.author])) return false
  if (v.lessons.length > 0 && !v.lessons.some((l) => norm(l) === LESSONS[r.lesson])) return false
  if ((v.courses ?? []).length > 0 && !v.courses!.some((c) => norm(c) === COURSES[r.course])) return false
  if (v.questions && !t.question) return false
  if (v.questions === 'open' && r.replies > 0) return false
  return true
}

/** The typed query back into its terms (the generator joins whole TERMS with single spaces). */
function searchTerms(q: string): { term: string; neg: boolean }[] {
  const out: { term: string; neg: boolean }[] = []
  let rest = q
  while (rest) {
    const t = TERMS.find((x) => rest === x.typed || rest.startsWith(x.typed + ' '))!
    out.push(termOf.get(t.typed)!)
    rest = rest.slice(t.typed.length + 1)
  }
  return out
}

/** List order: the sort key, ties newer first (date: later time of day first), then file order; ascending is the reverse. */
function referenceOrder(rows: Row[], v: QueryView, kept: number[]): number[] {
  const key = (i: number) => {
    const r = rows[i]
    if (v.sort.key === 'likes') return r.likes
    if (v.sort.key === 'replies') return r.replies
    if (v.sort.key === 'length') return TEXTS[r.text].text.length
    return r.day === NO_DAY ? -Infinity : r.day
  }
  const dated = (i: number) => (rows[i].day === NO_DAY ? -Infinity : rows[i].day)
  const secs = (i: number) => (rows[i].day === NO_DAY ? 0 : Math.max(0, rows[i].time))
  const desc = [...kept].sort((a, b) => key(b) - key(a) || (v.sort.key === 'date' ? secs(b) - secs(a) : dated(b) - dated(a)) || a - b)
  return v.sort.dir === 'desc' ? desc : desc.reverse()
}

function reference(rows: Row[], v: QueryView) {
  const all = rows.map((_, i) => i)
  const kept = all.filter((i) => passes(rows, v, i))
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  const likesCounts = LIKES_EDGES.map(() => 0)
  for (const i of all) if (passes(rows, v, i, 'likes')) likesCounts[bucket(LIKES_EDGES, rows[i].likes)]++
  let end = likesCounts.length
  while (end > 5 && likesCounts[end - 1] === 0) end--
  const repliesCounts = REPLIES_EDGES.map(() => 0)
  for (const i of all) if (passes(rows, v, i, 'replies')) repliesCounts[bucket(REPLIES_EDGES, rows[i].replies)]++
  const forThemes = all.filter((i) => passes(rows, v, i, 'themes'))
  return {
    kpis: {
      comments: kept.length,
      likes: sum(kept.map((i) => rows[i].likes)),
      replies: sum(kept.map((i) => rows[i].replies)),
      authors: new Set(kept.map((i) => AUTHORS[rows[i].author])).size,
      withReplies: kept.filter((i) => rows[i].replies > 0).length,
      questions: kept.filter((i) => TEXTS[rows[i].text].question).length,
      openQuestions: kept.filter((i) => TEXTS[rows[i].text].question && rows[i].replies === 0).length,
    },
    order: referenceOrder(rows, v, kept),
    likes: likesCounts.slice(0, end),
    replies: repliesCounts,
    requests: THEME_IDS.map((id) => {
      const ofTheme = forThemes.filter((i) => TEXTS[rows[i].text].themes.includes(id))
      return { id, comments: ofTheme.length, authors: new Set(ofTheme.map((i) => rows[i].author)).size, likes: sum(ofTheme.map((i) => rows[i].likes)) }
    }),
  }
}

function engine(p: PreparedDataset, v: QueryView) {
  const r = runQuery(p, v)
  const { firstDay: _f, lastDay: _l, ...kpis } = r.kpis
  return {
    kpis,
    order: Array.from(r.order),
    likes: r.likes.counts,
    replies: r.replies.counts,
    requests: r.requests.map(({ id, comments, authors, likes }) => ({ id, comments, authors, likes })),
  }
}

describe('the engine against a plain filter-and-count reference', () => {
  const themes = fixedThemes()

  it('the hand-written themes and question flags of the texts are what the fixed themes and the detector find', () => {
    const p = prepareComputed(build(TEXTS.map((_, text) => ({ text, author: 0, course: 0, lesson: 0, likes: 0, replies: 0, day: DAY0, time: -1 }))), themes)
    TEXTS.forEach((t, i) => {
      expect(
        THEME_IDS.filter((_, k) => p.themeMask[i] & (1 << k)),
        t.text,
      ).toEqual(t.themes)
      expect(p.question[i] === 1, t.text).toBe(t.question)
    })
  })

  it('gives the same KPIs, list order, theme counts and likes/replies buckets for random data and views', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.array(view, { minLength: 1, maxLength: 3 }), (rows, views) => {
        // Several views on one prepared dataset, as the app runs them (the engine reuses its last query).
        const p = prepareComputed(build(rows), themes)
        for (const v of views) expect(engine(p, v)).toEqual(reference(rows, v))
      }),
      { numRuns: 100 },
    )
  })
})
