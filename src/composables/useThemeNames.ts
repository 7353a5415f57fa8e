import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useQueryStore } from '@/stores/query'
import { useThemesStore } from '@/stores/themes'

/**
 * Display names of the request themes in the UI language, by id and by index. A theme whose
 * definition is not the default one is marked "(edited)" wherever it shows (pills, charts, the
 * detail), so a shared link's redefined "加餐与番外" is never read as the standard one. `plain*`
 * are the bare names, for files (an export's `themes` column).
 */
export function useThemeNames() {
  const { locale, t } = useI18n()
  const q = useQueryStore()
  const themes = useThemesStore()
  const plainByIndex = computed(() => q.themeDefs.map((d) => (locale.value === 'en' ? d.name.en : d.name.zh)))
  const byIndex = computed(() =>
    q.themeDefs.map((d, i) => (themes.redefined.has(d.id) ? t('themes.editedName', { name: plainByIndex.value[i] }) : plainByIndex.value[i])),
  )
  const byId = computed(() => new Map(q.themeDefs.map((d, i) => [d.id, byIndex.value[i]])))
  const plainById = computed(() => new Map(q.themeDefs.map((d, i) => [d.id, plainByIndex.value[i]])))
  return { byIndex, byId, plainByIndex, plainById }
}
