/**
 * The one entry point for imports on the main thread: `importFiles(files, { onProgress, signal })`.
 * Each import gets its own module worker; aborting the signal terminates it, so a cancelled or
 * failed import never touches the data in view (the caller only swaps data in on success).
 */
import type { Correction } from '@/insight/corrections'
import type { DatasetColumns } from '@/model/dataset'
import type { ThemeDef } from '@/insight/themes'
import { requestCues } from '@/insight/lexicon'
import type { DatasetIndexes } from '@/query/prepare'
import type { ColumnMapping } from './fields'
import {
  BASE_PIECE_COLUMNS,
  LIST_KEYS,
  type BasePiece,
  type BasePieceColumn,
  type BaseRest,
  type FilesRead,
  type ImportRequest,
  type ImportResponse,
  type ListKey,
  type WireFile,
} from './protocol'
import { yieldToMain } from '@/lib/yieldToMain'
import { packColumn, type PackedColumn, type PackedStrings, type StringColumn } from '@/model/packed'
import type { ImportProgress, ImportReport, SourceFile } from './types'
import { ImportError } from './types'
import { MAX_FILE_BYTES } from './types'
import { columnsFromPacked } from '@/model/packed'
import { buffersOf, readPicked, type Picked } from './readPicked'

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void
  signal?: AbortSignal
  mappings?: Record<string, ColumnMapping>
  headerMappings?: Record<string, ColumnMapping>
  themes?: ThemeDef[]
  /** Add the import to this dataset (a merge, computed in the worker) instead of replacing it. */
  mergeInto?: { dataset: DatasetColumns; at: string }
  /** Save the result in IndexedDB in the worker before it is handed over (see ImportRequest.save). */
  save?: ImportRequest['save']
}

export interface ImportOutcome {
  dataset: DatasetColumns
  report: ImportReport
  /** SHA-256 (hex) of the sorted comment ids. */
  fingerprint: string
  /** Per-row indexes computed in the worker with `opts.themes`, or null. */
  indexes: DatasetIndexes | null
  /** Theme corrections a Comment Lens dataset file carried. */
  corrections?: Record<string, Correction>
  /** With `mergeInto`: the merged dataset's new comments and those with newer counts. */
  merged?: { added: number; updated: number }
  /** With `save`: where it was saved, or why it was not. */
  saved?: { key: string } | { error: string }
}

/** A File picked or dropped, or bytes already in hand (the built-in sample, a paste). */
export type ImportInput = File | SourceFile

function isFile(x: ImportInput): x is File {
  return typeof File !== 'undefined' && x instanceof File
}

/**
 * How many bytes of files one import may read: the decoded text takes about twice the bytes and
 * the columns as much again, so a quarter of the device's memory (as the browser reports it,
 * 4 GB assumed when it does not) and never more than 1 GB.
 */
export function memoryBudget(deviceMemoryGb = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory ?? 4): number {
  return Math.min(MAX_FILE_BYTES, Math.floor((deviceMemoryGb * 1024 ** 3) / 4))
}

/**
 * From this size on (about 20,000 comments) the theme masks are split over two workers: below it
 * they take well under 100 ms, less than a second worker costs to start.
 */
const MASKS_IN_TWO_FROM_BYTES = 4_000_000

/** A User Timing measure `import:<name>` from `start` to `end` (diagnostics only). */
function measure(name: string, start: number, end = performance.now()): void {
  try {
    performance.measure(`import:${name}`, { start, end })
  } catch {
    // An old browser without measure options.
  }
}

/**
 * The worker's phases as User Timing measures (`import:parse`, `import:fingerprint`, …), laid end
 * to end up to now: visible in the browser's performance panel and read by the browser benchmark.
 */
function recordTimings(timings: Record<string, number>) {
  let end = performance.now() - Object.values(timings).reduce((a, b) => a + b, 0)
  for (const [name, ms] of Object.entries(timings)) {
    measure(name, end, end + ms)
    end += ms
  }
}

