import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import Papa from 'papaparse'
import { parseCsv } from '@/import/csv'
import { importSources } from '@/import/pipeline'
import { DatasetBuilder } from '@/model/dataset'
import { parseJson } from '@/import/json'
import { dateOf, fieldOfHeader, headerSignature, parseCount } from '@/import/fields'
import { previewJson } from '@/import/preview'
import { ImportError } from '@/import/types'
import type { ParsedRow, RowSink, SkippedRow } from '@/import/types'
import { dayFromYmd, formatDay, NO_DAY, NO_TIME, parseDateValue } from '@/model/dates'

const RUNS = Number(process.env.PROP_RUNS ?? 1000)

const dir = (d: string) => new URL(`../../fixtures/${d}/`, import.meta.url)
const fixtures = (d: string) => readdirSync(dir(d)).map((f) => readFileSync(new URL(f, dir(d)), 'utf8'))
const CSV_FIXTURES = fixtures('csv')
const JSON_FIXTURES = fixtures('json')

type Skip = Omit<SkippedRow, 'file'>

function collect() {
  const rows: ParsedRow[] = []
  const skipped: Skip[] = []
  const lines: number[] = []
  const sink: RowSink = {
    row: (r) => {
      rows.push(r)
      lines.push(r.line)
    },
    skip: (s) => {
      skipped.push(s)
      lines.push(s.line)
    },
  }
  return { rows, skipped, lines, sink }
}

/** Runs a parser; anything thrown must be an ImportError. Returns what reached the sink. */
function survive(parse: (sink: RowSink) => unknown) {
  const c = collect()
  try {
    parse(c.sink)
  } catch (e) {
    if (!(e instanceof ImportError)) throw e
  }
  return c
}

/** What any row must look like, whatever the input. */
function checkRows(text: string, c: ReturnType<typeof collect>, strictLines: boolean) {
  const maxLine = (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1
  for (const r of c.rows) {
    expect(r.text).not.toBe('')
    expect(r.text).toBe(r.text.trim())
    expect(Number.isSafeInteger(r.likes) && r.likes >= 0).toBe(true)
    expect(Number.isSafeInteger(r.replies) && r.replies >= 0).toBe(true)
    expect(r.day === NO_DAY || Number.isInteger(r.day)).toBe(true)
    expect(r.time === NO_TIME || (r.time >= 0 && r.time < 86400)).toBe(true)
    expect(r.avatar === '' || /^https?:\/\//i.test(r.avatar)).toBe(true)
  }
  for (let i = 0; i < c.lines.length; i++) {
    expect(c.lines[i]).toBeGreaterThanOrEqual(1)
    if (strictLines) {
      expect(c.lines[i]).toBeLessThanOrEqual(maxLine)
      if (i > 0) expect(c.lines[i]).toBeGreaterThan(c.lines[i - 1])
    }
  }
}

/** Characters that matter to CSV and JSON syntax, plus text that matters to us. */
const SYNTAX = fc.constantFrom(
  ',',
  ';',
  '\t',
  '|',
  '"',
  "'",
  '\n',
  '\r',
  '\r\n',
  ' ',
  '{',
  '}',
  '[',
  ']',
  ':',
  '\\',
  '&lt;',
  '<br>',
  '0',
  '9',
  '-',
  'a',
  '中',
  '😀',
  '\uFEFF',
  '\u0000',
)
const syntaxString = fc.string({ unit: SYNTAX, maxLength: 60 })

/** Deletes, inserts or replaces characters of a text at random places. */
const mutation = fc.array(
  fc.record({ op: fc.constantFrom('delete', 'insert', 'replace'), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }), with: syntaxString }),
  { minLength: 1, maxLength: 6 },
)
function mutate(text: string, ops: { op: string; at: number; len: number; with: string }[]): string {
  let s = text
  for (const o of ops) {
    const at = s.length ? o.at % (s.length + 1) : 0
    if (o.op === 'delete') s = s.slice(0, at) + s.slice(at + o.len)
    else if (o.op === 'insert') s = s.slice(0, at) + o.with + s.slice(at)
    else s = s.slice(0, at) + o.with + s.slice(at + o.len)
  }
  return s
}

