import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { parseCsv } from '@/import/csv'
import type { CsvOptions } from '@/import/csv'
import type { ParsedRow, SkippedRow } from '@/import/types'
import { catchImport, view } from './helpers'
import { formatDay } from '@/model/dates'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/csv/${name}`, import.meta.url), 'utf8')

type Skip = Omit<SkippedRow, 'file'>

function parse(text: string, opts?: CsvOptions) {
  const rows: ParsedRow[] = []
  const skipped: Skip[] = []
  const outcome = parseCsv(text, 'test.csv', { row: (r) => rows.push(r), skip: (s) => skipped.push(s) }, opts)
  return { outcome, rows, skipped }
}

const A = 'https://static001.geekbang.org/account/avatar/00/'
const END = '结束语 | 终点已是新的起点'

describe('parseCsv: english-comma.csv', () => {
  const expected = [
    {
      line: 2,
      author: 'jeffery',
      avatar: A + '12/9d/84/171b2221.jpg',
      likes: 14,
      replies: 2,
      date: '2021-03-22',
      time: '',
      text: '真不舍！太清爽了！希望加餐！😀多谢唐老师三个月份的付出分享！',
      reply: '',
      lesson: END,
    },
    {
      line: 3,
      author: '江山未',
      avatar: A + '10/a2/94/ae0a60d8.jpg',
      likes: 7,
      replies: 1,
      date: '2021-04-28',
      time: '21:05',
      text: '感谢老师的精彩讲解, 在地铁上刷完了课程。\n师傅领进门，修行在个人。',
      reply: '',
      lesson: END,
    },
    {
      line: 5,
      author: 'Geek_daf51a',
      avatar: '',
      likes: 6,
      replies: 1,
      date: '2021-03-22',
      time: '09:05',
      text: '老师说的"线性一致性读"，是不是就是 ReadIndex？',
      reply: '',
      lesson: END,
    },
    {
      line: 6,
      author: '赵先生',
      avatar: A + '0f/ac/50/71c25e34.jpg',
      likes: 1234,
      replies: 0,
      date: '2021-03-22',
      time: '08:00',
      text: '唐老师，etcd 3.5来了，希望加餐！\n\n期待, 真的期待',
      reply: '',
      lesson: END,
    },
    {
      line: 9,
      author: '石小',
      avatar: '',
      likes: 0,
      replies: 0,
      date: '2021-03-22',
      time: '08:00',
      text: 'mysql可以控制刷日志（innodb_flush_log_at_trx_commit）',
      reply: '',
      lesson: '12 | 一致性：为什么基于Raft实现的etcd还会出现数据不一致？',
    },
  ]

  it('reads every field of every row, with quoted commas, quotes and line breaks', () => {
    const { outcome, rows, skipped } = parse(fixture('english-comma.csv'))
    expect(outcome).toEqual({ format: 'csv', title: '', rowsRead: 5 })
    expect(skipped).toEqual([])
    expect(rows.map(view)).toEqual(expected)
  })

  it('reads the same from CRLF line endings (line breaks inside fields become \\n)', () => {
    const { rows, skipped } = parse(fixture('english-comma.csv').replace(/\n/g, '\r\n'))
    expect(skipped).toEqual([])
    expect(rows.map(view)).toEqual(expected)
  })

  it('reads the same without a final line break', () => {
    expect(parse(fixture('english-comma.csv').trimEnd()).rows.map(view)).toEqual(expected)
  })

  it('reads the same from old Mac CR line endings', () => {
    expect(parse(fixture('english-comma.csv').replace(/\n/g, '\r')).rows.map(view)).toEqual(expected)
  })
})

describe('parseCsv: other layouts', () => {
  it('reads Chinese headers after a BOM, 万/w counts and 年月日 dates', () => {
    const text = fixture('chinese-headers.csv')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const { outcome, rows, skipped } = parse(text)
    expect(outcome.rowsRead).toBe(4)
    expect(skipped).toEqual([])
    const L1 = '01 | etcd基础架构：通过一个请求了解etcd'
    const L2 = '02 | 基础架构：etcd一个读请求是如何执行的？'
    expect(rows.map(view)).toEqual([
      {
        line: 2,
        author: '小鱼儿吐泡泡',
        avatar: '',
        likes: 4,
        replies: 1,
        date: '2021-07-27',
        time: '09:05',
        text: '专栏质量确实很高，从整体到细节 读起来很舒服；非常符合学习一个新知识得过程',
        reply: '',
        lesson: L1,
      },
      {
        line: 3,
        author: '小丢👣',
        avatar: '',
        likes: 2,
        replies: 1,
        date: '2021-10-06',
        time: '23:59:59',
        text: '对etcd的应用实践，我几乎为零。',
        reply: '',
        lesson: L1,
      },
      {
        line: 4,
        author: '程序员历小冰',
        avatar: '',
        likes: 12000,
        replies: 30000,
        date: '2021-04-26',
        time: '',
        text: '老师学习和讲解etcd的思路很赞，可以用在大多数中间件的学习上.',
        reply: '',
        lesson: L2,
      },
      { line: 5, author: '川川', avatar: '', likes: 12, replies: 0, date: '2022-11-20', time: '', text: '老师，你微信多少', reply: '', lesson: L2 },
    ])
  })

  it('reads semicolon-delimited files with quoted semicolons and doubled quotes', () => {
    const { rows, skipped } = parse(fixture('semicolon.csv'))
    expect(skipped).toEqual([])
    // A column named 课程 is the course, not the lesson.
    expect(rows.map((r) => r.course)).toEqual(['etcd实战课', 'etcd实战课', 'etcd实战课'])
    expect(rows.map(view)).toEqual([
      { line: 2, author: '八台上', avatar: '', likes: 1, replies: 1, date: '2021-10-29', time: '', text: '坐等思考题答案; 顺便催更', reply: '', lesson: '' },
      {
        line: 3,
        author: 'Geek_7154d8',
        avatar: '',
        likes: 1,
        replies: 1,
        date: '2021-05-14',
        time: '',
        text: '老师讲的太精彩了，比如分布式锁那一章, 令我茅塞顿开。',
        reply: '',
        lesson: '',
      },
      {
        line: 4,
        author: '愤叔',
        avatar: '',
        likes: 0,
        replies: 0,
        date: '2022-02-09',
        time: '',
        text: '这些课 ,有没有pdf "数据"或者文档可以下载下来',
        reply: '',
        lesson: '',
      },
    ])
  })

  it('reads tab-delimited files with API column names, a tab inside a quoted field, and author replies', () => {
    const { rows, skipped, outcome } = parse(fixture('tab.tsv'))
    expect(skipped).toEqual([])
    expect(outcome.rowsRead).toBe(3)
    expect(rows.map(view)).toEqual([
      {
        line: 2,
        author: '云原生工程师',
        avatar: '',
        likes: 0,
        replies: 0,
        date: '2021-03-23',
        time: '08:00',
        text: '感谢老师，期待加餐',
        reply: '谢谢支持',
        lesson: '',
      },
      {
        line: 3,
        author: 'Coder',
        avatar: '',
        likes: 1,
        replies: 0,
        date: '2021-03-22',
        time: '08:00',
        text: '辛苦唐老师，收获满满！\n代码：\n\tfor i := range ch {}',
        reply: '加油！',
        lesson: '',
      },
      { line: 6, author: 'mmm', avatar: '', likes: 2, replies: 0, date: '', time: '', text: '感谢老师 期待加餐', reply: '', lesson: '' },
    ])
  })

  it('takes the delimiter from an Excel sep= line', () => {
    const { rows } = parse('sep=;\r\nauthor;text;likes\r\nmmm;感谢老师, 期待加餐;2\r\n')
    expect(rows.map((r) => [r.line, r.author, r.text, r.likes])).toEqual([[3, 'mmm', '感谢老师, 期待加餐', 2]])
  })

  it('reads a file with only a text column', () => {
    const { rows } = parse('text\n第一条\n"第二条, 带逗号"\n')
    expect(rows.map((r) => [r.line, r.author, r.text, r.likes, r.replies, formatDay(r.day)])).toEqual([
      [2, '', '第一条', 0, 0, ''],
      [3, '', '第二条, 带逗号', 0, 0, ''],
    ])
  })

  it('skips blank lines (also ones with only delimiters) without counting them', () => {
    const { rows, outcome } = parse('\n\nauthor,text\n\nmmm,第一条\n , \n,,\nCoder,第二条\n\n')
    expect(outcome.rowsRead).toBe(2)
    expect(rows.map((r) => [r.line, r.author, r.text])).toEqual([
      [5, 'mmm', '第一条'],
      [8, 'Coder', '第二条'],
    ])
  })

  it('decodes HTML escapes in text cells, never producing markup beyond the text', () => {
    const { rows } = parse('text,author\n"a &lt; b &amp;&amp; c&#47;d<br>第二行",张&amp;三\n')
    expect(rows[0].text).toBe('a < b && c/d\n第二行')
    expect(rows[0].author).toBe('张&三')
  })
})

describe('parseCsv: where each text sits', () => {
  const placed = (text: string) => {
    const got: [string, number][] = []
    parseCsv(text, 't.csv', { row: () => {}, values: (_l, _a, _av, _li, _r, _d, _t, t, _rp, _le, at) => got.push([t, at]), skip: () => {} })
    return got
  }

  it('gives the offset of a text that is its cell as written, and -1 when cleaning changed it', () => {
    // BOM + sep line move the body; row 2's text is trimmed, row 3's has a doubled quote, row 4's
    // a CRLF inside quotes (made \n); a quote inside an unquoted cell is a plain character.
    const text = '\uFEFFsep=,\nauthor,text\na,plain text\nb,  padded \nc,"say ""hi"""\nd,"two\r\nlines"\ne,x"y\nf,"quoted, comma"\n'
    expect(placed(text)).toEqual([
      ['plain text', text.indexOf('plain text')],
      ['padded', -1],
      ['say "hi"', -1],
      ['two\nlines', -1],
      ['x"y', text.indexOf('x"y')],
      ['quoted, comma', text.indexOf('quoted, comma')],
    ])
  })

  it('gives -1 for rows PapaParse reads (a stray CR sends the piece there)', () => {
    expect(placed('author,text\na,plain\nb\rc,more\n')).toEqual([
      ['plain', -1],
      ['more', -1],
    ])
  })
})

describe('parseCsv: problems', () => {
  it('returns rowsRead 0 for a header-only file', () => {
    const { outcome, rows, skipped } = parse(fixture('header-only.csv'))
    expect(outcome).toEqual({ format: 'csv', title: '', rowsRead: 0 })
    expect(rows).toEqual([])
    expect(skipped).toEqual([])
  })

  it('skips rows with no text, a bad count or an unreadable date, naming the value', () => {
    const { outcome, rows, skipped } = parse(fixture('bad-rows.csv'))
    expect(outcome.rowsRead).toBe(6)
    expect(rows.map((r) => [r.line, r.author, r.likes, formatDay(r.day)])).toEqual([
      [2, '追风筝的人', 1, '2021-11-15'],
      [8, '川川', 0, '2022-11-20'],
    ])
    expect(skipped).toEqual([
      { line: 3, reason: 'badNumber', detail: 'likes: "很多"' },
      { line: 4, reason: 'badNumber', detail: 'likes: "-3"' },
      { line: 5, reason: 'badDate', detail: 'date: "2021-13-45"' },
      { line: 6, reason: 'noText' },
    ])
  })

  it("skips a row Papa cannot close, with Papa's message", () => {
    const { outcome, rows, skipped } = parse(fixture('unclosed-quote.csv'))
    expect(rows.map((r) => [r.line, r.author, r.text])).toEqual([[2, 'mmm', '感谢老师 期待加餐']])
    expect(skipped).toEqual([{ line: 3, reason: 'csvError', detail: 'Quoted field unterminated' }])
    expect(outcome.rowsRead).toBe(2)
  })

  it('throws noColumns, listing the columns, when no text column is recognisable', () => {
    expect(catchImport(() => parse('name,score,when\nmmm,2,2021-03-22\n'))).toEqual({
      code: 'noColumns',
      file: 'test.csv',
      line: 1,
      detail: 'found columns: name, score, when',
    })
  })

  it('accepts a user mapping by index or by header name instead', () => {
    const text = 'name,score,when,words\nmmm,2,2021-03-22,感谢老师\n'
    const byIndex = parse(text, { mapping: { author: 0, likes: 1, date: 2, text: 3 } }).rows.map(view)
    const byName = parse(text, { mapping: { author: 'name', likes: 'score', date: 'when', text: 'words' } }).rows.map(view)
    const expected = [{ line: 2, author: 'mmm', avatar: '', likes: 2, replies: 0, date: '2021-03-22', time: '', text: '感谢老师', reply: '', lesson: '' }]
    expect(byIndex).toEqual(expected)
    expect(byName).toEqual(expected)
    expect(catchImport(() => parse(text, { mapping: { author: 0 } })).code).toBe('noColumns')
  })

  it('throws empty for a blank file', () => {
    expect(catchImport(() => parse(' \n\r\n')).code).toBe('empty')
    expect(catchImport(() => parse('')).code).toBe('empty')
  })
})

describe('parseCsv: large files', () => {
  /** A file over several pieces, with quotes and line breaks in the text, checked against Papa's whole-file reading. */
  function big(n: number, stray: boolean): { text: string; records: string[][]; lines: number[] } {
    const records: string[][] = []
    const lines: number[] = []
    let line = 2
    for (let i = 0; i < n; i++) {
      let t = `第${i}条留言，内容很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长`
      if (i % 7 === 0) t += `, 引用 "原文 ${i}"\n第二行`
      if (i % 13 === 0) t += '\r\n\r\n第三段'
      // An inch mark in an unquoted cell: Papa keeps it, but it upsets a quote count.
      const author = stray && i === 3 ? '27"显示器' : `用户${i % 50}`
      records.push([author, String(i % 100), `2021-03-${String(1 + (i % 28)).padStart(2, '0')} 10:00`, t])
      lines.push(line)
      line += 1 + (t.match(/\n/g)?.length ?? 0)
    }
    let text = Papa.unparse({ fields: ['author', 'likes', 'date', 'text'], data: records }, { newline: '\n' })
    // Papa.unparse quotes that cell; a hand-made file would not.
    if (stray) text = text.replace('"27""显示器"', '27"显示器')
    return { text, records, lines }
  }

  for (const stray of [false, true]) {
    it(`keeps values and line numbers right across pieces${stray ? ' despite a stray quote' : ''}`, () => {
      const { text, records, lines } = big(24_000, stray)
      // Several of the parser's 512K-character pieces.
      expect(text.length).toBeGreaterThan(1_600_000)
      const progress: number[] = []
      const shares: number[] = []
      const { outcome, rows, skipped } = parse(text, {
        onRows: (n, share) => {
          progress.push(n)
          shares.push(share)
        },
      })
      expect(skipped).toEqual([])
      expect(outcome.rowsRead).toBe(records.length)
      expect(rows.length).toBe(records.length)
      expect(rows.map((r) => [r.line, r.author, r.likes, r.text])).toEqual(
        records.map((rec, i) => [lines[i], rec[0], Number(rec[1]), rec[3].replace(/\r\n/g, '\n')]),
      )
      expect(progress).toEqual([5000, 10000, 15000, 20000, 24000])
      // The share of the text read: where the row just read ends (rows are of similar length here).
      expect(shares.at(-1)).toBe(1)
      shares.slice(0, -1).forEach((share, k) => {
        expect(Math.abs(share - (5000 * (k + 1)) / 24_000)).toBeLessThan(0.02)
        // The scanner reports exactly the end of the row's last cell: a row end follows (after its closing quote).
        if (!stray) expect(text.slice(Math.round(share * text.length), Math.round(share * text.length) + 3)).toMatch(/^"?\r?\n/)
      })
    })
  }
})
