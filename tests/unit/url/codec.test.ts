import { describe, expect, it } from 'vitest'
import { decodeView, encodeView, MAX_PROBLEMS, type UrlProblem } from '@/url/codec'
import { defaultView, isDefaultFilters, viewsEqual, type ViewState } from '@/url/viewState'

const view = (patch: Partial<ViewState>): ViewState => ({ ...defaultView(), ...patch })

/** Decodes and checks that the problems are exactly the given ones. */
function decoded(search: string, problems: UrlProblem[] = []): ViewState {
  const d = decodeView(search)
  expect(d.problems).toEqual(problems)
  return d.view
}

const invalid = (param: string, value: string): UrlProblem => ({ param, value, reason: 'invalid' })
const unknown = (param: string, value: string): UrlProblem => ({ param, value, reason: 'unknown' })
const duplicate = (param: string, value: string): UrlProblem => ({ param, value, reason: 'duplicate' })

describe('viewState', () => {
  it('defaultView is fresh each time and has no filters', () => {
    const a = defaultView()
    a.themes.push('bonus')
    a.sort.dir = 'asc'
    expect(defaultView().themes).toEqual([])
    expect(defaultView().sort).toEqual({ key: 'likes', dir: 'desc' })
    expect(isDefaultFilters(defaultView())).toBe(true)
  })

  it('isDefaultFilters ignores sort, c, ds, lang, tdef and rank', () => {
    const v = view({ sort: { key: 'date', dir: 'asc' }, c: 'x', ds: 'abcdef01', lang: 'en', tdef: 't', rank: 'authors' })
    expect(isDefaultFilters(v)).toBe(true)
  })

  it('isDefaultFilters sees every filter, including staff and new', () => {
    const filters: Partial<ViewState>[] = [
      { q: 'a' },
      { from: '2021-01-01' },
      { to: '2021-01-01' },
      { likes: { min: 1, max: null } },
      { replies: { min: 0, max: 0 } },
      { themes: ['bonus'] },
      { authors: ['a'] },
      { lessons: ['l'] },
      { questions: 'all' },
      { staff: 'include' },
      { new: 3 },
    ]
    for (const f of filters) expect(isDefaultFilters(view(f)), JSON.stringify(f)).toBe(false)
  })

  it('isDefaultFilters treats a whitespace-only search as no filter', () => {
    expect(isDefaultFilters(view({ q: '  ' }))).toBe(true)
  })

  it('viewsEqual compares every field, lists in order', () => {
    expect(viewsEqual(defaultView(), defaultView())).toBe(true)
    expect(viewsEqual(view({ likes: { min: 1, max: 2 } }), view({ likes: { min: 1, max: 2 } }))).toBe(true)
    expect(viewsEqual(view({ likes: { min: 1, max: 2 } }), view({ likes: { min: 1, max: 3 } }))).toBe(false)
    expect(viewsEqual(view({ authors: ['a', 'b'] }), view({ authors: ['b', 'a'] }))).toBe(false)
    expect(viewsEqual(view({ sort: { key: 'likes', dir: 'asc' } }), defaultView())).toBe(false)
    expect(viewsEqual(view({ tdef: 'x' }), defaultView())).toBe(false)
    expect(viewsEqual(view({ staff: 'include' }), defaultView())).toBe(false)
  })
})

describe('decodeView: the contract examples', () => {
  it.each<[string, Partial<ViewState>]>([
    ['q=加餐', { q: '加餐' }],
    ['from=2021-04-01&to=2021-12-31', { from: '2021-04-01', to: '2021-12-31' }],
    ['likes=5-', { likes: { min: 5, max: null } }],
    ['replies=0', { replies: { min: 0, max: 0 } }],
    ['theme=bonus,answers', { themes: ['bonus', 'answers'] }],
    ['author=jeffery', { authors: ['jeffery'] }],
    ['lesson=…', { lessons: ['…'] }],
    ['questions=open', { questions: 'open' }],
    ['sort=date.asc', { sort: { key: 'date', dir: 'asc' } }],
    ['c=…', {}],
    ['ds=sample', { ds: 'sample' }],
    ['lang=en', { lang: 'en' }],
  ])('%s', (search, patch) => {
    // `c=…` is the contract's placeholder, not a real id: it is reported, the rest applies.
    const problems = search === 'c=…' ? [invalid('c', '…')] : []
    expect(decoded(search, problems)).toEqual(view(patch))
    expect(decoded('?' + search, problems)).toEqual(view(patch))
  })

  it('the empty query and a lone "?" are the default view', () => {
    expect(decoded('')).toEqual(defaultView())
    expect(decoded('?')).toEqual(defaultView())
  })
})

