/// <reference lib="webworker" />
/**
 * The import worker: parsing never runs on the main thread. Files arrive as transferred
 * ArrayBuffers; the columns go back transferred too. Cancelling terminates the worker.
 */
import { transferables } from '@/model/dataset'
import { importSources, toProblem } from './pipeline'
import { packColumn, packColumns, STRING_COLUMNS, type PackedColumn } from '@/model/packed'
import { datasetFingerprint } from '@/model/fingerprint'
import { compileTheme, themeMasks, type ThemeDef } from '@/insight/themes'
import { questionFlags } from '@/insight/questions'
import type { MasksRequest, MasksResponse } from '@/insight/masks.worker'
import { computeIndexes, indexTransferables } from '@/query/prepare'
import { HEAD_SHARE, MASKS_IN_TWO_FROM_ROWS, type FilesAhead, type ImportRequest, type ImportResponse, type MasksFailed, type PickedFile } from './protocol'
import { ImportError, type SourceFile } from './types'

interface WorkerScope {
  onmessage: ((e: MessageEvent<ImportRequest | MasksFailed | FilesAhead>) => void) | null
  postMessage(message: ImportResponse, transfer?: Transferable[]): void
}
const scope = self as unknown as WorkerScope

// Progress is throttled: a message per 50 ms is smooth for a bar and cheap for the main thread.
const PROGRESS_EVERY_MS = 50


/** Ends the wait for the masks worker (it failed: see importFiles). */
let masksFailed: (() => void) | null = null

/**
 * Asks the masks worker for the theme masks of the rows in `texts` (the pieces after the cut):
 * null if it fails, and this worker then matches every row itself.
 */
function requestMasks(port: MessagePort, themes: ThemeDef[], cues: string[], texts: PackedColumn): Promise<{ masks: Uint32Array; question: Uint8Array } | null> {
  const reply = new Promise<{ masks: Uint32Array; question: Uint8Array } | null>((resolve) => {
    port.onmessage = (m: MessageEvent<MasksResponse>) => resolve('masks' in m.data ? m.data : null)
    masksFailed = () => resolve(null)
  })
  port.postMessage({ themes, cues, texts } satisfies MasksRequest)
  return reply
}

/** Reads in flight at once: each read of a picked file waits on the browser's file system. */
const READS_IN_FLIGHT = 64

async function readPicked(f: PickedFile): Promise<SourceFile> {
  try {
    return { name: f.name, path: f.path, size: f.file.size, bytes: await f.file.arrayBuffer() }
  } catch (err) {
    // Fails as that file alone, when the pipeline comes to it.
    const problem = new ImportError({ code: 'unreadable', file: f.path, detail: err instanceof Error ? err.message : String(err) })
    return {
      name: f.name,
      path: f.path,
      size: f.file.size,
      get bytes(): ArrayBuffer {
        throw problem
      },
    }
  }
}

/**
 * Reads picked files many at a time (one after another, ten thousand files took 13 s of waiting),
 * once all are handed over: reading while the page still clones Files into messages made each of
 * those messages wait on the same file system, and the page's tasks long.
 */
class Reader {
  private readonly queue: { f: PickedFile; done: (s: SourceFile) => void }[] = []
  private head = 0
  private active = 0
  private bytes = 0
  private filesRead = 0
  private started = false
  readonly results: Promise<SourceFile>[] = []
  onRead: (bytesDone: number, filesDone: number, file: string) => void = () => {}

  /** The files added, in order (`results` holds their reads, in the same order). */
  get files(): PickedFile[] {
    return this.queue.map((q) => q.f)
  }

  add(f: PickedFile): void {
    this.results.push(new Promise<SourceFile>((done) => this.queue.push({ f, done })))
    if (this.started) this.pump()
  }

  start(): void {
    this.started = true
    this.pump()
  }

  private pump(): void {
    while (this.active < READS_IN_FLIGHT && this.head < this.queue.length) {
      const { f, done } = this.queue[this.head++]
      this.active++
      void readPicked(f).then((source) => {
        this.active--
        this.bytes += f.file.size
        this.filesRead++
        this.onRead(this.bytes, this.filesRead, f.path)
        done(source)
        this.pump()
      })
    }
  }
}

let reader = new Reader()

