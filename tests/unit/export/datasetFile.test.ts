import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DatasetBuilder } from '@/model/dataset'
import type { DatasetColumns } from '@/model/dataset'
import { datasetFromFile, datasetToFile, DatasetFileError, isDatasetFile, parseDatasetFile } from '@/model/datasetFile'
import { dayFromYmd, NO_DAY, NO_TIME } from '@/model/dates'
import { datasetFingerprint, fingerprintSync } from '@/model/fingerprint'
import { importSources } from '@/import/pipeline'
import { AVATAR, bytesOf, EMPTY_LESSON, L1, L2, tinyDataset } from './helpers'

const RUNS = Number(process.env.PROP_RUNS ?? 1000)

/** Every column as plain arrays, for one deep comparison. */
const columns = (ds: DatasetColumns) => ({
  n: ds.n,
  id: ds.id,
  likes: [...ds.likes],
  replies: [...ds.replies],
  day: [...ds.day],
  time: [...ds.time],
  author: [...ds.author],
  authors: ds.authors,
  avatar: [...ds.avatar],
  avatars: ds.avatars,
  lesson: [...ds.lesson],
  lessons: ds.lessons,
  source: [...ds.source],
  sources: ds.sources,
  text: ds.text,
  reply: ds.reply,
})

const roundTrip = (ds: DatasetColumns, name = 'n') => datasetFromFile(JSON.parse(datasetToFile(ds, { name })))

