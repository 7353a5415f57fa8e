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
import { chooseGranularity, nextPeriod, periodCount, periodLabel, periodStart, periodEnd, type Granularity } from './periods'
import type { DaySlots, PreparedDataset } from './prepare'
import { normalizeTitle, type NumRange, type QueryView } from '@/model/view'
import { isEmptySearch, parseSearch } from './search'
import { searchMatches } from './textSearch'
import { narrows, sameFilters } from './narrowing'

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
  /** Code of the lesson's course (see QueryResult.courses). */
  course: number
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

export interface CourseRow {
  code: number
  /** The course title; '' for lessons that name none (the dataset's own course). */
  title: string
  category: string
  comments: number
  likes: number
  replies: number
  /** Distinct authors. */
  authors: number
  openQuestions: number
  /** Comments asking for at least one theme. */
  requests: number
  /** Comments per theme (by theme index). */
  themeCounts: number[]
}

export interface QueryResult {
  kpis: Kpis
  likes: BucketAggregate & { top: number[] }
  replies: BucketAggregate & { points: [likes: number, replies: number, row: number][] }
  dates: DatesAggregate
  requests: ThemeRow[]
  lessons: LessonRow[]
  /** Per course, in order of first appearance (one row when the dataset holds one course). */
  courses: CourseRow[]
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
const D_COURSES = 64

const TOP_LIKED = 10
const MAX_POINTS = 2000
const LIKES_TABLE = bucketTable(LIKES_BUCKETS)
const REPLIES_TABLE = bucketTable(REPLIES_BUCKETS)

function inRange(v: number, r: NumRange): boolean {
  return (r.min === null || v >= r.min) && (r.max === null || v <= r.max)
}

function bucketIndex(table: Uint8Array, last: number, v: number): number {
  return v < table.length ? table[v] : last
}

/** The previous query of a prepared dataset, kept so that the next may start from it. */
export interface LastQuery {
  n: number
  view: QueryView
  /** Per row, the filter dimensions it fails (bits D_*). */
  fail: Uint8Array
  /** Rows failing at most one dimension: the only ones a narrower view must look at again. */
  live: Uint32Array
  result: QueryResult
}

/**
 * Rows per slice: the engine yields between slices so that `query()` can give the page a turn
 * on a big dataset (a million rows would otherwise be one task of a few hundred ms).
 */
const CHUNK = 1 << 14

/** The engine as slices of work (a generator that yields between slices and returns the result). */
/**
 * The engine in slices: each `yield` is a point where the page may take a turn. One yield carries a
 * value: the view's KPIs, known after the first pass, before the charts' aggregates (typing lands the
 * counts first; see `query`'s onKpis).
 */
export function* querySlices(p: PreparedDataset, view: QueryView): Generator<Kpis | undefined, QueryResult, void> {
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
  const { courseOf, courses } = courseIndex(p)
  const courseSet = new Uint8Array(courses.length)
  const wantedCourses = new Set((view.courses ?? []).map(normalizeTitle))
  courses.forEach((c, k) => {
    if (wantedCourses.has(normalizeTitle(c.title))) courseSet[k] = 1
  })
  const hasCourses = wantedCourses.size > 0
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
  let themeMask = p.themeMask
  let question = p.question
  if (anyStaff) {
    const key = JSON.stringify(view.staff)
    if (p.memo.staff?.key !== key) {
      p.memo.staff = {
        key,
        themeMask: p.themeMask.map((m, i) => (staffSet[ds.author[i]] ? 0 : m)),
        question: p.question.map((q, i) => (staffSet[ds.author[i]] ? 0 : q)),
      }
    }
    themeMask = p.memo.staff.themeMask
    question = p.memo.staff.question
  }

  let searchOk: Uint8Array | null = null
  if (hasSearch) {
    const key = JSON.stringify(search)
    if (p.memo.search?.q !== key) p.memo.search = { q: key, ok: searchMatches(ds, p.search, search) }
    searchOk = p.memo.search.ok
    yield
  }
  // Start from the previous query when this view only narrows it (see narrowing.ts): only the
  // rows that failed at most one dimension then can feed anything now.
  const prev = p.memo.last?.n === n ? p.memo.last : undefined
  if (prev && sameFilters(prev.view, view)) return listOnly(p, view, prev)
  // (When every row was live, the plain loop beats going through the list.)
  const rows = prev && prev.live.length < n && narrows(prev.view, view) ? prev.live : null
  const fail = rows && prev ? prev.fail.slice() : new Uint8Array(n)
  const count = rows ? rows.length : n
  // The KPIs come out of this first pass (rows failing no filter), so they can land before the rest.
  const { likes: likesCol, replies: repliesCol, day: dayCol, author: authorCol, lesson: lessonCol } = ds
  const seenAuthor = new Uint8Array(ds.authors.length)
  let comments = 0
  let likesSum = 0
  let repliesSum = 0
  let withReplies = 0
  let questions = 0
  let openQuestions = 0
  let authors = 0
  let first = Infinity
  let last = -Infinity
  for (let start = 0; start < count; start += CHUNK) {
    yield
    for (let j = start, end = Math.min(count, start + CHUNK); j < end; j++) {
      const i = rows ? rows[j] : j
      let f = 0
      if (view.likes && !inRange(ds.likes[i], view.likes)) f |= D_LIKES
      if (view.replies && !inRange(ds.replies[i], view.replies)) f |= D_REPLIES
      if (hasDates) {
        const d = ds.day[i]
        if (d === NO_DAY || (fromDay !== null && d < fromDay) || (toDay !== null && d > toDay)) f |= D_DATES
      }
      if (hasThemes && (themeMask[i] & themeFilter) === 0) f |= D_THEMES
      if (hasLessons && !lessonSet[ds.lesson[i]]) f |= D_LESSONS
      if (hasCourses && !courseSet[courseOf[ds.lesson[i]]]) f |= D_COURSES
      if (hasAuthors && !authorSet[ds.author[i]]) f |= D_OTHER
      else if (view.questions && (!question[i] || (view.questions === 'open' && ds.replies[i] > 0))) f |= D_OTHER
      else if (searchOk && !searchOk[i]) f |= D_OTHER
      else if (newSince !== null && ds.batch[i] <= newSince) f |= D_OTHER
      fail[i] = f
      if (f === 0) {
        comments++
        const replies = repliesCol[i]
        likesSum += likesCol[i]
        repliesSum += replies
        if (replies > 0) withReplies++
        if (question[i]) {
          questions++
          if (replies === 0) openQuestions++
        }
        const a = authorCol[i]
        if (!seenAuthor[a]) {
          seenAuthor[a] = 1
          authors++
        }
        const d = dayCol[i]
        if (d !== NO_DAY) {
          if (d < first) first = d
          if (d > last) last = d
        }
      }
    }
  }
  const k: Kpis = { comments, likes: likesSum, replies: repliesSum, authors, withReplies, questions, openQuestions, firstDay: NO_DAY, lastDay: NO_DAY }
  if (first !== Infinity) {
    k.firstDay = first
    k.lastDay = last
  }
  yield k

  // One pass for every aggregate, into local counters and typed arrays (no objects per row).
  const nThemes = Math.min(32, p.themes.length)
  const nLessons = ds.lessons.length
  const likesCounts = new Uint32Array(LIKES_BUCKETS.length)
  const repliesCounts = new Uint32Array(REPLIES_BUCKETS.length)
  const themeComments = new Uint32Array(nThemes)
  const themeLikes = new Float64Array(nThemes)
  const themeAuthors = new Uint32Array(nThemes)
  const authorThemeSeen = new Uint32Array(ds.authors.length)
  const lessonComments = new Uint32Array(nLessons)
  const lessonLikes = new Float64Array(nLessons)
  const lessonOpen = new Uint32Array(nLessons)
  const lessonRequests = new Uint32Array(nLessons)
  const lessonThemes = new Uint32Array(nLessons * nThemes)
  const nCourses = courses.length
  const courseComments = new Uint32Array(nCourses)
  const courseLikes = new Float64Array(nCourses)
  const courseReplies = new Float64Array(nCourses)
  const courseOpen = new Uint32Array(nCourses)
  const courseRequests = new Uint32Array(nCourses)
  const courseThemes = new Uint32Array(nCourses * nThemes)
  const courseAuthors = new Uint32Array(nCourses)
  // Distinct authors per course: (course, author) pairs seen, only when there are several courses.
  const courseAuthorSeen = nCourses > 1 ? new Set<number>() : null
  const oneCourseAuthor = new Uint8Array(courseAuthorSeen ? 0 : ds.authors.length)
  const nAuthors = ds.authors.length
  // Dates are counted per day (the dataset's day span), then binned into periods: no per-row list.
  const days = p.days
  const { min: minDay, span, rank: dayRank } = days
  const dayCounts = new Uint32Array(span)
  const themeDays = new Uint32Array(span * nThemes)
  let undated = 0
  const LAST_LIKES = LIKES_BUCKETS.length - 1
  const LAST_REPLIES = REPLIES_BUCKETS.length - 1

  const live = new Uint32Array(count)
  let nLive = 0
  for (let start = 0; start < count; start += CHUNK) {
    yield
    for (let j = start, end = Math.min(count, start + CHUNK); j < end; j++) {
      const i = rows ? rows[j] : j
      const f = fail[i]
      if (f !== 0 && (f & (f - 1)) !== 0) continue // fails two dimensions: feeds no chart
      live[nLive++] = i
      const likes = likesCol[i]
      const replies = repliesCol[i]
      const d = dayCol[i]
      const m = themeMask[i]
      if (f === 0 || f === D_LIKES) likesCounts[bucketIndex(LIKES_TABLE, LAST_LIKES, likes)]++
      if (f === 0 || f === D_REPLIES) repliesCounts[bucketIndex(REPLIES_TABLE, LAST_REPLIES, replies)]++
      const slot = d === NO_DAY ? -1 : dayRank ? dayRank[i] : d - minDay
      if (f === 0 || f === D_DATES) {
        if (slot < 0) undated++
        else dayCounts[slot]++
      }
      if (m !== 0 && (f === 0 || f === D_THEMES)) {
        const a = authorCol[i]
        const dayAt = slot < 0 ? -1 : slot * nThemes
        // Each set bit of the mask is one theme.
        for (let bits = m; bits !== 0; bits &= bits - 1) {
          const t = 31 - Math.clz32(bits & -bits)
          if (t >= nThemes) break
          themeComments[t]++
          themeLikes[t] += likes
          if (!(authorThemeSeen[a] & (1 << t))) {
            authorThemeSeen[a] |= 1 << t
            themeAuthors[t]++
          }
          if (dayAt >= 0) themeDays[dayAt + t]++
        }
      }
      if (f === 0 || f === D_COURSES) {
        const c = courseOf[lessonCol[i]]
        courseComments[c]++
        courseLikes[c] += likes
        courseReplies[c] += replies
        if (replies === 0 && question[i]) courseOpen[c]++
        if (courseAuthorSeen) {
          const key = c * nAuthors + authorCol[i]
          if (!courseAuthorSeen.has(key)) {
            courseAuthorSeen.add(key)
            courseAuthors[c]++
          }
        } else if (!oneCourseAuthor[authorCol[i]]) {
          oneCourseAuthor[authorCol[i]] = 1
          courseAuthors[c]++
        }
        if (m !== 0) {
          courseRequests[c]++
          for (let bits = m; bits !== 0; bits &= bits - 1) {
            const t = 31 - Math.clz32(bits & -bits)
            if (t >= nThemes) break
            courseThemes[c * nThemes + t]++
          }
        }
      }
      if (f === 0 || f === D_LESSONS) {
        const l = lessonCol[i]
        lessonComments[l]++
        lessonLikes[l] += likes
        if (replies === 0 && question[i]) lessonOpen[l]++
        if (m !== 0) {
          lessonRequests[l]++
          for (let bits = m; bits !== 0; bits &= bits - 1) {
            const t = 31 - Math.clz32(bits & -bits)
            if (t >= nThemes) break
            lessonThemes[l * nThemes + t]++
          }
        }
      }
    }
  }
  yield
  const lessonAgg: LessonRow[] = ds.lessons.map((l, code) => {
    const themeCounts = Array.from(lessonThemes.subarray(code * nThemes, (code + 1) * nThemes))
    let best = -1
    for (let t = 0; t < nThemes; t++) if (themeCounts[t] > 0 && (best < 0 || themeCounts[t] > themeCounts[best])) best = t
    return {
      code,
      title: l.title,
      course: courseOf[code],
      comments: lessonComments[code],
      likes: lessonLikes[code],
      openQuestions: lessonOpen[code],
      requests: lessonRequests[code],
      themeCounts,
      topTheme: best >= 0 ? p.themes[best].def.id : null,
    }
  })

  yield
  const order = listOrder(p, view, fail, comments)
  const top: number[] = []
  for (let j = 0; j < n && top.length < TOP_LIKED; j++) {
    const i = p.orders.likes[j]
    if (fail[i] === 0) top.push(i)
  }
  const points = scatterPoints(p, order)

  const dates = datesAggregate(dayCounts, days, undated)
  const trend = themeTrend(dates, nThemes, themeDays, days)

  const result: QueryResult = {
    kpis: k,
    trend,
    likes: {
      ...trimTop(
        LIKES_BUCKETS.map((b) => b.label),
        Array.from(likesCounts),
        5,
      ),
      top,
    },
    replies: { labels: REPLIES_BUCKETS.map((b) => b.label), counts: Array.from(repliesCounts), points },
    dates,
    requests: p.themes.slice(0, nThemes).map((t, index) => ({
      id: t.def.id,
      index,
      comments: themeComments[index],
      authors: themeAuthors[index],
      likes: themeLikes[index],
    })),
    lessons: lessonAgg,
    courses: courses.map((c, code) => ({
      code,
      title: c.title,
      category: c.category,
      comments: courseComments[code],
      likes: courseLikes[code],
      replies: courseReplies[code],
      authors: courseAuthors[code],
      openQuestions: courseOpen[code],
      requests: courseRequests[code],
      themeCounts: Array.from(courseThemes.subarray(code * nThemes, (code + 1) * nThemes)),
    })),
    order,
  }
  p.memo.last = { n, view, fail, live: live.slice(0, nLive), result }
  return result
}

/** The list, from the precomputed ordering of the sort key: no sort per query. */
function listOrder(p: PreparedDataset, view: QueryView, fail: Uint8Array, comments: number): Uint32Array {
  const n = p.ds.n
  const ord = p.orders[view.sort.key]
  // Nothing filtered out: the ordering itself (or reversed) is the list.
  if (comments === n) return view.sort.dir === 'desc' ? ord.slice() : ord.slice().reverse()
  const order = new Uint32Array(comments)
  let w = 0
  if (view.sort.dir === 'desc') {
    for (let j = 0; j < n; j++) if (fail[ord[j]] === 0) order[w++] = ord[j]
  } else {
    for (let j = n - 1; j >= 0; j--) if (fail[ord[j]] === 0) order[w++] = ord[j]
  }
  return order
}

/** Likes against replies for the scatter, at most MAX_POINTS of them, evenly through the list. */
function scatterPoints(p: PreparedDataset, order: Uint32Array): [number, number, number][] {
  const points: [number, number, number][] = []
  const step = Math.max(1, Math.ceil(order.length / MAX_POINTS))
  for (let j = 0; j < order.length; j += step) {
    const i = order[j]
    points.push([p.ds.likes[i], p.ds.replies[i], i])
  }
  return points
}

/** Same filters, another sort: the aggregates stand, only the list (and the scatter's sample) change. */
function listOnly(p: PreparedDataset, view: QueryView, prev: LastQuery): QueryResult {
  const order = listOrder(p, view, prev.fail, prev.result.kpis.comments)
  const result = { ...prev.result, order, replies: { ...prev.result.replies, points: scatterPoints(p, order) } }
  p.memo.last = { ...prev, view, result }
  return result
}

/** Empty buckets at the top end are dropped (but never below `keep` buckets). */
function trimTop(labels: string[], counts: number[], keep: number): BucketAggregate {
  let end = counts.length
  while (end > keep && counts[end - 1] === 0) end--
  return { labels: labels.slice(0, end), counts: counts.slice(0, end) }
}

/** The most periods the dates chart is given with the empty ones (231 years of months is 2,772). */
export const MAX_PERIODS = 3000

/** Per-slot day counts (see DaySlots) binned into the periods the span calls for. */
function datesAggregate(dayCounts: Uint32Array, days: DaySlots, undated: number): DatesAggregate {
  const dayOf = (x: number) => (days.values ? days.values[x] : days.min + x)
  let lo = 0
  let hi = dayCounts.length - 1
  while (lo <= hi && dayCounts[lo] === 0) lo++
  while (hi >= lo && dayCounts[hi] === 0) hi--
  if (lo > hi) return { granularity: 'month', periods: [], undated }
  const first = dayOf(lo)
  const last = dayOf(hi)
  const g = chooseGranularity(first, last)
  // Every period of the span, empty ones included, unless there would be more than MAX_PERIODS
  // (dates far apart, which the importers' date range rules out): then only periods with
  // comments, so the work follows the comments, never the span.
  const sparse = periodCount(first, last, g) > MAX_PERIODS
  const periods: PeriodRow[] = []
  let cum = 0
  let x = lo
  for (let s = periodStart(first, g); s <= last;) {
    const e = periodEnd(s, g)
    let count = 0
    // Slots are in day order: walk them once across all periods.
    for (; x <= hi && dayOf(x) <= e; x++) count += dayCounts[x]
    cum += count
    if (count > 0 || !sparse) periods.push({ label: periodLabel(s, g), start: s, end: e, count, cumulative: cum })
    if (sparse) {
      while (x <= hi && dayCounts[x] === 0) x++
      if (x > hi) break
      s = periodStart(dayOf(x), g)
    } else s = nextPeriod(s, g)
  }
  return { granularity: g, periods, undated }
}

/** Per-theme slot counts (index = slot × nThemes + theme) binned into the dates chart's periods. */
function themeTrend(dates: DatesAggregate, nThemes: number, themeDays: Uint32Array, days: DaySlots): QueryResult['trend'] {
  const ps = dates.periods
  const counts = Array.from({ length: nThemes }, () => new Array<number>(ps.length).fill(0))
  if (ps.length === 0 || nThemes === 0) return { labels: [], counts }
  const dayOf = (x: number) => (days.values ? days.values[x] : days.min + x)
  let k = 0
  for (let x = 0; x < days.span; x++) {
    const d = dayOf(x)
    if (d < ps[0].start) continue
    while (k < ps.length && d > ps[k].end) k++
    if (k === ps.length) break
    if (d < ps[k].start) continue // between the periods of a sparse span (see datesAggregate)
    for (let t = 0; t < nThemes; t++) counts[t][k] += themeDays[x * nThemes + t]
  }
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
export async function query(p: PreparedDataset, view: QueryView, pause?: () => Promise<void>, budgetMs = 30, onKpis?: (k: Kpis) => void): Promise<QueryResult> {
  const it = querySlices(p, view)
  let since = performance.now()
  for (;;) {
    const r = it.next()
    if (r.done) return r.value
    // The counts are known: hand them over and let the page show them before the rest is counted.
    const landKpis = r.value !== undefined && onKpis !== undefined
    if (landKpis) onKpis(r.value!)
    if (pause && (landKpis || performance.now() - since > budgetMs)) {
      await pause()
      since = performance.now()
    }
  }
}

/** The courses of a dataset in order of first appearance, and each lesson's course code. */
export interface CourseIndex {
  courseOf: Uint32Array
  courses: { title: string; category: string }[]
}

export function courseIndex(p: PreparedDataset): CourseIndex {
  if (p.memo.courses) return p.memo.courses
  const lessons = p.ds.lessons
  const courseOf = new Uint32Array(lessons.length)
  const courses: CourseIndex['courses'] = []
  const codes = new Map<string, number>()
  lessons.forEach((l, k) => {
    const title = l.course ?? ''
    let c = codes.get(title)
    if (c === undefined) {
      c = courses.length
      codes.set(title, c)
      courses.push({ title, category: l.category ?? '' })
    }
    courseOf[k] = c
  })
  if (courses.length === 0) courses.push({ title: '', category: '' })
  p.memo.courses = { courseOf, courses }
  return p.memo.courses
}
