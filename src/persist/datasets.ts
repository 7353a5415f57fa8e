/**
 * Datasets in IndexedDB (idb-keyval): the columns exactly as the worker produced them (typed
 * arrays, dictionaries and the per-row strings packed into three joined strings), never a
 * million row objects or a million strings: saving clones a handful of buffers, so it never
 * blocks the page for long. A small `meta:<key>` entry per dataset lists it in the switcher
 * without loading its columns.
 */
import { createStore, del, delMany, get, keys, promisifyRequest, set, type UseStore } from 'idb-keyval'
import type { DatasetColumns } from '@/model/dataset'
import type { DatasetIndexes } from '@/query/prepare'
import {
  packColumn,
  cutColumn,
  packColumns,
  STRING_COLUMNS,
  unpackColumn,
  columnsFromPacked,
  type PackedColumn,
  type PackedColumns,
  type PackedStrings,
  type StringColumn,
  Strings,
} from '@/model/packed'

export interface StoredMeta {
  /** The dataset's fingerprint (as in the URL's `ds`). */
  key: string
  name: string
  comments: number
  lessons: number
  /** Approximate size in bytes (texts as UTF-16 plus the columns). */
  bytes: number
  files: string[]
  createdAt: string
  updatedAt: string
}

export interface StoredDataset {
  meta: StoredMeta
  columns: DatasetColumns
  /** Per-row indexes saved with the dataset, and the match key of the themes they were made for. */
  indexes?: StoredIndexes
}

/** What `ds:<key>:index` holds: a reload with unchanged themes matches nothing again. */
export interface StoredIndexes {
  /** The theme set's match key (query/indexes.ts). */
  themes: string
  value: DatasetIndexes
}

/**
 * Format 5 stores as pieces, besides the three per-row string columns, the dictionaries as big as the
 * rows (a million comments have hundreds of thousands of authors and avatar URLs), and every
 * typed-array column in an entry of its own: IndexedDB hands a value back in one task on the page,
 * and a head of tens of MB was a task of a quarter of a second.
 */
const PACKED_DICTS = ['authors', 'avatars'] as const
type PackedDict = (typeof PACKED_DICTS)[number]
type PieceColumn = StringColumn | PackedDict
const PIECE_COLUMNS: readonly PieceColumn[] = [...STRING_COLUMNS, ...PACKED_DICTS]
const ARRAY_COLUMNS = ['likes', 'replies', 'day', 'time', 'author', 'avatar', 'lesson', 'source', 'batch'] as const
type ArrayColumn = (typeof ARRAY_COLUMNS)[number]
export type StoredArrays = Pick<DatasetColumns, ArrayColumn>

/**
 * What IndexedDB holds under `ds:<key>`. Format 5: the small columns (lessons, sources, batches …);
 * the string columns and the dictionaries as pieces (`ds:<key>:text:0` …, `pieces` says how many),
 * the typed arrays one entry each (`ds:<key>:arr:likes` …). Format 4: the columns without the three
 * string columns, whose pieces sit in entries of their own. Format 3 (one entry per string column),
 * format 2 (packed strings in one entry) and plain arrays (no format) are earlier versions' records,
 * still read.
 */
export type StoredRecord =
  | { meta: StoredMeta; format: 5; pieces: Record<PieceColumn, number>; columns: Omit<PackedColumns, PieceColumn | ArrayColumn> }
  | { meta: StoredMeta; format: 4; pieces: Record<StringColumn, number>; columns: Omit<PackedColumns, StringColumn> }
  | { meta: StoredMeta; format: 3; columns: Omit<PackedColumns, StringColumn> }
  | { meta: StoredMeta; format: 2; columns: Omit<PackedColumns, StringColumn> & Record<StringColumn, PackedStrings> }
  | { meta: StoredMeta; format?: undefined; columns: Omit<DatasetColumns, StringColumn> & Record<StringColumn, string[]> }

type Pieces = Partial<Record<PieceColumn, (PackedStrings | undefined)[]>>

/**
 * Characters per stored piece. Chromium hands a stored value back in one task when the page reads
 * it (`request.result`), and a piece of 2M Chinese characters took 90–300 ms there (measured on
 * 100k comments): stored pieces are cut to a tenth of that, each read a task of its own.
 */