const csvCell = fc.oneof(fc.string({ unit: SYNTAX, maxLength: 12 }), fc.string({ maxLength: 8 }), fc.constantFrom('', ' ', '12', '2021-03-04', '1.2万'))
/** Well-formed CSV with the usual columns: what the scanner takes. */
const wellFormed = fc
  .tuple(
    fc.array(fc.array(csvCell, { minLength: 1, maxLength: 7 }), { maxLength: 8 }),
    fc.constantFrom(',', ';', '\t', '|'),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([rows, delimiter, newline, quotes]) =>
    Papa.unparse({ fields: ['author', 'likes', 'replies', 'date', 'text', 'lesson', 'extra'], data: rows }, { delimiter, newline, quotes }),
  )

describe('parsers never fail on garbage except with an ImportError', () => {
  const inputs = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), syntaxString, fc.string({ unit: SYNTAX, maxLength: 400 }))

  it('parseCsv on arbitrary strings', () => {
    fc.assert(
      fc.property(inputs, (text) => {
        checkRows(
          text,
          survive((sink) => parseCsv(text, 'f.csv', sink)),
          true,
        )
      }),
      { numRuns: RUNS },
    )
  })

  it('parseCsv on arbitrary strings under a header', () => {
    fc.assert(
      fc.property(fc.constantFrom('author,likes,replies,date,text\n', '昵称;点赞数;发布时间;留言内容\r\n', 'text\n'), inputs, (header, body) => {
        const text = header + body
        checkRows(
          text,
          survive((sink) => parseCsv(text, 'f.csv', sink)),
          true,
        )
      }),
      { numRuns: RUNS },
    )
  })

  it('parseJson on arbitrary strings and JSON values', () => {
    const values = fc.oneof(
      inputs,
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ comments: v })),
      fc.jsonValue().map((v) => JSON.stringify([{ text: v, likes: v, date: v, author: v }])),
    )
    fc.assert(
      fc.property(values, (text) => {
        checkRows(
          text,
          survive((sink) => parseJson(text, 'f.json', sink)),
          false,
        )
      }),
      { numRuns: RUNS },
    )
  })

  it('parseCsv on mutated CSV fixtures', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CSV_FIXTURES), mutation, (text, ops) => {
        const t = mutate(text, ops)
        checkRows(
          t,
          survive((sink) => parseCsv(t, 'f.csv', sink)),
          true,
        )
      }),
      { numRuns: RUNS },
    )
  })

  it('parseCsv reads the same when the text is cut into tiny pieces', () => {
    const run = (text: string, pieceSize?: number) => {
      const c = collect()
      try {
        return { outcome: parseCsv(text, 'f.csv', c.sink, { pieceSize }), rows: c.rows, skipped: c.skipped }
      } catch (e) {
        if (!(e instanceof ImportError)) throw e
        return { problem: e.problem, rows: c.rows, skipped: c.skipped }
      }
    }
    const texts = fc.oneof(
      fc
        .tuple(fc.constantFrom('author,likes,replies,date,text\n', '昵称;点赞数;发布时间;留言内容\r\n', 'text\n'), fc.string({ unit: SYNTAX, maxLength: 200 }))
        .map(([h, b]) => h + b),
      fc.tuple(fc.constantFrom(...CSV_FIXTURES), mutation).map(([t, ops]) => mutate(t, ops)),
    )
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 80 }), (text, pieceSize) => {
        expect(run(text, pieceSize)).toEqual(run(text))
      }),
      { numRuns: RUNS },
    )
  })

  it('says where a comment text sits in its input only where it sits there exactly', () => {
    // A BOM or Excel's `sep=` line before the header moves the body within the input.
    const texts = fc
      .tuple(
        fc.constantFrom('', '\uFEFF', 'sep=,\n', '\uFEFFsep=;\r\n'),
        fc.oneof(
          wellFormed,
          fc.tuple(wellFormed, mutation).map(([t, ops]) => mutate(t, ops)),
        ),
      )
      .map(([prefix, t]) => prefix + t)
    let placed = 0
    fc.assert(
      fc.property(texts, fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 80 })), (text, pieceSize) => {
        const sink: RowSink = {
          row: () => {},
          values: (_line, _a, _av, _l, _r, _d, _t, t, _rp, _le, at) => {
            if (at >= 0) {
              expect(text.slice(at, at + t.length)).toBe(t)
              placed++
            }
          },
          skip: () => {},
        }
        try {
          parseCsv(text, 'f.csv', sink, { pieceSize })
        } catch (e) {
          if (!(e instanceof ImportError)) throw e
        }
      }),
      { numRuns: RUNS },
    )
    // Random cells mostly make rows that are skipped or cleaned: a few must still be placed.
    expect(placed).toBeGreaterThan(0)
  })

  /** The text as UTF-8 carries it: a lone surrogate becomes U+FFFD (String.prototype.toWellFormed, ES2024). */
  const wellFormedText = (t: string) => t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')

  it('ids are the same whether a text is hashed where it sits in the file or from its own string', () => {
    const texts = fc
      .tuple(
        fc.constantFrom('', '\uFEFF', 'sep=,\n'),
        fc.oneof(
          wellFormed,
          fc.tuple(wellFormed, mutation).map(([t, ops]) => mutate(t, ops)),
        ),
      )
      .map(([prefix, t]) => prefix + t)
    fc.assert(
      fc.property(texts, (text) => {
        const ref = new DatasetBuilder()
        let refError: unknown = null
        try {
          // The file holds the text as UTF-8, where a lone surrogate cannot be: it is read back as U+FFFD.
          parseCsv(wellFormedText(text), 'f.csv', { row: (r) => ref.add(r, 'f.csv', 'f'), skip: () => {} })
        } catch (e) {
          refError = e
        }
        let ids: string[] | null = null
        try {
          ids = importSources([{ name: 'f.csv', bytes: new TextEncoder().encode(text).buffer }]).dataset.id.toArray()
        } catch (e) {
          if (!(e instanceof ImportError)) throw e
        }
        if (ids) {
          expect(refError).toBe(null)
          expect(ids).toEqual(ref.finish().id.toArray())
        }
      }),
      { numRuns: RUNS, examples: [['author,likes,replies,date,text\na,1,0,2021-03-04,"x\ude00y"\n']] },
    )
  })

  it('parseCsv reads exactly the same through its scanner as through PapaParse alone', () => {
    const run = (text: string, scan: boolean, pieceSize?: number) => {
      const c = collect()
      try {
        return { outcome: parseCsv(text, 'f.csv', c.sink, { pieceSize, scan }), rows: c.rows, skipped: c.skipped }
      } catch (e) {
        if (!(e instanceof ImportError)) throw e
        return { problem: e.problem, rows: c.rows, skipped: c.skipped }
      }
    }
    // Well-formed CSV (what the scanner takes), then the same with random damage (what it must leave to Papa).
    const texts = fc.oneof(
      wellFormed,
      fc.tuple(wellFormed, mutation).map(([t, ops]) => mutate(t, ops)),
      fc
        .tuple(fc.constantFrom('author,likes,replies,date,text\n', '昵称;点赞数;发布时间;留言内容\r\n', 'text\n'), fc.string({ unit: SYNTAX, maxLength: 200 }))
        .map(([h, b]) => h + b),
      fc.tuple(fc.constantFrom(...CSV_FIXTURES), mutation).map(([t, ops]) => mutate(t, ops)),
    )
    fc.assert(
      fc.property(texts, fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 80 })), (text, pieceSize) => {
        expect(run(text, true, pieceSize)).toEqual(run(text, false, pieceSize))
      }),
      { numRuns: RUNS },
    )
  })

  it('parseJson on mutated JSON fixtures', () => {
    fc.assert(
      fc.property(fc.constantFrom(...JSON_FIXTURES), mutation, (text, ops) => {
        const t = mutate(text, ops)
        checkRows(
          t,
          survive((sink) => parseJson(t, 'f.json', sink)),
          false,
        )
      }),
      { numRuns: RUNS },
    )
  })
})