scope.onmessage = async (e) => {
  const req = e.data
  if (req.type === 'masksFailed') masksFailed?.()
  if (req.type === 'files') {
    for (const f of req.files) reader.add(f)
    return
  }
  if (req.type !== 'import') return
  // The files of this import: those sent ahead (being read), then those in the request.
  const pickedReads = reader
  reader = new Reader()
  const all: ImportRequest['files'] = [...pickedReads.files, ...req.files]
  for (const f of req.files) if ('file' in f) pickedReads.add(f)
  let last = 0
  // Phase durations (ms), reported with the result as User Timing measures (see importFiles).
  const timings: Record<string, number> = {}
  let mark = performance.now()
  const lap = (name: string) => {
    const now = performance.now()
    timings[name] = now - mark
    mark = now
  }
  try {
    // Reading picked files is the first half of the bar, parsing the second (bytes in hand: all parsing).
    const picked = all.some((f) => 'file' in f)
    const readShare = picked ? 0.5 : 0
    const bytesTotal = all.reduce((s, f) => s + ('file' in f ? f.file.size : f.bytes.byteLength), 0)
    if (req.budget !== undefined && bytesTotal > req.budget) {
      throw new ImportError({ code: 'tooLarge', file: all.length === 1 ? all[0].name : `${all.length} files`, detail: `${bytesTotal} bytes > ${req.budget}` })
    }
    scope.postMessage({ type: 'progress', progress: { bytesDone: 0, bytesTotal, rows: 0, file: all[0]?.name ?? '' } })
    pickedReads.onRead = (bytesDone, filesDone, file) => {
      const now = performance.now()
      if (now - last < PROGRESS_EVERY_MS) return
      last = now
      scope.postMessage({ type: 'progress', progress: { bytesDone: bytesDone * readShare, bytesTotal, rows: 0, file, phase: 'read', filesDone, filesTotal: all.length } })
    }
    pickedReads.start()
    const read = await Promise.all(pickedReads.results)
    let k = 0
    const files = all.map((f) => ('file' in f ? read[k++] : f))
    lap('read')
    const result = importSources(files, {
      mappings: req.mappings,
      headerMappings: req.headerMappings,
      onProgress(progress) {
        const now = performance.now()
        if (now - last < PROGRESS_EVERY_MS && progress.bytesDone < progress.bytesTotal) return
        last = now
        scope.postMessage({ type: 'progress', progress: { ...progress, bytesDone: progress.bytesTotal * readShare + progress.bytesDone * (1 - readShare) } })
      },
    })
    lap('parse')
    const ds = result.dataset
    const bytes = result.report.bytes
    scope.postMessage({ type: 'progress', progress: { bytesDone: bytes, bytesTotal: bytes, rows: ds.n, file: '', phase: 'index' } })
    const wire = packColumns(ds)
    lap('pack')
    // Theme masks on two cores: the masks worker matches the rows after the cut (it starts now)
    // while this worker computes the fingerprint, then matches the rows before it.
    const { themes: defs, masks: port } = req
    const cues = req.cues ?? []
    const themes = defs?.map((t) => compileTheme(t, cues))
    const cut = defs && port && ds.n >= MASKS_IN_TWO_FROM_ROWS ? Math.floor(ds.n * HEAD_SHARE) : 0
    const tailMasks = defs && port && cut > 0 ? requestMasks(port, defs, cues, packColumn(ds.text.slice(cut))) : null
    // The fingerprint (a hash of the sorted ids) is computed here, off the main thread.
    const fingerprint = await datasetFingerprint(ds.id)
    lap('fingerprint')
    let masks: Uint32Array | undefined
    let questions: Uint8Array | undefined
    if (themes && tailMasks) {
      const headTexts = ds.text.slice(0, cut)
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
      wire[column].forEach((packed, index) => scope.postMessage({ type: 'strings', column, index, packed }, [packed.offsets.buffer as ArrayBuffer]))
    }
    const { id: _id, text: _text, reply: _reply, ...rest } = wire
    const transfer = [...transferables(ds), ...(indexes ? indexTransferables(indexes) : [])] as ArrayBuffer[]
    scope.postMessage({ type: 'done', dataset: rest, report: result.report, fingerprint, indexes, timings, corrections: result.corrections }, transfer)
  } catch (err) {
    scope.postMessage({ type: 'error', problem: toProblem(err, all[0]?.name ?? '') })
  }
}