export const STORE_PIECE_CHARS = 1 << 18

/** The head record, the pieces and the typed arrays a dataset is saved as. */
export function toRecords(d: StoredDataset): { head: StoredRecord; strings: Record<PieceColumn, PackedColumn>; arrays: StoredArrays } {
  const { id, text, reply, authors, avatars, likes, replies, day, time, author, avatar, lesson, source, batch, n, lessons, sources, batches } = packColumns(
    d.columns,
  )
  // The head holds only the small columns, named: whatever else an object carries is not stored.
  const rest = { n, lessons, sources, batches }
  const small = (col: PackedColumn) => cutColumn(col, STORE_PIECE_CHARS)
  const strings = {
    id: small(id),
    text: small(text),
    reply: small(reply),
    authors: packColumn(authors, STORE_PIECE_CHARS),
    avatars: packColumn(avatars, STORE_PIECE_CHARS),
  }
  const pieces = Object.fromEntries(PIECE_COLUMNS.map((c) => [c, strings[c].length])) as Record<PieceColumn, number>
  return { head: { meta: d.meta, format: 5, pieces, columns: rest }, strings, arrays: { likes, replies, day, time, author, avatar, lesson, source, batch } }
}

/**
 * Reads every format: a dataset saved by an earlier version still opens. `strings` are the piece
 * entries read for the head (format 3: one piece each), `arrays` format 5's typed arrays. Null when
 * a part is missing.
 */
export function fromRecords(head: StoredRecord, strings: Pieces = {}, arrays: Partial<StoredArrays> = {}): StoredDataset | null {
  if (head.format === 5 || head.format === 4 || head.format === 3) {
    const packed = packedFromRecords(head, strings, arrays)
    return packed && { meta: head.meta, columns: columnsFromPacked(packed) }
  }
  if (head.format === 2) {
    const c = head.columns
    return { meta: head.meta, columns: columnsFromPacked({ ...c, id: [c.id], text: [c.text], reply: [c.reply] }) }
  }
  const c = head.columns
  return { meta: head.meta, columns: { ...c, id: Strings.of(c.id), text: Strings.of(c.text), reply: Strings.of(c.reply) } }
}

/** A format 5, 4 or 3 head and its other entries as packed columns, or null when a part is missing. */
function packedFromRecords(head: StoredRecord & { format: 5 | 4 | 3 }, strings: Pieces, arrays: Partial<StoredArrays>): PackedColumns | null {
  const col = (c: PieceColumn): PackedColumn | null => {
    const pieces = strings[c] ?? []
    const want = head.format === 3 ? 1 : (head.pieces as Partial<Record<PieceColumn, number>>)[c]
    return pieces.length === want && pieces.every(Boolean) ? (pieces as PackedColumn) : null
  }
  const [id, text, reply] = [col('id'), col('text'), col('reply')]
  if (!id || !text || !reply) return null
  if (head.format !== 5) return { ...head.columns, id, text, reply }
  const [authors, avatars] = [col('authors'), col('avatars')]
  const n = head.columns.n
  if (!authors || !avatars || !ARRAY_COLUMNS.every((c) => arrays[c]?.length === n)) return null
  return { ...head.columns, ...(arrays as StoredArrays), authors: unpackColumn(authors), avatars: unpackColumn(avatars), id, text, reply }
}

/** Where typed-array column `name` of a format 5 dataset is stored. */
const arrayKey = (key: string, name: string) => `ds:${key}:arr:${name}`

/** Where a dataset's theme masks (and the match key they were made for) are stored. */
const indexKey = (key: string) => `ds:${key}:index`
/** The indexes that do not depend on the themes, each an entry of its own. */
const INDEX_ARRAYS = ['order.likes', 'order.replies', 'order.date', 'order.length', 'question', 'length'] as const
type IndexArray = (typeof INDEX_ARRAYS)[number]

function indexArrays(x: DatasetIndexes): Record<IndexArray, Uint32Array | Uint8Array> {
  return {
    'order.likes': x.orders.likes,
    'order.replies': x.orders.replies,
    'order.date': x.orders.date,
    'order.length': x.orders.length,
    question: x.question,
    length: x.length,
  }
}

