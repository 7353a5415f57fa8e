/**
 * What an indexes worker computes for its run of rows (see indexes.worker.ts), as a plain function:
 * the worker calls it on the texts it was sent, and unit tests of the stores call it in place of
 * the workers (a test environment has none).
 */
import { compileTheme, MATCH_LIMIT, themeMasks, type ThemeDef } from '@/insight/themes'
import { questionFlags } from '@/insight/questions'
import { sortOrders, type OrderColumns } from './prepare'
import type { SortKey } from '@/model/view'

export interface IndexesRun {
  /** Themes to match (every one on), or null: no masks wanted. */
  themes: ThemeDef[] | null
  cues: string[]
  /** The default themes: matching stops past REFERENCE_RATIO times their time on the same rows (MatchLimit). */
  reference: ThemeDef[]
  question: boolean
  /** The whole dataset's numeric columns and text lengths: compute the orderings. */
  orders: (OrderColumns & { length: Uint32Array }) | null
}

export interface IndexesRunResult {
  masks: Uint32Array | null
  question: Uint8Array | null
  orders: Record<SortKey, Uint32Array> | null
}

export function runIndexes(texts: readonly string[], req: IndexesRun): IndexesRunResult {
  // Orderings first: they need no text, and the page may use them while masks are matched elsewhere.
  const orders = req.orders ? sortOrders(req.orders, req.orders.length) : null
  const limit = { ...MATCH_LIMIT, reference: req.reference.map((t) => compileTheme(t, req.cues)) }
  const masks = req.themes
    ? themeMasks(
        texts,
        req.themes.map((t) => compileTheme(t, req.cues)),
        limit,
      )
    : null
  const question = req.question ? questionFlags(texts) : null
  return { masks, question, orders }
}
