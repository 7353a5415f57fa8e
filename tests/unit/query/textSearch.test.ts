import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DatasetBuilder, type RawComment } from '@/model/dataset'
import { packColumn, packStrings } from '@/model/packed'
import { markTextMatches, searchMatches, searchSource } from '@/query/textSearch'
import { matchesSearch, parseSearch } from '@/query/search'

const row = (text: string, author = 'a', lesson = 'L'): RawComment => ({ author, avatar: '', likes: 0, replies: 0, day: 0, time: -1, text, reply: '', lesson })

function dataset(rows: RawComment[]) {
  const b = new DatasetBuilder()
  for (const r of rows) b.add(r, 'f.md', 'L')
  return b.finish()
}

const rowsOf = (m: Uint8Array) => [...m].flatMap((v, i) => (v ? [i] : []))

describe('text search over the joined buffer', () => {
  it('finds a term once per row, ignoring case, and never across two rows', () => {
    const buf = packStrings(['求PDF', 'pd', 'f下载', '', 'Pdf 和 pdf', '加餐'])
    const out = new Uint8Array(6)
    markTextMatches(buf, 'pdf', out)
    // 'pd' + 'f下载' only meet in the joined buffer: rows 1 and 2 must not match.
    expect(rowsOf(out)).toEqual([0, 4])
    const cjk = new Uint8Array(6)
    markTextMatches(buf, '加餐', cjk)
    expect(rowsOf(cjk)).toEqual([5])
  })

  it('treats regular-expression characters in a term literally', () => {
    const out = new Uint8Array(3)
    markTextMatches(packStrings(['a.b', 'axb', 'C++ (17)']), 'c++ (17)', out)
    expect(rowsOf(out)).toEqual([2])
    const dot = new Uint8Array(3)
    markTextMatches(packStrings(['a.b', 'axb', 'C++ (17)']), 'a.b', dot)
    expect(rowsOf(dot)).toEqual([0])
  })

  it('matches author names and lesson titles, ANDs included terms and drops excluded ones', () => {
    const ds = dataset([
      row('希望出加餐', '江山未', '01 | 开篇词'),
      row('求源码', 'Geek_PDF', '02 | 基础'),
      row('加餐 pdf', 'x', '02 | 基础'),
      row('打卡', 'y', '开篇词 加餐'),
    ])
    const s = (q: string) => rowsOf(searchMatches(ds, searchSource(ds, packColumn(ds.text.toArray())), parseSearch(q)))
    expect(s('加餐')).toEqual([0, 2, 3])
    expect(s('pdf')).toEqual([1, 2])
    expect(s('加餐 pdf')).toEqual([2])
    expect(s('加餐 -pdf')).toEqual([0, 3])
    expect(s('开篇词')).toEqual([0, 3])
    expect(s('"加餐 pdf"')).toEqual([2])
  })

  it('agrees with a per-row lower-cased haystack on any texts and queries', () => {
    const char = fc.constantFrom('a', 'B', 'c', 'D', 'é', 'É', '加', '餐', 'p', 'P', 'd', 'f', ' ', '\n', '.', '*', '(', '"', '-', '1')
    const text = fc.string({ unit: char, maxLength: 12 })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.constantFrom('Ann', 'bob', '加餐君'), fc.constantFrom('01 PDF', '02 加餐')), { maxLength: 20 }),
        fc.string({ unit: char, maxLength: 8 }),
        (rows, q) => {
          const ds = dataset(rows.map(([t, a, l]) => row(t, a, l)))
          const search = parseSearch(q)
          // Pieces of at most 7 characters: matches must be found within pieces and never across them.
          const got = rowsOf(searchMatches(ds, searchSource(ds, packColumn(ds.text.toArray(), 7)), search))
          const want = ds.text
            .toArray()
            .flatMap((t, i) => (matchesSearch(`${t}\u0001${ds.authors[ds.author[i]]}\u0001${ds.lessons[ds.lesson[i]].title}`.toLowerCase(), search) ? [i] : []))
          expect(got).toEqual(want)
        },
      ),
      { numRuns: 1000 },
    )
  })
})
