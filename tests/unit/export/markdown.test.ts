import { describe, expect, it } from 'vitest'
import { requestsReport } from '@/export/markdown'
import { escapeMarkdown } from '@/lib/markdownText'
import type { RequestsReportInput } from '@/export/markdown'
import type { CourseRow, ThemeRow } from '@/query/engine'

const input: RequestsReportInput = {
  datasetName: 'etcd 实战课 <全部>',
  generatedAt: '2024-05-01',
  filters: ['点赞 ≥ 10', '作者: [a]'],
  rows: [
    { id: 'price', index: 0, comments: 3, authors: 2, likes: 10 },
    { id: 'docs', index: 1, comments: 5, authors: 5, likes: 1 },
    { id: 'quiet', index: 2, comments: 0, authors: 0, likes: 0 },
  ],
  names: ['价格 | 优惠 <b>', '文档*更新*', '无人问津'],
  rank: 'comments',
  examples: new Map([
    ['price', ['太贵了 `code` |x|', 'line1\nline2', '# heading', 'a fourth one is dropped']],
    ['docs', ['<script>alert(1)</script>']],
  ]),
  locale: 'zh-CN',
}

describe('requestsReport', () => {
  it('writes the zh-CN report: ranked table, escaped data, up to 3 quoted examples', () => {
    expect(requestsReport(input)).toBe(
      [
        '# 读者诉求报告',
        '',
        '- 数据集：etcd 实战课 &lt;全部&gt;',
        '- 生成时间：2024-05-01',
        '- 筛选条件：点赞 ≥ 10；作者: \\[a\\]',
        '- 排序：留言数',
        '',
        '| 诉求 | 留言数 | 作者数 | 点赞数 |',
        '| :-- | --: | --: | --: |',
        '| 文档\\*更新\\* | 5 | 5 | 1 |',
        '| 价格 \\| 优惠 &lt;b&gt; | 3 | 2 | 10 |',
        '',
        '## 示例留言',
        '',
        '### 文档\\*更新\\*',
        '',
        '> &lt;script&gt;alert(1)&lt;/script&gt;',
        '',
        '### 价格 \\| 优惠 &lt;b&gt;',
        '',
        '> 太贵了 \\`code\\` \\|x\\|',
        '',
        '> line1 line2',
        '',
        '> \\# heading',
        '',
      ].join('\n'),
    )
  })

  it('writes the en report ranked by likes, and says "none" without filters', () => {
    expect(requestsReport({ ...input, locale: 'en', rank: 'likes', filters: [], examples: new Map() })).toBe(
      [
        '# Reader requests report',
        '',
        '- Dataset: etcd 实战课 &lt;全部&gt;',
        '- Generated: 2024-05-01',
        '- Filters: none',
        '- Ranked by: Likes',
        '',
        '| Request | Comments | Authors | Likes |',
        '| :-- | --: | --: | --: |',
        '| 价格 \\| 优惠 &lt;b&gt; | 3 | 2 | 10 |',
        '| 文档\\*更新\\* | 5 | 5 | 1 |',
        '',
      ].join('\n'),
    )
  })

  it('says so when no request has comments', () => {
    expect(
      requestsReport({ ...input, locale: 'en', rows: [input.rows[2]] })
        .split('\n')
        .slice(6),
    ).toEqual(['', 'No requests match.', ''])
  })
})

describe('escapeMarkdown', () => {
  it('makes data inert', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b')
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(escapeMarkdown('&lt; R&D')).toBe('&amp;lt; R&D')
    expect(escapeMarkdown('[link](http://x) _em_ ~~s~~ \\')).toBe('\\[link\\](http://x) \\_em\\_ \\~\\~s\\~\\~ \\\\')
    expect(escapeMarkdown('## 标题')).toBe('\\## 标题')
    expect(escapeMarkdown('- item')).toBe('\\- item')
    expect(escapeMarkdown('12. item')).toBe('12\\. item')
    expect(escapeMarkdown('  two\n\nlines  ')).toBe('two lines')
  })
})

describe('requestsReport: courses compared', () => {
  const course = (code: number, title: string, comments: number, themeCounts: number[]): CourseRow => ({
    code,
    title,
    category: '',
    comments,
    likes: 0,
    replies: 0,
    authors: 0,
    openQuestions: 0,
    requests: 0,
    themeCounts,
  })
  const rows: ThemeRow[] = [
    { id: 'bonus', index: 0, comments: 12, authors: 10, likes: 3 },
    { id: 'answers', index: 1, comments: 0, authors: 0, likes: 0 },
    { id: 'errata', index: 2, comments: 5, authors: 5, likes: 1 },
  ]
  const base = {
    datasetName: 'platform',
    generatedAt: '2026-12-04',
    filters: [],
    rows,
    names: ['Bonus', 'Answers', 'Errata'],
    rank: 'comments' as const,
    examples: new Map(),
    locale: 'en' as const,
  }

  it('gives each course’s rate per 100 comments beside all courses’, marking twice the rate', () => {
    const md = requestsReport({ ...base, courses: [course(0, 'A|B', 100, [2, 0, 4]), course(1, 'C', 300, [10, 0, 1]), course(2, 'Empty', 0, [0, 0, 0])] })
    expect(md).toContain(
      [
        '## Requests per 100 comments, by course',
        '',
        '| Course | Comments | Bonus | Errata |',
        '| :-- | --: | --: | --: |',
        '| All courses | 400 | 3 | 1.3 |',
        '| C | 300 | 3.3 | 0.3 |',
        '| A\\|B | 100 | 2 | 4 ▲ |',
        '',
        '▲: at least twice the rate of all courses (and at least 2 comments).',
      ].join('\n'),
    )
  })

  it('leaves the section out for one course', () => {
    expect(requestsReport({ ...base, courses: [course(0, '', 10, [1, 0, 0])] })).not.toContain('by course')
  })
})
