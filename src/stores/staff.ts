/**
 * Authors marked as staff (the course author, editors, assistants), remembered per dataset. Staff
 * comments are left out of request and question counts unless the view includes them.
 */
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { useLocalStorage } from '@vueuse/core'
import { useDatasetStore } from './dataset'
import { staffCandidates } from '@/insight/staff'

export const useStaffStore = defineStore('staff', () => {
  const dataset = useDatasetStore()
  const all = useLocalStorage<Record<string, string[]>>('comment-lens:staff', {})
  const key = computed(() => dataset.current?.key ?? '')
  const names = computed<string[]>(() => all.value[key.value] ?? [])

  function set(list: string[]) {
    all.value = { ...all.value, [key.value]: list }
  }
  function toggle(name: string) {
    set(names.value.includes(name) ? names.value.filter((n) => n !== name) : [...names.value, name])
  }
  // Likely staff (insight/staff.ts): names that say so, authors under half the lessons or more. They
  // depend on the dataset only (two passes over the rows); marking one only filters them.
  const candidates = computed<string[]>(() => (dataset.columns ? staffCandidates(dataset.columns) : []))
  const suggestions = computed<string[]>(() => candidates.value.filter((n) => !names.value.includes(n)).slice(0, 10))
  return { names, toggle, suggestions }
})
