/**
 * The query engine: view → KPIs, one aggregate per chart, and the ordered rows of the list.
 *
 * One pass over the rows computes, per row, a bit mask of the filter dimensions it fails. Rows
 * failing none feed the KPIs, the list and the single-comment marks; a row failing exactly one
 * chart's own dimension still feeds that chart, so each chart shows every filter but its own
 * and its other marks stay visible and clickable (as crossfilter does).
 * Views never filter or sort rows themselves; the list order comes from precomputed orderings.
 */
import { NO_DAY, parseIsoDay } from '@/model/dates'
import { bucketTable, LIKES_BUCKETS, REPLIES_BUCKETS } from './buckets'
import { chooseGranularity, nextPeriod, periodLabel, periodStart, periodEnd, type Granularity } from './periods'
import type { PreparedDataset, SortKey } from './prepare'
import { isEmptySearch, parseSearch } from './search'
import { searchMatches } from './textSearch'

export interface NumRange {
  min: number | null
  max: number | null
}

/** The part of the view state the engine reads (the URL's ViewState satisfies it). */
export interface QueryView {
  q: string
  from: string | null
  to: string | null
  likes: NumRange | null
  replies: NumRange | null
  themes: string[]
  authors: string[]
  lessons: string[]
  questions: 'all' | 'open' | null
  /** Only comments first seen after import batch N. */
  new?: number | null
  /** Authors marked as staff (course author, editors): left out of request and question counts. */
  staff?: string[]
  /** Count staff comments in requests and questions after all. */
  includeStaff?: boolean
  sort: { key: SortKey; dir: 'asc' | 'desc' }
}

export interface Kpis {
  comments: number
  likes: number
  replies: number
  authors: number
  withReplies: number
  questions: number
  openQuestions: number
  firstDay: number
  lastDay: number
}

export interface BucketAggregate {
  labels: string[]
  counts: number[]
}

export interface PeriodRow {
  label: string
  start: number
  end: number
  count: number
  cumulative: number
}

export interface DatesAggregate {
  granularity: Granularity
  periods: PeriodRow[]
  undated: number
}

export interface ThemeRow {
  id: string
  index: number
  comments: number
  authors: number
  likes: number
}

export interface LessonRow {
  code: number
  title: string
  comments: number
  likes: number
  openQuestions: number
  /** Comments asking for at least one theme. */
  requests: number
  /** Comments per theme (by theme index). */
  themeCounts: number[]
  /** Id of the theme most asked for in this lesson, or null. */
  topTheme: string | null
}

export interface QueryResult {
  kpis: Kpis
  likes: BucketAggregate & { top: number[] }
  replies: BucketAggregate & { points: [likes: number, replies: number, row: number][] }
  dates: DatesAggregate
  requests: ThemeRow[]
  lessons: LessonRow[]
  /** Requests per theme (by index) over the dates chart's periods. */
  trend: { labels: string[]; counts: number[][] }
  /** Row indices of the list, in the view's order. */
  order: Uint32Array
}

const D_LIKES = 1
const D_REPLIES = 2
const D_DATES = 4
const D_THEMES = 8
const D_LESSONS = 16
const D_OTHER = 32

const TOP_LIKED = 10
const MAX_POINTS = 2000
const LIKES_TABLE = bucketTable(LIKES_BUCKETS)
const REPLIES_TABLE = bucketTable(REPLIES_BUCKETS)

export const normalizeTitle = (s: string) => s.replace(/\s+/g, ' ').trim()

function inRange(v: number, r: NumRange): boolean {
  return (r.min === null || v >= r.min) && (r.max === null || v <= r.max)
}

function bucketIndex(table: Uint8Array, last: number, v: number): number {
  return v < table.length ? table[v] : last
}

/**
 * Rows per slice: the engine yields between slices so that `query()` can give the page a turn
 * on a big dataset (a million rows would otherwise be one task of a few hundred ms).
 */
const CHUNK = 1 << 16

