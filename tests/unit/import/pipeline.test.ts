import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importSources, SourceImport } from '@/import/pipeline'
import { ImportError, type Problem } from '@/import/types'

const file = (name: string) => ({ name, bytes: Uint8Array.from(readFileSync(new URL(`../../fixtures/csv/${name}`, import.meta.url))).buffer })
const text = (name: string, s: string) => ({ name, bytes: new TextEncoder().encode(s).buffer })

function problemOf(f: () => unknown): Problem {
  try {
    f()
  } catch (e) {
    if (e instanceof ImportError) return e.problem
    throw e
  }
  throw new Error('no ImportError')
}

describe('importSources: a file that yields no comments says why', () => {
  it('every row skipped: how many were read, and each row’s line and reason', () => {
    expect(problemOf(() => importSources([file('all-rows-bad.csv')]))).toEqual({
      code: 'allRowsSkipped',
      file: 'all-rows-bad.csv',
      count: 3,
      skips: [
        { file: 'all-rows-bad.csv', line: 2, reason: 'badDate', detail: 'date: "someday"' },
        { file: 'all-rows-bad.csv', line: 3, reason: 'badNumber', detail: 'likes: "many"' },
        { file: 'all-rows-bad.csv', line: 4, reason: 'noText' },
      ],
    })
  })

  it('a quote never closed: the row PapaParse could not read', () => {
    const p = problemOf(() => importSources([text('q.csv', 'author,text\nann,"never closed\n')]))
    expect(p).toMatchObject({ code: 'allRowsSkipped', file: 'q.csv', count: 1, skips: [{ file: 'q.csv', line: 2, reason: 'csvError' }] })
  })

  it('a header, or an empty list, and nothing under it is noRows, not a missing lesson block', () => {
    expect(problemOf(() => importSources([file('header-only.csv')]))).toEqual({ code: 'noRows', file: 'header-only.csv' })
    expect(problemOf(() => importSources([text('h.csv', 'author,text\n\n,\n')]))).toEqual({ code: 'noRows', file: 'h.csv' })
    // An empty JSON list, bare or in a Geekbang API response, is the same.
    expect(problemOf(() => importSources([text('a.json', '[]')]))).toEqual({ code: 'noRows', file: 'a.json' })
    expect(problemOf(() => importSources([text('d.json', '{"data":{"list":[]}}')]))).toEqual({ code: 'noRows', file: 'd.json' })
  })

  it('lesson pages without a comment block still say so', () => {
    expect(problemOf(() => importSources([text('intro.md', '# Intro\n\nNo comments here.\n')]))).toEqual({ code: 'noComments', file: 'intro.md' })
  })
})

describe('the course named by saved pages’ titles', () => {
  it('is the shared ending of the titles, without the site name', async () => {
    const { courseFromPageTitles } = await import('@/import/pipeline')
    expect(courseFromPageTitles(['01 | 开篇 - 分布式存储课 - 极客时间', '02 | 原理 - 分布式存储课 - 极客时间'])).toBe('分布式存储课')
    expect(courseFromPageTitles(['01 开篇 - DDD实战课', '02 领域 - DDD实战课'])).toBe('DDD实战课')
    // Titles that share nothing, a single page, or only the site name: no course.
    expect(courseFromPageTitles(['01 | 开篇', '02 | 原理'])).toBeUndefined()
    expect(courseFromPageTitles(['01 | 开篇 - 分布式存储课'])).toBeUndefined()
    expect(courseFromPageTitles(['开篇 - 极客时间', '原理 - 极客时间'])).toBeUndefined()
  })
})

