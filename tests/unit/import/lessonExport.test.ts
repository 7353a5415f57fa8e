import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseLessonExport } from '@/import/lessonExport'
import { importSources } from '@/import/pipeline'
import { ImportError, type ParsedRow, type SkippedRow } from '@/import/types'
import { formatDay, NO_DAY } from '@/model/dates'
import { commentAt } from '@/model/comment'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/lesson/${name}`, import.meta.url), 'utf8')
const bytesOf = (name: string) => {
  const b = readFileSync(new URL(`../../fixtures/lesson/${name}`, import.meta.url))
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)
}

function parse(text: string, kind: 'html' | 'markdown' = 'html') {
  const rows: ParsedRow[] = []
  const skipped: Omit<SkippedRow, 'file'>[] = []
  const outcome = parseLessonExport(text, 'f', { row: (r) => rows.push(r), skip: (s) => skipped.push(s) }, kind)
  return { rows, skipped, outcome }
}

describe('saved lesson page with <p> bodies, no avatars and code markup', () => {
  const { rows, skipped, outcome } = parse(fixture('saved-page-p-bodies.html'))

  it('takes the title from <h1> (the <title> adds the site name) and counts items, not the heading', () => {
    expect(outcome).toEqual({
      format: 'lesson-html',
      title: '07 | 缓存穿透：如何设计布隆过滤器？',
      rowsRead: 5,
      announced: 5,
      pageTitle: '07 | 缓存穿透：如何设计布隆过滤器？ - 极客时间',
    })
    expect(skipped).toEqual([])
  })

  it('ignores lists outside the comment block and text inside <script>', () => {
    expect(rows.map((r) => r.author)).toEqual(['王小二', '<b>Geek&Co</b>', 'tab and spaces', '🐱猫', '无日期的人'])
  })

  it('reads every field', () => {
    expect(rows.map((r) => [r.likes, r.replies, formatDay(r.day), r.avatar, r.line])).toEqual([
      [12, 3, '2020-05-06', '', 16],
      [0, 0, '2020-05-07', '', 17],
      [3, 1, '2020-05-08', '', 22],
      [1000, 12, '2021-01-02', '', 23],
      [2, 0, '', '', 26],
    ])
    expect(rows[4].day).toBe(NO_DAY)
  })

  it('turns <br> into a line break and keeps blank lines and emoji', () => {
    expect(rows[0].text).toBe('老师，能不能讲讲布隆过滤器的删除问题？\ncounting bloom filter 是不是唯一方案？')
    expect(rows[3].text).toBe('第一段\n\n第二段😀')
  })

  it('keeps highlighted code as plain text with its tabs, entities decoded', () => {
    expect(rows[1].text).toBe('代码如下：\nif (a < b && c > d) {\n\treturn "x";\n}\n\n这样写对吗？')
  })

  it('decodes double-escaped entities, and a name that looks like markup stays text', () => {
    expect(rows[2].text).toBe('路径是 a/b/c，双重转义 <T>')
    expect(rows[1].author).toBe('<b>Geek&Co</b>')
  })
})

describe('my-geektime Markdown lesson', () => {
  const { rows, outcome } = parse(fixture('course-lesson-01.md'), 'markdown')

  it('takes the document title (`# …`) as the title', () => {
    expect(outcome.title).toBe('01 | 为什么要学习分布式存储？')
    expect(outcome.format).toBe('lesson-markdown')
  })

  it('never takes a section heading for the title: without `# …` the file name names the lesson', () => {
    const block = '<div><strong>精选留言（1）</strong></div><ul>\n<li><span>张三</span> 👍（1） 💬（0）<p>好文</p>2021-01-18</li><br/>\n</ul>'
    for (const body of ['你好，我是讲师。\n\n## 写在前面的话\n\n正文。\n', '### 小结\n正文\n', '正文\n#hashtag 不是标题\n']) {
      const bytes = new TextEncoder().encode(body + block).buffer as ArrayBuffer
      const { dataset } = importSources([{ name: 'docs/07 | 分片.md', bytes }])
      expect(dataset.lessons.map((l) => l.title)).toEqual(['07 | 分片'])
    }
  })

  it('reads avatars (referrerpolicy or not) and keeps line breaks inside <div>', () => {
    expect(rows.map((r) => [r.author, r.likes, r.replies, formatDay(r.day)])).toEqual([
      ['张三', 9, 2, '2021-01-18'],
      ['李四', 4, 0, '2021-01-19'],
      ['王五', 0, 1, '2021-02-01'],
    ])
    expect(rows[0].avatar).toBe('https://static001.geekbang.org/account/avatar/00/11/22/33/aaaa.jpg')
    expect(rows[2].text).toBe('第一遍没看懂，\n再看一遍。')
  })

  it('drops avatar URLs that are not http(s) when the dataset is built', () => {
    const { dataset } = importSources([{ name: 'course-lesson-01.md', bytes: bytesOf('course-lesson-01.md') }])
    expect(commentAt(dataset, 1).avatar).toBe('')
    expect(commentAt(dataset, 0).avatar).toBe('https://static001.geekbang.org/account/avatar/00/11/22/33/aaaa.jpg')
    expect(commentAt(dataset, 0).lesson.title).toBe('01 | 为什么要学习分布式存储？')
  })

  it('keeps ids when the file is renamed (the title comes from the heading)', () => {
    const a = importSources([{ name: 'course-lesson-01.md', bytes: bytesOf('course-lesson-01.md') }]).dataset.id
    const b = importSources([{ name: 'renamed.txt', bytes: bytesOf('course-lesson-01.md') }]).dataset.id
    expect(b).toEqual(a)
  })
})