/** The engine as slices of work (a generator that yields between slices and returns the result). */
export function* querySlices(p: PreparedDataset, view: QueryView): Generator<void, QueryResult, void> {
  const ds = p.ds
  const n = ds.n

  // Compile the filters once.
  const search = parseSearch(view.q)
  const hasSearch = !isEmptySearch(search)
  const fromDay = view.from ? parseIsoDay(view.from) : null
  const toDay = view.to ? parseIsoDay(view.to) : null
  const hasDates = fromDay !== null || toDay !== null
  let themeFilter = 0
  for (const id of view.themes) {
    const k = p.themes.findIndex((t) => t.def.id === id)
    if (k >= 0 && k < 32) themeFilter |= 1 << k
  }
  const hasThemes = view.themes.length > 0
  const authorSet = new Uint8Array(ds.authors.length)
  for (const a of view.authors) {
    const k = ds.authors.indexOf(a)
    if (k >= 0) authorSet[k] = 1
  }
  const hasAuthors = view.authors.length > 0
  const lessonSet = new Uint8Array(ds.lessons.length)
  const wanted = new Set(view.lessons.map(normalizeTitle))
  ds.lessons.forEach((l, k) => {
    if (wanted.has(normalizeTitle(l.title))) lessonSet[k] = 1
  })
  const hasLessons = view.lessons.length > 0
  const newSince = view.new ?? null
  // Staff rows never count as requests or questions (unless included); they remain comments.
  const staffSet = new Uint8Array(ds.authors.length)
  let anyStaff = false
  if (!view.includeStaff) {
    for (const a of view.staff ?? []) {
      const k = ds.authors.indexOf(a)
      if (k >= 0) {
        staffSet[k] = 1
        anyStaff = true
      }
    }
  }
  const themeMask = anyStaff ? p.themeMask.map((m, i) => (staffSet[ds.author[i]] ? 0 : m)) : p.themeMask
  const question = anyStaff ? p.question.map((q, i) => (staffSet[ds.author[i]] ? 0 : q)) : p.question

  let searchOk: Uint8Array | null = null
  if (hasSearch) {
    const key = JSON.stringify(search)
    if (p.memo.search?.q !== key) p.memo.search = { q: key, ok: searchMatches(ds, p.textBuffer, search) }
    searchOk = p.memo.search.ok
    yield
  }
  const fail = new Uint8Array(n)
  for (let start = 0; start < n; start += CHUNK) {
    yield
    for (let i = start, end = Math.min(n, start + CHUNK); i < end; i++) {
      let f = 0
      if (view.likes && !inRange(ds.likes[i], view.likes)) f |= D_LIKES
      if (view.replies && !inRange(ds.replies[i], view.replies)) f |= D_REPLIES
      if (hasDates) {
        const d = ds.day[i]
        if (d === NO_DAY || (fromDay !== null && d < fromDay) || (toDay !== null && d > toDay)) f |= D_DATES
      }
      if (hasThemes && (themeMask[i] & themeFilter) === 0) f |= D_THEMES
      if (hasLessons && !lessonSet[ds.lesson[i]]) f |= D_LESSONS
      if (hasAuthors && !authorSet[ds.author[i]]) f |= D_OTHER
      else if (view.questions && (!question[i] || (view.questions === 'open' && ds.replies[i] > 0))) f |= D_OTHER
      else if (searchOk && !searchOk[i]) f |= D_OTHER
      else if (newSince !== null && ds.batch[i] <= newSince) f |= D_OTHER
      fail[i] = f
    }
  }

  // One pass for every aggregate.
  const likesCounts = new Array<number>(LIKES_BUCKETS.length).fill(0)
  const repliesCounts = new Array<number>(REPLIES_BUCKETS.length).fill(0)
  const nThemes = Math.min(32, p.themes.length)
  const themeComments = new Array<number>(nThemes).fill(0)
  const themeLikes = new Array<number>(nThemes).fill(0)
  const themeAuthors = new Array<number>(nThemes).fill(0)
  const authorThemeSeen = new Uint32Array(ds.authors.length)
  const lessonAgg: LessonRow[] = ds.lessons.map((l, code) => ({
    code,
    title: l.title,
    comments: 0,
    likes: 0,
    openQuestions: 0,
    requests: 0,
    themeCounts: new Array<number>(Math.min(32, p.themes.length)).fill(0),
    topTheme: null,
  }))
  const seenAuthor = new Uint8Array(ds.authors.length)
  const k: Kpis = { comments: 0, likes: 0, replies: 0, authors: 0, withReplies: 0, questions: 0, openQuestions: 0, firstDay: NO_DAY, lastDay: NO_DAY }
  let first = Infinity
  let last = -Infinity
  let dateFirst = Infinity
  let dateLast = -Infinity
  let undated = 0
  const dateRows: number[] = []

  for (let start = 0; start < n; start += CHUNK) {
    yield
    for (let i = start, end = Math.min(n, start + CHUNK); i < end; i++) {
      const f = fail[i]
      if (f === 0) {
        const likes = ds.likes[i]
        const replies = ds.replies[i]
        k.comments++
        k.likes += likes
        k.replies += replies
        if (replies > 0) k.withReplies++
        if (question[i]) {
          k.questions++
          if (replies === 0) k.openQuestions++
        }
        const a = ds.author[i]
        if (!seenAuthor[a]) {
          seenAuthor[a] = 1
          k.authors++
        }
        const d = ds.day[i]
        if (d !== NO_DAY) {
          if (d < first) first = d
          if (d > last) last = d
        }
      }
      if (f === 0 || f === D_LIKES) likesCounts[bucketIndex(LIKES_TABLE, LIKES_BUCKETS.length - 1, ds.likes[i])]++
      if (f === 0 || f === D_REPLIES) repliesCounts[bucketIndex(REPLIES_TABLE, REPLIES_BUCKETS.length - 1, ds.replies[i])]++
      if (f === 0 || f === D_DATES) {
        const d = ds.day[i]
        if (d === NO_DAY) undated++
        else {
          dateRows.push(d)
          if (d < dateFirst) dateFirst = d
          if (d > dateLast) dateLast = d
        }
      }
      if (f === 0 || f === D_THEMES) {
        const m = themeMask[i]
        if (m) {
          const a = ds.author[i]
          for (let t = 0; t < nThemes; t++) {
            if (m & (1 << t)) {
              themeComments[t]++
              themeLikes[t] += ds.likes[i]
              if (!(authorThemeSeen[a] & (1 << t))) {
                authorThemeSeen[a] |= 1 << t
                themeAuthors[t]++
              }
            }
          }
        }
      }
      if (f === 0 || f === D_LESSONS) {
        const l = lessonAgg[ds.lesson[i]]
        l.comments++
        l.likes += ds.likes[i]
        if (question[i] && ds.replies[i] === 0) l.openQuestions++
        const m = themeMask[i]
        if (m) {
          l.requests++
          for (let t = 0; t < nThemes; t++) if (m & (1 << t)) l.themeCounts[t]++
        }
      }
    }
  }
  yield
  for (const l of lessonAgg) {
    let best = -1
    for (let t = 0; t < nThemes; t++) if (l.themeCounts[t] > 0 && (best < 0 || l.themeCounts[t] > l.themeCounts[best])) best = t
    l.topTheme = best >= 0 ? p.themes[best].def.id : null
  }
  if (first !== Infinity) {
    k.firstDay = first
    k.lastDay = last
  }

  yield
  // The list, and the top-liked comments, from precomputed orderings: no sort per query.
  const ord = p.orders[view.sort.key]
  const order = new Uint32Array(k.comments)
  let w = 0
  if (view.sort.dir === 'desc') {
    for (let j = 0; j < n; j++) if (fail[ord[j]] === 0) order[w++] = ord[j]
  } else {
    for (let j = n - 1; j >= 0; j--) if (fail[ord[j]] === 0) order[w++] = ord[j]
  }
  const top: number[] = []
  for (let j = 0; j < n && top.length < TOP_LIKED; j++) {
    const i = p.orders.likes[j]
    if (fail[i] === 0) top.push(i)
  }
  const points: [number, number, number][] = []
  const step = Math.max(1, Math.ceil(k.comments / MAX_POINTS))
  for (let j = 0; j < order.length; j += step) {
    const i = order[j]
    points.push([ds.likes[i], ds.replies[i], i])
  }

  yield
  const dates = datesAggregate(dateRows, dateFirst, dateLast, undated)
  const trend = themeTrend(dates, nThemes, (fn) => {
    for (let i = 0; i < n; i++) {
      const f = fail[i]
      if ((f === 0 || f === D_THEMES) && themeMask[i] && ds.day[i] !== NO_DAY) fn(ds.day[i], themeMask[i])
    }
  })

  return {
    kpis: k,
    trend,
    likes: { ...trimTop(LIKES_BUCKETS.map((b) => b.label), likesCounts, 5), top },
    replies: { labels: REPLIES_BUCKETS.map((b) => b.label), counts: repliesCounts, points },
    dates,
    requests: p.themes.slice(0, nThemes).map((t, index) => ({
      id: t.def.id,
      index,
      comments: themeComments[index],
      authors: themeAuthors[index],
      likes: themeLikes[index],
    })),
    lessons: lessonAgg,
    order,
  }
}

