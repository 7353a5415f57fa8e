import { describe, expect, it } from 'vitest'
import { query, runQuery, type Kpis } from '@/query/engine'
import { prepareDataset } from '@/query/prepare'
import { prepareComputed } from '@/query/computeIndexes'
import { runIndexes } from '@/query/indexesRun'
import { DatasetBuilder } from '@/model/dataset'
import { FIXED_THEMES, fixedThemes } from '../fixedThemes'
import { loadBuiltin } from '../support'
import { SAMPLE } from '../../fixtures/sampleExpected'
import { type QueryView, unfilteredView } from '@/model/view'

const ds = loadBuiltin()
const p = prepareComputed(ds, fixedThemes())
const base: QueryView = unfilteredView()
const q = (v: Partial<QueryView>) => runQuery(p, { ...base, ...v })
const authorsOf = (rows: ArrayLike<number>) => Array.from(rows, (i) => ds.authors[ds.author[i]])

describe('query engine on the built-in sample', () => {
  const all = q({})

  it('computes the KPIs', () => {
    const { comments, likes, replies, authors, withReplies, questions, openQuestions } = SAMPLE
    expect(all.kpis).toMatchObject({ comments, likes, replies, authors, withReplies, questions, openQuestions })
  })

  it('counts likes buckets 0/1/2–4/5–9/10–49 as 5/6/5/3/1 and drops empty top buckets', () => {
    expect(all.likes.labels).toEqual(SAMPLE.likesBuckets.labels)
    expect(all.likes.counts).toEqual(SAMPLE.likesBuckets.counts)
    expect(authorsOf(all.likes.top).slice(0, 3)).toEqual(['jeffery', '江山未', 'Geek_daf51a'])
  })

  it('counts replies buckets', () => {
    expect(all.replies.labels).toEqual(SAMPLE.repliesBuckets.labels)
    expect(all.replies.counts).toEqual(SAMPLE.repliesBuckets.counts)
    expect(all.replies.points).toHaveLength(SAMPLE.comments)
  })

  it('bins 20 months of dates by month, zero-filled, with a cumulative line', () => {
    expect(all.dates.granularity).toBe('month')
    expect(all.dates.periods.map((r) => r.label)).toEqual([
      '2021-03',
      '2021-04',
      '2021-05',
      '2021-06',
      '2021-07',
      '2021-08',
      '2021-09',
      '2021-10',
      '2021-11',
      '2021-12',
      '2022-01',
      '2022-02',
      '2022-03',
      '2022-04',
      '2022-05',
      '2022-06',
      '2022-07',
      '2022-08',
      '2022-09',
      '2022-10',
      '2022-11',
    ])
    expect(all.dates.periods.map((r) => r.count)).toEqual([7, 3, 1, 1, 1, 0, 0, 2, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2])
    expect(all.dates.periods.at(-1)!.cumulative).toBe(SAMPLE.comments)
  })

  it('ranks request themes by comments, distinct authors and likes', () => {
    expect(all.requests.map(({ id, comments, authors, likes }) => ({ id, comments, authors, likes }))).toEqual(
      Object.entries(SAMPLE.themes).map(([id, t]) => ({ id, ...t })),
    )
  })

  it('orders the list by a precomputed ordering, both directions', () => {
    expect(authorsOf(all.order).slice(0, 2)).toEqual(['jeffery', '江山未'])
    const byDateAsc = q({ sort: { key: 'date', dir: 'asc' } })
    expect(ds.day[byDateAsc.order[0]]).toBeLessThanOrEqual(ds.day[byDateAsc.order[19]])
    expect(authorsOf(q({ sort: { key: 'date', dir: 'desc' } }).order)[0]).toBe('川川')
    expect(authorsOf(q({ sort: { key: 'length', dir: 'desc' } }).order)[0]).toBe('杰sir')
    expect(authorsOf(q({ sort: { key: 'replies', dir: 'desc' } }).order)[0]).toBe('追风筝的人')
  })
})

