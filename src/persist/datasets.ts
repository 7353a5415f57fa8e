/**
 * Datasets in IndexedDB (idb-keyval): the columns exactly as the worker produced them (typed
 * arrays, dictionaries and the per-row strings packed into three joined strings), never a
 * million row objects or a million strings: saving clones a handful of buffers, so it never
 * blocks the page for long. A small `meta:<key>` entry per dataset lists it in the switcher
 * without loading its columns.
 */
import { createStore, del, delMany, get, keys, promisifyRequest, set, type UseStore } from 'idb-keyval'
import type { DatasetColumns } from '@/model/dataset'
import { columnChars, packColumns, STRING_COLUMNS, unpackColumns, type PackedColumn, type PackedColumns, type PackedStrings, type StringColumn } from '@/model/packed'

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
}

/**
 * What IndexedDB holds under `ds:<key>`. Format 4: the columns without the three string columns,
 * whose pieces (model/packed.ts) sit in entries of their own (`ds:<key>:text:0` …), so that each
 * is cloned in its own task; `pieces` says how many each column has. Format 3 (one entry per
 * string column), format 2 (packed strings in one entry) and plain arrays (no format) are earlier
 * versions' records, still read.
 */
export type StoredRecord =
  | { meta: StoredMeta; format: 4; pieces: Record<StringColumn, number>; columns: Omit<PackedColumns, StringColumn> }
  | { meta: StoredMeta; format: 3; columns: Omit<PackedColumns, StringColumn> }
  | { meta: StoredMeta; format: 2; columns: Omit<PackedColumns, StringColumn> & Record<StringColumn, PackedStrings> }
  | { meta: StoredMeta; format?: undefined; columns: DatasetColumns }

/** The head record and the string pieces a dataset is saved as. */
export function toRecords(d: StoredDataset): { head: StoredRecord; strings: Record<StringColumn, PackedColumn> } {
  const { id, text, reply, ...rest } = packColumns(d.columns)
  return { head: { meta: d.meta, format: 4, pieces: { id: id.length, text: text.length, reply: reply.length }, columns: rest }, strings: { id, text, reply } }
}

/**
 * Reads every format: a dataset saved by an earlier version still opens. `strings` are the string
 * entries read for the head (format 4: the pieces; format 3: one piece each). Null when a part is missing.
 */
export function fromRecords(head: StoredRecord, strings: Partial<Record<StringColumn, (PackedStrings | undefined)[]>> = {}): StoredDataset | null {
  if (head.format === 4 || head.format === 3) {
    const col = (c: StringColumn): PackedColumn | null => {
      const pieces = strings[c] ?? []
      const want = head.format === 4 ? head.pieces[c] : 1
      return pieces.length === want && pieces.every(Boolean) ? (pieces as PackedColumn) : null
    }
    const [id, text, reply] = [col('id'), col('text'), col('reply')]
    if (!id || !text || !reply) return null
    return { meta: head.meta, columns: unpackColumns({ ...head.columns, id, text, reply }) }
  }
  if (head.format === 2) {
    const c = head.columns
    return { meta: head.meta, columns: unpackColumns({ ...c, id: [c.id], text: [c.text], reply: [c.reply] }) }
  }
  return { meta: head.meta, columns: head.columns }
}

/** Where piece `k` of a string column is stored (format 3 stored one, without the index). */
const pieceKey = (key: string, column: StringColumn, k: number | null) => (k === null ? `ds:${key}:${column}` : `ds:${key}:${column}:${k}`)

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
  if (ds.packed) chars = columnChars(ds.packed.text) + columnChars(ds.packed.reply) + columnChars(ds.packed.id)
  else for (let i = 0; i < ds.n; i++) chars += ds.text[i].length + ds.reply[i].length + ds.id[i].length
  for (const a of ds.authors) chars += a.length
  return chars * 2 + ds.n * (4 * 8 + 2)
}

/** A stored meta as the switcher needs it (storage is outside the app's control: check). */
function isMeta(m: unknown): m is StoredMeta {
  const x = m as Partial<StoredMeta> | null
  return !!x && typeof x.key === 'string' && typeof x.name === 'string' && typeof x.comments === 'number' && typeof x.updatedAt === 'string' && typeof x.bytes === 'number'
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
    const strings: Partial<Record<StringColumn, (PackedStrings | undefined)[]>> = {}
    for (const c of STRING_COLUMNS) {
      if (head.format === 4) {
        const count = head.pieces?.[c]
        if (!Number.isInteger(count) || count < 0 || count > 1 << 20) throw new StoredRecordError(`pieces.${c}: ${String(count)}`, named)
        const pieces: (PackedStrings | undefined)[] = []
        for (let k = 0; k < count; k++) pieces.push(await get<PackedStrings>(pieceKey(key, c, k), db()))
        strings[c] = pieces
      } else if (head.format === 3) strings[c] = [await get<PackedStrings>(pieceKey(key, c, null), db())]
    }
    let rec: StoredDataset | null
    try {
      rec = fromRecords(head, strings)
    } catch (e) {
      throw new StoredRecordError(e instanceof Error ? e.message : String(e), named)
    }
    if (!rec) return undefined
    // A rename writes only the small meta entry (the head holds the columns): its name wins.
    const meta = await get<StoredMeta>(metaKey(key), db())
    return isMeta(meta) && meta.name !== rec.meta.name ? { ...rec, meta: { ...rec.meta, name: meta.name } } : rec
  })
}

/** Below this many rows a dataset is written in one transaction: its clone is a short task. */
const ONE_TRANSACTION_BELOW_ROWS = 20_000

/**
 * Saves a dataset. A small one is written in a single transaction, committed at once: a reload
 * right after an upload finds it. A big one writes each string piece in its own transaction (each
 * structured clone its own task, none blocking the page for long), then the head
 * and the meta together: a save cut short never leaves a dataset that looks complete.
 */
export function saveDataset(record: StoredDataset): Promise<void> {
  const start = performance.now()
  return withSaveLock(async () => {
    const { head, strings } = toRecords(record)
    const key = record.meta.key
    const pieces: [string, PackedStrings][] = STRING_COLUMNS.flatMap((c) => strings[c].map((p, k): [string, PackedStrings] => [pieceKey(key, c, k), p]))
    const together = record.columns.n < ONE_TRANSACTION_BELOW_ROWS
    if (!together) for (const [k, p] of pieces) await set(k, p, db())
    await db()('readwrite', (store) => {
      if (together) for (const [k, p] of pieces) store.put(p, k)
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
    for (const c of STRING_COLUMNS) {
      // A damaged head (see StoredRecordError) may have no piece counts: its pieces go with the next sweep.
      const pieces = head?.format === 4 ? head.pieces?.[c] : 0
      if (Number.isInteger(pieces)) for (let k = 0; k < pieces; k++) await del(pieceKey(key, c, k), db())
      await del(pieceKey(key, c, null), db())
    }
    const legacy = await get<StoredMeta[]>(LEGACY_INDEX_KEY, db())
    if (legacy?.some((m) => m.key === key)) await set(LEGACY_INDEX_KEY, legacy.filter((m) => m.key !== key), db())
  })
}