export async function importFiles(inputs: ImportInput[], opts: ImportOptions = {}): Promise<ImportOutcome> {
  const { signal } = opts
  if (inputs.length === 0) throw new ImportError({ code: 'noFiles', file: '' })
  // Refuse before reading anything: a too-large import must not exhaust the tab's memory. A picked
  // file's size can cost a trip to the file system (seconds for a folder of ten thousand files):
  // a folder's bytes are added up as they are read, and reading stops past the budget.
  const budget = memoryBudget()
  const single = inputs.length === 1
  const bytesInHand = inputs.reduce((s, f) => s + (isFile(f) ? 0 : f.bytes.byteLength), 0)
  // A single picked file's size is known without reading it; a folder's is added up as it is read.
  const first = inputs[0]
  const knownBytes = single && isFile(first) ? first.size : bytesInHand
  if (knownBytes > budget || (single && isFile(first) && first.size > MAX_FILE_BYTES)) {
    throw new ImportError({ code: 'tooLarge', file: single ? first.name : `${inputs.length} files`, detail: `${knownBytes} bytes > ${budget}` })
  }
  const cancelled = () => new ImportError({ code: 'cancelled', file: single ? first.name : '' })
  if (signal?.aborted) throw cancelled()
  opts.onProgress?.({
    bytesDone: 0,
    bytesTotal: single ? knownBytes : 0,
    rows: 0,
    file: first.name,
    ...(single ? {} : { filesDone: 0, filesTotal: inputs.length }),
  })
  const picked: Picked[] = []
  const inHand: WireFile[] = []
  inputs.forEach((x, at) => {
    if (isFile(x)) picked.push({ at, name: x.name, path: (x as File & { webkitRelativePath?: string }).webkitRelativePath || x.name, file: x })
    // Bytes in hand are copied (the copy is transferred, the caller keeps its own).
    else inHand.push({ ...x, at, path: x.path ?? x.name, bytes: x.bytes.slice(0) })
  })

  const workerStart = performance.now()
  let started = false
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'comment-lens-import' })
  // A big import's theme masks are matched on two cores: a masks worker takes half the rows,
  // talking to the import worker over a channel of their own (it starts while the file parses).
  let masksWorker: Worker | null = null
  let masksPort: MessagePort | undefined
  // (A folder's rows are matched in the import worker as its files come in: see import.worker.ts.)
  if (opts.themes && single && knownBytes >= MASKS_IN_TWO_FROM_BYTES) {
    masksWorker = new Worker(new URL('../insight/masks.worker.ts', import.meta.url), { type: 'module', name: 'comment-lens-masks' })
    const channel = new MessageChannel()
    masksWorker.postMessage({ port: channel.port2 }, [channel.port2])
    masksWorker.onerror = () => worker.postMessage({ type: 'masksFailed' })
    masksPort = channel.port1
  }
  const stopWorkers = () => {
    worker.terminate()
    masksWorker?.terminate()
  }
  return new Promise<ImportOutcome>((resolve, reject) => {
    const finish = () => {
      stopWorkers()
      signal?.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      finish()
      reject(cancelled())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    const strings: Record<StringColumn, PackedStrings[]> = { id: [], text: [], reply: [] }
    const lists = new Map<ListKey, unknown>()
    worker.onmessage = (e: MessageEvent<ImportResponse>) => {
      const msg = e.data
      if (!started) {
        started = true
        measure('startup', workerStart)
      }
      if (msg.type === 'progress') opts.onProgress?.(msg.progress)
      else if (msg.type === 'strings') strings[msg.column][msg.index] = msg.packed
      else if (msg.type === 'list') lists.set(msg.key, msg.value)
      else if (msg.type === 'done') {
        stopWorkers()
        const report = lists.get('report') as ImportReport | undefined
        if (!report || LIST_KEYS.some((k) => !lists.has(k))) {
          finish()
          reject(new ImportError({ code: 'internal', file: first.name, detail: 'incomplete result from the import worker' }))
          return
        }
        opts.onProgress?.({ bytesDone: report.bytes, bytesTotal: report.bytes, rows: msg.dataset.n, file: '', phase: 'open' })
        recordTimings(msg.timings)
        const { id, text, reply } = strings
        const complete = (col: PackedStrings[]) => col.length > 0 && col.every(Boolean)
        if (!complete(id) || !complete(text) || !complete(reply)) {
          finish()
          reject(new ImportError({ code: 'internal', file: first.name, detail: 'incomplete result from the import worker' }))
          return
        }
        const got = (k: ListKey) => lists.get(k) as never
        const columns = {
          ...msg.dataset,
          authors: got('authors'),
          avatars: got('avatars'),
          lessons: got('lessons'),
          sources: got('sources'),
          batches: got('batches'),
          id,
          text,
          reply,
        }
        // Nothing is unpacked: the rows are read from their pieces as they are shown.
        const dataset = columnsFromPacked(columns)
        finish()
        resolve({ dataset, report, fingerprint: msg.fingerprint, indexes: msg.indexes, corrections: msg.corrections, merged: msg.merged, saved: msg.saved })
      } else {
        finish()
        reject(new ImportError(msg.problem))
      }
    }
    worker.onerror = (e) => {
      finish()
      reject(new ImportError({ code: 'internal', file: first.name, detail: e.message }))
    }
    const req: ImportRequest = {
      type: 'import',
      filesTotal: inputs.length,
      files: inHand,
      bytesTotal: single ? knownBytes : 0,
      mappings: opts.mappings,
      headerMappings: opts.headerMappings,
      themes: opts.themes,
      cues: opts.themes ? requestCues().slice() : undefined,
      masks: masksPort,
      merge: opts.mergeInto ? { at: opts.mergeInto.at } : undefined,
      save: opts.save,
    }
    void (async () => {
      // A merge: the dataset in view goes first, a piece per message (each a short copy here).
      if (opts.mergeInto) await sendBase(worker, opts.mergeInto.dataset)
      if (signal?.aborted) return
      worker.postMessage(req, [...buffersOf(inHand), ...(masksPort ? [masksPort] : [])])
      startReading()
    })().catch((err: unknown) => {
      finish()
      reject(err)
    })
    function startReading() {
      const readStart = performance.now()
      // One picked file (a big CSV) is read by the worker: reading 200 MB on the page made a task of
      // a third of a second there, and cloning one File costs nothing. Many are read here (readPicked).
      if (single && picked.length === 1) {
        const { at, name, path, file } = picked[0]
        worker.postMessage({ type: 'read', files: [{ at, name, path, file }] } satisfies FilesRead)
        return
      }
      readPicked(picked, budget - bytesInHand, (files) => worker.postMessage({ type: 'read', files } satisfies FilesRead, buffersOf(files)), signal).then(
        () => measure('read', readStart),
        (err) => {
          finish()
          reject(err)
        },
      )
    }
  })
}