/** What `ds:<key>:index` holds: the masks with their match key in one entry, so they never part. */
interface StoredMasks {
  themes: string
  masks: Uint32Array
}

/** Indexes as stored: checked, since storage is outside the app's control (a wrong length is dropped). */
function readIndexes(head: unknown, arrays: Partial<Record<IndexArray, unknown>>, n: number): StoredIndexes | undefined {
  const h = head as StoredMasks | undefined
  const ok = (a: unknown, T: typeof Uint32Array | typeof Uint8Array) => a instanceof T && a.length === n
  if (!h || typeof h.themes !== 'string' || !ok(h.masks, Uint32Array)) return undefined
  if (!INDEX_ARRAYS.every((k) => ok(arrays[k], k === 'question' ? Uint8Array : Uint32Array))) return undefined
  const a = arrays as Record<IndexArray, Uint32Array> & { question: Uint8Array }
  return {
    themes: h.themes,
    value: {
      orders: { likes: a['order.likes'], replies: a['order.replies'], date: a['order.date'], length: a['order.length'] },
      themeMask: h.masks,
      question: a.question,
      length: a.length,
    },
  }
}

/**
 * Saves a dataset's indexes, each array in an entry (and a task) of its own, the masks last with
 * their match key. Only the latest theme set's masks are kept.
 */
export function saveIndexes(key: string, indexes: StoredIndexes): Promise<void> {
  return withSaveLock(async () => {
    for (const [name, a] of Object.entries(indexArrays(indexes.value))) await set(arrayKey(key, `index.${name}`), a, db())
    await set(indexKey(key), { themes: indexes.themes, masks: indexes.value.themeMask } satisfies StoredMasks, db())
  })
}

/** Where piece `k` of a string column is stored (format 3 stored one, without the index). */
const pieceKey = (key: string, column: PieceColumn, k: number | null) => (k === null ? `ds:${key}:${column}` : `ds:${key}:${column}:${k}`)

/** A storage failure (quota, private mode, no IndexedDB): the app keeps working in memory. */
export class StorageError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause))
    this.name = 'StorageError'
  }
}

/** Earlier versions listed every dataset's meta in one entry; they are now `meta:<key>` entries. */
const LEGACY_INDEX_KEY = 'index'
const metaKey = (key: string) => `meta:${key}`
const META_RANGE = () => IDBKeyRange.bound('meta:', 'meta:\uffff')
let store: UseStore | null = null
function db(): UseStore {
  if (typeof indexedDB === 'undefined') throw new StorageError('IndexedDB is not available')
  store ??= createStore('comment-lens', 'datasets')
  return store
}

/**
 * A record that is there but cannot be made into a dataset (damaged, or not written by this app):
 * storage works, this one dataset does not. The page offers to delete it.
 */
export class StoredRecordError extends Error {
  /** The dataset's name, when the record still says it. */
  readonly datasetName?: string
  constructor(detail: string, datasetName?: unknown) {
    super(detail)
    this.name = 'StoredRecordError'
    if (typeof datasetName === 'string') this.datasetName = datasetName
  }
}

async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (e) {
    throw e instanceof StorageError || e instanceof StoredRecordError ? e : new StorageError(e)
  }
}

export function approximateBytes(ds: DatasetColumns): number {
  let chars = 0
  chars = ds.text.chars() + ds.reply.chars() + ds.id.chars()
  for (const a of ds.authors) chars += a.length
  return chars * 2 + ds.n * (4 * 8 + 2)
}

/** A stored meta as the switcher needs it (storage is outside the app's control: check). */
function isMeta(m: unknown): m is StoredMeta {
  const x = m as Partial<StoredMeta> | null
  return (
    !!x &&
    typeof x.key === 'string' &&
    typeof x.name === 'string' &&
    typeof x.comments === 'number' &&
    typeof x.updatedAt === 'string' &&
    typeof x.bytes === 'number'
  )
}

