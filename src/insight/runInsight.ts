/**
 * Runs phrase discovery and near-duplicate grouping in a worker, one worker per kind of work.
 * Only the latest request of a kind matters (the rows in view changed): a newer one terminates
 * the worker busy with the older, whose promise rejects with `SUPERSEDED`.
 */
import type { DatasetColumns } from '@/model/dataset'
import { packStrings } from '@/model/packed'
import { analysedPart } from './analysed'
import type { Phrase } from './phrases'
import type { InsightRequest, InsightResponse, InsightRows } from './protocol'

export const SUPERSEDED = new Error('superseded')

interface Busy {
  worker: Worker
  reject: (e: unknown) => void
}
const busy = new Map<InsightRequest['type'], Busy>()

function run(req: InsightRequest): Promise<InsightResponse> {
  const prev = busy.get(req.type)
  if (prev) {
    prev.worker.terminate()
    prev.reject(SUPERSEDED)
  }
  const worker = new Worker(new URL('./insight.worker.ts', import.meta.url), { type: 'module', name: `comment-lens-${req.type}` })
  return new Promise<InsightResponse>((resolve, reject) => {
    const done = () => {
      worker.terminate()
      if (busy.get(req.type)?.worker === worker) busy.delete(req.type)
    }
    busy.set(req.type, { worker, reject })
    worker.onmessage = (e: MessageEvent<InsightResponse>) => {
      done()
      if (e.data.type === 'error') reject(new Error(e.data.message))
      else resolve(e.data)
    }
    worker.onerror = (e) => {
      done()
      reject(new Error(e.message))
    }
    worker.postMessage(req, [req.texts.offsets.buffer, req.authors.buffer, req.likes.buffer] as ArrayBuffer[])
  })
}

/** The texts, author codes and likes of `rows` (row indices into `ds`), ready to send. */
export function rowsOf(ds: DatasetColumns, rows: ArrayLike<number>): InsightRows {
  const texts = new Array<string>(rows.length)
  const authors = new Uint32Array(rows.length)
  const likes = new Uint32Array(rows.length)
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]
    // The part the theme reader sees (analysed.ts): a 5 MB comment is not copied to a worker whole.
    texts[j] = analysedPart(ds.text.get(i))
    authors[j] = ds.author[i]
    likes[j] = ds.likes[i]
  }
  return { texts: packStrings(texts), authors, likes }
}

export async function phrasesInWorker(rows: InsightRows, limit: number): Promise<Phrase[]> {
  const r = await run({ type: 'phrases', limit, ...rows })
  return r.type === 'phrases' ? r.phrases : []
}

/** Near-duplicate groups, as positions into `rows`. */
export async function duplicatesInWorker(rows: InsightRows, threshold: number): Promise<number[][]> {
  const r = await run({ type: 'duplicates', threshold, ...rows })
  return r.type === 'duplicates' ? r.groups : []
}
