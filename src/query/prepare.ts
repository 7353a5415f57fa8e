/**
 * Per-dataset precomputation, done once when a dataset (or the theme set) changes, so that a
 * query never sorts and never re-derives anything per row: one ordering per sort key, the
 * lower-cased search haystacks, theme masks and question flags.
 */
import type { DatasetColumns } from '@/model/dataset'
import { NO_DAY } from '@/model/dates'
import { type CompiledTheme, themeMasks } from '@/insight/themes'
import { isQuestion } from '@/insight/questions'

export type SortKey = 'likes' | 'replies' | 'date' | 'length'

export interface PreparedDataset {
  ds: DatasetColumns
  /** Row indices sorted descending by each key (ties: newer first, then file order). */
  orders: Record<SortKey, Uint32Array>
  /** `text \u0001 author \u0001 lesson`, lower-cased. */
  haystack: string[]
  themes: CompiledTheme[]
  themeMask: Uint32Array
  question: Uint8Array
  length: Uint32Array
}

function orderBy(n: number, key: (i: number) => number, day: Int32Array): Uint32Array {
  const idx = new Uint32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  // Typed-array sort with a comparator: stable, and done once per dataset, not per query.
  return idx.sort((a, b) => key(b) - key(a) || day[b] - day[a] || a - b)
}

export function prepareDataset(ds: DatasetColumns, themes: CompiledTheme[]): PreparedDataset {
  const n = ds.n
  const length = new Uint32Array(n)
  const haystack = new Array<string>(n)
  const question = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const text = ds.text[i]
    length[i] = text.length
    haystack[i] = `${text}\u0001${ds.authors[ds.author[i]]}\u0001${ds.lessons[ds.lesson[i]].title}`.toLowerCase()
    question[i] = isQuestion(text) ? 1 : 0
  }
  const day = ds.day
  const dateKey = (i: number) => (day[i] === NO_DAY ? -Infinity : day[i] * 86400 + Math.max(0, ds.time[i]))
  return {
    ds,
    orders: {
      likes: orderBy(n, (i) => ds.likes[i], day),
      replies: orderBy(n, (i) => ds.replies[i], day),
      date: orderBy(n, dateKey, day),
      length: orderBy(n, (i) => length[i], day),
    },
    haystack,
    themes,
    themeMask: themeMasks(ds.text, themes),
    question,
    length,
  }
}