export function listDatasets(): Promise<StoredMeta[]> {
  return guard(async () => {
    const metas = await db()('readonly', (store) => promisifyRequest(store.getAll(META_RANGE()) as IDBRequest<StoredMeta[]>))
    const legacy = (await get<StoredMeta[]>(LEGACY_INDEX_KEY, db())) ?? []
    const byKey = new Map<string, StoredMeta>()
    for (const m of [...legacy, ...metas]) if (isMeta(m)) byKey.set(m.key, m)
    return [...byKey.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  })
}

export function loadDataset(key: string): Promise<StoredDataset | undefined> {
  return guard(async () => {
    const head = await get<StoredRecord>(`ds:${key}`, db())
    if (!head) return undefined
    const named = (head as Partial<StoredRecord> | null)?.meta?.name
    if (typeof head !== 'object' || typeof head.columns !== 'object' || head.columns === null) throw new StoredRecordError('no columns', named)
    // One entry per await: each is handed back (cloned) in a task of its own.
    const strings: Pieces = {}
    const arrays: Partial<Record<ArrayColumn, unknown>> = {}
    if (head.format === 5 || head.format === 4) {
      const counts = (head.pieces ?? {}) as Partial<Record<PieceColumn, number>>
      for (const c of PIECE_COLUMNS) {
        const count = counts[c]
        if (count === undefined && (head.format === 5 || STRING_COLUMNS.includes(c as StringColumn)))
          throw new StoredRecordError(`pieces.${c}: undefined`, named)
        if (count === undefined) continue
        if (!Number.isInteger(count) || count < 0 || count > 1 << 20) throw new StoredRecordError(`pieces.${c}: ${String(count)}`, named)
        const pieces: (PackedStrings | undefined)[] = []
        for (let k = 0; k < count; k++) pieces.push(await get<PackedStrings>(pieceKey(key, c, k), db()))
        strings[c] = pieces
      }
      if (head.format === 5) for (const c of ARRAY_COLUMNS) arrays[c] = await get(arrayKey(key, c), db())
    } else if (head.format === 3) for (const c of STRING_COLUMNS) strings[c] = [await get<PackedStrings>(pieceKey(key, c, null), db())]
    let rec: StoredDataset | null
    try {
      // The rows stay in their pieces (model/packed.ts's Strings): nothing to unpack here.
      rec = fromRecords(head, strings, arrays as Partial<StoredArrays>)
    } catch (e) {
      throw new StoredRecordError(e instanceof Error ? e.message : String(e), named)
    }
    if (!rec) return undefined
    const masks = await get<unknown>(indexKey(key), db())
    if (masks) {
      const parts: Partial<Record<IndexArray, unknown>> = {}
      for (const name of INDEX_ARRAYS) parts[name] = await get(arrayKey(key, `index.${name}`), db())
      rec.indexes = readIndexes(masks, parts, rec.columns.n)
    }
    // A rename writes only the small meta entry (the head holds the columns): its name wins.
    const meta = await get<StoredMeta>(metaKey(key), db())
    return isMeta(meta) && meta.name !== rec.meta.name ? { ...rec, meta: { ...rec.meta, name: meta.name } } : rec
  })
}

/** Below this many rows a dataset is written in one transaction: its clone is a short task. */
const ONE_TRANSACTION_BELOW_ROWS = 20_000

/**
 * Saves a dataset. A small one is written in a single transaction, committed at once: a reload
 * right after an upload finds it. A big one writes each piece and array in its own transaction (each
 * structured clone its own task, none blocking the page for long), then the head and the meta
 * together: a save cut short never leaves a dataset that looks complete.
 */
export function saveDataset(record: StoredDataset): Promise<void> {
  const start = performance.now()
  return withSaveLock(async () => {
    const { head, strings, arrays } = toRecords(record)
    const key = record.meta.key
    const entries: [string, unknown][] = [
      ...PIECE_COLUMNS.flatMap((c) => strings[c].map((p, k): [string, unknown] => [pieceKey(key, c, k), p])),
      ...Object.entries(arrays).map(([c, a]): [string, unknown] => [arrayKey(key, c), a]),
    ]
    if (record.indexes) {
      entries.push(...Object.entries(indexArrays(record.indexes.value)).map(([name, a]): [string, unknown] => [arrayKey(key, `index.${name}`), a]))
      entries.push([indexKey(key), { themes: record.indexes.themes, masks: record.indexes.value.themeMask } satisfies StoredMasks])
    }
    const together = record.columns.n < ONE_TRANSACTION_BELOW_ROWS
    if (!together) for (const [k, v] of entries) await set(k, v, db())
    await db()('readwrite', (store) => {
      if (together) for (const [k, v] of entries) store.put(v, k)
      if (!record.indexes) store.delete(indexKey(key))
      store.put(head, `ds:${key}`)
      store.put(record.meta, metaKey(key))
      // Nothing to read back: commit at once rather than when the page's busy main thread comes
      // back to this transaction (the page may be leaving).
      store.transaction.commit?.()
      return promisifyRequest(store.transaction)
    })
    performance.measure?.('persist:save', { start })
  })
}

/**
 * Saves hold this Web Lock (shared: tabs may save at once); the sweep takes it exclusively and only
 * if free, so it never deletes the pieces of a save another tab is writing. Without Web Locks,
 * saves run unguarded and the sweep is skipped.
 */
const SAVE_LOCK = 'comment-lens-save'
const webLocks = () => (globalThis.navigator as Navigator | undefined)?.locks
function withSaveLock(fn: () => Promise<void>): Promise<void> {
  const locks = webLocks()
  return guard(() => (locks ? locks.request(SAVE_LOCK, { mode: 'shared' }, fn) : fn()))
}

/**
 * Deletes the string pieces and metas of datasets without a head: what a big save leaves when the
 * page is closed before its last transaction (up to hundreds of MB of quota), or a deletion cut
 * short. Returns how many entries went.
 */
export function sweepOrphans(): Promise<number> {
  const locks = webLocks()
  if (!locks) return Promise.resolve(0)
  return guard(() =>
    locks.request(SAVE_LOCK, { mode: 'exclusive', ifAvailable: true }, async (lock) => {
      if (!lock) return 0
      const all = (await keys(db())).filter((k): k is string => typeof k === 'string')
      const heads = new Set(all.filter((k) => /^ds:[^:]+$/.test(k)))
      // Pieces (`ds:<key>:…`) and metas (`meta:<key>`) of a dataset without a head.
      const datasetOf = (k: string) => /^ds:([^:]+):/.exec(k)?.[1] ?? /^meta:(.+)$/.exec(k)?.[1]
      const orphans = all.filter((k) => {
        const key = datasetOf(k)
        return key !== undefined && !heads.has(`ds:${key}`)
      })
      if (orphans.length) await delMany(orphans, db())
      return orphans.length
    }),
  )
}

/** Writes a stored dataset's meta (its name, dates, counts) over the one its save wrote; nothing if it is not stored. */
export function saveMeta(meta: StoredMeta): Promise<void> {
  return guard(async () => {
    if (await get(`ds:${meta.key}`, db())) await set(metaKey(meta.key), meta, db())
  })
}

/** Gives a stored dataset another name (its meta only: the columns are not rewritten). */
export function renameDataset(key: string, name: string): Promise<void> {
  return guard(async () => {
    const meta = await get<StoredMeta>(metaKey(key), db())
    if (isMeta(meta)) await set(metaKey(key), { ...meta, name }, db())
  })
}

export function deleteDataset(key: string): Promise<void> {
  return guard(async () => {
    // Unlisted first, then the head: a deletion cut short leaves only pieces, which the sweep frees.
    await del(metaKey(key), db())
    const head = await get<StoredRecord>(`ds:${key}`, db())
    await del(`ds:${key}`, db())
    await del(indexKey(key), db())
    // A damaged head (see StoredRecordError) may have no piece counts: its pieces go with the next sweep.
    const counts = (head?.format === 5 || head?.format === 4 ? (head.pieces ?? {}) : {}) as Partial<Record<PieceColumn, number>>
    for (const c of PIECE_COLUMNS) {
      const pieces = counts[c]
      if (Number.isInteger(pieces)) for (let k = 0; k < (pieces as number); k++) await del(pieceKey(key, c, k), db())
      await del(pieceKey(key, c, null), db())
    }
    await delMany(
      [...ARRAY_COLUMNS, ...INDEX_ARRAYS.map((n) => `index.${n}`)].map((n) => arrayKey(key, n)),
      db(),
    )
    const legacy = await get<StoredMeta[]>(LEGACY_INDEX_KEY, db())
    if (legacy?.some((m) => m.key === key))
      await set(
        LEGACY_INDEX_KEY,
        legacy.filter((m) => m.key !== key),
        db(),
      )
  })
}