describe('filters', () => {
  it('search: all words, "phrases", -exclusions, case-insensitive, over text, author and lesson', () => {
    expect(q({ q: '加餐' }).kpis.comments).toBe(6)
    expect(q({ q: '期待 加餐' }).kpis.comments).toBe(4)
    expect(q({ q: '加餐 -期待' }).kpis.comments).toBe(2)
    expect(q({ q: '"期待后面的加餐"' }).kpis.comments).toBe(1)
    expect(q({ q: 'ETCD' }).kpis.comments).toBe(SAMPLE.comments) // the lesson title holds etcd
    expect(q({ q: 'JEFFERY' }).kpis.comments).toBe(1)
  })

  it('date range is inclusive', () => {
    expect(q({ from: '2021-03-22', to: '2021-03-22' }).kpis.comments).toBe(4)
    expect(q({ from: '2021-03-22', to: '2021-03-23' }).kpis.comments).toBe(5)
    expect(q({ from: '2022-01-01' }).kpis.comments).toBe(3)
  })

  it('likes and replies ranges', () => {
    expect(q({ likes: { min: 5, max: null } }).kpis.comments).toBe(4)
    expect(q({ replies: { min: 0, max: 0 } }).kpis.comments).toBe(6)
    expect(q({ replies: { min: 1, max: null } }).kpis.comments).toBe(14)
  })

  it('themes (any of), authors, lessons (whitespace-insensitive), questions', () => {
    expect(q({ themes: ['bonus'] }).kpis.comments).toBe(6)
    expect(q({ themes: ['bonus', 'answers'] }).kpis.comments).toBe(9)
    expect(q({ authors: ['jeffery', '川川'] }).kpis.comments).toBe(2)
    expect(q({ lessons: ['etcd实战课  ·  结束语'] }).kpis.comments).toBe(SAMPLE.comments)
    expect(q({ lessons: ['no such lesson'] }).kpis.comments).toBe(0)
    expect(q({ questions: 'all' }).kpis.comments).toBe(7)
    expect(authorsOf(q({ questions: 'open' }).order).sort()).toEqual(['川川', '愤叔'])
  })

  it('each chart applies every filter except its own', () => {
    const r = q({ likes: { min: 5, max: null }, themes: ['bonus'] })
    expect(r.kpis.comments).toBe(3) // jeffery 14, Geek_daf51a 6, 赵先生 5
    // The likes chart ignores the likes filter: all six bonus requests, by bucket.
    expect(r.likes.counts).toEqual([2, 0, 1, 2, 1])
    // The requests chart ignores the theme filter: what the ≥5-liked comments ask for.
    expect(r.requests.find((t) => t.id === 'bonus')!.comments).toBe(3)
    expect(r.requests.find((t) => t.id === 'answers')!.comments).toBe(0)
    // The dates chart sees both filters.
    expect(r.dates.periods.reduce((s, x) => s + x.count, 0)).toBe(3)
  })

  it('an empty result has empty aggregates, not errors', () => {
    const r = q({ q: 'zzzz-no-such-text' })
    expect(r.kpis.comments).toBe(0)
    expect(r.order.length).toBe(0)
    expect(r.dates.periods).toEqual([])
  })
})

describe('staff', () => {
  it('staff comments are left out of request and question counts, unless included', () => {
    const r = q({ staff: ['jeffery', '幽幽夜'] })
    expect(r.kpis.comments).toBe(SAMPLE.comments)
    expect(r.kpis.questions).toBe(6)
    expect(r.requests.find((t) => t.id === 'bonus')!.comments).toBe(4)
    expect(r.requests.find((t) => t.id === 'updates')!.comments).toBe(1)
    expect(q({ staff: ['jeffery'], themes: ['bonus'] }).kpis.comments).toBe(5)
    const inc = q({ staff: ['jeffery', '幽幽夜'], includeStaff: true })
    expect(inc.kpis.questions).toBe(7)
    expect(inc.requests.find((t) => t.id === 'bonus')!.comments).toBe(6)
  })
})

describe('request trend', () => {
  it('counts each theme per period of the dates chart', () => {
    const r = q({})
    expect(r.trend.labels).toEqual(r.dates.periods.map((p) => p.label))
    const bonus = r.trend.counts[0]
    expect(bonus.reduce((a, b) => a + b, 0)).toBe(6)
    expect(bonus[0]).toBe(4) // 2021-03: jeffery, Geek_daf51a, mmm, 云原生工程师
    expect(bonus[r.trend.labels.indexOf('2021-06')]).toBe(1) // 赵先生
    expect(bonus[r.trend.labels.indexOf('2022-11')]).toBe(1) // 幽幽夜
  })
})

