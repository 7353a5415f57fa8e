/// <reference lib="webworker" />
/**
 * The import worker: parsing never runs on the main thread. Files arrive as transferred
 * ArrayBuffers, a folder's as the page reads them (each is parsed as soon as those before it are
 * in); the columns go back transferred too. Cancelling terminates the worker.
 */
import { transferables } from '@/model/dataset'
import { SourceImport, toProblem } from './pipeline'
import { InOrder } from './inOrder'
import { readFile } from './readPicked'
import { packColumn, packColumns, STRING_COLUMNS, unpackColumn, columnsFromPacked, type PackedColumn, type PackedStrings } from '@/model/packed'
import type { DatasetColumns } from '@/model/dataset'
import { datasetFingerprint } from '@/model/fingerprint'
import { compileTheme, themeMasks, type CompiledTheme, type ThemeDef } from '@/insight/themes'
import { questionFlags } from '@/insight/questions'
import type { MasksRequest, MasksResponse } from '@/insight/masks.worker'
import { indexTransferables, type DatasetIndexes } from '@/query/prepare'
import { computeIndexes } from '@/query/computeIndexes'
import { approximateBytes, saveDataset, type StoredMeta } from '@/persist/datasets'
import {
  BASE_PIECE_COLUMNS,
  HEAD_SHARE,
  LIST_KEYS,
  MASKS_IN_TWO_FROM_ROWS,
  type BasePiece,
  type BasePieceColumn,
  type BaseRest,
  type ListKey,
  type FilesRead,
  type ImportRequest,
  type ImportResponse,
  type MasksFailed,
  type WireFile,
} from './protocol'
import { mergeDatasets } from '@/model/merge'
import { datasetName } from './datasetName'
import { ImportError, type SourceFile } from './types'

interface WorkerScope {
  onmessage: ((e: MessageEvent<ImportRequest | MasksFailed | FilesRead | BasePiece | BaseRest>) => void) | null
  postMessage(message: ImportResponse, transfer?: Transferable[]): void
}
const scope = self as unknown as WorkerScope

// Progress is throttled: ten messages a second are smooth for a bar and cheap for the page (at twenty,
// repainting the page slowed reading a folder by half on two cores).
const PROGRESS_EVERY_MS = 100

/** Ends the wait for the masks worker (it failed: see importFiles). */
let masksFailed: (() => void) | null = null

/**
 * Asks the masks worker for the theme masks of the rows in `texts` (the pieces after the cut):
 * null if it fails, and this worker then matches every row itself.
 */
function requestMasks(
  port: MessagePort,
  themes: ThemeDef[],
  cues: string[],
  texts: PackedColumn,
): Promise<{ masks: Uint32Array; question: Uint8Array } | null> {
  const reply = new Promise<{ masks: Uint32Array; question: Uint8Array } | null>((resolve) => {
    port.onmessage = (m: MessageEvent<MasksResponse>) => resolve('masks' in m.data ? m.data : null)
    masksFailed = () => resolve(null)
  })
  port.postMessage({ themes, cues, texts } satisfies MasksRequest)
  return reply
}

/** A file as the pipeline takes it: one the page could not read fails as that file alone. */
function toSource(f: WireFile): SourceFile {
  if ('bytes' in f) return f
  if ('file' in f) throw new ImportError({ code: 'internal', file: f.path, detail: 'a file reached the pipeline unread' })
  const problem = new ImportError({ code: 'unreadable', file: f.path, detail: f.unreadable })
  return {
    name: f.name,
    path: f.path,
    size: 0,
    get bytes(): ArrayBuffer {
      throw problem
    },
  }
}

/** Theme masks and question flags, matched batch by batch while later files are still being read. */
class RunningMasks {
  private readonly masks: Uint32Array[] = []
  private readonly questions: Uint8Array[] = []
  done = 0
  constructor(private readonly themes: CompiledTheme[]) {}

  add(texts: string[]): void {
    if (texts.length === 0) return
    this.masks.push(themeMasks(texts, this.themes))
    this.questions.push(questionFlags(texts))
    this.done += texts.length
  }

  take(): { masks: Uint32Array; questions: Uint8Array } {
    const masks = new Uint32Array(this.done)
    const questions = new Uint8Array(this.done)
    let at = 0
    for (let i = 0; i < this.masks.length; i++) {
      masks.set(this.masks[i], at)
      questions.set(this.questions[i], at)
      at += this.masks[i].length
    }
    return { masks, questions }
  }
}