// Round trips. Text excludes `&` and `<`, which a parser decodes as HTML escapes by design (see
// fields.test.ts), and has `\r` only as part of `\r\n`.
const TEXT_UNIT = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('老', '师', '讲', '得', '好', '，', '。', '！', '“', '”', '😀', '👣', '𠀀', 'a', 'Z', '7', ' ', '\t') },
  { weight: 3, arbitrary: fc.constantFrom(',', ';', '|', '"', '""', "'", '>', '\n', '\r\n', '\n\n', '  ') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }).filter((s) => !/[&<\r]/.test(s)) },
)
const text = fc.string({ unit: TEXT_UNIT, maxLength: 40 })
const oneLine = fc.string({ unit: TEXT_UNIT, maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' '))

interface Rec {
  author: string
  likes: number
  replies: number
  day: number
  time: number
  text: string
  lesson: string
}

const record: fc.Arbitrary<Rec> = fc.record({
  author: oneLine,
  likes: fc.nat({ max: 2_000_000 }),
  replies: fc.nat({ max: 5000 }),
  // 1991..2099 so that every day also has an epoch-seconds form.
  day: fc.integer({ min: dayFromYmd(1991, 1, 1), max: dayFromYmd(2099, 12, 31) }),
  time: fc.oneof(fc.constant(NO_TIME), fc.integer({ min: 0, max: 86399 })),
  text,
  lesson: oneLine,
})

