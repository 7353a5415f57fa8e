/**
 * The per-row indexes computed in one thread: the import worker's last step (with the masks and
 * question flags it computed on two cores), and tests and benchmarks that need a prepared dataset.
 * Never on the page: a million comments' matching is seconds of work (see indexesInWorker.ts).
 */
import type { DatasetColumns } from '@/model/dataset'
import { type CompiledTheme, themeMasks } from '@/insight/themes'
import { isQuestion } from '@/insight/questions'
import { prepareDataset, sortOrders, type DatasetIndexes, type PreparedDataset } from './prepare'

/**
 * Orderings, theme masks and question flags (unless given: the import computes those two on two
 * cores). Run in the import worker (and by tests and benchmarks), never on the page.
 */
export function computeIndexes(ds: DatasetColumns, themes: CompiledTheme[], masks?: Uint32Array, questions?: Uint8Array): DatasetIndexes {
  const n = ds.n
  const length = new Uint32Array(n)
  const given = questions && questions.length === n
  const question = given ? questions : new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const text = ds.text.get(i)
    length[i] = text.length
    if (!given) question[i] = isQuestion(text) ? 1 : 0
  }
  return {
    orders: sortOrders(ds, length),
    themeMask: masks && masks.length === ds.n ? masks : themeMasks(ds.text.toArray(), themes),
    question,
    length,
  }
}

/** A dataset prepared with indexes computed here (tests, benchmarks). */
export function prepareComputed(ds: DatasetColumns, themes: CompiledTheme[]): PreparedDataset {
  return prepareDataset(ds, themes, computeIndexes(ds, themes))
}
