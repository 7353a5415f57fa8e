import { DatasetBuilder, type DatasetColumns } from '@/model/dataset'
import { dayFromYmd } from '@/model/dates'
import type { LoadedDataset } from '@/stores/dataset'

/** A comment of a hand-made dataset: author, lesson, likes, replies, day of March 2021, text. */
export type Row = [author: string, lesson: string, likes: number, replies: number, day: number, text: string]

export function columnsOf(rows: Row[]): DatasetColumns {
  const b = new DatasetBuilder()
  for (const [author, lesson, likes, replies, day, text] of rows)
    b.add({ author, avatar: '', likes, replies, day: dayFromYmd(2021, 3, day), time: -1, text, reply: '', lesson }, `${lesson}.md`, lesson)
  return b.finish()
}

export const loaded = (key: string, rows: Row[]): LoadedDataset => ({ key, name: key, columns: columnsOf(rows), report: null, loadedAt: 0 })