describe('importSources: no file sinks a multi-file import', () => {
  const lesson = (title: string, who: string) =>
    `# ${title}\n\n## 精选留言(1)\n\n<li>\n<p>${who}</p>\n<p>写得好</p>\n<p>2021-03-22</p>\n👍（2） 💬（0）\n</li>\n`

  it('skips unreadable and comment-less files, lists each with why, and imports the rest', () => {
    const { dataset, report } = importSources([
      text('01.md', '[2019年最新学习全攻略](https://example.com)\n\n' + lesson('01 | 开篇', 'ann')),
      text('broken.json', '[{"content": "unfinished"'),
      text('intro.md', '[链接](https://example.com)'),
      { name: 'image.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]).buffer },
      text('02.md', lesson('02 | 进阶', 'bob')),
    ])
    expect(dataset.n).toBe(2)
    expect(dataset.lessons.map((l) => l.title)).toEqual(['01 | 开篇', '02 | 进阶'])
    expect(report.notices.map((p) => [p.file, p.code])).toEqual([
      ['broken.json', 'invalidJson'],
      ['intro.md', 'noComments'],
      ['image.png', 'binary'],
    ])
    expect(report.files.filter((f) => f.skippedBecause).map((f) => f.file)).toEqual(['broken.json', 'intro.md', 'image.png'])
  })

  it('fails only when no file yields a comment, naming every file', () => {
    const p = problemOf(() => importSources([text('a.md', '[x](https://example.com)'), text('b.json', '{')]))
    expect(p.code).toBe('nothingImported')
    expect(p.count).toBe(2)
    expect(p.files?.map((f) => [f.file, f.code])).toEqual([
      ['a.md', 'noComments'],
      ['b.json', 'invalidJson'],
    ])
  })

  it('a single broken file still fails with its own problem', () => {
    expect(problemOf(() => importSources([text('b.json', '{')])).code).toBe('invalidJson')
  })
})

describe('importSources: courses from folders and columns', () => {
  const lesson = (title: string, who: string) =>
    `# ${title}\n\n## 精选留言(1)\n\n<li>\n<p>${who}</p>\n<p>写得好</p>\n<p>2021-03-22</p>\n👍（2） 💬（0）\n</li>\n`
  const at = (path: string, s: string) => ({ name: path.split('/').pop()!, path, bytes: new TextEncoder().encode(s).buffer })

  it('a folder of courses in category folders: each lesson in its course, named by mkdocs.yml or its folder', () => {
    const { dataset, report } = importSources([
      at('mirror/后端-架构/甲课/mkdocs.yml', 'site_name: 甲课程\n'),
      at('mirror/后端-架构/甲课/docs/结束语.md', lesson('结束语', 'ann')),
      at('mirror/前端-移动/乙课/docs/index.md', '# 乙课程\n'),
      at('mirror/前端-移动/乙课/docs/结束语.md', lesson('结束语', 'bob')),
      at('mirror/前端-移动/丙课/docs/01.md', lesson('01 | 开篇', 'cat')),
    ])
    // Two courses may both have a 结束语: lessons are identified within their course.
    expect(dataset.lessons).toEqual([
      { title: '结束语', file: 'mirror/后端-架构/甲课/docs/结束语.md', course: '甲课程', category: '后端-架构' },
      { title: '结束语', file: 'mirror/前端-移动/乙课/docs/结束语.md', course: '乙课程', category: '前端-移动' },
      { title: '01 | 开篇', file: 'mirror/前端-移动/丙课/docs/01.md', course: '丙课', category: '前端-移动' },
    ])
    // A folder of courses is not named after one of them.
    expect(report.courseName).toBeUndefined()
    expect(new Set(dataset.id).size).toBe(3)
  })

  it('one course folder: the course is the dataset’s own, named by its mkdocs.yml', () => {
    const { dataset, report } = importSources([
      at('甲课/mkdocs.yml', 'site_name: 甲课程\n'),
      at('甲课/docs/01.md', lesson('01', 'ann')),
      at('甲课/docs/02.md', lesson('02', 'bob')),
    ])
    expect(report.courseName).toBe('甲课程')
    expect(dataset.lessons.map((l) => l.course)).toEqual([undefined, undefined])
  })

  it('a CSV course column (课程) gives each row its course; 文章 is the lesson', () => {
    const { dataset } = importSources([text('all.csv', '课程,文章,作者,留言内容\nMySQL实战45讲,结束语,ann,好\nRedis核心技术与实战,结束语,bob,赞\n')])
    expect(dataset.lessons.map((l) => [l.course, l.title])).toEqual([
      ['MySQL实战45讲', '结束语'],
      ['Redis核心技术与实战', '结束语'],
    ])
  })
})

describe('SourceImport: a folder parsed a file at a time, as its files are read', () => {
  const lesson = (title: string, who: string, says: string) =>
    `# ${title}\n\n<div><strong>精选留言（1）</strong></div><ul>\n<li><img src="" width="30px"><span>${who}</span> 👍（2） 💬（0）<div>${says}</div>2021-03-22</li><br/>\n</ul>\n`
  const at = (path: string, s: string) => ({ name: path.split('/').pop()!, path, bytes: new TextEncoder().encode(s).buffer })
  const files = () => [
    at('课/mkdocs.yml', 'site_name: 甲课程\n'),
    at('课/docs/01.md', lesson('01', 'ann', '求加餐')),
    at('课/docs/intro.md', '# 没有留言\n'),
    at('课/docs/02.md', lesson('02', 'bob', '思考题答案呢？')),
  ]

  it('gives what importSources gives, and the texts kept so far after each file', () => {
    const whole = importSources(files())
    const run = new SourceImport({ filesTotal: 4 })
    const seen: string[][] = []
    for (const f of files()) {
      run.add(f)
      seen.push(run.textsFrom(0))
    }
    expect(seen).toEqual([[], ['求加餐'], ['求加餐'], ['求加餐', '思考题答案呢？']])
    expect(run.textsFrom(1)).toEqual(['思考题答案呢？'])
    const streamed = run.finish()
    expect(streamed.dataset.id.toArray()).toEqual(whole.dataset.id.toArray())
    expect(streamed.dataset.lessons).toEqual(whole.dataset.lessons)
    expect(streamed.report.courseName).toBe('甲课程')
    expect(streamed.report.notices.map((n) => [n.code, n.file])).toEqual([
      ['noComments', '课/mkdocs.yml'],
      ['noComments', '课/docs/intro.md'],
    ])
    // Every byte added is counted, though the folder's size was not known up front.
    expect(streamed.report.bytes).toBe(files().reduce((s, f) => s + f.bytes.byteLength, 0))
  })

  it('with no file added, says there were none', () => {
    expect(problemOf(() => new SourceImport({ filesTotal: 2 }).finish())).toEqual({ code: 'noFiles', file: '' })
  })
})
