import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DatasetBuilder } from '@/model/dataset'
import { checkColumns, cleanName, cleanNames, cutTo, hasBidiControl, MAX_NAME_CHARS } from '@/model/checks'
import { dayFromYmd, formatDay, isDayInRange, MAX_DAY, MIN_DAY, NO_DAY, NO_TIME, ymdFromDay } from '@/model/dates'
import { importSources } from '@/import/pipeline'
import { bytesOf } from '../export/helpers'
import { packColumn, Strings } from '@/model/packed'

const RLO = '\u202e'

function small() {
  const b = new DatasetBuilder(16)
  b.add(
    { author: '张三', avatar: '', likes: 1, replies: 0, day: dayFromYmd(2021, 3, 22), time: NO_TIME, text: '希望加餐', reply: '', lesson: '01' },
    'a.md',
    '01',
  )
  b.add({ author: '李四', avatar: '', likes: 2, replies: 1, day: NO_DAY, time: 3600, text: '求 PDF', reply: '', lesson: '02' }, 'a.md', '02')
  return b.finish()
}

describe('dates of any year', () => {
  it('day numbers and calendar dates agree with Date wherever Date reaches, and past it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (day) => {
        const t = new Date(day * 86_400_000)
        expect(ymdFromDay(day)).toEqual({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() })
        const { y, m, d } = ymdFromDay(day)
        expect(dayFromYmd(y, m, d)).toBe(day)
      }),
      { numRuns: 2000 },
    )
    // Date gives NaN here; the arithmetic does not.
    expect(ymdFromDay(2 ** 31 - 1)).toEqual({ y: 5_881_580, m: 7, d: 11 })
    expect(formatDay(100_000_000)).toBe('275760-09-13')
  })

  it('accepts 1970-01-01 to 2200-12-31 only', () => {
    expect([MIN_DAY, MAX_DAY]).toEqual([0, 84_370])
    expect([formatDay(MIN_DAY), formatDay(MAX_DAY)]).toEqual(['1970-01-01', '2200-12-31'])
    expect([-1, 0, 84_370, 84_371, 100_000_000, NO_DAY, 1.5].map(isDayInRange)).toEqual([false, true, true, false, false, false, false])
  })
})

describe('checkColumns (a dataset read back from IndexedDB)', () => {
  it('passes a dataset the builder made', () => {
    expect(checkColumns(small())).toBeNull()
  })

  it('names the first value out of range', () => {
    const far = small()
    far.day[1] = 100_000_000
    expect(checkColumns(far)).toEqual({ field: 'day[1]', rule: 'date', found: '100000000', min: '1970-01-01', max: '2200-12-31' })
    const time = small()
    time.time[0] = 86_400
    expect(checkColumns(time)).toEqual({ field: 'time[0]', rule: 'time', found: '86400' })
    const code = small()
    code.author[1] = 7
    expect(checkColumns(code)).toEqual({ field: 'author[1]', rule: 'code', found: '7', max: 2 })
    const short = small()
    short.text = Strings.of(['only one'])
    expect(checkColumns(short)).toEqual({ field: 'text', rule: 'rows', found: '1', max: 2 })
    const notText = small()
    notText.reply = Strings.of([notText.reply.get(0), 5 as unknown as string])
    expect(checkColumns(notText)).toEqual({ field: 'reply[1]', rule: 'string', found: '5' })
    const lesson = small()
    ;(lesson.lessons as unknown[])[0] = { title: 3, file: 'a.md' }
    expect(checkColumns(lesson)).toEqual({ field: 'lessons[0].title', rule: 'string', found: '3' })
  })

  it('is linear: a million rows in well under a second', () => {
    const n = 1_000_000
    const ds = {
      ...small(),
      n,
      id: Strings.of(new Array<string>(n).fill('x')),
      text: Strings.packed(packColumn(new Array<string>(n).fill('t'))),
      reply: Strings.of(new Array<string>(n).fill('')),
      likes: new Uint32Array(n),
      replies: new Uint32Array(n),
      day: new Int32Array(n).fill(18_000),
      time: new Int32Array(n).fill(-1),
      author: new Uint32Array(n),
      avatar: new Uint32Array(n),
      lesson: new Uint32Array(n),
      source: new Uint32Array(n),
      batch: new Uint16Array(n).fill(1),
    }
    const t0 = performance.now()
    expect(checkColumns(ds)).toBeNull()
    expect(performance.now() - t0).toBeLessThan(1000)
  })
})

describe('names as stored', () => {
  it('lose bidi embedding, override and isolate controls, and are cut to 500 characters', () => {
    expect(cleanName(`abc${RLO}exe.txt`)).toBe('abcexe.txt')
    expect(cleanName('\u2066a\u2067b\u2068c\u2069\u202a\u202b\u202c\u202d')).toBe('abc')
    // Marks stay: they cannot reorder strong letters, and right-to-left names may need them.
    expect(cleanName('\u05e9\u05dc\u05d5\u05dd\u200f')).toBe('\u05e9\u05dc\u05d5\u05dd\u200f')
    expect(cleanName('名'.repeat(600))).toBe('名'.repeat(499) + '…')
    expect(cleanName('名'.repeat(500))).toBe('名'.repeat(500))
    // Never half a surrogate pair.
    expect(cutTo('a' + '😀'.repeat(5), 5)).toBe('a😀…')
  })

  it('are cleaned by every importer (the builder): authors, lessons and courses', () => {
    const csv = `author,text,lesson,course\n${RLO}gpj.exe,希望加餐,${RLO}01 | 开篇,课${RLO}程\nplain,求 PDF,01 | 开篇,课程\n`
    const { dataset } = importSources([{ name: 'bidi.csv', bytes: bytesOf(csv) }])
    expect(dataset.authors).toEqual(['gpj.exe', 'plain'])
    expect(dataset.lessons.map((l) => [l.title, l.course])).toEqual([['01 | 开篇', '课程']])
    expect(dataset.authors.some(hasBidiControl)).toBe(false)
    const long = importSources([{ name: 'long.csv', bytes: bytesOf(`author,text\n${'x'.repeat(10_000)},t\n`) }]).dataset
    expect(long.authors[0].length).toBe(MAX_NAME_CHARS)
  })

  it('of a dataset stored before the cleaning are cleaned when it opens, ids kept', () => {
    const ds = small()
    const dirty = { ...ds, authors: [`${RLO}张三`, '李四'], lessons: [{ title: `0${RLO}1`, file: 'a.md', course: `${RLO}c` }, ds.lessons[1]] }
    const clean = cleanNames(dirty)
    expect(clean.authors).toEqual(['张三', '李四'])
    expect(clean.lessons).toEqual([{ title: '01', file: 'a.md', course: 'c' }, ds.lessons[1]])
    expect(clean.id).toBe(ds.id)
    expect(cleanNames(ds)).toBe(ds)
  })
})