const pad = (n: number) => String(n).padStart(2, '0')
function dateText(r: Rec, style: number): string | number {
  if (style === 2 && r.time !== NO_TIME) return r.day * 86400 + r.time - 8 * 3600 // epoch seconds, Shanghai
  const d = formatDay(r.day)
  if (r.time === NO_TIME) return d
  return `${d} ${pad(Math.floor(r.time / 3600))}:${pad(Math.floor((r.time % 3600) / 60))}:${pad(r.time % 60)}`
}

const norm = (s: string) => s.replace(/\r\n/g, '\n').trim()

/** Checks parsed rows against the records: kept rows equal, empty texts skipped as noText. */
function checkRoundTrip(recs: Rec[], c: ReturnType<typeof collect>, lineOf: (i: number) => number) {
  const kept = recs.map((r, i) => ({ r, i })).filter(({ r }) => norm(r.text) !== '')
  expect(c.rows.map((x) => [x.line, x.author, x.likes, x.replies, x.day, x.time, x.text, x.reply, x.lesson])).toEqual(
    kept.map(({ r, i }) => [lineOf(i), norm(r.author), r.likes, r.replies, r.day, r.time, norm(r.text), '', norm(r.lesson)]),
  )
  expect(c.skipped).toEqual(
    recs
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => norm(r.text) === '')
      .map(({ i }) => ({ line: lineOf(i), reason: 'noText' })),
  )
}