describe('decodeView: each parameter', () => {
  it('q is kept verbatim: phrases, exclusions, spaces, + as space', () => {
    expect(decoded('q=%22a+phrase%22+-word').q).toBe('"a phrase" -word')
    expect(decoded('q=a%2Bb').q).toBe('a+b')
    expect(decoded('q=+x+').q).toBe(' x ')
    expect(decoded('q=100%').q).toBe('100%') // a bare % is literal, as URLSearchParams reads it
  })

  it('from and to are strict calendar dates', () => {
    expect(decoded('from=2020-02-29').from).toBe('2020-02-29')
    expect(decoded('to=2021-12-31').to).toBe('2021-12-31')
    expect(decoded('from=2021-04-01&to=2021-04-01')).toEqual(view({ from: '2021-04-01', to: '2021-04-01' }))
  })

  it('ranges: min-, -max, min-max, exact', () => {
    expect(decoded('likes=5-').likes).toEqual({ min: 5, max: null })
    expect(decoded('likes=-10').likes).toEqual({ min: null, max: 10 })
    expect(decoded('likes=5-10').likes).toEqual({ min: 5, max: 10 })
    expect(decoded('likes=3').likes).toEqual({ min: 3, max: 3 })
    expect(decoded('likes=3-3').likes).toEqual({ min: 3, max: 3 })
    expect(decoded('likes=007').likes).toEqual({ min: 7, max: 7 })
    expect(decoded('replies=0').replies).toEqual({ min: 0, max: 0 })
    expect(decoded('replies=1-').replies).toEqual({ min: 1, max: null })
    expect(decoded('replies=-0').replies).toEqual({ min: null, max: 0 })
  })

  it('theme keeps order, skips repeats and empty items', () => {
    expect(decoded('theme=answers,bonus').themes).toEqual(['answers', 'bonus'])
    expect(decoded('theme=bonus,,answers,bonus,').themes).toEqual(['bonus', 'answers'])
    expect(decoded('theme=bonus%2Canswers').themes).toEqual(['bonus', 'answers'])
    expect(decoded('theme=my_theme-2').themes).toEqual(['my_theme-2'])
  })

  it('author and lesson repeat, keep order, any text, identical repeats dropped silently', () => {
    const v = decoded('author=b&author=a&author=b&lesson=01+%7C+开篇词&lesson=x%26y%3Dz%2C+%F0%9F%98%80')
    expect(v.authors).toEqual(['b', 'a'])
    expect(v.lessons).toEqual(['01 | 开篇词', 'x&y=z, 😀'])
    expect(decoded('author=a,b').authors).toEqual(['a,b']) // a comma is part of the name
  })

  it('questions, staff, rank', () => {
    expect(decoded('questions=all').questions).toBe('all')
    expect(decoded('questions=open').questions).toBe('open')
    expect(decoded('staff=include').staff).toBe('include')
    expect(decoded('staff=exclude').staff).toBe('exclude')
    expect(decoded('rank=authors').rank).toBe('authors')
    expect(decoded('rank=likes').rank).toBe('likes')
    expect(decoded('rank=comments').rank).toBe('comments')
  })

  it('sort: key, optional .asc (and an explicit .desc)', () => {
    expect(decoded('sort=likes').sort).toEqual({ key: 'likes', dir: 'desc' })
    expect(decoded('sort=replies').sort).toEqual({ key: 'replies', dir: 'desc' })
    expect(decoded('sort=length.asc').sort).toEqual({ key: 'length', dir: 'asc' })
    expect(decoded('sort=date.desc').sort).toEqual({ key: 'date', dir: 'desc' })
  })

  it('c, ds, new, tdef', () => {
    expect(decoded('c=12-ab').c).toBe('12-ab')
    expect(decoded('ds=0123abcd').ds).toBe('0123abcd')
    expect(decoded('ds=' + 'f'.repeat(64)).ds).toBe('f'.repeat(64))
    expect(decoded('new=2').new).toBe(2)
    expect(decoded('dsf=01.md%7C02.md').dsf).toBe('01.md|02.md')
    const tdef = 'price:价格|cost;x=y,z'
    expect(decoded(new URLSearchParams({ tdef }).toString()).tdef).toBe(tdef)
  })

  it('lang is read case-insensitively, zh meaning zh-CN', () => {
    for (const s of ['zh', 'zh-cn', 'zh-CN', 'ZH-CN', 'Zh']) expect(decoded('lang=' + s).lang).toBe('zh-CN')
    for (const s of ['en', 'EN', 'En']) expect(decoded('lang=' + s).lang).toBe('en')
  })

  it('empty values are the same as absent', () => {
    const all = 'q=&from=&to=&likes=&replies=&theme=&author=&lesson=&questions=&staff=&new=&tdef=&rank=&sort=&c=&ds=&lang='
    expect(decoded(all)).toEqual(defaultView())
    expect(decoded('q&from&author')).toEqual(defaultView())
    // and an empty first occurrence does not make the next one a duplicate
    expect(decoded('q=&q=x').q).toBe('x')
  })

  it('stray separators carry nothing', () => {
    expect(decoded('&&q=a&&=&')).toEqual(view({ q: 'a' }))
  })
})

