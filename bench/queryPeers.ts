/**
 * The two peer engines of bench/query.ts — crossfilter2 and arquero — answering the same
 * QueryView as Comment Lens's `runQuery`, with the same aggregates and the same list order.
 * Both are fed the same per-row inputs as Comment Lens (theme masks from `themeMasks`, question
 * flags from `isQuestion`), taken from the PreparedDataset so that all three engines filter on
 * identical data; for text search they get per-row lower-cased haystacks (`haystackOf`), the
 * usual way to search with these libraries.
 */
import crossfilter from 'crossfilter2'
import * as aq from 'arquero'
import type { PreparedDataset } from '../src/query/prepare'
import { bucketTable, LIKES_BUCKETS, REPLIES_BUCKETS } from '../src/query/buckets'
import { isEmptySearch, matchesSearch, parseSearch } from '../src/query/search'
import { parseIsoDay, ymdFromDay } from '../src/model/dates'
import { type QueryView, type NumRange, normalizeTitle } from '../src/model/view'

const haystacks = new WeakMap<PreparedDataset, string[]>()

/** `text \u0001 author \u0001 lesson`, lower-cased, per row; built once per dataset, outside the timing. */
export function haystackOf(p: PreparedDataset): string[] {
  let h = haystacks.get(p)
  if (!h) {
    const ds = p.ds
    h = new Array<string>(ds.n)
    for (let i = 0; i < ds.n; i++) h[i] = `${ds.text.get(i)}\u0001${ds.authors[ds.author[i]]}\u0001${ds.lessons[ds.lesson[i]].title}`.toLowerCase()
    haystacks.set(p, h)
  }
  return h
}

/** What every engine returns; the first four fields and `order` are compared across engines. */
export interface PeerResult {
  comments: number
  likes: number
  replies: number
  authors: number
  /** Row indices of the list, in the view's order. */
  order: ArrayLike<number>
  /** The chart aggregates (kept so the work cannot be skipped; not compared). */
  aggregates: unknown
}

export interface Engine {
  name: string
  run(view: QueryView): PeerResult
  dispose(): void
}

const LIKES_T = bucketTable(LIKES_BUCKETS)
const REPLIES_T = bucketTable(REPLIES_BUCKETS)
export const likesBucket = (v: number) => (v < LIKES_T.length ? LIKES_T[v] : LIKES_BUCKETS.length - 1)
export const repliesBucket = (v: number) => (v < REPLIES_T.length ? REPLIES_T[v] : REPLIES_BUCKETS.length - 1)
/** Month number (y * 12 + m): the dates chart at month granularity. */
export const monthOf = (day: number) => {
  const { y, m } = ymdFromDay(day)
  return y * 12 + m - 1
}

/**
 * Unique numeric sort keys reproducing Comment Lens's precomputed orders (key desc, then day
 * desc, then row index asc): without the tie-breakers, crossfilter's unstable sort would give a
 * different but equally valid order and the first-10 comparison would be meaningless.
 * Generated data has no undated rows and no times, so the date key is the day alone.
 */
export function sortKeys(p: PreparedDataset): { likes: Float64Array; date: Float64Array } {
  const { n, day, likes } = p.ds
  let minDay = Infinity
  let maxDay = -Infinity
  for (let i = 0; i < n; i++) {
    if (day[i] < minDay) minDay = day[i]
    if (day[i] > maxDay) maxDay = day[i]
  }
  const span = maxDay - minDay + 1
  const byLikes = new Float64Array(n)
  const byDate = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    byLikes[i] = (likes[i] * span + (day[i] - minDay)) * n + (n - 1 - i)
    byDate[i] = (day[i] - minDay) * n + (n - 1 - i)
  }
  return { likes: byLikes, date: byDate }
}

/** The parts of a view both peers understand; anything else is refused rather than ignored. */
interface Compiled {
  likes: NumRange | null
  replies: NumRange | null
  from: number | null
  to: number | null
  lessons: Set<number> | null
  themeBits: number
  questions: boolean
  search: ReturnType<typeof parseSearch> | null
  q: string
  sort: QueryView['sort']
}

function compile(p: PreparedDataset, view: QueryView): Compiled {
  if (view.authors.length || view.questions === 'open' || view.new != null || view.staff?.length)
    throw new Error('view uses a filter the peers do not implement')
  if (view.sort.key !== 'likes' && view.sort.key !== 'date') throw new Error('peers implement sorting by likes and date only')
  let themeBits = 0
  for (const id of view.themes) {
    const k = p.themes.findIndex((t) => t.def.id === id)
    if (k >= 0 && k < 32) themeBits |= 1 << k
  }
  let lessons: Set<number> | null = null
  if (view.lessons.length) {
    const wanted = new Set(view.lessons.map(normalizeTitle))
    lessons = new Set()
    p.ds.lessons.forEach((l, k) => {
      if (wanted.has(normalizeTitle(l.title))) lessons!.add(k)
    })
  }
  const search = parseSearch(view.q)
  return {
    likes: view.likes,
    replies: view.replies,
    from: view.from ? parseIsoDay(view.from) : null,
    to: view.to ? parseIsoDay(view.to) : null,
    lessons,
    themeBits: view.themes.length ? themeBits : 0,
    questions: view.questions === 'all',
    search: isEmptySearch(search) ? null : search,
    q: view.q,
    sort: view.sort,
  }
}