/** The import under way: files fed in order as they arrive, finished when all are in. */
interface Running {
  req: ImportRequest
  run: SourceImport
  /** Files as they arrive, taken in their order. */
  arrivals: InOrder<WireFile>
  themes: CompiledTheme[] | undefined
  /** Matched while files arrive (a multi-file import, whose rows come a file at a time). */
  running: RunningMasks | null
  timings: Record<string, number>
  mark: number
  last: number
}

let current: Running | null = null

/** The dataset in view, as a merging import receives it (pieces first, then the rest). */
const basePieces: Record<BasePieceColumn, PackedStrings[]> = { id: [], text: [], reply: [], authors: [], avatars: [] }
let base: DatasetColumns | null = null

function takeBase(rest: BaseRest['columns']): void {
  const { id, text, reply, authors, avatars } = basePieces
  base = columnsFromPacked({ ...rest, id, text, reply, authors: unpackColumn(authors), avatars: unpackColumn(avatars) })
  for (const c of BASE_PIECE_COLUMNS) basePieces[c] = []
}

function fail(err: unknown, file: string) {
  current = null
  scope.postMessage({ type: 'error', problem: toProblem(err, file) })
}

function feed(files: WireFile[]) {
  const c = current
  if (!c) return
  const file = files[0]?.path ?? ''
  try {
    for (const f of c.arrivals.take(files)) c.run.add(toSource(f))
    if (c.running) c.running.add(c.run.textsFrom(c.running.done))
  } catch (err) {
    fail(err, file)
    return
  }
  if (c.arrivals.next === c.req.filesTotal) {
    const now = performance.now()
    c.timings.parse = now - c.mark
    c.mark = now
    current = null
    void finish(c)
  }
}

async function finish(c: Running) {
  const { req, timings } = c
  const lap = (name: string) => {
    const now = performance.now()
    timings[name] = now - c.mark
    c.mark = now
  }
  try {
    const result = c.run.finish()
    let ds = result.dataset
    const bytes = result.report.bytes
    // A merging import: the dataset in view with this one added (model/merge.ts), computed here
    // (a million comments merged on the page froze it for seconds); the rows changed, so the masks
    // matched while files came in are dropped and every index is computed for the merged rows.
    let merged: { added: number; updated: number } | undefined
    if (req.merge) {
      if (!base) throw new Error('the dataset to add to did not arrive')
      const m = mergeDatasets(base, ds, req.merge.at)
      base = null
      ds = m.dataset
      merged = { added: m.added, updated: m.updated }
      c.running = null
      lap('merge')
    }
    scope.postMessage({ type: 'progress', progress: { bytesDone: bytes, bytesTotal: bytes, rows: ds.n, file: '', phase: 'index' } })
    const wire = packColumns(ds)
    lap('pack')
    const { themes: defs, masks: port } = req
    const cues = req.cues ?? []
    const themes = c.themes
    let masks: Uint32Array | undefined
    let questions: Uint8Array | undefined
    // Matched as the files came (feed matches each batch's rows): only the fingerprint is left.
    if (c.running) ({ masks, questions } = c.running.take())
    // Theme masks on two cores: the masks worker matches the rows after the cut (it starts now)
    // while this worker computes the fingerprint, then matches the rows before it.
    const cut = !c.running && defs && port && ds.n >= MASKS_IN_TWO_FROM_ROWS ? Math.floor(ds.n * HEAD_SHARE) : 0
    const tailMasks = defs && port && cut > 0 ? requestMasks(port, defs, cues, packColumn(ds.text.toArray().slice(cut))) : null
    // The fingerprint (a hash of the sorted ids) is computed here, off the main thread.
    const fingerprint = await datasetFingerprint(ds.id.toArray())
    lap('fingerprint')
    if (themes && tailMasks) {
      const headTexts = ds.text.toArray().slice(0, cut)
      const head = themeMasks(headTexts, themes)
      const headQuestions = questionFlags(headTexts)
      lap('masks')
      const tail = await tailMasks
      lap('masksWait')
      if (tail && head.length + tail.masks.length === ds.n && headQuestions.length + tail.question.length === ds.n) {
        masks = new Uint32Array(ds.n)
        masks.set(head)
        masks.set(tail.masks, head.length)
        questions = new Uint8Array(ds.n)
        questions.set(headQuestions)
        questions.set(tail.question, headQuestions.length)
      }
    }
    // Orderings, theme masks and question flags (unless matched above) are computed here too:
    // on the main thread they would block the page for seconds on a big file.
    const indexes = themes ? computeIndexes(ds, themes, masks, questions) : null
    lap('indexes')
    // Each piece of each string column in a message of its own: the page deserialises one per task.
    for (const column of STRING_COLUMNS) {
      // (Offsets are copied, not transferred, when the pieces are saved here afterwards.)
      wire[column].forEach((packed, index) =>
        scope.postMessage({ type: 'strings', column, index, packed }, req.save ? [] : [packed.offsets.buffer as ArrayBuffer]),
      )
    }
    const { id: _id, text: _text, reply: _reply, authors, avatars, lessons, sources, batches, ...rest } = wire
    const lists: Record<ListKey, unknown> = { authors, avatars, lessons, sources, batches, report: result.report }
    for (const key of LIST_KEYS) scope.postMessage({ type: 'list', key, value: lists[key] })
    // Saved here, while the page takes the pieces above: durable before it appears (a reload the
    // moment it shows finds it), and the page never clones tens of MB into IndexedDB.
    const saved = req.save && ds.n > 0 ? await save(req.save, ds, fingerprint, indexes, datasetName(result.report).name) : undefined
    if (req.save) lap('save')
    const transfer = [...transferables(ds), ...(indexes ? indexTransferables(indexes) : [])] as ArrayBuffer[]
    scope.postMessage({ type: 'done', dataset: rest, fingerprint, indexes, timings, corrections: result.corrections, merged, saved }, transfer)
  } catch (err) {
    scope.postMessage({ type: 'error', problem: toProblem(err, '') })
  }
}