describe('decodeView: problems', () => {
  it.each<[string, UrlProblem[], Partial<ViewState>]>([
    ['likes=abc', [invalid('likes', 'abc')], {}],
    ['from=2021-02-30', [invalid('from', '2021-02-30')], {}],
    ['sort=size', [invalid('sort', 'size')], {}],
    ['foo=1', [unknown('foo', '1')], {}],
    ['%E0%A4%A', [unknown('\uFFFD%A', '')], {}],
    ['q=%E0%A4%A', [invalid('q', '\uFFFD%A')], {}],
    ['author=%ED%A0%80', [invalid('author', '\uFFFD\uFFFD\uFFFD')], {}], // an encoded lone surrogate
    ['author=%C0%AF', [invalid('author', '\uFFFD\uFFFD')], {}], // an overlong form
    ['q=\uD800x', [invalid('q', '\uFFFDx')], {}],
    ['foo', [unknown('foo', '')], {}],
    ['Q=a', [unknown('Q', 'a')], {}],
    ['__proto__=1&constructor=2', [unknown('__proto__', '1'), unknown('constructor', '2')], {}],
    ['from=2021-4-1', [invalid('from', '2021-4-1')], {}],
    ['from=20210401', [invalid('from', '20210401')], {}],
    ['to=2021-13-01', [invalid('to', '2021-13-01')], {}],
    ['from=1969-12-31', [invalid('from', '1969-12-31')], {}],
    ['from=+2021-04-01', [invalid('from', ' 2021-04-01')], {}],
    ['new=yesterday', [invalid('new', 'yesterday')], {}],
    ['new=0', [invalid('new', '0')], {}],
    ['from=2021-12-31&to=2021-04-01', [invalid('to', '2021-04-01')], { from: '2021-12-31' }],
    ['to=2021-04-01&likes=x&from=2021-12-31', [invalid('to', '2021-04-01'), invalid('likes', 'x')], { from: '2021-12-31' }],
    ['from=bad&to=2021-04-01', [invalid('from', 'bad')], { to: '2021-04-01' }],
    ['likes=10-5', [invalid('likes', '10-5')], {}],
    ['likes=-', [invalid('likes', '-')], {}],
    ['likes=-5-', [invalid('likes', '-5-')], {}],
    ['likes=1.5', [invalid('likes', '1.5')], {}],
    ['likes=+5', [invalid('likes', ' 5')], {}],
    ['likes=99999999999999999999', [invalid('likes', '99999999999999999999')], {}],
    ['replies=１', [invalid('replies', '１')], {}], // full-width digit
    ['theme=bonus,Bad,answers,a b', [invalid('theme', 'Bad'), invalid('theme', 'a b')], { themes: ['bonus', 'answers'] }],
    ['theme=' + 'x'.repeat(41), [invalid('theme', 'x'.repeat(41))], {}],
    ['questions=closed', [invalid('questions', 'closed')], {}],
    ['staff=yes', [invalid('staff', 'yes')], {}],
    ['rank=date', [invalid('rank', 'date')], {}],
    ['sort=likes.up', [invalid('sort', 'likes.up')], {}],
    ['sort=Likes', [invalid('sort', 'Likes')], {}],
    ['c=ABC', [invalid('c', 'ABC')], {}],
    ['c=' + 'a'.repeat(41), [invalid('c', 'a'.repeat(41))], {}],
    ['ds=local', [invalid('ds', 'local')], {}],
    ['ds=abc123', [invalid('ds', 'abc123')], {}],
    ['ds=ABCDEF01', [invalid('ds', 'ABCDEF01')], {}],
    ['lang=fr', [invalid('lang', 'fr')], {}],
    ['lang=zh-TW', [invalid('lang', 'zh-TW')], {}],
  ])('%s', (search, problems, patch) => {
    expect(decoded(search, problems)).toEqual(view(patch))
  })

  it('a single parameter that repeats: the first wins, each repeat is reported', () => {
    expect(decoded('q=a&q=b&q=c', [duplicate('q', 'b'), duplicate('q', 'c')])).toEqual(view({ q: 'a' }))
    expect(decoded('q=a&q=a', [duplicate('q', 'a')])).toEqual(view({ q: 'a' }))
    // the first is used even when it is the bad one
    expect(decoded('likes=x&likes=5', [invalid('likes', 'x'), duplicate('likes', '5')])).toEqual(defaultView())
    const singles = ['from', 'to', 'likes', 'replies', 'theme', 'questions', 'staff', 'new', 'tdef', 'rank', 'sort', 'c', 'ds', 'lang']
    for (const p of singles) {
      expect(
        decodeView(`${p}=1&${p}=2`).problems.filter((x) => x.reason === 'duplicate'),
        p,
      ).toEqual([duplicate(p, '2')])
    }
  })

  it('the rest of the view applies around bad parameters', () => {
    const v = decoded('foo=1&q=x&likes=abc&author=a&sort=size&lang=en', [unknown('foo', '1'), invalid('likes', 'abc'), invalid('sort', 'size')])
    expect(v).toEqual(view({ q: 'x', authors: ['a'], lang: 'en' }))
  })

  it('caps value lengths: q 500, tdef 4000, others 2000', () => {
    expect(decoded('q=' + 'a'.repeat(500)).q).toHaveLength(500)
    expect(decoded('q=' + 'a'.repeat(501), [invalid('q', 'a'.repeat(100))]).q).toBe('')
    expect(decoded('q=' + '加'.repeat(500)).q).toHaveLength(500)
    expect(decoded('author=' + 'a'.repeat(2000)).authors).toEqual(['a'.repeat(2000)])
    expect(decoded('author=' + 'a'.repeat(2001), [invalid('author', 'a'.repeat(100))]).authors).toEqual([])
    expect(decoded('lesson=' + 'a'.repeat(2001), [invalid('lesson', 'a'.repeat(100))]).lessons).toEqual([])
    expect(decoded('tdef=' + 'a'.repeat(4000)).tdef).toHaveLength(4000)
    expect(decoded('tdef=' + 'a'.repeat(4001), [invalid('tdef', 'a'.repeat(100))]).tdef).toBeNull()
    const themes = Array.from({ length: 60 }, (_, i) => 'theme' + String(i).padStart(30, '0')).join(',')
    expect(themes.length).toBeGreaterThan(2000)
    expect(decoded('theme=' + themes, [invalid('theme', themes.slice(0, 100))]).themes).toEqual([])
  })

  it('reported names and values are cut to 100 chars, never inside a surrogate pair', () => {
    const long = 'x'.repeat(150)
    expect(decodeView(`${long}=${long}`).problems).toEqual([unknown('x'.repeat(100), 'x'.repeat(100))])
    const emoji = 'a' + '😀'.repeat(300) // the pair straddles the cut at 100
    const p = decodeView('q=' + encodeURIComponent(emoji)).problems
    expect(p).toEqual([invalid('q', emoji.slice(0, 99))])
  })

  it(`reports at most ${MAX_PROBLEMS} problems`, () => {
    const d = decodeView(Array.from({ length: 500 }, (_, i) => `x${i}=1`).join('&') + '&q=ok')
    expect(d.problems).toHaveLength(MAX_PROBLEMS)
    expect(d.problems[0]).toEqual(unknown('x0', '1'))
    expect(d.view.q).toBe('ok')
  })

  it('never throws on odd input', () => {
    const odd: unknown[] = ['%', '%%', '%zz', '=', '==', '&=&', '?&?', '??q=a', 'q==a', '\uDC00', '\uD83D', '#x', '+', undefined, null, 42]
    for (const s of odd) expect(() => decodeView(s as string)).not.toThrow()
    expect(decoded('q==a').q).toBe('=a')
    expect(decoded('??q=a', [unknown('?q', 'a')])).toEqual(defaultView())
  })

  it('reads a huge input only up to the cap, and says so first', () => {
    const huge = 'q=ok&' + 'a=1&'.repeat(250_000) + 'author=' + '%E5%8A%A0'.repeat(200_000)
    const d = decodeView(huge)
    expect(d.view.q).toBe('ok')
    expect(d.view.authors).toEqual([])
    expect(d.problems[0]).toEqual({ param: '', value: String(huge.length - huge.lastIndexOf('&', 64 * 1024)), reason: 'tooLong' })
    expect(d.problems).toHaveLength(MAX_PROBLEMS)
  })
})

