/// <reference lib="webworker" />
/**
 * Per-row indexes off the page: theme masks and question flags for a run of rows, and (when asked)
 * the orderings. The page sends the texts one packed piece per message (each its own short task
 * there), then what to compute; see indexesInWorker.ts, which splits the rows over two of these.
 */
import type { PackedStrings } from '@/model/packed'
import { unpackColumn } from '@/model/packed'
import { MatchTooSlow } from '@/insight/themes'
import { runIndexes, type IndexesRun } from './indexesRun'
import type { SortKey } from '@/model/view'

export type IndexesRequest = { type: 'piece'; piece: PackedStrings } | ({ type: 'run' } & IndexesRun)
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
    const texts = req.themes || req.question ? unpackColumn(pieces) : []
    const { masks, question, orders } = runIndexes(texts, req)
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
