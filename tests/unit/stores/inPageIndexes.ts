/**
 * The indexes workers' work done in place, for store tests (happy-dom has no workers): the same
 * function the worker runs (query/indexesRun.ts) on the dataset's texts. Used with
 * `vi.mock('@/query/indexesInWorker', () => import('./inPageIndexes'))`.
 */
import type { DatasetColumns } from '@/model/dataset'
import { packedLengths } from '@/query/prepare'
import { runIndexes } from '@/query/indexesRun'
import type { ComputedIndexes, IndexesNeed } from '@/query/indexesInWorker'

export const SUPERSEDED = new Error('indexes superseded')
export function cancelIndexes(): void {}

export async function indexesInWorkers(ds: DatasetColumns, need: IndexesNeed): Promise<ComputedIndexes> {
  await Promise.resolve()
  const length = packedLengths(ds.text.packed())
  const orders = need.orders ? { n: ds.n, likes: ds.likes, replies: ds.replies, day: ds.day, time: ds.time, length } : null
  const out = runIndexes(ds.text.toArray(), { themes: need.themes, cues: need.cues, reference: need.reference ?? [], question: need.question, orders })
  return { ...out, length }
}
