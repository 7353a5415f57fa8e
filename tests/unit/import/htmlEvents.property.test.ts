import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Parser } from 'htmlparser2'
import { parseHtml } from '@/import/htmlEvents'
import { parseLessonExport } from '@/import/lessonExport'
import { ImportError, type ParsedRow, type SkippedRow } from '@/import/types'

const RUNS = Number(process.env.PROP_RUNS ?? 1000)

type Event = ['open', string, Record<string, string>] | ['text', string] | ['close', string, boolean]

/** Adjacent texts joined: how a text is split into events is no part of the contract. */
function push(out: Event[], e: Event) {
  const last = out[out.length - 1]
  if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1]
  else out.push(e)
}

function ours(html: string): Event[] {
  const out: Event[] = []
  parseHtml(html, {
    onopentag: (name, attrs) => push(out, ['open', name, { ...attrs }]),
    ontext: (t) => push(out, ['text', t]),
    onclosetag: (name, implied) => push(out, ['close', name, implied]),
  })
  return out
}

function htmlparser2(html: string): Event[] {
  const out: Event[] = []
  const p = new Parser(
    {
      onopentag: (name, attrs) => push(out, ['open', name, { ...attrs }]),
      ontext: (t) => push(out, ['text', t]),
      onclosetag: (name, implied) => push(out, ['close', name, implied]),
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  )
  p.write(html)
  p.end()
  return out
}

/** Pieces of the lesson pages' markup, and of broken markup (no SVG/MathML, no nested forms). */
const TOKENS = [
  '<ul>',
  '</ul>',
  '<li>',
  '</li>',
  '<LI class="x">',
  '<div>',
  '</div>',
  '<p>',
  '</p>',
  '<p/>',
  '<span>',
  '</span>',
  '<pre>',
  '</pre>',
  '<br>',
  '<br/>',
  '</br>',
  '<img src="https://a/b.png?x=1&amp;y=2">',
  '<IMAGE SRC=a.png>',
  '<h1>',
  '</h1>',
  '<h2>',
  '<title>',
  '</title>',
  '<script>',
  '</script>',
  '<table>',
  '<tr>',
  '<td>',
  '</td>',
  '</tr>',
  '<a href=x>',
  '</a>',
  '<dd>',
  '<dt>',
  '<option>',
  '<blockquote>',
  '<!-- note -->',
  '<!DOCTYPE html>',
  '<![CDATA[x]]>',
  '&lt;',
  '&amp;amp;',
  '&#x1F44D;',
  '&nbsp;',
  '文本',
  'text ',
  '\n',
  '👍（12）',
  '💬（3）',
  '2021-03-22',
  '精选留言（3）',
  '<',
  '>',
  '"',
  '</nope>',
  '<x-y>',
]
const html = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''))

describe('HTML events without htmlparser2’s quadratic stack', () => {
  it('are the events htmlparser2’s Parser gives, for any mix of the pages’ markup and broken markup', () => {
    fc.assert(
      fc.property(html, (h) => {
        expect(ours(h)).toEqual(htmlparser2(h))
      }),
      { numRuns: RUNS },
    )
  })

  it('give the offset of each tag’s <', () => {
    const at: number[] = []
    const h = 'ab<ul>\n<li x="1">t<BR/></ul></p>'
    parseHtml(h, { onopentag: (_n, _a, i) => at.push(i), ontext() {}, onclosetag() {} })
    expect(at).toEqual([2, 7, 18, 28])
    expect([h.slice(2, 6), h.slice(7, 10), h.slice(18, 21), h.slice(28, 32)]).toEqual(['<ul>', '<li', '<BR', '</p>'])
  })
})

function parse(text: string) {
  const rows: ParsedRow[] = []
  const skipped: Omit<SkippedRow, 'file'>[] = []
  const outcome = parseLessonExport(text, 'f', { row: (r) => rows.push(r), skip: (s) => skipped.push(s) }, 'markdown')
  return { rows, skipped, outcome }
}

const HEAD = '# 01 | 开篇\n<div><strong>精选留言（3）</strong></div><ul>\n'

describe('the lesson reader on hostile markup', () => {
  // htmlparser2's stack made each of these minutes long (200,000 × `<li><div>`: > 240 s in the worker).
  it('reads 200,000 unclosed <li><div> in linear time', () => {
    const t0 = performance.now()
    const { rows, skipped, outcome } = parse(HEAD + '<li><div>a'.repeat(200_000))
    expect(performance.now() - t0).toBeLessThan(8000)
    // One item (each <li> is nested in the <div> before it) without a name or counts.
    expect(outcome).toEqual({ format: 'lesson-markdown', title: '01 | 开篇', rowsRead: 1, announced: 3 })
    expect(rows).toEqual([])
    expect(skipped).toEqual([{ line: 3, reason: 'malformedItem', detail: 'expected <span>name</span> 👍（likes） 💬（replies）' }])
  })

  it('reads 100,000 unclosed comment items, each a comment', () => {
    const { rows, outcome } = parse(HEAD + '<li><span>名</span> 👍（2） 💬（1）<p>希望加餐</p>2021-03-22\n'.repeat(100_000))
    expect(outcome.rowsRead).toBe(100_000)
    expect(rows.length).toBe(100_000)
    expect(rows[99_999]).toMatchObject({ author: '名', likes: 2, replies: 1, text: '希望加餐', line: 100_002 })
  })

  it('never throws (but “no comments”) and stays linear on any repeated pattern of tags', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 6 }), (unit) => {
        const text = HEAD + unit.join('').repeat(Math.ceil(400_000 / unit.join('').length))
        const t0 = performance.now()
        try {
          parse(text)
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError)
          expect((e as ImportError).problem.code).toBe('noComments')
        }
        // 400 KB of markup: linear is tens of milliseconds; quadratic nesting was tens of seconds.
        expect(performance.now() - t0).toBeLessThan(4000)
      }),
      { numRuns: 25 },
    )
  })

  it('a long run of spaces in a comment costs no backtracking', () => {
    const t0 = performance.now()
    const { rows } = parse(HEAD + `<li><span>名</span> 👍（1）<div>a${' '.repeat(200_000)}b\n</div>2021-03-22</li></ul>`)
    expect(performance.now() - t0).toBeLessThan(2000)
    expect(rows[0].text).toBe(`a${' '.repeat(200_000)}b`)
  })
})