const rangeKey = (r: NumRange | null) => (r ? `${r.min}:${r.max}` : '')
/** Integer [min, max] → crossfilter's half-open [lo, hi). */
const halfOpen = (r: NumRange): [number, number] => [r.min ?? -Infinity, r.max === null ? Infinity : r.max + 1]

export function crossfilterEngine(p: PreparedDataset, keys: { likes: Float64Array; date: Float64Array }): Engine {
  const { n, likes, replies, day, lesson, author } = p.ds
  const mask = p.themeMask
  const question = p.question
  const hay = haystackOf(p)
  const nThemes = Math.min(32, p.themes.length)
  // Records are row indices: no per-row objects, and allFiltered()/top() give row indices directly.
  const rows = new Array<number>(n)
  for (let i = 0; i < n; i++) rows[i] = i
  const cf = crossfilter(rows)
  const likesDim = cf.dimension((i) => likes[i])
  const repliesDim = cf.dimension((i) => replies[i])
  const dayDim = cf.dimension((i) => day[i])
  const lessonDim = cf.dimension((i) => lesson[i])
  const themeDim = cf.dimension((i) => mask[i])
  const questionDim = cf.dimension((i) => question[i])
  // Keyed by row index rather than by the text itself: a string dimension would sort n long
  // strings at load for nothing, since search is a filterFunction scan either way.
  const textDim = cf.dimension((i) => i)
  const likesSort = cf.dimension((i) => keys.likes[i])
  const dateSort = cf.dimension((i) => keys.date[i])

  // Groups on a dimension ignore that dimension's filter, as the Comment Lens charts do.
  const likesGroup = likesDim.group((v) => likesBucket(v as number))
  const repliesGroup = repliesDim.group((v) => repliesBucket(v as number))
  const monthGroup = dayDim.group((v) => monthOf(v as number))
  const lessonGroup = lessonDim.group()
  const themeCounts = themeDim.groupAll<number[]>().reduce(
    (acc, i) => {
      const m = mask[i]
      if (m) for (let t = 0; t < nThemes; t++) if (m & (1 << t)) acc[t]++
      return acc
    },
    (acc, i) => {
      const m = mask[i]
      if (m) for (let t = 0; t < nThemes; t++) if (m & (1 << t)) acc[t]--
      return acc
    },
    () => new Array<number>(nThemes).fill(0),
  )
  const kpis = cf.groupAll<{ comments: number; likes: number; replies: number }>().reduce(
    (acc, i) => {
      acc.comments++
      acc.likes += likes[i]
      acc.replies += replies[i]
      return acc
    },
    (acc, i) => {
      acc.comments--
      acc.likes -= likes[i]
      acc.replies -= replies[i]
      return acc
    },
    () => ({ comments: 0, likes: 0, replies: 0 }),
  )

  // Refilter only the dimensions whose filter changed, as a crossfilter UI (dc.js) does: that
  // incremental update is crossfilter's whole point, so the suite order matters for it.
  const current = new Map<string, string>()
  const apply = (name: string, key: string, set: () => void, clear: () => void) => {
    if ((current.get(name) ?? '') === key) return
    current.set(name, key)
    if (key) set()
    else clear()
  }

  return {
    name: 'crossfilter2',
    run(view) {
      const c = compile(p, view)
      apply(
        'likes',
        rangeKey(c.likes),
        () => likesDim.filterRange(halfOpen(c.likes!)),
        () => likesDim.filterAll(),
      )
      apply(
        'replies',
        rangeKey(c.replies),
        () => repliesDim.filterRange(halfOpen(c.replies!)),
        () => repliesDim.filterAll(),
      )
      apply(
        'dates',
        c.from === null && c.to === null ? '' : `${c.from}:${c.to}`,
        () => dayDim.filterRange(halfOpen({ min: c.from, max: c.to })),
        () => dayDim.filterAll(),
      )
      apply(
        'lessons',
        c.lessons ? [...c.lessons].join(',') : '',
        () => (c.lessons!.size === 1 ? lessonDim.filterExact([...c.lessons!][0]) : lessonDim.filterFunction((v) => c.lessons!.has(v as number))),
        () => lessonDim.filterAll(),
      )
      apply(
        'themes',
        c.themeBits ? String(c.themeBits) : '',
        () => themeDim.filterFunction((m) => ((m as number) & c.themeBits) !== 0),
        () => themeDim.filterAll(),
      )
      apply(
        'questions',
        c.questions ? '1' : '',
        () => questionDim.filterExact(1),
        () => questionDim.filterAll(),
      )
      apply(
        'text',
        c.search ? c.q : '',
        () => textDim.filterFunction((i) => matchesSearch(hay[i as number], c.search!)),
        () => textDim.filterAll(),
      )

      const k = kpis.value()
      // Distinct authors have no incremental reducer in crossfilter (it would need a per-author
      // refcount map in add/remove): count them by iterating allFiltered(), a full pass per query.
      const seen = new Uint8Array(p.ds.authors.length)
      let authors = 0
      for (const i of cf.allFiltered()) {
        if (!seen[author[i]]) {
          seen[author[i]] = 1
          authors++
        }
      }
      const dim = c.sort.key === 'likes' ? likesSort : dateSort
      const order = c.sort.dir === 'desc' ? dim.top(Infinity) : dim.bottom(Infinity)
      return {
        comments: k.comments,
        likes: k.likes,
        replies: k.replies,
        authors,
        order,
        aggregates: {
          likes: likesGroup.all(),
          replies: repliesGroup.all(),
          months: monthGroup.all(),
          lessons: lessonGroup.all(),
          themes: themeCounts.value().slice(),
        },
      }
    },
    dispose() {
      for (const d of [likesDim, repliesDim, dayDim, lessonDim, themeDim, questionDim, textDim, likesSort, dateSort]) d.dispose()
    },
  }
}