describe('encodeView', () => {
  it('the default view is the empty string', () => {
    expect(encodeView(defaultView())).toBe('')
  })

  it('omits defaults: ds=sample, sort=likes, staff=exclude, rank=comments', () => {
    expect(encodeView(view({ ds: 'sample', sort: { key: 'likes', dir: 'desc' }, staff: 'exclude', rank: 'comments' }))).toBe('')
    expect(decoded('ds=sample&sort=likes&staff=exclude&rank=comments&sort=likes.desc', [duplicate('sort', 'likes.desc')])).toEqual(defaultView())
  })

  it('writes every parameter in the canonical order', () => {
    const v: ViewState = {
      q: '"a phrase" -word 加餐',
      from: '2021-04-01',
      to: '2021-12-31',
      likes: { min: 5, max: null },
      replies: { min: null, max: 10 },
      themes: ['bonus', 'answers'],
      authors: ['jeffery', 'a&b=c, d+e%'],
      lessons: ['01 | 开篇词'],
      courses: ['MySQL实战45讲', 'a&b'],
      questions: 'open',
      staff: 'include',
      new: 2,
      dsf: '01.md|02.md',
      tdef: 'x:y',
      rank: 'authors',
      lmeasure: 'openQuestions',
      cmeasure: 'theme:answers',
      lorder: 'measure',
      sort: { key: 'date', dir: 'asc' },
      c: 'abc-1',
      ds: '0123456789abcdef',
      lang: 'zh-CN',
    }
    expect(encodeView(v)).toBe(
      '?ds=0123456789abcdef&dsf=01.md%7C02.md&q=%22a+phrase%22+-word+%E5%8A%A0%E9%A4%90&from=2021-04-01&to=2021-12-31&likes=5-&replies=-10' +
        '&theme=bonus,answers&author=jeffery&author=a%26b%3Dc%2C+d%2Be%25&course=MySQL%E5%AE%9E%E6%88%9845%E8%AE%B2&course=a%26b&lesson=01+%7C+%E5%BC%80%E7%AF%87%E8%AF%8D' +
        '&questions=open&staff=include&new=2&tdef=x%3Ay&rank=authors&lmeasure=openQuestions&cmeasure=theme%3Aanswers&lorder=measure&sort=date.asc&c=abc-1&lang=zh-CN',
    )
    expect(decoded(encodeView(v))).toEqual(v)
  })

  it('lessons chart state: lmeasure and lorder', () => {
    expect(decoded('lmeasure=likes&lorder=measure')).toEqual(view({ lmeasure: 'likes', lorder: 'measure' }))
    // Unset, the measure is chosen from the data; a chosen one travels, the default comments too.
    expect(encodeView(view({ lmeasure: null, lorder: 'course' }))).toBe('')
    expect(encodeView(view({ lmeasure: 'comments', lorder: 'course' }))).toBe('?lmeasure=comments')
    expect(decoded('lmeasure=comments').lmeasure).toBe('comments')
    expect(decodeView('lmeasure=size&lorder=x').problems).toEqual([
      { param: 'lmeasure', value: 'size', reason: 'invalid' },
      { param: 'lorder', value: 'x', reason: 'invalid' },
    ])
  })

  it('ranges: 5-, -10, 5-10, 3', () => {
    expect(encodeView(view({ likes: { min: 5, max: null } }))).toBe('?likes=5-')
    expect(encodeView(view({ likes: { min: null, max: 10 } }))).toBe('?likes=-10')
    expect(encodeView(view({ likes: { min: 5, max: 10 } }))).toBe('?likes=5-10')
    expect(encodeView(view({ likes: { min: 3, max: 3 } }))).toBe('?likes=3')
    expect(encodeView(view({ replies: { min: 0, max: 0 } }))).toBe('?replies=0')
    expect(encodeView(view({ replies: { min: 1, max: null } }))).toBe('?replies=1-')
    expect(encodeView(view({ likes: { min: null, max: null } }))).toBe('') // no bound is no filter
  })

  it('sort: the key alone means descending; .asc added for ascending', () => {
    expect(encodeView(view({ sort: { key: 'likes', dir: 'asc' } }))).toBe('?sort=likes.asc')
    expect(encodeView(view({ sort: { key: 'replies', dir: 'desc' } }))).toBe('?sort=replies')
  })

  it('lang is written in canonical form', () => {
    expect(encodeView(decodeView('lang=ZH').view)).toBe('?lang=zh-CN')
    expect(encodeView(decodeView('lang=EN').view)).toBe('?lang=en')
  })

  it('canonicalises hand-written links', () => {
    expect(encodeView(decodeView('lang=en&q=a+b&theme=bonus%2Canswers&ds=sample&likes=03-03').view)).toBe('?q=a+b&likes=3&theme=bonus,answers&lang=en')
  })
})