describe('indexes from the workers', () => {
  it("the index workers' computation (runIndexes, two runs of rows) answers exactly like one thread's", () => {
    const themes = fixedThemes()
    const texts = ds.text.toArray()
    const length = Uint32Array.from(texts, (t) => t.length)
    const half = 9
    const run = (rows: string[], orders: boolean) =>
      runIndexes(rows, {
        themes: [...FIXED_THEMES],
        cues: [],
        reference: [],
        question: true,
        orders: orders ? { n: ds.n, likes: ds.likes, replies: ds.replies, day: ds.day, time: ds.time, length } : null,
      })
    const [a, b] = [run(texts.slice(0, half), true), run(texts.slice(half), false)]
    const fromWorkers = prepareDataset(ds, themes, {
      orders: a.orders!,
      themeMask: Uint32Array.from([...a.masks!, ...b.masks!]),
      question: Uint8Array.from([...a.question!, ...b.question!]),
      length,
    })
    for (const v of [{}, { q: '加餐', sort: { key: 'date', dir: 'asc' } }, { questions: 'open' }, { themes: ['answers'] }] as Partial<QueryView>[])
      expect(runQuery(fromWorkers, { ...base, ...v })).toEqual(runQuery(p, { ...base, ...v }))
  })
})

describe('query engine: courses', () => {
  // Two courses, each with a lesson titled 结束语: lessons are told apart by their course.
  const b = new DatasetBuilder()
  const add = (course: string, lesson: string, author: string, likes: number, replies: number, text: string) =>
    b.add({ author, avatar: '', likes, replies, day: 19000, time: -1, text, reply: '', lesson, course }, `${course}/${lesson}.md`, lesson)
  add('甲课', '结束语', 'ann', 3, 0, '还有问题吗？')
  add('甲课', '01', 'bob', 1, 1, '很好')
  add('乙课', '结束语', 'ann', 5, 2, '希望出加餐')
  add('乙课', '结束语', 'cat', 0, 0, '打卡')
  add('乙课', '02', 'ann', 2, 0, '谢谢')
  const cds = b.finish()
  const cp = prepareComputed(cds, fixedThemes())
  const cq = (v: Partial<QueryView>) => runQuery(cp, { ...base, ...v })

  it('counts per course: comments, likes, replies, distinct authors, open questions', () => {
    const r = cq({})
    expect(r.courses.map((c) => [c.title, c.comments, c.likes, c.replies, c.authors, c.openQuestions])).toEqual([
      ['甲课', 2, 4, 1, 2, 1],
      ['乙课', 3, 7, 2, 2, 0],
    ])
    expect(r.lessons.map((l) => [l.title, r.courses[l.course].title, l.comments])).toEqual([
      ['结束语', '甲课', 1],
      ['01', '甲课', 1],
      ['结束语', '乙课', 2],
      ['02', '乙课', 1],
    ])
  })

  it('filters by course; the courses chart still shows every course (its own filter aside)', () => {
    const r = cq({ courses: ['乙课'] })
    expect(r.kpis.comments).toBe(3)
    expect(r.courses.map((c) => c.comments)).toEqual([2, 3])
    // With a lesson title two courses share, the course narrows it to its own.
    expect(cq({ courses: ['乙课'], lessons: ['结束语'] }).kpis.comments).toBe(2)
    expect(cq({ lessons: ['结束语'] }).kpis.comments).toBe(3)
  })
})

describe('the KPIs land before the aggregates', () => {
  it('hands over the view’s KPIs once, before the result, equal to the result’s', async () => {
    const events: string[] = []
    let early: Kpis | null = null
    const view = { ...base, q: '加餐', likes: { min: 1, max: null } }
    const pause = async () => void events.push('pause')
    const r = await query(prepareComputed(ds, fixedThemes()), view, pause, 0, (k) => {
      events.push('kpis')
      early = k
    })
    expect(early).toEqual(r.kpis)
    expect(events.filter((e) => e === 'kpis')).toHaveLength(1)
    // The page gets a turn right after the counts, and the work goes on after it.
    const at = events.indexOf('kpis')
    expect(events[at + 1]).toBe('pause')
    expect(events.length).toBeGreaterThan(at + 2)
    expect(r.kpis).toMatchObject({ comments: q(view).kpis.comments })
  })
})
