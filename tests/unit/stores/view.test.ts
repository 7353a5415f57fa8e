// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { useViewStore } from '@/stores/view'
import { defaultView } from '@/url/viewState'
import { freshStores } from './helpers'

/** The query string of the current history entry, decoded for reading. */
const here = () => decodeURIComponent(location.search)

describe('view store', () => {
  beforeEach(() => freshStores())

  it('a committed change adds a history entry that holds the view; Back returns to the one before', () => {
    const v = useViewStore()
    const start = history.length
    v.update({ q: '加餐' })
    expect(history.length).toBe(start + 1)
    expect(here()).toContain('q=加餐')
    v.update({ themes: ['bonus'] })
    expect(history.length).toBe(start + 2)
    expect(here()).toContain('theme=bonus')
  })

  it('a replacing change rewrites the entry without adding one', () => {
    const v = useViewStore()
    const start = history.length
    v.update({ lang: 'en' }, 'replace')
    expect(history.length).toBe(start)
    expect(here()).toContain('lang=en')
  })

  it('an unchanged view adds no entry', () => {
    const v = useViewStore()
    v.update({ q: 'raft' })
    const after = history.length
    v.update({ q: 'raft' })
    expect(history.length).toBe(after)
  })

  it('typing rewrites the entry; Enter puts the view before the typing back and pushes the typed one', async () => {
    const v = useViewStore()
    v.update({ themes: ['answers'] })
    const before = location.search
    const start = history.length
    v.update({ q: '加' }, 'typing')
    v.update({ q: '加餐' }, 'typing')
    expect(history.length).toBe(start)
    expect(here()).toContain('q=加餐')
    v.update({ q: '加餐' }, 'push')
    expect(history.length).toBe(start + 1)
    expect(here()).toContain('q=加餐')
    history.back()
    await new Promise((r) => setTimeout(r, 20))
    expect(location.search).toBe(before)
  })

  it('round-trips every filter through the address bar', () => {
    const v = useViewStore()
    const filters = {
      q: '期待 "加餐" -催更',
      from: '2021-03-01',
      to: '2021-12-31',
      likes: { min: 2, max: 9 },
      replies: { min: 1, max: null },
      themes: ['bonus', 'answers'],
      authors: ['jeffery', '江山未'],
      lessons: ['01 | 开篇词'],
      questions: 'open' as const,
      sort: { key: 'date' as const, dir: 'asc' as const },
      c: 'abc-1',
      lang: 'en' as const,
    }
    v.update(filters)
    freshStores(location.search)
    const again = useViewStore()
    expect(again.readUrl()).toEqual([])
    expect(again.view).toEqual({ ...defaultView(), ...filters })
  })

  it('an unreadable parameter is reported, and canonicalizing drops it from the address', () => {
    freshStores('?likes=lots&q=raft')
    const v = useViewStore()
    const problems = v.readUrl()
    expect(problems.length).toBe(1)
    expect(JSON.stringify(problems[0])).toContain('likes')
    expect(v.view.q).toBe('raft')
    expect(v.view.likes).toBeNull()
    const start = history.length
    v.canonicalize()
    expect(history.length).toBe(start)
    expect(here()).not.toContain('likes')
    expect(here()).toContain('q=raft')
  })
})
