/**
 * Theme corrections in IndexedDB, one record per dataset (its key: the fingerprint, or `sample`).
 * Kept apart from the datasets' own store so that a correction is one small write, never a rewrite
 * of the dataset's columns.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval'
import { sanitizeCorrections, type Correction, type Corrections } from '@/insight/corrections'

let store: UseStore | null = null
const db = () => (store ??= createStore('comment-lens-corrections', 'corrections'))

export async function loadCorrections(key: string): Promise<Record<string, Correction>> {
  return sanitizeCorrections(await get<unknown>(key, db()))
}

export async function saveCorrections(key: string, corr: Corrections): Promise<void> {
  if (Object.keys(corr).length) await set(key, corr, db())
  else await del(key, db())
}

export async function deleteCorrections(key: string): Promise<void> {
  await del(key, db())
}