/** Saves the import's result under its key (the fingerprint's first 16 digits, as the page names it). */
async function save(
  opts: NonNullable<ImportRequest['save']>,
  ds: DatasetColumns,
  fingerprint: string,
  indexes: DatasetIndexes | null,
  name: string,
): Promise<{ key: string } | { error: string }> {
  const key = fingerprint.slice(0, 16)
  const meta: StoredMeta = {
    key,
    // A merge keeps the name of the dataset it adds to (opts.name).
    name: opts.name || name || key,
    comments: ds.n,
    lessons: ds.lessons.length,
    bytes: approximateBytes(ds),
    files: ds.sources.slice(0, 200),
    createdAt: opts.createdAt,
    updatedAt: new Date().toISOString(),
  }
  try {
    // Stored from the pieces packed for the page (its Strings columns keep them: no second packing).
    await saveDataset({ meta, columns: ds, indexes: indexes ? { themes: opts.themes, value: indexes } : undefined })
    return { key }
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) }
  }
}

scope.onmessage = (e) => {
  const req = e.data
  if (req.type === 'masksFailed') masksFailed?.()
  else if (req.type === 'basePiece') basePieces[req.column][req.index] = req.packed
  else if (req.type === 'baseRest') takeBase(req.columns)
  else if (req.type === 'read') {
    // A single picked file comes unread (see importFiles): it is read here.
    if (req.files.some((f) => 'file' in f)) void Promise.all(req.files.map((f) => ('file' in f ? readFile(f) : f))).then(feed)
    else feed(req.files)
  } else if (req.type === 'import') {
    // Progress: bytes within a single file; files (and bytes so far) in a multi-file import, whose
    // size is not known before its files are read.
    const multi = req.filesTotal > 1
    const bytesTotal = req.bytesTotal
    const c: Running = {
      req,
      run: null as unknown as SourceImport,
      arrivals: new InOrder<WireFile>(),
      themes: undefined,
      running: null,
      timings: {},
      mark: performance.now(),
      last: 0,
    }
    try {
      c.themes = req.themes?.map((t) => compileTheme(t, req.cues ?? []))
      c.running = multi && c.themes ? new RunningMasks(c.themes) : null
      c.run = new SourceImport({
        filesTotal: req.filesTotal,
        bytesTotal,
        mappings: req.mappings,
        headerMappings: req.headerMappings,
        onProgress(progress) {
          const now = performance.now()
          if (now - c.last < PROGRESS_EVERY_MS && (progress.bytesDone < progress.bytesTotal || progress.bytesTotal === 0)) return
          c.last = now
          scope.postMessage({ type: 'progress', progress })
        },
      })
    } catch (err) {
      fail(err, req.files[0]?.name ?? '')
      return
    }
    current = c
    scope.postMessage({
      type: 'progress',
      progress: { bytesDone: 0, bytesTotal, rows: 0, file: req.files[0]?.name ?? '', ...(multi ? { filesDone: 0, filesTotal: req.filesTotal } : {}) },
    })
    feed(req.files)
  }
}