describe('a page flattened to text (tags stripped)', () => {
  it('splits comments at the date before the next name', () => {
    const { rows, outcome } = parse(fixture('flattened-text.txt'), 'markdown')
    expect(outcome.format).toBe('lesson-text')
    expect(rows.map((r) => [r.author, r.likes, r.replies, formatDay(r.day), r.text])).toEqual([
      ['CCC', 273, 8, '2019-04-04', '我理解的和管程相比，信号量可以同时允许多个线程进入临界区。'],
      ['老杨同志', 171, 7, '2019-04-05', '需要用线程安全的vector，因为信号量支持多个线程进入临界区'],
      ['任大鹏', 54, 3, '2019-04-06', '有同学认为up()中的判断条件应该>=0，不知道我理解的对不对。'],
    ])
  })
})

describe('bad input', () => {
  it('a page without a comment block is a noComments error naming the file', () => {
    expect(() => importSources([{ name: 'intro.html', bytes: bytesOf('intro-no-comments.html') }])).toThrowError(ImportError)
    try {
      importSources([{ name: 'intro.html', bytes: bytesOf('intro-no-comments.html') }])
    } catch (e) {
      expect((e as ImportError).problem).toEqual({ code: 'noComments', file: 'intro.html' })
    }
  })

  it('in a multi-file import, files without comments are skipped with a notice', () => {
    const { dataset, report } = importSources([
      { name: 'index.md', bytes: bytesOf('index.md') },
      { name: 'mkdocs.yml', bytes: bytesOf('mkdocs.yml') },
      { name: 'course-lesson-01.md', bytes: bytesOf('course-lesson-01.md') },
      { name: 'intro.html', bytes: bytesOf('intro-no-comments.html') },
      { name: 'page.html', bytes: bytesOf('saved-page-p-bodies.html') },
      { name: 'stats.json', bytes: new TextEncoder().encode('[{"nick":"a","msg":"hi"}]').buffer as ArrayBuffer },
      { name: 'other.csv', bytes: new TextEncoder().encode('x,y\n1,2\n').buffer as ArrayBuffer },
    ])
    expect(dataset.n).toBe(8)
    expect(dataset.lessons.map((l) => l.title)).toEqual(['01 | 为什么要学习分布式存储？', '07 | 缓存穿透：如何设计布隆过滤器？'])
    expect(report.notices.map((n) => [n.file, n.code])).toEqual([
      ['index.md', 'noComments'],
      ['mkdocs.yml', 'noComments'],
      ['intro.html', 'noComments'],
      ['stats.json', 'noColumns'],
      ['other.csv', 'noColumns'],
    ])
  })

  it('an item without a body is skipped with its line', () => {
    const { rows, skipped } = parse(
      '<div><strong>精选留言（2）</strong></div><ul>\n<li><span>a</span> 👍（1） 💬（0）<div>ok</div>2021-01-01</li>\n<li><span>b</span> 👍（1） 💬（0）2021-01-02</li></ul>',
    )
    expect(rows.map((r) => r.author)).toEqual(['a'])
    expect(skipped).toEqual([{ line: 3, reason: 'noText' }])
  })

  it('an impossible date is skipped as badDate', () => {
    const { rows, skipped } = parse('<div><strong>精选留言（1）</strong></div><ul><li><span>a</span> 👍（1） 💬（0）<div>x</div>2021-02-30</li></ul>')
    expect(rows).toEqual([])
    expect(skipped).toEqual([{ line: 1, reason: 'badDate', detail: '2021-02-30' }])
  })
})
