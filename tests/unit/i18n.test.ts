import { describe, expect, it } from 'vitest'
import zh from '@/i18n/locales/zh-CN'
import en from '@/i18n/locales/en'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

describe('messages', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort())
  })
  it('no message is empty', () => {
    for (const m of [zh, en])
      for (const k of keys(m))
        expect(
          k.split('.').reduce((o: never, p) => o[p], m as never),
          k,
        ).not.toBe('')
  })
  it('placeholders match between languages', () => {
    // As a set: an English plural (`{n} file | {n} files`) names a placeholder once per form.
    const ph = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort()
    for (const k of keys(zh)) {
      const z = k.split('.').reduce((o: never, p) => o[p], zh as never) as string
      const e = k.split('.').reduce((o: never, p) => o[p], en as never) as string
      expect(ph(e), k).toEqual(ph(z))
    }
  })
})
