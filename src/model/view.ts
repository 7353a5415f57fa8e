/**
 * The query view: what a view asks of the comments (filters, sort) — one home for its types, read
 * by the URL codec (url/viewState.ts extends it with selection, dataset and language), the query
 * engine and the chart builders.
 */

export type SortKey = 'likes' | 'replies' | 'date' | 'length'
export type SortDir = 'asc' | 'desc'
export const SORT_KEYS: readonly SortKey[] = ['likes', 'replies', 'date', 'length']

/** Inclusive integer range, values ≥ 0; at least one bound is set and min ≤ max when both are. */
export interface NumRange {
  min: number | null
  max: number | null
}

/** 'all': questions only; 'open': questions without a reply. */
export type QuestionsFilter = 'all' | 'open'

/** The part of the view state the engine reads (the URL's ViewState satisfies it). */
export interface QueryView {
  /** Search text as typed ('' = none); `"a phrase"` and `-word` are part of it, parsed elsewhere. */
  q: string
  /** `YYYY-MM-DD`, inclusive; from ≤ to when both are set. */
  from: string | null
  to: string | null
  likes: NumRange | null
  replies: NumRange | null
  /** Request theme ids (`[a-z0-9_-]{1,40}`), order kept, no duplicates. */
  themes: string[]
  /** Exact author names, order kept, no duplicates. */
  authors: string[]
  /** Lesson titles, order kept, no duplicates. */
  lessons: string[]
  /** Course titles (a dataset of several courses); absent or empty: every course. */
  courses?: string[]
  questions: QuestionsFilter | null
  /** Only comments first seen after import batch N. */
  new?: number | null
  /** Authors marked as staff (course author, editors): left out of request and question counts. */
  staff?: string[]
  /** Count staff comments in requests and questions after all. */
  includeStaff?: boolean
  sort: { key: SortKey; dir: SortDir }
}

/** A query view with no filter, most-liked first (the URL's default view starts from it); `over` sets what differs. */
export function unfilteredView(over: Partial<QueryView> = {}): QueryView {
  return {
    q: '',
    from: null,
    to: null,
    likes: null,
    replies: null,
    themes: [],
    authors: [],
    lessons: [],
    questions: null,
    sort: { key: 'likes', dir: 'desc' },
    ...over,
  }
}

/**
 * A lesson or course title as filters compare it: whitespace runs as one space, trimmed (a title
 * typed into a link, or written by another export, matches the one in the data).
 */
export const normalizeTitle = (s: string) => s.replace(/\s+/g, ' ').trim()
