/**
 * The view state: everything that the URL query string carries (filters, sort, selection,
 * dataset, language). Plain data, no Vue: the URL codec (./codec.ts) maps it to and from the
 * query string, and stores/composables hold it.
 */

import { unfilteredView, type NumRange, type QueryView } from '@/model/view'

export type Lang = 'zh-CN' | 'en'
/** Whether comments by the course staff count (they are left out unless asked for). */
export type StaffMode = 'exclude' | 'include'
/** What the ranking panel ranks by. */
export type RankBy = 'comments' | 'authors' | 'likes'
/** What the lessons chart measures, and in which order it lists lessons. */
export type LessonMeasure = 'comments' | 'likes' | 'openQuestions' | 'requests'
export type LessonOrder = 'course' | 'measure'

/**
 * The view state: the query view's filters and sort (model/view.ts, their one home) with the URL's
 * own forms of courses, `new` and staff, plus what only the address carries.
 */
export interface ViewState extends Omit<QueryView, 'courses' | 'new' | 'staff' | 'includeStaff'> {
  /** Course titles (a dataset of several courses), order kept, no duplicates. */
  courses: string[]
  staff: StaffMode
  /** Comments new since import batch N (`new=N`): first seen in a later import of the same dataset. */
  new: number | null
  /** The dataset's source file names, so a recipient without the dataset is told what to upload. */
  dsf: string | null
  /** Custom request-theme definitions, opaque here (parsed by the themes module), ≤ 4,000 chars. */
  tdef: string | null
  rank: RankBy
  /** null: chosen from the data (see defaultLessonMeasure). */
  lmeasure: LessonMeasure | null
  /** The courses chart's measure: a count, or `theme:<id>` (per 100 comments); null: comments. */
  cmeasure: string | null
  lorder: LessonOrder
  /** Selected comment id (`[0-9a-z-]{1,40}`). */
  c: string | null
  /** Dataset: 'sample' (built-in) or the fingerprint of an imported one (`[0-9a-f]{8,64}`). */
  ds: string
  /** null: follow the stored preference / browser language. */
  lang: Lang | null
}

export function defaultView(): ViewState {
  return {
    ...unfilteredView(),
    courses: [],
    staff: 'exclude',
    new: null,
    dsf: null,
    tdef: null,
    rank: 'comments',
    lmeasure: null,
    cmeasure: null,
    lorder: 'course',
    c: null,
    ds: 'sample',
    lang: null,
  }
}

/**
 * True when no filter narrows the comments. Sort, selection, dataset and language are not
 * filters; neither are `tdef` (it defines themes, it does not pick any) nor `rank` (a display
 * choice). `staff=include` is one: it changes which comments count. A whitespace-only search
 * matches everything, so it is no filter either.
 */
export function isDefaultFilters(v: ViewState): boolean {
  return (
    v.q.trim() === '' &&
    v.from === null &&
    v.to === null &&
    v.likes === null &&
    v.replies === null &&
    v.themes.length === 0 &&
    v.authors.length === 0 &&
    v.lessons.length === 0 &&
    v.courses.length === 0 &&
    v.questions === null &&
    v.staff === 'exclude' &&
    v.new === null
  )
}

const rangesEqual = (a: NumRange | null, b: NumRange | null) => a === b || (a !== null && b !== null && a.min === b.min && a.max === b.max)

const listsEqual = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Field-by-field equality. List order counts, as it does in the URL: for valid views,
 * viewsEqual(a, b) exactly when encodeView(a) === encodeView(b).
 */
export function viewsEqual(a: ViewState, b: ViewState): boolean {
  return (
    a.q === b.q &&
    a.from === b.from &&
    a.to === b.to &&
    rangesEqual(a.likes, b.likes) &&
    rangesEqual(a.replies, b.replies) &&
    listsEqual(a.themes, b.themes) &&
    listsEqual(a.authors, b.authors) &&
    listsEqual(a.lessons, b.lessons) &&
    listsEqual(a.courses, b.courses) &&
    a.questions === b.questions &&
    a.staff === b.staff &&
    a.new === b.new &&
    a.dsf === b.dsf &&
    a.tdef === b.tdef &&
    a.rank === b.rank &&
    a.lmeasure === b.lmeasure &&
    a.cmeasure === b.cmeasure &&
    a.lorder === b.lorder &&
    a.sort.key === b.sort.key &&
    a.sort.dir === b.sort.dir &&
    a.c === b.c &&
    a.ds === b.ds &&
    a.lang === b.lang
  )
}