/**
 * Sends the dataset a merging import adds to: its string columns and dictionaries as packed pieces,
 * a message and a turn of the page each, then its typed arrays (copies, transferred) and small lists.
 */
async function sendBase(worker: Worker, ds: DatasetColumns): Promise<void> {
  const columns: Record<BasePieceColumn, PackedColumn> = {
    id: ds.id.packed(),
    text: ds.text.packed(),
    reply: ds.reply.packed(),
    authors: packColumn(ds.authors),
    avatars: packColumn(ds.avatars),
  }
  for (const column of BASE_PIECE_COLUMNS) {
    for (const [index, packed] of columns[column].entries()) {
      worker.postMessage({ type: 'basePiece', column, index, packed } satisfies BasePiece)
      await yieldToMain()
    }
  }
  const { id: _id, text: _text, reply: _reply, authors: _authors, avatars: _avatars, ...rest } = ds
  const copies = {
    ...rest,
    likes: rest.likes.slice(),
    replies: rest.replies.slice(),
    day: rest.day.slice(),
    time: rest.time.slice(),
    author: rest.author.slice(),
    avatar: rest.avatar.slice(),
    lesson: rest.lesson.slice(),
    source: rest.source.slice(),
    batch: rest.batch.slice(),
  }
  const buffers = [copies.likes, copies.replies, copies.day, copies.time, copies.author, copies.avatar, copies.lesson, copies.source, copies.batch].map(
    (a) => a.buffer as ArrayBuffer,
  )
  worker.postMessage({ type: 'baseRest', columns: copies } satisfies BaseRest, buffers)
}
