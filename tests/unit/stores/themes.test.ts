// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { useThemesStore } from '@/stores/themes'
import { useViewStore } from '@/stores/view'
import { useAlertsStore } from '@/stores/alerts'
import { defaultThemes, requestCues } from '@/insight/lexicon'
import { applyThemeChanges, decodeThemes, diffThemes, encodeThemes } from '@/insight/themeCodec'
import { planThemes } from '@/insight/themeCost'
import type { ThemeDef } from '@/insight/themes'
import { MATCH_LIMIT } from '@/insight/themes'
import { matchKey } from '@/query/indexes'
import { freshStores } from './helpers'
import { craftedTdef } from '../craftedTdef'

const SAVED = 'comment-lens:themes'
/** The defaults with one theme given another strong word: an edited set, as a `tdef` value. */
function editedSet(id: string, word: string): string {
  const next: ThemeDef[] = defaultThemes().map((t) => (t.id === id ? { ...t, strong: [...t.strong, word] } : t))
  return encodeThemes(diffThemes(defaultThemes(), next))!
}
/** Opens the app at a link (`tdef` set) in a browser that may have its own saved set. */
function openLink(tdef: string | null, saved = '') {
  freshStores(tdef ? `?tdef=${encodeURIComponent(tdef)}` : '')
  if (saved) localStorage.setItem(SAVED, saved)
  useViewStore().readUrl()
  return useThemesStore()
}
const strongOf = (defs: readonly ThemeDef[], id: string) => defs.find((t) => t.id === id)!.strong

