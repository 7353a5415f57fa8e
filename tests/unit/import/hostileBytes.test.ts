import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeBytes, looksBinary } from '@/import/decode'
import { importSources } from '@/import/pipeline'
import { importReportText } from '@/import/reportText'
import { ImportError } from '@/import/types'
import en from '@/i18n/locales/en'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/encodings/${name}`, import.meta.url)))
const utf8 = (s: string) => new TextEncoder().encode(s)
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
const bufferOf = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer

/** The GB18030 fixture's lines as bytes (each with its CRLF), and what each decodes to. */
const GB = fixture('gb18030.csv')
const GB_TEXT = new TextDecoder('gb18030').decode(GB)
function gbLines(): { bytes: Uint8Array; text: string }[] {
  const out: { bytes: Uint8Array; text: string }[] = []
  let from = 0
  for (let i = 0; i < GB.length; i++) {
    if (GB[i] !== 0x0a) continue
    const bytes = GB.subarray(from, i + 1)
    out.push({ bytes, text: new TextDecoder('gb18030').decode(bytes) })
    from = i + 1
  }
  return out
}

describe('a file mixing UTF-8 and GB18030 lines', () => {
  it('decodes each line by what it is, and says which lines were GB18030', () => {
    const head = '昵称,点赞数,回复数,发布时间,留言内容,文章\r\n赵六,1,0,2021-05-01,"UTF-8 行：希望加餐",03 | 进阶\r\n'
    const gbRows = GB.subarray(GB.indexOf(0x0a) + 1)
    const d = decodeBytes(cat(utf8(head), gbRows), 'mixed.csv')
    expect(d.text).toBe(head + GB_TEXT.slice(GB_TEXT.indexOf('\n') + 1))
    expect(d.encoding).toBe('utf-8')
    // Lines 3–6 of the file (a quoted field spans two lines).
    expect(d.mixed).toEqual({ firstLine: 3, lines: 4 })
  })

  it('in the import: every row read right, and the report names the first GB18030 line', () => {
    const head = '昵称,点赞数,回复数,发布时间,留言内容,文章\r\n赵六,1,0,2021-05-01,"UTF-8 行：希望加餐",03 | 进阶\r\n'
    const { dataset, report } = importSources([{ name: 'mixed.csv', bytes: bufferOf(cat(utf8(head), GB.subarray(GB.indexOf(0x0a) + 1))) }])
    expect(dataset.authors).toEqual(['赵六', '张三', '李四', '王五'])
    expect(dataset.text.toArray()).toEqual(['UTF-8 行：希望加餐', '希望加餐，讲讲 Raft！', '思考题答案在哪里？\n求解答', '𠀀生僻字与€符号'])
    expect(report.files[0]).toMatchObject({ encoding: 'utf-8+gb18030', mixedEncoding: { firstLine: 3, lines: 4 } })
    const t = (key: string, p: Record<string, unknown> = {}) =>
      (key.split('.').reduce((o: never, k) => o[k], en as never) as string).replace(/\{(\w+)\}/g, (_, k: string) => String(p[k]))
    expect(importReportText(report, t, 'now')).toContain(
      '- mixed.csv: CSV, utf-8+gb18030, 4 read, 4 imported\n  - mixed encodings: 4 lines in GB18030/GBK (the first is line 3) among UTF-8; each line was decoded in its own encoding\n',
    )
  })

  it('any interleaving of UTF-8 and GB18030 lines decodes exactly (property)', () => {
    const gb = gbLines()
    const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 })
    const line = fc.oneof(
      fc.nat(gb.length - 1).map((k) => gb[k]),
      fc
        .tuple(cjk, fc.string({ unit: fc.constantFrom('a', '1', ',', ' ', '，', '😀'), maxLength: 8 }))
        .map(([a, b]) => ({ bytes: utf8(`${a}${b}\n`), text: `${a}${b}\n` })),
      fc.constantFrom('ascii only,1,2\n', '\n').map((s) => ({ bytes: utf8(s), text: s })),
    )
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const text = lines.map((l) => l.text).join('')
        fc.pre(text.trim().length > 0)
        const d = decodeBytes(cat(...lines.map((l) => l.bytes)), 'x')
        expect(d.text).toBe(text)
      }),
      { numRuns: 500 },
    )
  })

  it('a file in GB18030 only is still read whole as GB18030', () => {
    expect(decodeBytes(GB, 'gb.csv')).toEqual({ text: GB_TEXT, encoding: 'gb18030' })
  })
})

describe('a stray NUL', () => {
  const csv = '昵称,点赞数,留言内容\n张三,3,希望加餐\n李四,1,求\u0000 PDF\n王五,2,思考题答案\n'

  it('is not a binary file; real binary files still are', () => {
    expect(looksBinary(utf8(csv))).toBe(false)
    expect(looksBinary(fixture('binary.png'))).toBe(true)
    // Zip (xlsx), SQLite and PDF-like headers: several NULs in their first bytes.
    expect(looksBinary(cat(utf8('PK'), Uint8Array.from([3, 4, 20, 0, 0, 0, 8, 0, 0, 0]), utf8('xl/workbook.xml')))).toBe(true)
    expect(looksBinary(cat(utf8('SQLite format 3'), new Uint8Array(100)))).toBe(true)
    expect(looksBinary(Uint8Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256))).toBe(true)
    // Two NULs in 100 bytes is no text.
    expect(looksBinary(cat(utf8('a'.repeat(98)), new Uint8Array(2)))).toBe(true)
  })

  it('makes its CSV row a skipped row with its line and reason; the other rows import', () => {
    const { dataset, report } = importSources([{ name: 'nul.csv', bytes: bufferOf(utf8(csv)) }])
    expect(dataset.text.toArray()).toEqual(['希望加餐', '思考题答案'])
    expect(report.skipped).toEqual([{ file: 'nul.csv', line: 3, reason: 'nul' }])
    expect(report.rowsRead).toBe(3)
  })

  it('in a quoted multi-line cell, names the line the row starts on', () => {
    const quoted = 'author,text\na,"one\ntwo \u0000"\nb,ok\n'
    const { dataset, report } = importSources([{ name: 'q.csv', bytes: bufferOf(utf8(quoted)) }])
    expect(dataset.text.toArray()).toEqual(['ok'])
    expect(report.skipped).toEqual([{ file: 'q.csv', line: 2, reason: 'nul' }])
  })

  it('makes its lesson item a skipped item', () => {
    const md =
      '# 01\n<div><strong>精选留言（2）</strong></div><ul>\n<li><span>甲</span> 👍（1）<div>好\u0000</div>2021-03-22</li>\n<li><span>乙</span> 👍（2）<div>希望加餐</div>2021-03-23</li>\n</ul>\n'
    const { dataset, report } = importSources([{ name: 'l.md', bytes: bufferOf(utf8(md)) }])
    expect(dataset.authors).toEqual(['乙'])
    expect(report.skipped).toEqual([{ file: 'l.md', line: 3, reason: 'nul' }])
  })

  it('a file that is all NUL-damaged rows says every row was skipped, and why', () => {
    try {
      importSources([{ name: 'bad.csv', bytes: bufferOf(utf8('author,text\na,x\u0000\n')) }])
      expect.unreachable()
    } catch (e) {
      expect((e as ImportError).problem).toMatchObject({
        code: 'allRowsSkipped',
        file: 'bad.csv',
        count: 1,
        skips: [{ file: 'bad.csv', line: 2, reason: 'nul' }],
      })
    }
  })
})