describe('dataset file', () => {
  const ds = tinyDataset()
  const text = datasetToFile(ds, { name: '极客时间 · etcd' })

  it('writes the documented shape, one lesson or comment per line', () => {
    const root = JSON.parse(text) as Record<string, unknown>
    expect(Object.keys(root)).toEqual(['format', 'version', 'name', 'lessons', 'comments'])
    expect(root).toMatchObject({ format: 'comment-lens-dataset', version: 1, name: '极客时间 · etcd' })
    expect(root.lessons).toEqual([
      { title: EMPTY_LESSON, file: 'c.md' },
      { title: L1, file: 'a.md' },
      { title: L2, file: 'b.md' },
    ])
    expect((root.comments as unknown[])[0]).toEqual({
      author: '张三',
      avatar: AVATAR,
      likes: 12,
      replies: 3,
      date: '2024-03-05',
      time: '14:30',
      text: '=HYPERLINK("http://x")',
      reply: '',
      lesson: L1,
      source: 'a.md',
    })
    expect((root.comments as unknown[])[4]).toMatchObject({ date: '', time: '' })
    const lines = text.split('\n')
    expect(lines.slice(0, 6)).toEqual([
      '{',
      '  "format": "comment-lens-dataset",',
      '  "version": 1,',
      '  "name": "极客时间 · etcd",',
      '  "lessons": [',
      `    {"title":"${EMPTY_LESSON}","file":"c.md"},`,
    ])
    expect(lines.slice(7, 10)).toEqual([`    {"title":"${L2}","file":"b.md"}`, '  ],', '  "comments": ['])
    expect(lines[10].startsWith('    {"author":"张三",')).toBe(true)
    expect(lines[14].startsWith('    {"author":"李四",')).toBe(true)
    expect(lines.slice(15)).toEqual(['  ]', '}', ''])
    expect(isDatasetFile(root)).toBe(true)
  })

  it('reads back identical columns and the same fingerprint', async () => {
    const back = roundTrip(ds)
    expect(columns(back)).toEqual(columns(ds))
    expect(await datasetFingerprint(back.id.toArray())).toBe(await datasetFingerprint(ds.id.toArray()))
    expect(parseDatasetFile(JSON.parse(text)).name).toBe('极客时间 · etcd')
  })

  it('round-trips an empty dataset and the first and last days of the accepted years', () => {
    const empty = new DatasetBuilder(16).finish()
    expect(columns(roundTrip(empty))).toEqual(columns(empty))
    const b = new DatasetBuilder(16)
    // Days outside 1970–2200 are no date an importer reads: the builder keeps them as unknown.
    for (const day of [
      dayFromYmd(2024, 2, 29),
      dayFromYmd(1970, 1, 1),
      dayFromYmd(2200, 12, 31),
      dayFromYmd(1969, 12, 31),
      -800_000,
      100_000_000,
      2 ** 31 - 1,
      NO_DAY,
    ]) {
      b.add({ author: 'a', avatar: '', likes: 0, replies: 0, day, time: 0, text: String(day), reply: '', lesson: '' }, '', '')
    }
    const odd = b.finish()
    const back = roundTrip(odd)
    expect(columns(back)).toEqual(columns(odd))
    const dates = (JSON.parse(datasetToFile(odd, { name: '' })) as { comments: { date: unknown }[] }).comments.map((c) => c.date)
    expect(dates).toEqual(['2024-02-29', '1970-01-01', '2200-12-31', '', '', '', '', ''])
  })

  it('is read even by the generic JSON importer (no hook) with the right lessons and ids', () => {
    const { dataset } = importSources([{ name: 'x.json', bytes: bytesOf(text) }])
    // Row 3's text loses its leading tab to the importer's trim; all other ids match.
    expect(dataset.id.toArray().filter((_, i) => i !== 3)).toEqual(ds.id.toArray().filter((_, i) => i !== 3))
  })

  it('tells dataset files from other JSON', () => {
    expect(isDatasetFile([])).toBe(false)
    expect(isDatasetFile(null)).toBe(false)
    expect(isDatasetFile({ comments: [] })).toBe(false)
    expect(isDatasetFile({ format: 'comment-lens-dataset', version: 2 })).toBe(true)
  })

  it('rejects malformed files with a message that says where', () => {
    const good = () => JSON.parse(text) as { version: unknown; lessons: unknown[]; comments: Record<string, unknown>[] }
    const err = (root: unknown) => {
      try {
        datasetFromFile(root)
      } catch (e) {
        expect(e).toBeInstanceOf(DatasetFileError)
        return (e as Error).message
      }
      throw new Error('accepted a malformed file')
    }
    expect(err(null)).toBe('Not a valid Comment Lens dataset file: file: expected an object, found null')
    expect(err({ format: 'x' })).toBe('Not a valid Comment Lens dataset file: format: expected "comment-lens-dataset", found "x"')
    expect(err({ ...good(), version: 2 })).toBe(
      'Not a valid Comment Lens dataset file: version: expected version 1 (a newer app may have written this file), found 2',
    )
    expect(err({ ...good(), lessons: {} })).toBe('Not a valid Comment Lens dataset file: lessons: expected an array, found {}')
    const f1 = good()
    f1.comments[2].likes = -1
    expect(err(f1)).toBe('Not a valid Comment Lens dataset file: comments[2].likes: expected a whole number from 0 to 4294967295, found -1')
    const f2 = good()
    f2.comments[1].date = '2024-02-30'
    expect(err(f2)).toBe(
      `Not a valid Comment Lens dataset file: comments[1].date: expected YYYY-MM-DD from 1970-01-01 to 2200-12-31, or '', found "2024-02-30"`,
    )
    const f3 = good()
    f3.comments[0].time = '24:00'
    expect(err(f3)).toBe(`Not a valid Comment Lens dataset file: comments[0].time: expected HH:mm, HH:mm:ss or '', found "24:00"`)
    const f4 = good()
    f4.comments[0].lesson = 'nope'
    expect(err(f4)).toBe(`Not a valid Comment Lens dataset file: comments[0].lesson: expected one of the file's lessons, found "nope"`)
    const f5 = good()
    delete f5.comments[4].text
    expect(err(f5)).toBe('Not a valid Comment Lens dataset file: comments[4].text: expected a string, found nothing')
    const f6 = good()
    f6.lessons.push({ title: L1, file: 'z.md' })
    expect(err(f6)).toMatch(/^Not a valid Comment Lens dataset file: lessons\[3\]\.title: expected a title not listed before, found ".*"$/)
  })

  it('range-checks every value: dates in 1970–2200, counts, name and path lengths', () => {
    const good = () => JSON.parse(text) as { name: string; lessons: Record<string, unknown>[]; comments: Record<string, unknown>[] }
    const problem = (root: unknown) => {
      try {
        parseDatasetFile(root)
      } catch (e) {
        expect(e).toBeInstanceOf(DatasetFileError)
        return (e as DatasetFileError).problem
      }
      throw new Error('accepted a value out of range')
    }
    const DATES = { min: '1970-01-01', max: '2200-12-31' }
    // The probe's 430-byte file: days 0 and 100,000,000 (year 275760) hung every load.
    const f1 = good()
    f1.comments[3].date = 100_000_000
    expect(problem(f1)).toEqual({ field: 'comments[3].date', rule: 'date', found: '100000000', ...DATES })
    for (const date of ['0001-01-01', '1969-12-31', '2201-01-01', '+275760-09-13', -1, 84_371, 1.5]) {
      const f = good()
      f.comments[0].date = date
      expect(problem(f)).toMatchObject({ field: 'comments[0].date', rule: 'date' })
    }
    // Day numbers earlier versions wrote are read when they fall in the accepted years.
    const f2 = good()
    f2.comments[0].date = 0
    f2.comments[1].date = 84_370
    expect(
      parseDatasetFile(f2)
        .rows.slice(0, 2)
        .map((r) => r.row.day),
    ).toEqual([0, 84_370])
    const f3 = good()
    f3.comments[1].replies = 2 ** 32
    expect(problem(f3)).toEqual({ field: 'comments[1].replies', rule: 'count', found: '4294967296', max: 4294967295 })
    const f4 = good()
    f4.comments[0].author = 'x'.repeat(501)
    expect(problem(f4)).toEqual({ field: 'comments[0].author', rule: 'length', found: '501', max: 500 })
    const f5 = good()
    f5.lessons[0].file = 'd/'.repeat(2049)
    expect(problem(f5)).toEqual({ field: 'lessons[0].file', rule: 'length', found: '4098', max: 4096 })
    const f6 = good()
    f6.name = '名'.repeat(501)
    expect(problem(f6)).toEqual({ field: 'file.name', rule: 'length', found: '501', max: 500 })
    // A long comment text is data, not a broken file.
    const f7 = good()
    f7.comments[0].text = '长'.repeat(100_000)
    expect(parseDatasetFile(f7).rows[0].row.text.length).toBe(100_000)
  })

  it('an import names the file and the field', () => {
    const root = JSON.parse(text) as { comments: Record<string, unknown>[] }
    root.comments[1].date = 100_000_000
    expect(() => importSources([{ name: 'hostile.json', bytes: bytesOf(JSON.stringify(root)) }])).toThrow(
      expect.objectContaining({
        problem: {
          code: 'badDatasetFile',
          file: 'hostile.json',
          check: { field: 'comments[1].date', rule: 'date', found: '100000000', min: '1970-01-01', max: '2200-12-31' },
        },
      }),
    )
  })

  it('round-trips any dataset: arbitrary unicode texts and names, any counts, days and times', () => {
    const char = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\n', '\r', '\t', '"', '\\', '\u2028', '\u0000'),
    )
    const str = fc.string({ unit: char, maxLength: 10 })
    const lessonTitles = fc.uniqueArray(str, { minLength: 1, maxLength: 4 })
    const row = fc.record({
      author: str,
      avatar: fc.oneof(fc.constant(''), fc.constant(AVATAR), fc.constant('https://例子.com/头像 1.png'), str),
      likes: fc.nat({ max: 0xffffffff }),
      replies: fc.nat({ max: 0xffffffff }),
      day: fc.oneof(fc.constant(NO_DAY), fc.integer({ min: -1_000_000, max: 3_000_000 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
      time: fc.oneof(fc.constant(NO_TIME), fc.integer({ min: 0, max: 86_399 })),
      text: str,
      reply: str,
      lesson: fc.nat(),
      source: str,
    })
    fc.assert(
      fc.property(lessonTitles, fc.nat({ max: 3 }), fc.array(row, { maxLength: 8 }), str, (titles, preRegistered, rows, name) => {
        const b = new DatasetBuilder(16)
        for (const t of titles.slice(0, preRegistered)) b.lessonCode(t, `${t}.md`)
        for (const r of rows) b.add({ ...r, lesson: titles[r.lesson % titles.length] }, r.source, 'fallback')
        const ds = b.finish()
        const file = datasetToFile(ds, { name })
        const root = JSON.parse(file) as unknown
        const back = datasetFromFile(root)
        expect(columns(back)).toEqual(columns(ds))
        expect(parseDatasetFile(root).name).toBe(name)
        expect(fingerprintSync(back.id.toArray())).toBe(fingerprintSync(ds.id.toArray()))
      }),
      { numRuns: RUNS },
    )
  })
})
