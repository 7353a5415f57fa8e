/** Per-browser preferences: language, colour theme, and whether avatars are loaded. */
import { defineStore } from 'pinia'
import { ref, watchEffect } from 'vue'
import { useLocalStorage, usePreferredDark } from '@vueuse/core'
import { setLocale as loadLocale, type Locale } from '@/i18n'

export type Theme = 'light' | 'dark'

export const usePrefsStore = defineStore('prefs', () => {
  const locale = ref<Locale>('zh-CN')
  const prefersDark = usePreferredDark()
  const storedTheme = useLocalStorage<Theme | ''>('comment-lens:theme', '')
  const theme = ref<Theme>(storedTheme.value || (prefersDark.value ? 'dark' : 'light'))

  watchEffect(() => {
    document.documentElement.dataset.theme = theme.value
  })

  /**
   * Avatars are the only requests the app makes to other hosts (the URLs come from the imported
   * files). Off: initials only, and nothing leaves the browser but requests to the app's own host.
   */
  const loadAvatars = useLocalStorage<boolean>('comment-lens:load-avatars', true)

  async function setLocale(l: Locale) {
    await loadLocale(l)
    locale.value = l
  }
  function toggleTheme() {
    theme.value = theme.value === 'dark' ? 'light' : 'dark'
    storedTheme.value = theme.value
  }
  return { locale, theme, loadAvatars, setLocale, toggleTheme }
})
