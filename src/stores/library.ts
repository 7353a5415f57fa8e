/**
 * The datasets stored in this browser: the list, opening one a link names, switching, renaming,
 * deleting with undo, and keeping what the workers compute for the dataset in view (its metadata
 * after an upload, its indexes after a rematch) — a watcher on the dataset in view, not a call from
 * the query. Storage that fails says so once and the app goes on without it.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { deleteCorrections, loadCorrections, saveCorrections } from '@/persist/corrections'
import type { Corrections } from '@/insight/corrections'
import {
  approximateBytes,
  deleteDataset,
  listDatasets,
  loadDataset,
  renameDataset,
  saveDataset,
  saveIndexes,
  saveMeta,
  StoredRecordError,
  sweepOrphans,
  type StoredDataset,
  type StoredMeta,
} from '@/persist/datasets'
import { checkColumns, cleanNames } from '@/model/checks'
import { checkParams } from '@/composables/problemAlert'
import { useAlertsStore, type Alert } from './alerts'
import { useViewStore } from './view'
import { SAMPLE_KEY, useDatasetStore, type LoadedDataset } from './dataset'
import { useQueryStore } from './query'

export const useLibraryStore = defineStore('library', () => {
  const dataset = useDatasetStore()
  const stored = ref<StoredMeta[]>([])
  const storageOk = ref(true)
  const trash = new Map<string, StoredDataset>()
  const trashedCorrections = new Map<string, Corrections>()

  function storageFailed(e: unknown) {
    if (!storageOk.value) return
    storageOk.value = false
    useAlertsStore().push({ kind: 'error', key: 'storage.failed', params: { detail: e instanceof Error ? e.message : String(e) } })
  }

  async function refreshStored() {
    try {
      stored.value = await listDatasets()
    } catch (e) {
      storageFailed(e)
    }
  }

  /** Frees what saves cut short left behind (see sweepOrphans); quietly, it is housekeeping. */
  async function sweepStorage() {
    try {
      await sweepOrphans()
    } catch {
      // Nothing lost: the next sweep tries again.
    }
  }

  function metaOf(d: LoadedDataset): StoredMeta {
    const now = new Date().toISOString()
    return {
      key: d.key,
      name: d.name,
      comments: d.columns.n,
      lessons: d.columns.lessons.length,
      bytes: approximateBytes(d.columns),
      files: d.columns.sources.slice(0, 200),
      createdAt: stored.value.find((m) => m.key === d.key)?.createdAt ?? now,
      updatedAt: now,
    }
  }

  /** A dataset the import worker saved: the page writes its meta (the name it chose, the first upload's date). */
  async function saved(d: LoadedDataset) {
    try {
      await saveMeta(metaOf(d))
      await refreshStored()
    } catch (e) {
      storageFailed(e)
    }
  }

  /**
   * The indexes of the dataset in view were computed anew (another theme set): a stored dataset
   * keeps them, so the next reload with these themes matches nothing.
   */
  async function keepIndexes(d: LoadedDataset) {
    if (d.key === SAMPLE_KEY || !storageOk.value || !d.indexes) return
    if (!stored.value.some((m) => m.key === d.key)) return
    try {
      await saveIndexes(d.key, d.indexes)
    } catch (e) {
      storageFailed(e)
    }
  }
  watch(
    () => useQueryStore().rematched,
    (r) => {
      if (r) void keepIndexes(r.dataset)
    },
  )

  /** Shows the dataset a URL names: the sample, a stored one, or an explanation of what is missing. */
  async function open(key: string, files: string | null): Promise<void> {
    if (dataset.current?.key === key) return
    if (key === SAMPLE_KEY) return dataset.loadSample()
    let rec: StoredDataset | undefined
    // A record that cannot be read, or holds values out of range (a day in year 275760), is not
    // shown (it would hang every load) but offered for deletion; its files can be imported again.
    let broken: Pick<Alert, 'key' | 'params' | 'paramKeys'> | null = null
    let brokenName: string | undefined
    try {
      rec = await loadDataset(key)
      const problem = rec ? checkColumns(rec.columns) : null
      if (rec && problem) broken = { key: 'check.stored', ...checkParams(problem) }
    } catch (e) {
      if (e instanceof StoredRecordError) {
        broken = { key: 'check.storedUnreadable', params: { detail: e.message } }
        brokenName = e.datasetName
      } else storageFailed(e)
    }
    if (broken) {
      const name = rec?.meta.name ?? brokenName ?? stored.value.find((m) => m.key === key)?.name ?? key
      const deleted = () => useAlertsStore().push({ kind: 'info', key: 'dataset.deleted', params: { name } })
      // Not remove(): its undo would keep the record, which is what cannot be read.
      const run = () =>
        void deleteDataset(key)
          .then(() => deleteCorrections(key))
          .then(refreshStored)
          .then(deleted, storageFailed)
      useAlertsStore().push({ kind: 'error', ...broken, params: { ...broken.params, name }, action: { key: 'check.delete', run } })
      dataset.showMissing(key, files ? files.split('\n').filter(Boolean) : [])
      return
    }
    if (rec) {
      dataset.show({ key, name: rec.meta.name, columns: cleanNames(rec.columns), report: null, loadedAt: Date.now(), indexes: rec.indexes }, 'replace')
      return
    }
    const list = files ? files.split('\n').filter(Boolean) : []
    dataset.showMissing(key, list)
    // A link without file names (made by hand, or cut short) cannot list them: it says what else works.
    if (list.length) useAlertsStore().push({ kind: 'error', key: 'url.datasetMissing', params: { ds: key, files: list.join(', ') } })
    else useAlertsStore().push({ kind: 'error', key: 'url.datasetMissingUnnamed', params: { ds: key } })
  }

  async function switchTo(key: string) {
    if (key === dataset.current?.key) return
    const view = useViewStore()
    view.update({ ds: key, c: null }, 'push')
    await open(key, null)
  }

  /** Names the reader gave datasets: shown at once, and written to the stored dataset's meta. */
  const renamed = ref<Record<string, string>>({})
  const customName = computed(() => (dataset.current ? renamed.value[dataset.current.key] : undefined))
  async function rename(name: string) {
    const d = dataset.current
    const n = name.replace(/\s+/g, ' ').trim().slice(0, 120)
    if (!d || !n || d.key === SAMPLE_KEY) return
    renamed.value = { ...renamed.value, [d.key]: n }
    // Later saves (a merge) keep the name.
    d.name = n
    d.nameKey = undefined
    if (!storageOk.value) return
    try {
      await renameDataset(d.key, n)
      await refreshStored()
    } catch (e) {
      storageFailed(e)
    }
  }

  async function remove(key: string) {
    try {
      // A record that cannot be read has nothing to keep for an undo (and is no storage failure).
      const rec = await loadDataset(key).catch((e: unknown) => {
        if (e instanceof StoredRecordError) return undefined
        throw e
      })
      // A dataset's theme corrections go with it, and come back with an undo.
      const corrections = await loadCorrections(key).catch(() => ({}))
      await deleteDataset(key)
      await deleteCorrections(key).catch(() => undefined)
      if (rec) trash.set(key, rec)
      trashedCorrections.set(key, corrections)
      await refreshStored()
      useAlertsStore().push({
        kind: 'info',
        key: 'dataset.deleted',
        params: { name: rec?.meta.name ?? key },
        action: { key: 'dataset.undo', run: () => void undoRemove(key) },
      })
      if (dataset.current?.key === key) await switchTo(SAMPLE_KEY)
    } catch (e) {
      storageFailed(e)
    }
  }

  async function undoRemove(key: string) {
    const rec = trash.get(key)
    if (!rec) return
    try {
      await saveDataset(rec)
      trash.delete(key)
      const corrections = trashedCorrections.get(key)
      trashedCorrections.delete(key)
      if (corrections) await saveCorrections(key, corrections).catch(() => undefined)
      await refreshStored()
      useAlertsStore().push({ kind: 'info', key: 'dataset.restored', params: { name: rec.meta.name } })
    } catch (e) {
      storageFailed(e)
    }
  }

  return { stored, storageOk, storageFailed, refreshStored, sweepStorage, saved, open, switchTo, customName, rename, remove, undoRemove }
})
