/// <reference lib="webworker" />
/**
 * Per-row indexes off the page: theme masks and question flags for a run of rows, and (when asked)
 * the orderings. The page sends the texts one packed piece per message (each its own short task
 * there), then what to compute; see indexesInWorker.ts, which splits the rows over two of these.
 */
import type { PackedStrings } from '@/model/packed'
import { unpackColumn } from '@/model/packed'
import { compileTheme, MATCH_LIMIT, MatchTooSlow, themeMasks, type ThemeDef } from '@/insight/themes'
import { questionFlags } from '@/insight/questions'
import { sortOrders, type OrderColumns } from './prepare'
import type { SortKey } from '@/model/view'

export type IndexesRequest =
  | { type: 'piece'; piece: PackedStrings }
  | {
      type: 'run'
      /** Themes to match (every one on), or null: no masks wanted. */
      themes: ThemeDef[] | null
      cues: string[]
      /** The default themes: matching stops past REFERENCE_RATIO times their time on the same rows (MatchLimit). */
      reference: ThemeDef[]
      question: boolean
      /** The whole dataset's numeric columns and text lengths: compute the orderings. */
      orders: (OrderColumns & { length: Uint32Array }) | null
    }
export type IndexesResponse =
  | { type: 'done'; masks: Uint32Array | null; question: Uint8Array | null; orders: Record<SortKey, Uint32Array> | null }
  | { type: 'error'; message: string; tooSlow?: number }

interface WorkerScope {
  onmessage: ((e: MessageEvent<IndexesRequest>) => void) | null
  postMessage(msg: IndexesResponse, transfer: Transferable[]): void
}
const scope = self as unknown as WorkerScope

const pieces: PackedStrings[] = []

scope.onmessage = (e) => {
  const req = e.data
  if (req.type === 'piece') {
    pieces.push(req.piece)
    return
  }
  try {
    // Orderings first: they need no text, and the page may use them while masks are matched elsewhere.
    const orders = req.orders ? sortOrders(req.orders, req.orders.length) : null
    const texts = req.themes || req.question ? unpackColumn(pieces) : []
    const limit = { ...MATCH_LIMIT, reference: req.reference.map((t) => compileTheme(t, req.cues)) }
    const masks = req.themes
      ? themeMasks(
          texts,
          req.themes.map((t) => compileTheme(t, req.cues)),
          limit,
        )
      : null
    const question = req.question ? questionFlags(texts) : null
    const transfer: ArrayBuffer[] = []
    if (masks) transfer.push(masks.buffer as ArrayBuffer)
    if (question) transfer.push(question.buffer as ArrayBuffer)
    if (orders) transfer.push(...Object.values(orders).map((o) => o.buffer as ArrayBuffer))
    scope.postMessage({ type: 'done', masks, question, orders }, transfer)
  } catch (err) {
    // A theme set too slow for these texts is stopped (see MatchLimit): the page refuses it.
    scope.postMessage(
      { type: 'error', message: err instanceof Error ? err.message : String(err), tooSlow: err instanceof MatchTooSlow ? err.nsPerChar : undefined },
      [],
    )
  }
}
