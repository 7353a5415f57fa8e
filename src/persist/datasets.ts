/**
 * Datasets in IndexedDB (idb-keyval): the columns exactly as the worker produced them (typed
 * arrays, dictionaries and the per-row strings packed into three joined strings), never a
 * million row objects or a million strings: saving clones a handful of buffers, so it never
 * blocks the page for long. A small index lists them for the switcher without loading columns.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval'
import type { DatasetColumns } from '@/model/dataset'
import { packColumns, unpackColumns, type PackedColumns } from '@/model/packed'

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

/** What IndexedDB holds: format 2 packs the strings; records saved before it hold plain arrays. */
export type StoredRecord = { meta: StoredMeta; format: 2; columns: PackedColumns } | { meta: StoredMeta; format?: undefined; columns: DatasetColumns }

export function toRecord(d: StoredDataset): StoredRecord {
  return { meta: d.meta, format: 2, columns: packColumns(d.columns) }
}

/** Reads both formats: a dataset saved by an earlier version still opens. */
export function fromRecord(rec: StoredRecord): StoredDataset {
  return { meta: rec.meta, columns: rec.format === 2 ? unpackColumns(rec.columns) : rec.columns }
}

/** A storage failure (quota, private mode, no IndexedDB): the app keeps working in memory. */
export class StorageError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause))
    this.name = 'StorageError'
  }
}

const INDEX_KEY = 'index'
let store: UseStore | null = null
function db(): UseStore {
  if (typeof indexedDB === 'undefined') throw new StorageError('IndexedDB is not available')
  store ??= createStore('comment-lens', 'datasets')
  return store
}

async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (e) {
    throw e instanceof StorageError ? e : new StorageError(e)
  }
}

export function approximateBytes(ds: DatasetColumns): number {
  let chars = 0
  if (ds.packed) chars = ds.packed.text.joined.length + ds.packed.reply.joined.length + ds.packed.id.joined.length
  else for (let i = 0; i < ds.n; i++) chars += ds.text[i].length + ds.reply[i].length + ds.id[i].length
  for (const a of ds.authors) chars += a.length
  return chars * 2 + ds.n * (4 * 8 + 2)
}

export function listDatasets(): Promise<StoredMeta[]> {
  return guard(async () => ((await get<StoredMeta[]>(INDEX_KEY, db())) ?? []).slice().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)))
}

export function loadDataset(key: string): Promise<StoredDataset | undefined> {
  return guard(async () => {
    const rec = await get<StoredRecord>(`ds:${key}`, db())
    return rec ? fromRecord(rec) : undefined
  })
}

export function saveDataset(record: StoredDataset): Promise<void> {
  return guard(async () => {
    await set(`ds:${record.meta.key}`, toRecord(record), db())
    const index = ((await get<StoredMeta[]>(INDEX_KEY, db())) ?? []).filter((m) => m.key !== record.meta.key)
    index.push(record.meta)
    await set(INDEX_KEY, index, db())
  })
}

export function deleteDataset(key: string): Promise<void> {
  return guard(async () => {
    await del(`ds:${key}`, db())
    const index = ((await get<StoredMeta[]>(INDEX_KEY, db())) ?? []).filter((m) => m.key !== key)
    await set(INDEX_KEY, index, db())
  })
}
