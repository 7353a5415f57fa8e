// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { usePrefsStore } from '@/stores/prefs'
import { i18n } from '@/i18n'
import { freshStores } from './helpers'

describe('prefs store', () => {
  beforeEach(() => freshStores())

  it('the colour theme switches the page and is remembered after a reload', async () => {
    const prefs = usePrefsStore()
    const first = prefs.theme
    await nextTick()
    expect(document.documentElement.dataset.theme).toBe(first)
    prefs.toggleTheme()
    const other = first === 'dark' ? 'light' : 'dark'
    expect(prefs.theme).toBe(other)
    await nextTick()
    expect(document.documentElement.dataset.theme).toBe(other)
    freshStores('', { keepStorage: true })
    expect(usePrefsStore().theme).toBe(other)
  })

  it('avatars are on by default, and switching them off is remembered after a reload', async () => {
    const prefs = usePrefsStore()
    expect(prefs.loadAvatars).toBe(true)
    prefs.loadAvatars = false
    await nextTick()
    freshStores('', { keepStorage: true })
    expect(usePrefsStore().loadAvatars).toBe(false)
    // Another browser (empty storage) starts with them on.
    freshStores()
    expect(usePrefsStore().loadAvatars).toBe(true)
  })

  it('switching the language loads its messages before the store says it is in use', async () => {
    const prefs = usePrefsStore()
    expect(prefs.locale).toBe('zh-CN')
    await prefs.setLocale('en')
    expect(prefs.locale).toBe('en')
    expect(i18n.global.locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(Object.keys(i18n.global.getLocaleMessage('en')).length).toBeGreaterThan(0)
    await prefs.setLocale('zh-CN')
  })
})