/** Empty buckets at the top end are dropped (but never below `keep` buckets). */
function trimTop(labels: string[], counts: number[], keep: number): BucketAggregate {
  let end = counts.length
  while (end > keep && counts[end - 1] === 0) end--
  return { labels: labels.slice(0, end), counts: counts.slice(0, end) }
}

function datesAggregate(days: number[], first: number, last: number, undated: number): DatesAggregate {
  if (days.length === 0) return { granularity: 'month', periods: [], undated }
  const g = chooseGranularity(first, last)
  const starts: number[] = []
  for (let s = periodStart(first, g); s <= last; s = nextPeriod(s, g)) starts.push(s)
  const counts = new Array<number>(starts.length).fill(0)
  const base = starts[0]
  for (const d of days) {
    // Binary search is only needed for months; days and weeks index directly.
    let idx: number
    if (g === 'day') idx = d - base
    else if (g === 'week') idx = Math.floor((d - base) / 7)
    else {
      let lo = 0
      let hi = starts.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (starts[mid] <= d) lo = mid
        else hi = mid - 1
      }
      idx = lo
    }
    counts[idx]++
  }
  let cum = 0
  const periods = starts.map((s, i) => {
    cum += counts[i]
    return { label: periodLabel(s, g), start: s, end: periodEnd(s, g), count: counts[i], cumulative: cum }
  })
  return { granularity: g, periods, undated }
}

