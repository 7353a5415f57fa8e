import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useQueryStore } from '@/stores/query'

/** Display names of the request themes in the UI language, by id and by index. */
export function useThemeNames() {
  const { locale } = useI18n()
  const q = useQueryStore()
  const byIndex = computed(() => q.themeDefs.map((t) => (locale.value === 'en' ? t.name.en : t.name.zh)))
  const byId = computed(() => new Map(q.themeDefs.map((t, i) => [t.id, byIndex.value[i]])))
  return { byIndex, byId }
}
