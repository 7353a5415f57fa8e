import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeView, encodeView, MAX_QUERY_LENGTH, MAX_REPEATS } from '@/url/codec'
import { defaultView } from '@/url/viewState'

/** Issue #18 point 3: a link cannot make the page read unbounded lists. */
describe('bounded links', () => {
  it('keeps the first 200 values of a repeated parameter and names the rest in one problem', () => {
    const q = Array.from({ length: 10_000 }, (_, i) => `lesson=L${i}`).join('&')
    const { view, problems } = decodeView('?' + q)
    expect(view.lessons).toHaveLength(MAX_REPEATS)
    expect(view.lessons[0]).toBe('L0')
    expect(view.lessons[199]).toBe('L199')
    const many = problems.find((p) => p.reason === 'tooMany')
    expect(many?.param).toBe('lesson')
    // Read up to the last '&' within 65,536 chars: pairs L0–L999 take 11,890 chars with their '&'
    // (10 × 10 + 90 × 11 + 900 × 12), then (65,536 − 11,890) / 13 → 4,126 more: 5,126 read, 200 kept.
    expect(Number(many?.value)).toBe(5126 - 200)
    expect(problems.find((p) => p.reason === 'tooLong')).toBeDefined()
  })

  it('counts each parameter on its own, and a repeat of a kept value is no extra value', () => {
    const authors = Array.from({ length: 205 }, (_, i) => `author=a${i}`)
    const courses = Array.from({ length: 3 }, (_, i) => `course=c${i}`)
    const { view, problems } = decodeView('?' + [...authors, 'author=a0', ...courses].join('&'))
    expect(view.authors).toHaveLength(200)
    expect(view.courses).toEqual(['c0', 'c1', 'c2'])
    expect(problems).toEqual([{ param: 'author', value: '5', reason: 'tooMany' }])
  })

  it('caps theme ids in one `theme` value the same way', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `t${i}`).join(',')
    const { view, problems } = decodeView(`?theme=${ids}`)
    expect(view.themes).toHaveLength(200)
    expect(problems).toEqual([{ param: 'theme', value: '50', reason: 'tooMany' }])
  })

  it('reads at most 64 KB of query string, cut between pairs, and says how much was left', () => {
    const head = 'q=' + 'a'.repeat(400)
    const filler = Array.from({ length: 70_000 / 10 }, () => 'zz=1234567').join('&')
    const search = `?${head}&from=2020-01-01&${filler}&to=2021-01-01`
    const { view, problems } = decodeView(search)
    expect(view.q).toBe('a'.repeat(400))
    expect(view.from).toBe('2020-01-01')
    expect(view.to).toBeNull() // past the cap
    const long = problems.find((p) => p.reason === 'tooLong')!
    const query = search.slice(1)
    const kept = query.lastIndexOf('&', MAX_QUERY_LENGTH)
    expect(Number(long.value)).toBe(query.length - kept)
    expect(problems[0]).toBe(long)
  })

  it('encodes what it decodes: lists over the cap are written capped', () => {
    const v = { ...defaultView(), authors: Array.from({ length: 300 }, (_, i) => `x${i}`) }
    const back = decodeView(encodeView(v))
    expect(back.view.authors).toEqual(v.authors.slice(0, 200))
    expect(back.problems).toEqual([])
  })

  it('property: any pile of repeated parameters decodes to at most 200 values each, within 64 KB', () => {
    const name = fc.constantFrom('author', 'lesson', 'course', 'theme', 'q', 'zz')
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.string({ maxLength: 12 })), { maxLength: 3000 }), fc.nat(400), (pairs, times) => {
        const search = '?' + pairs.map(([n, v]) => `${n}=${encodeURIComponent(v)}`).join('&') + '&author=x'.repeat(times)
        const { view, problems } = decodeView(search)
        expect(view.authors.length).toBeLessThanOrEqual(MAX_REPEATS)
        expect(view.lessons.length).toBeLessThanOrEqual(MAX_REPEATS)
        expect(view.courses.length).toBeLessThanOrEqual(MAX_REPEATS)
        expect(view.themes.length).toBeLessThanOrEqual(MAX_REPEATS)
        expect(problems.length).toBeLessThanOrEqual(50)
        // What it read re-encodes into a link the codec reads back the same, without problems.
        expect(decodeView(encodeView(view)).view).toEqual(view)
      }),
      { numRuns: 200 },
    )
  })
})