describe('themes store', () => {
  beforeEach(() => freshStores())

  it('without a link or saved set, the defaults are in use and nothing is announced or marked', () => {
    const themes = openLink(null)
    expect(themes.defs).toEqual(defaultThemes())
    expect(themes.isDefault).toBe(true)
    expect(themes.linkNotice).toBeNull()
    expect([...themes.redefined]).toEqual([])
  })

  it('a link with its own set uses it, marks the changed theme and announces it', () => {
    const link = editedSet('bonus', '番外篇')
    const themes = openLink(link)
    expect(strongOf(themes.defs, 'bonus')).toContain('番外篇')
    expect(themes.isDefault).toBe(false)
    expect([...themes.redefined]).toEqual(['bonus'])
    expect(themes.linkNotice).toEqual({ ids: ['bonus'], hasSaved: false })
  })

  it('keeping a link s themes stops the notice, also after a reload of the same link', async () => {
    const link = editedSet('bonus', '番外篇')
    const themes = openLink(link)
    themes.keepLinkThemes()
    expect(themes.linkNotice).toBeNull()
    await nextTick()
    freshStores(location.search, { keepStorage: true })
    useViewStore().readUrl()
    const again = useThemesStore()
    expect(again.linkNotice).toBeNull()
    // Still the link s set: keeping it is not saving it as this browser s own.
    expect(strongOf(again.defs, 'bonus')).toContain('番外篇')
    expect(localStorage.getItem(SAVED) ?? '').toBe('')
  })

  it('the link s set wins over this browser s saved set; using my own themes goes back to the saved set as a new view', async () => {
    const mine = editedSet('answers', '参考答案')
    const link = editedSet('bonus', '番外篇')
    const themes = openLink(link, mine)
    expect(strongOf(themes.defs, 'bonus')).toContain('番外篇')
    expect(strongOf(themes.defs, 'answers')).not.toContain('参考答案')
    expect(themes.linkNotice).toEqual({ ids: ['bonus'], hasSaved: true })
    const entries = history.length
    themes.useOwnThemes()
    await nextTick()
    expect(history.length).toBe(entries + 1)
    expect(useViewStore().view.tdef).toBe(mine)
    expect(strongOf(themes.defs, 'answers')).toContain('参考答案')
    expect(strongOf(themes.defs, 'bonus')).not.toContain('番外篇')
    expect(themes.linkNotice).toBeNull()
  })

  it('using my own themes without a saved set goes back to the defaults', () => {
    const themes = openLink(editedSet('bonus', '番外篇'))
    themes.useOwnThemes()
    expect(useViewStore().view.tdef).toBeNull()
    expect(themes.isDefault).toBe(true)
  })

  it('a link s set over the work budget is refused whole: the defaults stay, an error says so, and the link leaves the address', async () => {
    const costly = craftedTdef()
    expect(planThemes(applyThemeChanges(defaultThemes(), decodeThemes(costly).changes), requestCues()).ok).toBe(false)
    const themes = openLink(costly)
    expect(themes.defs).toEqual(defaultThemes())
    const errors = useAlertsStore().alerts.filter((a) => a.kind === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ group: 'themes', paramKeys: { source: 'themes.source.link', kept: 'themes.keptDefaults' } })
    expect(errors[0].key).toMatch(/^themes\.refused(Theme|Set)$/)
    await nextTick()
    expect(useViewStore().view.tdef).toBeNull()
    expect(location.search).not.toContain('tdef')
    expect(themes.linkNotice).toBeNull()
  })

  it('a refused link in a browser with a saved set says the saved set is used instead, and keeps it saved', async () => {
    const mine = editedSet('answers', '参考答案')
    const themes = openLink(craftedTdef(), mine)
    const error = useAlertsStore().alerts.find((a) => a.kind === 'error')!
    expect(error.paramKeys).toEqual({ source: 'themes.source.link', kept: 'themes.keptSaved' })
    await nextTick()
    expect(strongOf(themes.defs, 'answers')).toContain('参考答案')
    expect(localStorage.getItem(SAVED)).toBe(mine)
  })

  it('at start, this browser s own edited set goes into the address so that a shared link carries it', () => {
    const mine = editedSet('answers', '参考答案')
    const themes = openLink(null, mine)
    const entries = history.length
    themes.init()
    expect(history.length).toBe(entries)
    expect(useViewStore().view.tdef).toBe(mine)
    expect(decodeURIComponent(location.search)).toContain('tdef=')
    expect(themes.linkNotice).toBeNull()
  })

  it('switching a theme off saves the set, puts it in the address and drops it from the theme filter', async () => {
    const themes = openLink(null)
    useViewStore().update({ themes: ['bonus', 'answers'] })
    themes.toggle('bonus')
    await nextTick()
    expect(themes.defs.find((t) => t.id === 'bonus')!.enabled).toBe(false)
    expect(useViewStore().view.themes).toEqual(['answers'])
    expect(useViewStore().view.tdef).not.toBeNull()
    expect(localStorage.getItem(SAVED)).toBe(useViewStore().view.tdef)
    themes.reset()
    await nextTick()
    expect(themes.isDefault).toBe(true)
    expect(useViewStore().view.tdef).toBeNull()
  })

  it('an edit over the budget changes nothing and returns the refusal', () => {
    const themes = openLink(null)
    const before = themes.defs
    const CH = '的是了我不在有这个们中来上大为和到说时要就出会可也你对生能而子那得于着下'
    const huge: ThemeDef = {
      id: 'x',
      name: { zh: 'x', en: 'x' },
      objects: Array.from({ length: 60 }, (_, i) => Array.from({ length: 40 }, (_, j) => `，*${CH[(i + j) % CH.length]}*，`).join('|')),
      strong: [],
      cues: [],
      exclude: [],
      enabled: true,
    }
    const refusal = themes.upsert(huge, false)
    expect(refusal).not.toBeNull()
    expect(refusal!.paramKeys!.kept).toBe('themes.keptPrevious')
    expect(themes.defs).toBe(before)
    expect(useAlertsStore().alerts).toEqual([])
  })

  it('a link s set stopped by matching s time bound is refused like one over the budget: said, out of the address, the defaults back', () => {
    const link = editedSet('bonus', '番外篇')
    const themes = openLink(link)
    expect(themes.refuseSlow('not the key in use', 3000)).toBe(false)
    expect(themes.refuseSlow(matchKey(themes.defs, requestCues()), 3456.4)).toBe(true)
    const error = useAlertsStore().alerts.find((a) => a.kind === 'error')!
    expect(error.key).toBe('themes.tooSlow')
    expect(error.params).toEqual({ ns: 3456, limit: MATCH_LIMIT.nsPerChar })
    expect(error.paramKeys).toEqual({ source: 'themes.source.link', kept: 'themes.keptDefaults' })
    expect(useViewStore().view.tdef).toBeNull()
    expect(themes.defs).toEqual(defaultThemes())
    // The defaults cannot be refused: the caller reports the failure instead.
    expect(themes.refuseSlow(matchKey(themes.defs, requestCues()), 3000)).toBe(false)
  })
})
