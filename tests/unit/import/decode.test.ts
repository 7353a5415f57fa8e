import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeBytes, sniffEncoding } from '@/import/decode'
import { ImportError } from '@/import/types'

const bytes = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/encodings/${name}`, import.meta.url)))
const EXPECTED =
  '昵称,点赞数,回复数,发布时间,留言内容,文章\r\n' +
  '张三,12,2,2021-03-22,"希望加餐，讲讲 Raft！",01 | 开篇词\r\n' +
  '李四,3,0,2021/3/23 9:05,"思考题答案在哪里？\r\n求解答",01 | 开篇词\r\n' +
  '王五,0,1,2021-04-01,"𠀀生僻字与€符号",02 | 基础\r\n'

describe('decodeBytes', () => {
  it.each([
    ['gb18030.csv', 'gb18030'],
    ['utf16le-bom.csv', 'utf-16le'],
    ['utf16be-bom.csv', 'utf-16be'],
    ['utf8-bom.csv', 'utf-8'],
  ])('%s decodes as %s', (file, encoding) => {
    const d = decodeBytes(bytes(file), file)
    expect(d.encoding).toBe(encoding)
    expect(d.text).toBe(EXPECTED)
  })

  it('detects UTF-16LE without a BOM', () => {
    const d = decodeBytes(bytes('utf16le-nobom.csv'), 'x.csv')
    expect(d.encoding).toBe('utf-16le')
    expect(d.text).toBe(EXPECTED.replace('𠀀', ''))
  })

  it.each([
    ['empty.csv', 'empty'],
    ['bom-only.csv', 'empty'],
    ['binary.png', 'binary'],
  ])('%s is refused as %s', (file, code) => {
    try {
      decodeBytes(bytes(file), file)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError)
      expect((e as ImportError).problem).toEqual({ code, file })
    }
  })

  it('never splits a multi-byte character at a chunk boundary', () => {
    // Chunks of 7 bytes cut through almost every 3- and 4-byte character.
    const text = '加餐思考题😀 emoji 𠀀 and ASCII, 源码。'.repeat(50)
    const utf8 = new TextEncoder().encode(text)
    const chunks: number[] = []
    const d = decodeBytes(utf8, 'x', (n) => chunks.push(n), 7)
    expect(d.text).toBe(text)
    expect(chunks.length).toBeGreaterThan(100)
    expect(chunks.at(-1)).toBe(utf8.length)
  })

  it('round-trips any text in UTF-8 through any chunk size (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 64 }), (s, chunk) => {
        fc.pre(s.trim().length > 0 && !/[\u0000-\u0008\u000e-\u001f]/.test(s))
        const d = decodeBytes(new TextEncoder().encode(s), 'x', undefined, chunk)
        expect(d.text).toBe(s)
      }),
      { numRuns: 1000 },
    )
  })

  it('never throws anything but ImportError on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (b, chunk) => {
        try {
          const d = decodeBytes(b, 'x', undefined, chunk)
          expect(typeof d.text).toBe('string')
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('sniffs BOMs', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bom: 3 })
    expect(sniffEncoding(new Uint8Array([0x41, 0x42, 0x43]))).toBeNull()
  })
})

describe('malformed GB18030', () => {
  it('a byte run that is neither UTF-8 nor well-formed GB18030 never escapes as a TypeError', () => {
    for (const chunk of [1, 2, 3, 1024]) {
      try {
        const d = decodeBytes(new Uint8Array([129, 48, 27, 32]), 'x.csv', undefined, chunk)
        expect(d.encoding).toBe('gb18030')
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError)
      }
    }
  })
})