function themeTrend(dates: DatesAggregate, nThemes: number, each: (fn: (day: number, mask: number) => void) => void): QueryResult['trend'] {
  const ps = dates.periods
  const counts = Array.from({ length: nThemes }, () => new Array<number>(ps.length).fill(0))
  if (ps.length === 0 || nThemes === 0) return { labels: [], counts }
  each((day, mask) => {
    if (day < ps[0].start || day > ps[ps.length - 1].end) return
    let lo = 0
    let hi = ps.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (ps[mid].start <= day) lo = mid
      else hi = mid - 1
    }
    for (let t = 0; t < nThemes; t++) if (mask & (1 << t)) counts[t][lo]++
  })
  return { labels: ps.map((p) => p.label), counts }
}

/** The engine in one go (tests, benchmarks, small datasets). */
export function runQuery(p: PreparedDataset, view: QueryView): QueryResult {
  const it = querySlices(p, view)
  for (;;) {
    const r = it.next()
    if (r.done) return r.value
  }
}

/**
 * The engine as the app runs it: slices run back to back until `budgetMs` has passed, then the
 * page gets a turn (`pause`) before the next; only big datasets ever pause.
 */
export async function query(p: PreparedDataset, view: QueryView, pause?: () => Promise<void>, budgetMs = 40): Promise<QueryResult> {
  const it = querySlices(p, view)
  let since = performance.now()
  for (;;) {
    const r = it.next()
    if (r.done) return r.value
    if (pause && performance.now() - since > budgetMs) {
      await pause()
      since = performance.now()
    }
  }
}
