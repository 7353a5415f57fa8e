/**
 * Authors marked as staff (the course author, editors, assistants), remembered per dataset. Staff
 * comments are left out of request and question counts unless the view includes them.
 */
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { useLocalStorage } from '@vueuse/core'
import { useDatasetStore } from './dataset'

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
  /**
   * Likely staff: names that say so (编辑, 小助手, 作者 …), and authors who comment on most lessons
   * of a course (an editor often posts under every lesson).
   */
  // The candidates depend on the dataset only (a pass over every row and author: ~100 ms at a million
  // comments); marking one only filters them.
  const candidates = computed<string[]>(() => {
    const ds = dataset.columns
    if (!ds) return []
    const out = new Set<string>()
    for (const a of ds.authors) if (/编辑|小助手|助教|运营|作者|讲师|官方|极客时间|editor|assistant/i.test(a)) out.add(a)
    if (ds.lessons.length >= 3) {
      const need = Math.max(3, Math.ceil(ds.lessons.length * 0.5))
      // Only authors with at least `need` comments can span `need` lessons: count first (one cheap
      // pass), then collect lessons for those few, not a Set per author (80,000 Sets at 100k rows).
      const count = new Uint32Array(ds.authors.length)
      for (let i = 0; i < ds.n; i++) count[ds.author[i]]++
      const lessonsOf = new Map<number, Set<number>>()
      count.forEach((c, a) => {
        if (c >= need) lessonsOf.set(a, new Set())
      })
      if (lessonsOf.size) for (let i = 0; i < ds.n; i++) lessonsOf.get(ds.author[i])?.add(ds.lesson[i])
      for (const [a, s] of lessonsOf) if (s.size >= need) out.add(ds.authors[a])
    }
    return [...out]
  })
  const suggestions = computed<string[]>(() => candidates.value.filter((n) => !names.value.includes(n)).slice(0, 10))
  return { names, toggle, suggestions }
})
