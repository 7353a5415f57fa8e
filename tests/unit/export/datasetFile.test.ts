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
    expect(root.lessons).toEqual([{ title: EMPTY_LESSON, file: 'c.md' }, { title: L1, file: 'a.md' }, { title: L2, file: 'b.md' }])
    expect((root.comments as unknown[])[0]).toEqual({
      author: '张三', avatar: AVATAR, likes: 12, replies: 3, date: '2024-03-05', time: '14:30', text: '=HYPERLINK("http://x")', reply: '', lesson: L1, source: 'a.md',
    })
    expect((root.comments as unknown[])[4]).toMatchObject({ date: '', time: '' })
    const lines = text.split('\n')
    expect(lines.slice(0, 6)).toEqual(['{', '  "format": "comment-lens-dataset",', '  "version": 1,', '  "name": "极客时间 · etcd",', '  "lessons": [', `    {"title":"${EMPTY_LESSON}","file":"c.md"},`])
    expect(lines.slice(7, 10)).toEqual([`    {"title":"${L2}","file":"b.md"}`, '  ],', '  "comments": ['])
    expect(lines[10].startsWith('    {"author":"张三",')).toBe(true)
    expect(lines[14].startsWith('    {"author":"李四",')).toBe(true)
    expect(lines.slice(15)).toEqual(['  ]', '}', ''])
    expect(isDatasetFile(root)).toBe(true)
  })

  it('reads back identical columns and the same fingerprint', async () => {
    const back = roundTrip(ds)
    expect(columns(back)).toEqual(columns(ds))
    expect(await datasetFingerprint(back.id)).toBe(await datasetFingerprint(ds.id))
    expect(parseDatasetFile(JSON.parse(text)).name).toBe('极客时间 · etcd')
  })

  it('round-trips an empty dataset and days outside four-digit years', () => {
    const empty = new DatasetBuilder(16).finish()
    expect(columns(roundTrip(empty))).toEqual(columns(empty))
    const b = new DatasetBuilder(16)
    for (const day of [dayFromYmd(2024, 2, 29), dayFromYmd(1969, 12, 31), dayFromYmd(2500, 1, 1), -800_000, 4_000_000, 2 ** 31 - 1, NO_DAY]) {
      b.add({ author: 'a', avatar: '', likes: 0, replies: 0, day, time: 0, text: String(day), reply: '', lesson: '' }, '', '')
    }
    const odd = b.finish()
    const back = roundTrip(odd)
    expect(columns(back)).toEqual(columns(odd))
    const dates = (JSON.parse(datasetToFile(odd, { name: '' })) as { comments: { date: unknown }[] }).comments.map((c) => c.date)
    expect(dates).toEqual(['2024-02-29', '1969-12-31', '2500-01-01', -800_000, 4_000_000, 2 ** 31 - 1, ''])
  })

  it('is read even by the generic JSON importer (no hook) with the right lessons and ids', () => {
    const { dataset } = importSources([{ name: 'x.json', bytes: bytesOf(text) }])
    // Row 3's text loses its leading tab to the importer's trim; all other ids match.
    expect(dataset.id.filter((_, i) => i !== 3)).toEqual(ds.id.filter((_, i) => i !== 3))
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
    expect(err(null)).toBe('Not a valid Comment Lens dataset file: expected an object, found null')
    expect(err({ format: 'x' })).toMatch(/format: expected "comment-lens-dataset", found "x"/)
    expect(err({ ...good(), version: 2 })).toMatch(/version 2 is not supported/)
    expect(err({ ...good(), lessons: {} })).toMatch(/lessons: expected an array, found \{\}/)
    const f1 = good()
    f1.comments[2].likes = -1
    expect(err(f1)).toMatch(/comments\[2\]\.likes: expected a whole number/)
    const f2 = good()
    f2.comments[1].date = '2024-02-30'
    expect(err(f2)).toMatch(/comments\[1\]\.date: expected YYYY-MM-DD or '', found "2024-02-30"/)
    const f3 = good()
    f3.comments[0].time = '24:00'
    expect(err(f3)).toMatch(/comments\[0\]\.time/)
    const f4 = good()
    f4.comments[0].lesson = 'nope'
    expect(err(f4)).toMatch(/comments\[0\]\.lesson: "nope" is not one of the file's lessons/)
    const f5 = good()
    delete f5.comments[4].text
    expect(err(f5)).toMatch(/comments\[4\]\.text: expected a string, found nothing/)
    const f6 = good()
    f6.lessons.push({ title: L1, file: 'z.md' })
    expect(err(f6)).toMatch(/lessons\[3\]\.title: .* is listed twice/)
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
        expect(fingerprintSync(back.id)).toBe(fingerprintSync(ds.id))
      }),
      { numRuns: RUNS },
    )
  })
})
