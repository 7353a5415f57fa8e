/**
 * Nothing throws past the importer: any bytes, any text, any mutation of a real export gives
 * either a dataset or an ImportError — never another exception, never a hang.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { escapeUTF8 } from 'entities'
import { importSources } from '@/import/pipeline'
import { parseLessonExport } from '@/import/lessonExport'
import { ImportError, type ParsedRow } from '@/import/types'
import { formatDay } from '@/model/dates'

const RUNS = Number(process.env.PROP_RUNS ?? 1000)
const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8')
const SEEDS: [string, string][] = [
  ['builtin.md', read('../../../public/sample/000_0307222b755b7cf1.txt')],
  ['page.html', read('../../fixtures/lesson/saved-page-p-bodies.html')],
  ['lesson.md', read('../../fixtures/lesson/course-lesson-01.md')],
  ['flat.txt', read('../../fixtures/lesson/flattened-text.txt')],
]
const enc = new TextEncoder()

function tryImport(name: string, bytes: Uint8Array) {
  try {
    const { dataset, report } = importSources([{ name, bytes: bytes.slice().buffer }])
    expect(dataset.n).toBe(report.rowsKept)
    expect(dataset.n).toBeGreaterThan(0)
  } catch (e) {
    if (!(e instanceof ImportError)) throw e
  }
}

/** Deletes, inserts or replaces a few characters: the damage real files suffer. */
const mutation = (text: string) =>
  fc
    .array(fc.tuple(fc.nat({ max: Math.max(0, text.length - 1) }), fc.constantFrom('del', 'ins', 'rep'), fc.string({ maxLength: 6 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((ops) => {
      let s = text
      for (const [at, op, str] of ops) {
        const i = Math.min(at, s.length)
        s =
          op === 'del'
            ? s.slice(0, i) + s.slice(i + 1 + str.length)
            : op === 'ins'
              ? s.slice(0, i) + str + s.slice(i)
              : s.slice(0, i) + str + s.slice(i + str.length)
      }
      return s
    })

describe('importSources never throws anything but ImportError', () => {
  it.each(['x.md', 'x.html', 'x.txt', 'x.csv', 'x.json'])('on arbitrary bytes named %s', (name) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => tryImport(name, b)),
      { numRuns: RUNS },
    )
  })

  it.each(['x.md', 'x.html', 'x.csv', 'x.json'])('on arbitrary text named %s', (name) => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => tryImport(name, enc.encode(s))),
      { numRuns: RUNS },
    )
  })

  it.each(SEEDS)('on mutations of %s', (name, text) => {
    fc.assert(
      fc.property(mutation(text), (s) => tryImport(name, enc.encode(s))),
      { numRuns: RUNS },
    )
  })

  it('on lesson blocks built from hostile pieces', () => {
    const piece = fc.constantFrom(
      '<li>',
      '</li>',
      '<span>',
      '</span>',
      '<div>',
      '</div>',
      '<p>',
      '</p>',
      '<br/>',
      ' 👍（3） 💬（1）',
      '2021-03-22',
      '精选留言（2）',
      '<ul>',
      '</ul>',
      '&lt;',
      '&amp;',
      '<img src="">',
      'text',
      '\n',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => tryImport('x.md', enc.encode(parts.join('')))),
      { numRuns: RUNS },
    )
  })
})

describe('lesson export round trip', () => {
  const name = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .filter((s) => s.trim().length > 0 && !/\s{2,}|^\s|\s$/.test(s) && !/[\u0000-\u001f]/.test(s))
  const text = fc
    .array(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s)),
      { minLength: 1, maxLength: 4 },
    )
    .map((lines) => lines.join('\n'))
  const comment = fc.record({
    author: name,
    likes: fc.nat({ max: 100_000 }),
    replies: fc.nat({ max: 500 }),
    day: fc.integer({ min: 15_000, max: 20_000 }),
    text,
  })

  it('renders comments as my-geektime does and reads back every field', () => {
    fc.assert(
      fc.property(fc.array(comment, { minLength: 1, maxLength: 8 }), fc.boolean(), (cs, useP) => {
        // Exports escape text as HTML (the Geekbang API delivers it escaped) and use <br> for breaks.
        const esc = (s: string) => escapeUTF8(s)
        const items = cs
          .map((c) => {
            const body = esc(c.text).replace(/\n/g, '<br>')
            const tag = useP ? 'p' : 'div'
            return `<li><img src="" width="30px"><span>${esc(c.author)}</span> 👍（${c.likes}） 💬（${c.replies}）<${tag}>${body}</${tag}>${formatDay(c.day)}</li><br/>`
          })
          .join('')
        const doc = `# 标题\n\n正文\n<div><strong>精选留言（${cs.length}）</strong></div><ul>\n${items}\n</ul>`
        const rows: ParsedRow[] = []
        parseLessonExport(doc, 'x.md', { row: (r) => rows.push(r), skip: () => {} }, 'markdown')
        expect(rows.map((r) => [r.author, r.likes, r.replies, r.day])).toEqual(cs.map((c) => [c.author.replace(/\s+/g, ' '), c.likes, c.replies, c.day]))
        const norm = (s: string) =>
          s
            .replace(/\u00a0/g, ' ')
            .replace(/[ \t]+\n/g, '\n')
            .replace(/\n{3,}/g, '\n\n')
            .trim()
        expect(rows.map((r) => r.text)).toEqual(cs.map((c) => norm(c.text)))
      }),
      { numRuns: RUNS },
    )
  })
})
