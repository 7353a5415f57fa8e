/**
 * Per-row indexes (theme masks, question flags, orderings) computed in workers, on every path that
 * needs them — a stored dataset opened, a theme set edited, a `tdef` link — not only after an
 * upload: matching a million comments is seconds of work that must never run on the page. The rows
 * are split over two workers (two cores) by their packed text pieces. Only the latest request
 * matters: a newer one terminates the workers of the older, whose promise rejects with SUPERSEDED.
 */
import type { DatasetColumns } from '@/model/dataset'
import { columnChars, type PackedColumn } from '@/model/packed'
import { MatchTooSlow, type ThemeDef } from '@/insight/themes'
import { yieldToMain } from '@/lib/yieldToMain'
import { packedLengths } from './prepare'
import type { IndexesRequest, IndexesResponse } from './indexes.worker'
import type { SortKey } from '@/model/view'

export const SUPERSEDED = new Error('indexes superseded')

/** Below this many rows one worker does it all: a second costs more to start than it saves. */
const TWO_WORKERS_FROM_ROWS = 20_000
/** Pieces posted between two turns of the page (each piece ≤ 2 M characters: a copy of a few ms; several in one turn made a 100 ms task). */
const PIECES_PER_TURN = 1

export interface IndexesNeed {
  /** Themes to match (as matching sees them: every one on), or null when the masks are known. */
  themes: ThemeDef[] | null
  cues: string[]
  /** The default themes, the measure of what matching may cost (see MatchLimit). */
  reference?: ThemeDef[]
  question: boolean
  orders: boolean
}
export interface ComputedIndexes {
  masks: Uint32Array | null
  question: Uint8Array | null
  orders: Record<SortKey, Uint32Array> | null
  length: Uint32Array
}

let current: { workers: Worker[]; reject: (e: unknown) => void } | null = null

/** Stops the running computation, if any (its promise rejects with SUPERSEDED). */
export function cancelIndexes(): void {
  if (!current) return
  for (const w of current.workers) w.terminate()
  current.reject(SUPERSEDED)
  current = null
}

/** Splits pieces into `k` runs of whole pieces, about equal in characters. */
export function splitPieces(col: PackedColumn, k: number): PackedColumn[] {
  if (k <= 1 || col.length < 2) return [col]
  const total = Math.max(1, columnChars(col))
  const runs: PackedColumn[] = Array.from({ length: k }, () => [])
  let chars = 0
  for (const p of col) {
    // A piece goes to the run its middle character falls in.
    runs[Math.min(k - 1, Math.floor(((chars + p.joined.length / 2) * k) / total))].push(p)
    chars += p.joined.length
  }
  return runs.filter((r) => r.length > 0)
}

function concat<T extends Uint32Array | Uint8Array>(parts: T[], make: (n: number) => T): T {
  const out = make(parts.reduce((a, p) => a + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

export async function indexesInWorkers(ds: DatasetColumns, need: IndexesNeed, pause: () => Promise<void> = yieldToMain): Promise<ComputedIndexes> {
  cancelIndexes()
  const text = ds.text.packed()
  const length = packedLengths(text)
  const cores = (globalThis.navigator as Navigator | undefined)?.hardwareConcurrency ?? 2
  const runs = splitPieces(text, ds.n >= TWO_WORKERS_FROM_ROWS && cores >= 2 ? 2 : 1)
  const textsWanted = need.themes !== null || need.question
  const workers = runs.map((_, k) => new Worker(new URL('./indexes.worker.ts', import.meta.url), { type: 'module', name: `comment-lens-indexes-${k}` }))
  let reject!: (e: unknown) => void
  const stopped = new Promise<never>((_, r) => (reject = r))
  stopped.catch(() => undefined)
  const job = { workers, reject }
  current = job
  const live = () => {
    if (current !== job) throw SUPERSEDED
  }
  const replies = workers.map(
    (w) =>
      new Promise<Extract<IndexesResponse, { type: 'done' }>>((resolve, fail) => {
        w.onmessage = (e: MessageEvent<IndexesResponse>) =>
          e.data.type === 'done' ? resolve(e.data) : fail(e.data.tooSlow !== undefined ? new MatchTooSlow(e.data.tooSlow) : new Error(e.data.message))
        w.onerror = (e) => fail(new Error(e.message || 'indexes worker failed'))
      }),
  )
  try {
    if (textsWanted) {
      let sent = 0
      for (let k = 0; k < runs.length; k++) {
        for (const piece of runs[k]) {
          workers[k].postMessage({ type: 'piece', piece } satisfies IndexesRequest)
          if (++sent % PIECES_PER_TURN === 0) {
            await Promise.race([pause(), stopped])
            live()
          }
        }
      }
    }
    for (let k = 0; k < workers.length; k++) {
      const orders =
        need.orders && k === 0
          ? { n: ds.n, likes: ds.likes.slice(), replies: ds.replies.slice(), day: ds.day.slice(), time: ds.time.slice(), length: length.slice() }
          : null
      const req: IndexesRequest = { type: 'run', themes: need.themes, cues: need.cues, reference: need.reference ?? [], question: need.question, orders }
      workers[k].postMessage(req, orders ? [orders.likes.buffer, orders.replies.buffer, orders.day.buffer, orders.time.buffer, orders.length.buffer] : [])
    }
    const done = await Promise.race([Promise.all(replies), stopped])
    live()
    return {
      masks: need.themes
        ? concat(
            done.map((d) => d.masks!),
            (n) => new Uint32Array(n),
          )
        : null,
      question: need.question
        ? concat(
            done.map((d) => d.question!),
            (n) => new Uint8Array(n),
          )
        : null,
      orders: done[0].orders,
      length,
    }
  } finally {
    for (const w of workers) w.terminate()
    if (current === job) current = null
  }
}