describe('round trips', () => {
  it('CSV written by Papa.unparse reads back field for field, with line numbers', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 8 }),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        fc.nat({ max: 2 }),
        fc.boolean(),
        fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 100 })),
        (recs, delimiter, newline, style, thousands, pieceSize) => {
          const data = recs.map((r) => [
            r.author,
            thousands ? r.likes.toLocaleString('en-US') : String(r.likes),
            String(r.replies),
            String(dateText(r, style)),
            r.text,
            r.lesson,
          ])
          const csv = Papa.unparse({ fields: ['author', 'likes', 'replies', 'date', 'text', 'lesson'], data }, { delimiter, newline })
          const c = collect()
          const outcome = parseCsv(csv, 'f.csv', c.sink, { pieceSize })
          expect(outcome.rowsRead).toBe(recs.length)
          // Row i starts after the header and the lines of the rows before it.
          const starts: number[] = []
          let line = 2
          for (const r of recs) {
            starts.push(line)
            line += 1 + (`${r.author}${r.text}${r.lesson}`.match(/\n/g)?.length ?? 0)
          }
          checkRoundTrip(recs, c, (i) => starts[i])
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('JSON written by JSON.stringify reads back field for field, with line numbers', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), fc.nat({ max: 2 }), fc.boolean(), fc.boolean(), (recs, style, pretty, numbersAsText) => {
        const items = recs.map((r) => ({
          author: r.author,
          likes: numbersAsText ? String(r.likes) : r.likes,
          replies: r.replies,
          date: dateText(r, style),
          text: r.text,
          lesson: r.lesson,
        }))
        const json = pretty ? JSON.stringify(items, null, 2) : JSON.stringify(items)
        const c = collect()
        expect(parseJson(json, 'f.json', c.sink)).toEqual({ format: 'json', title: '', rowsRead: recs.length })
        // Pretty-printed: "[" then 8 lines per item ({, six keys, }).
        checkRoundTrip(recs, c, (i) => (pretty ? 2 + 8 * i : 1))
      }),
      { numRuns: RUNS },
    )
  })

  it('JSON records under keys of their own: noColumns naming the keys, then read back field for field with a mapping by name', () => {
    // Six distinct key names that map to no field, so nothing is recognised by name.
    const keyNames = fc.uniqueArray(
      fc.string({ minLength: 1, maxLength: 8 }).filter((k) => fieldOfHeader(k) === null),
      { minLength: 6, maxLength: 6 },
    )
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), keyNames, fc.boolean(), fc.constantFrom('', 'export'), (recs, keys, pretty, wrap) => {
        const [kAuthor, kLikes, kReplies, kDate, kText, kLesson] = keys
        const items = recs.map((r) =>
          Object.fromEntries([
            [kAuthor, r.author],
            [kLikes, r.likes],
            [kReplies, r.replies],
            [kDate, dateText(r, 0)],
            [kText, r.text],
            [kLesson, r.lesson],
          ]),
        )
        const doc = wrap ? { [wrap]: items } : items
        const json = pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc)
        const unmapped = collect()
        let problem: unknown
        try {
          parseJson(json, 'f.json', unmapped.sink)
        } catch (e) {
          problem = e instanceof ImportError ? e.problem : e
        }
        // In the order JavaScript keeps object keys (integer-like ones first), as JSON.parse made them.
        const order = Object.keys(items[0])
        expect(problem).toEqual({ code: 'noColumns', file: 'f.json', detail: `found keys: ${order.map((k) => k.replace(/\s+/g, ' ').trim()).join(', ')}` })
        expect(unmapped.rows).toEqual([])
        // The mapping is looked up under the signature the dialog's preview remembers it by.
        const bytes = new TextEncoder().encode(json).buffer as ArrayBuffer
        const preview = previewJson(bytes)
        expect(preview.headers).toEqual(order)
        const remembered = { [preview.signature]: { author: kAuthor, likes: kLikes, replies: kReplies, date: kDate, text: kText, lesson: kLesson } }
        const c = collect()
        expect(parseJson(json, 'f.json', c.sink, { mappingFor: (k) => remembered[headerSignature(k)] })).toEqual({
          format: 'json',
          title: '',
          rowsRead: recs.length,
        })
        // Pretty-printed: "[" (and the wrapper's two lines) then 8 lines per item ({, six keys, }).
        checkRoundTrip(recs, c, (i) => (pretty ? (wrap ? 3 : 2) + 8 * i : 1))
      }),
      { numRuns: RUNS },
    )
  })
})

describe('values', () => {
  it('parseCount reads integers however they are formatted', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.nat({ max: 4 }), (n, style) => {
        const s = [String(n), n.toLocaleString('en-US'), ` ${n} `, `${n}.0`, `\t${n.toLocaleString('en-US')}\u00a0`][style]
        expect(parseCount(s)).toBe(n)
        expect(parseCount(n)).toBe(n)
        if (n > 0) {
          expect(parseCount(`-${n}`)).toBeNull()
          expect(parseCount(-n)).toBeNull()
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('parseCount reads 万/w/k multiples', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 9 }),
        fc.constantFrom(['万', 10000], ['w', 10000], ['k', 1000], ['K', 1000]),
        (whole, tenth, [unit, mult]) => {
          expect(parseCount(`${whole}.${tenth}${unit}`)).toBe(Math.round((whole + tenth / 10) * (mult as number)))
          expect(parseCount(`${whole}${unit}`)).toBe(whole * (mult as number))
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('dateOf agrees with parseDateValue on date-time-like strings', () => {
    const digit = fc.constantFrom('0', '1', '2', '3', '5', '9')
    const d2 = fc.tuple(digit, digit).map(([a, b]) => a + b)
    const str = fc
      .tuple(
        fc.constantFrom('19', '20', '21', '22'),
        d2,
        fc.constantFrom('-', '/'),
        d2,
        fc.constantFrom('-', '/'),
        d2,
        fc.constantFrom('', ' ', 'T', 't', 'x'),
        d2,
        fc.constantFrom(':', '.'),
        d2,
        fc.constantFrom('', ':00', ':59', ':60', ':5'),
      )
      .map(([c, y, s1, m, s2, d, sep, h, colon, mi, sec]) => `${c}${y}${s1}${m}${s2}${d}` + (sep ? `${sep}${h}${colon}${mi}${sec}` : ''))
    fc.assert(
      fc.property(str, (s) => {
        expect(dateOf(s)).toEqual(parseDateValue(s))
      }),
      { numRuns: RUNS },
    )
  })
})
