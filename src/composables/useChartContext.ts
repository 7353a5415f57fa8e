/** The context every chart option builder gets: palette for the colour theme, translated labels, layout. */
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useMediaQuery } from '@vueuse/core'
import { usePrefsStore } from '@/stores/prefs'
import { DARK_PALETTE, LIGHT_PALETTE } from '@/charts/palette'
import type { BuildContext } from '@/charts/types'

const LABEL_KEYS = [
  'comments',
  'likes',
  'replies',
  'bucket',
  'period',
  'cumulative',
  'theme',
  'authors',
  'topLiked',
  'likesVsReplies',
  'openQuestions',
  'requests',
  'topRequest',
  'lesson',
  'course',
  'category',
  'per100',
  'allCourses',
] as const

export function useChartContext() {
  const { t, locale } = useI18n()
  const prefs = usePrefsStore()
  const narrow = useMediaQuery('(max-width: 700px)')
  return computed<BuildContext>(() => ({
    palette: prefs.theme === 'dark' ? DARK_PALETTE : LIGHT_PALETTE,
    labels: Object.fromEntries(LABEL_KEYS.map((k) => [k, t(`chart.labels.${k}`)])),
    narrow: narrow.value,
    locale: locale.value,
  }))
}
