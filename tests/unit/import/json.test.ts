import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { jsonErrorOffset, lineColumn, parseJson } from '@/import/json'
import type { ParsedRow, SkippedRow } from '@/import/types'
import { catchImport, view } from './helpers'
import { formatDay, formatTime } from '@/model/dates'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/json/${name}`, import.meta.url), 'utf8')

function parse(text: string) {
  const rows: ParsedRow[] = []
  const skipped: Omit<SkippedRow, 'file'>[] = []
  const outcome = parseJson(text, 'test.json', { row: (r) => rows.push(r), skip: (s) => skipped.push(s) })
  return { outcome, rows, skipped }
}

describe('parseJson: Geekbang API responses', () => {
  it('reads an API page: HTML-escaped content, author replies, unix seconds in Shanghai time', () => {
    const { outcome, rows, skipped } = parse(fixture('api-envelope.json'))
    expect(outcome).toEqual({ format: 'geekbang-api', title: '', rowsRead: 3 })
    expect(skipped).toEqual([])
    expect(rows.map(view)).toEqual([
      {
        line: 5,
        author: 'jeffery',
        avatar: 'https://static001.geekbang.org/account/avatar/00/12/9d/84/171b2221.jpg',
        likes: 14,
        replies: 2,
        date: '2021-03-22',
        time: '08:00',
        text: '真不舍！太清爽了！希望加餐！😀',
        reply: '谢谢你的支持，加餐会有的。',
        lesson: '',
      },
      {
        line: 24,
        author: '石小',
        avatar: '',
        likes: 1,
        replies: 1,
        date: '2021-03-23',
        time: '08:05:05',
        text: '请问 a < b && c/d 这种条件在 etcd 的 Txn 里怎么写？\n比如 "compare-and-swap"。',
        reply: '用 Txn().If(...).Then(...)/Else(...) 即可。\n\n补充：<br> 不是换行',
        lesson: '',
      },
      {
        line: 38,
        author: 'Geek_daf51a',
        avatar: '',
        likes: 6,
        replies: 0,
        date: '2021-03-24',
        time: '08:00',
        text: '辛苦老师\n\n期待后面的加餐',
        reply: '',
        lesson: '',
      },
    ])
  })

  it('reads several pages saved as one array', () => {
    const { outcome, rows } = parse(fixture('pages.json'))
    expect(outcome).toEqual({ format: 'geekbang-api', title: '', rowsRead: 3 })
    expect(rows.map((r) => [r.line, r.author, r.likes, formatDay(r.day), formatTime(r.time), r.text])).toEqual([
      [3, 'mmm', 2, '2021-03-22', '08:00', '感谢老师 期待加餐'],
      [4, 'Coder', 1, '2021-03-22', '08:01', '辛苦唐老师，收获满满！'],
      [7, '云原生工程师', 0, '2021-03-23', '08:00', '感谢老师，期待加餐'],
    ])
  })

  it('counts the replies list when an API item has no discussion_count', () => {
    const { rows } = parse(JSON.stringify([{ comment_content: '好', replies: [{ content: '谢谢' }, { content: '再谢' }] }]))
    expect(rows.map((r) => [r.replies, r.reply])).toEqual([[2, '谢谢\n\n再谢']])
  })

  it('reads an envelope whose data is the list itself, and a bare list of API items', () => {
    const item = { user_name: 'mmm', comment_content: '感谢老师 期待加餐', comment_ctime: 1616371200, like_count: 2, discussion_count: 1, replies: [{ content: '谢谢' }] }
    for (const doc of [{ code: 0, data: [item] }, [item]]) {
      const { outcome, rows } = parse(JSON.stringify(doc))
      expect(outcome.format).toBe('geekbang-api')
      expect(rows.map(view)).toEqual([
        { line: 1, author: 'mmm', avatar: '', likes: 2, replies: 1, date: '2021-03-22', time: '08:00', text: '感谢老师 期待加餐', reply: '谢谢', lesson: '' },
      ])
    }
  })

  it('reads an empty page as no rows', () => {
    expect(parse('{"code":0,"data":{"list":[],"page":{"more":false,"count":0}}}').outcome).toEqual({ format: 'geekbang-api', title: '', rowsRead: 0 })
  })

  it('reports an API error response as notCommentJson with its message', () => {
    expect(catchImport(() => parse(fixture('api-error.json')))).toEqual({
      code: 'notCommentJson',
      file: 'test.json',
      detail: 'API error -3050: 请先登录',
    })
  })
})

describe('parseJson: other shapes', () => {
  it('reads an array of objects with spreadsheet names, string numbers, nulls and bad items', () => {
    const { outcome, rows, skipped } = parse(fixture('array.json'))
    expect(outcome).toEqual({ format: 'json', title: '', rowsRead: 6 })
    expect(rows.map(view)).toEqual([
      { line: 2, author: '赵先生', avatar: '', likes: 5, replies: 1, date: '2021-06-17', time: '10:30', text: '唐老师，etcd 3.5来了，希望加餐！', reply: '', lesson: '结束语' },
      { line: 3, author: '小丢👣', avatar: '', likes: 2, replies: 1, date: '2021-10-06', time: '00:00', text: '对etcd的应用实践，我几乎为零\n看了一遍专栏过后，我觉得我了解的差不多了。', reply: '', lesson: '结束语' },
      { line: 4, author: '杰sir', avatar: '', likes: 0, replies: 0, date: '', time: '', text: '两周看看这个系列的文章，收获很大。', reply: '', lesson: '' },
    ])
    expect(skipped).toEqual([
      { line: 5, reason: 'noText' },
      { line: 6, reason: 'malformedItem', detail: 'expected an object, found "not an object"' },
      { line: 7, reason: 'badNumber', detail: 'likes: "很多"' },
    ])
  })

  it('reads {title, comments: [...]} with the title as the lesson', () => {
    const { outcome, rows } = parse(fixture('wrapped.json'))
    expect(outcome).toEqual({ format: 'json', title: '05 | 如何用etcd实现分布式锁？', rowsRead: 2 })
    expect(rows.map(view)).toEqual([
      { line: 4, author: '石小', avatar: '', likes: 1, replies: 1, date: '2021-04-12', time: '18:20:30', text: 'etcd有类似这样控制日志刷新的控制吗？', reply: 'etcd 每次提交都会写 WAL 并 fsync。', lesson: '' },
      { line: 12, author: '八台上', avatar: '', likes: 1, replies: 0, date: '2021-10-29', time: '', text: '坐等思考题答案', reply: '', lesson: '' },
    ])
  })

  it('reads {data: [...]} and {list: [...]} wrappers and a BOM', () => {
    for (const key of ['data', 'list', 'comments']) {
      const { rows } = parse(`\uFEFF{"${key}": [\n{"text": "第一条"},\n{"text": "第二条"}]}`)
      expect(rows.map((r) => [r.line, r.text])).toEqual([
        [2, '第一条'],
        [3, '第二条'],
      ])
    }
  })

  it('takes the last of duplicate keys for the line numbers, as JSON.parse does for the values', () => {
    const { rows } = parse('{"comments": [{"text": "旧"}],\n "comments": [\n {"text": "新"}]}')
    expect(rows.map((r) => [r.line, r.text])).toEqual([[3, '新']])
  })

  it('handles escaped quotes and brackets inside strings when finding item lines', () => {
    const { rows } = parse('[{"text": "a \\"[{\\" b", "author": "x\\\\"},\n{"text": "}]"}]')
    expect(rows.map((r) => [r.line, r.text, r.author])).toEqual([
      [1, 'a "[{" b', 'x\\'],
      [2, '}]', ''],
    ])
  })

  it('skips an item whose text is an object', () => {
    const { rows, skipped } = parse('[{"text": {"zh": "你好"}}, {"text": 42}]')
    expect(skipped).toEqual([{ line: 1, reason: 'malformedItem', detail: 'text: "{\\"zh\\":\\"你好\\"}"' }])
    expect(rows.map((r) => r.text)).toEqual(['42'])
  })

  it('reads an empty array as no rows', () => {
    expect(parse('[]').outcome).toEqual({ format: 'json', title: '', rowsRead: 0 })
  })
})

describe('parseJson: problems', () => {
  it('locates a trailing comma exactly (V8 gives no position for it)', () => {
    expect(catchImport(() => parse(fixture('broken-trailing-comma.json')))).toMatchObject({
      code: 'invalidJson',
      file: 'test.json',
      line: 4,
      column: 1,
    })
  })

  it('locates the end of a truncated file, with the engine message as detail', () => {
    const p = catchImport(() => parse(fixture('broken-truncated.json')))
    expect(p).toMatchObject({ code: 'invalidJson', line: 3, column: 51 })
    expect(p.detail).toMatch(/Unterminated string/)
  })

  it('locates errors V8 reports by position', () => {
    expect(catchImport(() => parse('{\n  "a": 1,\n  "b" 2\n}'))).toMatchObject({ code: 'invalidJson', line: 3, column: 7 })
    expect(catchImport(() => parse(''))).toMatchObject({ code: 'invalidJson', line: 1, column: 1 })
  })

  it('throws notCommentJson for JSON without comments', () => {
    expect(catchImport(() => parse(fixture('not-comments.json')))).toEqual({
      code: 'notCommentJson',
      file: 'test.json',
      detail: 'found keys: name, version, private',
    })
    expect(catchImport(() => parse('[1, 2, 3]')).code).toBe('notCommentJson')
    expect(catchImport(() => parse('"text"')).detail).toBe('found a string')
    expect(catchImport(() => parse('null')).detail).toBe('found null')
    expect(catchImport(() => parse('{}')).detail).toBe('found an empty object')
    expect(catchImport(() => parse('[{"name": "a", "score": 1}]'))).toEqual({
      code: 'notCommentJson',
      file: 'test.json',
      detail: 'found an array without comment objects',
    })
  })
})

describe('jsonErrorOffset', () => {
  it('finds the same offset V8 reports, and -1 for valid JSON', () => {
    const broken = ['{"a":1,}', '[1,2', '{"a" 1}', '{"a":"x\ny"}', '[1] x', '{a:1}', '[01]', '"abc', '{"a":"\\x"}', '{"a":"\\u12g4"}', '[-]', '[1.]', '[1e]', '{"a":1 "b":2}', '{"a":[1,2}', '{"a":1}}', '{"a":-01}', '[true false]']
    for (const s of broken) {
      let pos = -2
      try {
        JSON.parse(s)
      } catch (e) {
        const m = /at position (\d+)/.exec((e as Error).message)
        if (m) pos = Number(m[1])
      }
      if (pos >= 0) expect(jsonErrorOffset(s), s).toBe(pos)
    }
    expect(jsonErrorOffset('[\n {"a": tru}\n]')).toBe(12)
    expect(jsonErrorOffset('[1,,2]')).toBe(3)
    expect(jsonErrorOffset('  ')).toBe(2)
    for (const ok of ['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"]} ', '"x"', '0']) expect(jsonErrorOffset(ok)).toBe(-1)
  })

  it('survives deep nesting', () => {
    expect(jsonErrorOffset('['.repeat(100_000) + ']'.repeat(100_000))).toBe(-1)
    expect(jsonErrorOffset('['.repeat(100_000))).toBe(100_000)
  })

  it('lineColumn counts 1-based lines and UTF-16 columns', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 })
    expect(lineColumn('ab\ncd', 3)).toEqual({ line: 2, column: 1 })
    expect(lineColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 })
  })
})
