/**
 * The reader's corrections of request themes for the dataset in view, remembered per dataset in
 * IndexedDB. The query store applies them to the theme masks, so counts, charts, filters and
 * exports all see the corrected themes. Every change can be undone.
 */
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { correctedCount, setTheme, type Corrections } from '@/insight/corrections'
import { loadCorrections, saveCorrections } from '@/persist/corrections'
import { useDatasetStore } from './dataset'
import { useAlertsStore } from './alerts'

export const useCorrectionsStore = defineStore('corrections', () => {
  const dataset = useDatasetStore()
  const key = computed(() => dataset.current?.key ?? '')
  const map = shallowRef<Corrections>({})
  /** The key `map` belongs to: corrections never leak from one dataset into another. */
  const loadedFor = shallowRef('')
  const history: Corrections[] = []
  const canUndo = shallowRef(false)

  watch(
    [key, () => dataset.correctionsVersion],
    async ([k]) => {
      map.value = {}
      loadedFor.value = ''
      history.length = 0
      canUndo.value = false
      if (!k) return
      let loaded: Corrections = {}
      try {
        loaded = await loadCorrections(k)
      } catch {
        // Storage refused (private mode): corrections stay in memory for this visit.
      }
      if (key.value !== k) return
      map.value = loaded
      loadedFor.value = k
    },
    { immediate: true },
  )

  async function persist(k: string, next: Corrections) {
    try {
      await saveCorrections(k, next)
    } catch (e) {
      useAlertsStore().push({ kind: 'error', key: 'storage.failed', params: { detail: e instanceof Error ? e.message : String(e) } })
    }
  }

  function commit(next: Corrections) {
    const k = key.value
    if (!k) return
    history.push(map.value)
    if (history.length > 100) history.shift()
    canUndo.value = true
    map.value = next
    loadedFor.value = k
    void persist(k, next)
  }

  /** Marks theme `themeId` present or absent on comment `id`; `detected` is what the detector said. */
  function set(id: string, themeId: string, detected: boolean, want: boolean) {
    commit(setTheme(map.value, id, themeId, detected, want))
  }

  function undo() {
    const prev = history.pop()
    if (!prev || !key.value) return
    canUndo.value = history.length > 0
    map.value = prev
    void persist(key.value, prev)
  }

  const count = computed(() => correctedCount(map.value))
  return { map, loadedFor, count, canUndo, set, undo }
})
