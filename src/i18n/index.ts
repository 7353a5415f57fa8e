/**
 * vue-i18n, Composition API only. The build compiles the messages to ASTs that the runtime-only
 * vue-i18n interprets (no message compiler shipped, no eval, as the Content-Security-Policy
 * requires; see vite.config.ts). Only the active locale is loaded: each locale is its own chunk.
 */
import { createI18n } from 'vue-i18n'
import type zh from './locales/zh-CN'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: Locale[] = ['zh-CN', 'en']
export type Messages = typeof zh

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  messages: {} as Record<Locale, Messages>,
  missingWarn: false,
  fallbackWarn: false,
})

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  'zh-CN': () => import('./locales/zh-CN'),
  en: () => import('./locales/en'),
}

export function parseLocale(v: string | null | undefined): Locale | null {
  if (!v) return null
  const s = v.toLowerCase()
  if (s === 'en' || s.startsWith('en-')) return 'en'
  if (s === 'zh-cn' || s === 'zh' || s.startsWith('zh-')) return 'zh-CN'
  return null
}

/** The browser's preferred supported language; Chinese first when nothing matches. */
export function browserLocale(languages: readonly string[] = navigator.languages): Locale {
  for (const l of languages) {
    const p = parseLocale(l)
    if (p) return p
  }
  return 'zh-CN'
}

export async function setLocale(locale: Locale): Promise<void> {
  const g = i18n.global
  if (!g.availableLocales.includes(locale)) {
    const mod = await loaders[locale]()
    g.setLocaleMessage(locale, mod.default)
  }
  g.locale.value = locale
  document.documentElement.lang = locale
}
