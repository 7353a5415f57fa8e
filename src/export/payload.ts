/**
 * The rows of an export on their way to the worker. The page side (`sendRows`) sends, without
 * making an object per row, either the dataset's columns whole with the order of the rows in view
 * (a view of a large share of the dataset: see WHOLE_FROM), or just the rows in view, gathered on
 * the page: each number column copied or gathered into a typed array (transferred, not cloned),
 * each string column as packed pieces (the ones the dataset arrived in, or packed here, of at most
 * SEND_PIECE_CHARS characters), posted one by one, with a pause whenever a slice of work has taken
 * SLICE_MS, so that preparing a million rows never holds the page for long. The worker side
 * (`RowsAssembler`) turns the messages back into columns the builders read as a dataset, and the
 * order in which to write its rows.
 */
import type { DatasetColumns } from '@/model/dataset'
import { cutPiece, packStrings, Strings, unpackColumn, type PackedStrings, type StringColumn } from '@/model/packed'
import { NUMBER_COLUMNS, type ExportRequest, type NumberColumn, type WireRows } from './protocol'

/** What an export needs of each row. */
export interface RowsNeed {
  numbers: readonly NumberColumn[]
  strings: readonly StringColumn[]
  /** The dictionaries (authors, avatars, sources, lessons). */
  dicts: boolean
  /** Each row's theme mask, by dataset row: an array, or a function for masks not at hand. */
  themeMask?: Uint32Array | ((row: number) => number)
  /** Question flags by dataset row. */
  question?: Uint8Array
}

/** What each kind of export reads (the report reads no rows). */
export const NEEDS = {
  comments: { numbers: NUMBER_COLUMNS, strings: ['id', 'text', 'reply'], dicts: true },
  dataset: { numbers: NUMBER_COLUMNS, strings: ['text', 'reply'], dicts: true },
  labels: { numbers: ['source'], strings: [], dicts: true },
  none: { numbers: [], strings: [], dicts: false },
} satisfies Record<string, RowsNeed>

export type Post = (msg: ExportRequest, transfer: Transferable[]) => void

/** Longest stretch of preparing before the page gets a turn. */
export const SLICE_MS = 20
/** Rows between two looks at the clock. */
const CHECK_EVERY = 1024
/** Rows copied between two looks at the clock when every row goes, in dataset order. */
const COPY_BLOCK = 1 << 16
/**
 * Characters in a piece of a string column the page packs: joining a piece is one step that
 * cannot be cut, and 2M characters (the import's pieces) took 50 ms on a busy core here.
 */
export const SEND_PIECE_CHARS = 1 << 18
/**
 * From 1/WHOLE_FROM of the dataset's rows in view on, the dataset's columns go whole (their packed
 * pieces and copies of their number columns) with the order of the rows, and the worker picks the
 * rows: the page only copies memory. Gathering a million rows' strings on the page took ~2 s of
 * its time in 20 ms slices (and as much again in garbage collection), each slice a task the OS
 * could stretch past 100 ms on a busy machine. A smaller view is gathered on the page, so that the
 * worker does not hold a million rows to write a few thousand.
 */
export const WHOLE_FROM = 4

/**
 * Whether `sendRows` sends the dataset's columns whole (see WHOLE_FROM): every row, or a large
 * share of them when the dataset has its string columns packed and the theme masks at hand.
 */
export function sendsWhole(ds: DatasetColumns, rows: Uint32Array | null, need: RowsNeed): boolean {
  if (rows === null) return true
  return typeof need.themeMask !== 'function' && need.strings.every((c) => ds[c].isPacked) && rows.length * WHOLE_FROM >= ds.n
}

/**
 * Sends the rows `rows` (dataset row indices, in export order; null: every row in dataset order)
 * as `need` says: string pieces first, as they fill, then the number columns (and the order, when
 * the columns go whole). `pause` gives the page a turn (and throws to stop); `progress` gets the
 * share of the rows prepared (0–1); `pieceChars` is the most characters a piece of a string column
 * packed here holds (unless one row has more).
 */
