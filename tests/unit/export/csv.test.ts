import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import Papa from 'papaparse'
import { commentsToCsv, csvCells, CSV_HEADER, neutraliseCell } from '@/export/csv'
import { importSources } from '@/import/pipeline'
import { mapHeaders } from '@/import/fields'
import { DatasetBuilder } from '@/model/dataset'
import { AVATAR, bytesOf, L1, L2, ROWS, themesOf, tinyDataset } from './helpers'
import { NO_DAY, NO_TIME } from '@/model/dates'
import { cleanName } from '@/model/checks'

const RUNS = Number(process.env.PROP_RUNS ?? 1000)
const HEADER = '"id","author","likes","replies","date","time","lesson","course","text","author_reply","themes","avatar","source"'

/** Papa's reading of an export: rows of cells, without the empty row after the final CRLF. */
function parse(csv: string): string[][] {
  const res = Papa.parse<string[]>(csv, { delimiter: ',', newline: '\r\n', header: false })
  expect(res.errors).toEqual([])
  expect(res.data.at(-1)).toEqual([''])
  return res.data.slice(0, -1)
}

describe('commentsToCsv', () => {
  const ds = tinyDataset()
  const all = [0, 1, 2, 3, 4]
  const csv = commentsToCsv(ds, all, { themes: themesOf })

  it('writes a BOM, the exact header, CRLF line ends, every cell quoted and neutralised cells', () => {
    const id = ds.id.toArray()
    const expected =
      '\uFEFF' +
      [
        HEADER,
        `"${id[0]}","张三","12","3","2024-03-05","14:30","${L1}","","'=HYPERLINK(""http://x"")","","学习方法","${AVATAR}","a.md"`,
        `"${id[1]}","'+1","0","0","2024-03-06","","${L1}","","'+1","'-2","'-负面","","a.md"`,
        `"${id[2]}","'@bob","5","1","2024-03-07","09:05:07","${L2}","","'@SUM(A1)","Thanks, ""good"" point","","","b.md"`,
        `"${id[3]}","Ann, ""the"" reader","1","0","2024-12-31","23:59","${L2}","","'\t缩进 tab-leading","","a; b","","b.md"`,
        `"${id[4]}","李四","100","0","","","${L2}","","He said ""hi"", then\nleft 😀 中文，逗号,comma","","","","b.md"`,
      ].join('\r\n') +
      '\r\n'
    expect(csv).toBe(expected)
    expect(csv.startsWith('\uFEFF' + HEADER + '\r\n')).toBe(true)
  })

  it('gives the cells back to Papa.parse, in the order of `rows`', () => {
    const rows = parse(csv)
    expect(rows[0]).toEqual([...CSV_HEADER])
    expect(rows.slice(1)).toEqual(all.map((r) => csvCells(ds, r, { themes: themesOf })))
    expect(rows[1][8]).toBe(`'=HYPERLINK("http://x")`)
    expect(rows[5][8]).toBe('He said "hi", then\nleft 😀 中文，逗号,comma')
    expect(
      parse(commentsToCsv(ds, [4, 0]))
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([ds.id.get(4), ds.id.get(0)])
  })

  it('writes just the header for no rows', () => {
    expect(commentsToCsv(ds, new Uint32Array(0), {})).toBe('\uFEFF' + HEADER + '\r\n')
  })

  it('uses header names the importer maps to the right fields (and none for themes/source)', () => {
    expect(mapHeaders([...CSV_HEADER])).toEqual({ id: 0, author: 1, likes: 2, replies: 3, date: 4, lesson: 6, course: 7, text: 8, reply: 9, avatar: 11 })
  })

  it('re-imports through the pipeline: same counts, dates, lessons, authors and texts but the apostrophe', () => {
    const { dataset: back, report } = importSources([{ name: 'x.csv', bytes: bytesOf(csv) }])
    expect(report.skippedTotal).toBe(0)
    expect(back.n).toBe(5)
    const ap = (s: string) => (/^[=+\-@\t\r]/.test(s) ? "'" + s : s)
    for (let i = 0; i < 5; i++) {
      const { row } = ROWS[i]
      expect(back.likes[i]).toBe(row.likes)
      expect(back.replies[i]).toBe(row.replies)
      expect(back.day[i]).toBe(row.day)
      // The importer reads the date column only: the time of day is not read back.
      expect(back.time[i]).toBe(NO_TIME)
      expect(back.lessons[back.lesson[i]].title).toBe(row.lesson)
      expect(back.authors[back.author[i]]).toBe(ap(row.author))
      expect(back.text.get(i)).toBe(ap(row.text))
      expect(back.reply.get(i)).toBe(ap(row.reply))
      expect(back.avatars[back.avatar[i]]).toBe(row.avatar)
    }
    expect(back.text.get(3)).toBe("'\t缩进 tab-leading")
    expect(back.day[4]).toBe(NO_DAY)
    // Rows with nothing neutralised in lesson, author, date and text keep their id.
    expect(back.id.get(4)).toBe(ds.id.get(4))
  })
})

describe('hostile cells (issue #19)', () => {
  // A spreadsheet that splits on `;` or tab (a European Excel, a paste into a sheet) must not see
  // a cell start inside a cell: every cell is quoted, so no `;`, tab or line break ends one.
  const b = new DatasetBuilder(4)
  b.add({ author: '\t=cmd', avatar: '', likes: 7, replies: 0, day: NO_DAY, time: NO_TIME, text: 'a;=1+1', reply: '"quoted"', lesson: 'L' }, 'h.csv', 'L')
  b.add(
    { author: 'x\t=cmd', avatar: '', likes: 0, replies: 2, day: NO_DAY, time: NO_TIME, text: 'one\ntwo\r\n=three', reply: '=2', lesson: 'L;=1' },
    'h.csv',
    'L',
  )
  const ds = b.finish()
  const themes = (row: number) => [['x', '=y'], []][row]

  it('quotes every cell, the header and empty cells too, and keeps the apostrophe rule', () => {
    const q = (cells: string[]) => cells.map((c) => `"${c}"`).join(',') + '\r\n'
    expect(commentsToCsv(ds, [0, 1], { themes })).toBe(
      '\uFEFF' +
        q(['id', 'author', 'likes', 'replies', 'date', 'time', 'lesson', 'course', 'text', 'author_reply', 'themes', 'avatar', 'source']) +
        q([ds.id.get(0), "'\t=cmd", '7', '0', '', '', 'L', '', 'a;=1+1', '""quoted""', 'x; =y', '', 'h.csv']) +
        q([ds.id.get(1), 'x\t=cmd', '0', '2', '', '', 'L;=1', '', 'one\ntwo\r\n=three', "'=2", '', '', 'h.csv']),
    )
  })

  it('reads back, split on `;` or tab by a quote-aware reader, with no cell starting like a formula', () => {
    const csv = commentsToCsv(ds, [0, 1], { themes }).slice(1)
    for (const delimiter of [';', '\t']) {
      const cells = Papa.parse<string[]>(csv, { delimiter, newline: '\r\n' }).data.flat()
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([])
    }
  })
})

describe('neutraliseCell', () => {
  it('prefixes exactly the OWASP formula starts', () => {
    for (const s of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(s)).toBe("'" + s)
    for (const s of ['', 'a=1', ' =1', "'=1", '1-2', '中文', '＝1']) expect(neutraliseCell(s)).toBe(s)
  })
})

describe('CSV properties', () => {
  // Any code point, lone surrogates included, with the dangerous leads made common.
  const char = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' ', '\uFEFF'),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  )
  const str = fc.string({ unit: char, maxLength: 12 })
  const raw = fc.record({ author: str, text: str, reply: str, lesson: str, source: str, themes: fc.array(str, { maxLength: 3 }) })

  it('no exported cell starts with = + - @ tab or CR, and Papa reads every cell back', () => {
    fc.assert(
      fc.property(fc.array(raw, { minLength: 1, maxLength: 5 }), (rows) => {
        const b = new DatasetBuilder(16)
        for (const r of rows)
          b.add(
            { author: r.author, avatar: '', likes: 1, replies: 2, day: NO_DAY, time: NO_TIME, text: r.text, reply: r.reply, lesson: r.lesson },
            r.source,
            'l',
          )
        const ds = b.finish()
        const themes = (i: number) => rows[i].themes
        const parsed = parse(
          commentsToCsv(
            ds,
            rows.map((_, i) => i),
            { themes },
          ),
        )
        // Plain comparisons, one expect: a thousand runs of per-cell expects cost seconds.
        const bad = parsed
          .slice(1)
          .flat()
          .filter((c) => /^[=+\-@\t\r]/.test(c))
        const n = neutraliseCell
        // Exactly the text as stored (names without bidi controls), or the text after one
        // apostrophe when it starts like a formula.
        const want = rows.map((r) => [
          n(cleanName(r.author)),
          '1',
          '2',
          n(cleanName(r.lesson) || 'l'),
          n(r.text),
          n(r.reply),
          n(r.themes.join('; ')),
          n(r.source),
        ])
        const got = parsed.slice(1).map((c) => [c[1], c[2], c[3], c[6], c[8], c[9], c[10], c[12]])
        expect({ rows: parsed.length, widths: parsed.every((c) => c.length === CSV_HEADER.length), bad, got }).toEqual({
          rows: rows.length + 1,
          widths: true,
          bad: [],
          got: want,
        })
      }),
      { numRuns: RUNS },
    )
  })
})
