/**
 * Datasets in IndexedDB (idb-keyval): the columns exactly as the worker produced them (typed
 * arrays and dictionaries, which IndexedDB clones natively), never a million row objects. A
 * small index lists them for the switcher without loading any columns.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval'
import type { DatasetColumns } from '@/model/dataset'

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
  for (let i = 0; i < ds.n; i++) chars += ds.text[i].length + ds.reply[i].length + ds.id[i].length
  for (const a of ds.authors) chars += a.length
  return chars * 2 + ds.n * (4 * 8 + 2)
}

export function listDatasets(): Promise<StoredMeta[]> {
  return guard(async () => ((await get<StoredMeta[]>(INDEX_KEY, db())) ?? []).slice().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)))
}

export function loadDataset(key: string): Promise<StoredDataset | undefined> {
  return guard(() => get<StoredDataset>(`ds:${key}`, db()))
}

export function saveDataset(record: StoredDataset): Promise<void> {
  return guard(async () => {
    await set(`ds:${record.meta.key}`, record, db())
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