export async function sendRows(
  ds: DatasetColumns,
  rows: Uint32Array | null,
  need: RowsNeed,
  post: Post,
  pause: () => Promise<void>,
  progress?: (share: number) => void,
  pieceChars = SEND_PIECE_CHARS,
): Promise<void> {
  const whole = sendsWhole(ds, rows, need)
  // The order goes as it is; the page gathers only a small view's rows.
  const order = whole ? rows : null
  rows = whole ? null : rows
  const n = rows ? rows.length : ds.n
  let last = performance.now()
  const tick = async () => {
    if (performance.now() - last < SLICE_MS) return
    await pause()
    last = performance.now()
  }
  // Strings: the pieces the dataset arrived in when it is sent whole and has them, else packed here.
  const passes = need.strings.length + 1
  for (let c = 0; c < need.strings.length; c++) {
    const column = need.strings[c]
    const pieces = rows === null && ds[column].isPacked ? ds[column].packed() : undefined
    if (pieces) {
      // Cut to pieceChars: cloning one of the import's 2M-character pieces took 50 ms of the page.
      for (const piece of pieces)
        for (const packed of cutPiece(piece, pieceChars)) {
          post({ type: 'strings', column, packed }, [packed.offsets.buffer as ArrayBuffer])
          await tick()
        }
      continue
    }
    const src = ds[column]
    let list: string[] = []
    let chars = 0
    const flush = () => {
      const packed = packStrings(list)
      post({ type: 'strings', column, packed }, [packed.offsets.buffer as ArrayBuffer])
      list = []
      chars = 0
    }
    for (let j = 0; j < n; j++) {
      const s = src.get(rows ? rows[j] : j)
      if (list.length && chars + s.length > pieceChars) flush()
      list.push(s)
      chars += s.length
      if ((j + 1) % CHECK_EVERY === 0) {
        progress?.((c + (j + 1) / n) / passes)
        await tick()
      }
    }
    // Every column has at least one piece, so the worker can tell "no rows" from "not sent".
    if (list.length || n === 0) flush()
  }
  // Number columns, the theme masks and question flags: gathered (or, for every row in dataset
  // order, copied) a block of rows at a time. Copying a million rows' eight columns at once was
  // one task of over 100 ms.
  const numbers: WireRows['numbers'] = {}
  for (const k of need.numbers) numbers[k] = new (ds[k].constructor as Uint32ArrayConstructor)(n)
  const maskSrc = need.themeMask
  const maskOf = typeof maskSrc === 'function' ? maskSrc : null
  const themeMask = maskSrc === undefined ? undefined : new Uint32Array(n)
  const question = need.question === undefined ? undefined : new Uint8Array(n)
  const block = rows ? CHECK_EVERY : COPY_BLOCK
  for (let from = 0; from < n; from += block) {
    const to = Math.min(n, from + block)
    for (const k of need.numbers) {
      const src = ds[k]
      const dst = numbers[k]!
      if (rows) for (let j = from; j < to; j++) dst[j] = src[rows[j]]
      else dst.set(src.subarray(from, to), from)
    }
    if (question) {
      if (rows) for (let j = from; j < to; j++) question[j] = need.question![rows[j]]
      else question.set(need.question!.subarray(from, to), from)
    }
    if (themeMask) {
      if (maskOf) for (let j = from; j < to; j++) themeMask[j] = maskOf(rows ? rows[j] : j)
      else if (rows) for (let j = from; j < to; j++) themeMask[j] = (maskSrc as Uint32Array)[rows[j]]
      else themeMask.set((maskSrc as Uint32Array).subarray(from, to), from)
    }
    progress?.((need.strings.length + to / n) / passes)
    await tick()
  }
  const wire: WireRows = { n, numbers, themeMask, question }
  if (order) wire.order = order.slice()
  if (need.dicts) {
    wire.authors = packStrings(ds.authors)
    wire.avatars = packStrings(ds.avatars)
    wire.sources = ds.sources
    wire.lessons = ds.lessons
  }
  const transfer: ArrayBuffer[] = Object.values(numbers).map((a) => a.buffer as ArrayBuffer)
  if (themeMask) transfer.push(themeMask.buffer as ArrayBuffer)
  if (question) transfer.push(question.buffer as ArrayBuffer)
  if (wire.order) transfer.push(wire.order.buffer as ArrayBuffer)
  if (wire.authors) transfer.push(wire.authors.offsets.buffer as ArrayBuffer, wire.avatars!.offsets.buffer as ArrayBuffer)
  post({ type: 'rows', rows: wire }, transfer)
  progress?.(1)
}

/**
 * The rows as the worker rebuilds them: a dataset (the rows in view, or the whole dataset), its
 * rows' theme masks and question flags, and the rows to write, in export order.
 */
export interface ExportRows {
  ds: DatasetColumns
  themeMask: Uint32Array
  question: Uint8Array
  order: Uint32Array
}

/** 0, 1, …, n − 1. */
function inOrder(n: number): Uint32Array {
  const a = new Uint32Array(n)
  for (let i = 0; i < n; i++) a[i] = i
  return a
}

/** Collects the page's messages in the worker; `finish()` once the job arrives. */
export class RowsAssembler {
  private readonly strings: Record<StringColumn, PackedStrings[]> = { id: [], text: [], reply: [] }
  private wire: WireRows | null = null

  receive(msg: ExportRequest): void {
    if (msg.type === 'strings') this.strings[msg.column].push(msg.packed)
    else if (msg.type === 'rows') this.wire = msg.rows
  }

  finish(): ExportRows {
    const w = this.wire ?? { n: 0, numbers: {} }
    const n = w.n
    const num = (k: NumberColumn) => (w.numbers[k] as Uint32Array | undefined) ?? new Uint32Array(0)
    const str = (k: StringColumn) => {
      const pieces = this.strings[k]
      if (!pieces.length) return Strings.of([])
      // Read row by row from the pieces: the worker never holds a million strings at once.
      const col = Strings.packed(pieces)
      if (col.length !== n) throw new Error(`export: ${col.length} ${k} strings for ${n} rows`)
      return col
    }
    const ds: DatasetColumns = {
      n,
      id: str('id'),
      text: str('text'),
      reply: str('reply'),
      likes: num('likes'),
      replies: num('replies'),
      day: (w.numbers.day as Int32Array | undefined) ?? new Int32Array(0),
      time: (w.numbers.time as Int32Array | undefined) ?? new Int32Array(0),
      author: num('author'),
      avatar: num('avatar'),
      lesson: num('lesson'),
      source: num('source'),
      authors: w.authors ? unpackColumn([w.authors]) : [],
      avatars: w.avatars ? unpackColumn([w.avatars]) : [],
      sources: w.sources ?? [],
      lessons: w.lessons ?? [],
      batch: new Uint16Array(0),
      batches: [],
    }
    if (w.order?.some((row) => row >= n)) throw new Error(`export: a row past the ${n} sent`)
    return { ds, themeMask: w.themeMask ?? new Uint32Array(n), question: w.question ?? new Uint8Array(n), order: w.order ?? inOrder(n) }
  }
}