interface AqRow {
  likes: number
  replies: number
  day: number
  lesson: number
  mask: number
  question: number
  hay: string
}

export function arqueroEngine(p: PreparedDataset): Engine {
  const { n, likes, replies, day, lesson, author } = p.ds
  const nThemes = Math.min(32, p.themes.length)
  const i32 = new Uint32Array(n)
  const lb = new Uint8Array(n)
  const rb = new Uint8Array(n)
  const month = new Int32Array(n)
  const themeCols: Record<string, Uint8Array> = {}
  for (let t = 0; t < nThemes; t++) themeCols[`t${t}`] = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    i32[i] = i
    lb[i] = likesBucket(likes[i])
    rb[i] = repliesBucket(replies[i])
    month[i] = monthOf(day[i])
    const m = p.themeMask[i]
    if (m) for (let t = 0; t < nThemes; t++) if (m & (1 << t)) themeCols[`t${t}`][i] = 1
  }
  // Typed-array columns straight from the dataset; the bucket, month and per-theme 0/1 columns
  // are derived once at load, as crossfilter's group key functions are evaluated once at load.
  const table = aq.table({
    i: i32,
    likes,
    replies,
    day,
    lesson,
    author,
    mask: p.themeMask,
    question: p.question,
    hay: haystackOf(p),
    lb,
    rb,
    month,
    ...themeCols,
  })
  const themeRollup = Object.fromEntries(Array.from({ length: nThemes }, (_, t) => [`t${t}`, aq.op.sum(`t${t}`)]))

  return {
    name: 'arquero',
    run(view) {
      const c = compile(p, view)
      const tests: ((d: AqRow) => boolean)[] = []
      const inR = (v: number, r: NumRange) => (r.min === null || v >= r.min) && (r.max === null || v <= r.max)
      if (c.likes) tests.push((d) => inR(d.likes, c.likes!))
      if (c.replies) tests.push((d) => inR(d.replies, c.replies!))
      if (c.from !== null || c.to !== null) tests.push((d) => inR(d.day, { min: c.from, max: c.to }))
      if (c.lessons) tests.push((d) => c.lessons!.has(d.lesson))
      if (c.themeBits) tests.push((d) => (d.mask & c.themeBits) !== 0)
      if (c.questions) tests.push((d) => d.question === 1)
      if (c.search) tests.push((d) => matchesSearch(d.hay, c.search!))
      // Every chart here sees all filters (arquero has no per-chart "ignore own filter"): one
      // filter per view, which is a little less work than the other two engines do.
      const f = tests.length ? table.filter(aq.escape((d: AqRow) => tests.every((t) => t(d)))) : table
      const k = f.rollup({ comments: aq.op.count(), likes: aq.op.sum('likes'), replies: aq.op.sum('replies'), authors: aq.op.distinct('author') }).object() as {
        comments: number
        likes: number | undefined
        replies: number | undefined
        authors: number
      }
      const aggregates = {
        likes: f.groupby('lb').count().objects(),
        replies: f.groupby('rb').count().objects(),
        months: f.groupby('month').count().objects(),
        lessons: f.groupby('lesson').count().objects(),
        themes: f.rollup(themeRollup).object(),
      }
      const sorted =
        c.sort.key === 'likes'
          ? c.sort.dir === 'desc'
            ? f.orderby(aq.desc('likes'), aq.desc('day'), 'i')
            : f.orderby('likes', 'day', aq.desc('i'))
          : c.sort.dir === 'desc'
            ? f.orderby(aq.desc('day'), 'i')
            : f.orderby('day', aq.desc('i'))
      return {
        comments: k.comments,
        likes: k.likes ?? 0,
        replies: k.replies ?? 0,
        authors: k.authors,
        order: sorted.array('i') as ArrayLike<number>,
        aggregates,
      }
    },
    dispose() {},
  }
}
