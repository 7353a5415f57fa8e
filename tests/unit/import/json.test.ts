import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { lineColumn, parseJson } from '@/import/json'
import { jsonErrorOffset } from '@/import/jsonScan'
import type { JsonOptions } from '@/import/json'
import { headerSignature } from '@/import/fields'
import { looksLikeJson, mappingToRemember, previewJson, previewTable } from '@/import/preview'
import type { ParsedRow, SkippedRow } from '@/import/types'
import { catchImport, view } from './helpers'
import { formatDay, formatTime } from '@/model/dates'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/json/${name}`, import.meta.url), 'utf8')

function parse(text: string, opts?: JsonOptions) {
  const rows: ParsedRow[] = []
  const skipped: Omit<SkippedRow, 'file'>[] = []
  const outcome = parseJson(text, 'test.json', { row: (r) => rows.push(r), skip: (s) => skipped.push(s) }, opts)
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
    const item = {
      user_name: 'mmm',
      comment_content: '感谢老师 期待加餐',
      comment_ctime: 1616371200,
      like_count: 2,
      discussion_count: 1,
      replies: [{ content: '谢谢' }],
    }
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
      {
        line: 2,
        author: '赵先生',
        avatar: '',
        likes: 5,
        replies: 1,
        date: '2021-06-17',
        time: '10:30',
        text: '唐老师，etcd 3.5来了，希望加餐！',
        reply: '',
        lesson: '结束语',
      },
      {
        line: 3,
        author: '小丢👣',
        avatar: '',
        likes: 2,
        replies: 1,
        date: '2021-10-06',
        time: '00:00',
        text: '对etcd的应用实践，我几乎为零\n看了一遍专栏过后，我觉得我了解的差不多了。',
        reply: '',
        lesson: '结束语',
      },
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
      {
        line: 4,
        author: '石小',
        avatar: '',
        likes: 1,
        replies: 1,
        date: '2021-04-12',
        time: '18:20:30',
        text: 'etcd有类似这样控制日志刷新的控制吗？',
        reply: 'etcd 每次提交都会写 WAL 并 fsync。',
        lesson: '',
      },
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
    expect(catchImport(() => parse('[[1], [2]]')).detail).toBe('found an array without comment objects')
    // An array that is not mostly records, wrapped or not, is not offered for mapping.
    expect(catchImport(() => parse('{"comments": [1, 2, {"nick": "a"}]}'))).toEqual({ code: 'notCommentJson', file: 'test.json', detail: 'found keys: nick' })
    expect(catchImport(() => parse('{"tags": ["a", "b"], "n": 2}'))).toEqual({ code: 'notCommentJson', file: 'test.json', detail: 'found keys: tags, n' })
  })
})

// Records whose keys name no text field: like a CSV with unknown headers, mapped by hand.
const UNKNOWN = [
  { nick: '甲', msg: '希望加餐讲讲 Raft', up: 12, ts: '2021-05-01' },
  { nick: '乙', msg: '思考题答案在哪？', up: '3', ts: '2021-05-02 09:05' },
  { nick: '丙', msg: '', up: 0, ts: '2021-05-03' },
  { nick: '丁', msg: '打卡', up: 'many', ts: '2021-05-04' },
]
const UNKNOWN_TEXT = '[\n' + UNKNOWN.map((r) => JSON.stringify(r)).join(',\n') + '\n]'
const BY_NAME = { text: 'msg', author: 'nick', likes: 'up', date: 'ts' }

describe('parseJson: records with keys of their own', () => {
  it('throws noColumns with the keys found, for a bare array and for one under any key', () => {
    for (const doc of [
      UNKNOWN_TEXT,
      JSON.stringify({ comments: UNKNOWN }),
      JSON.stringify({ export: UNKNOWN }),
      JSON.stringify({ meta: { v: 1 }, result: { page1: UNKNOWN } }),
    ]) {
      expect(catchImport(() => parse(doc))).toEqual({ code: 'noColumns', file: 'test.json', detail: 'found keys: nick, msg, up, ts' })
    }
    // Keys of all leading records, in first-seen order (a record may omit empty fields).
    expect(catchImport(() => parse('[{"name": "a", "score": 1}, {"name": "b", "when": 2}]'))).toEqual({
      code: 'noColumns',
      file: 'test.json',
      detail: 'found keys: name, score, when',
    })
  })

  it('reads the records with a mapping by key name, exactly', () => {
    const { outcome, rows, skipped } = parse(UNKNOWN_TEXT, { mapping: BY_NAME })
    expect(outcome).toEqual({ format: 'json', title: '', rowsRead: 4 })
    expect(rows.map(view)).toEqual([
      { line: 2, author: '甲', avatar: '', likes: 12, replies: 0, date: '2021-05-01', time: '', text: '希望加餐讲讲 Raft', reply: '', lesson: '' },
      { line: 3, author: '乙', avatar: '', likes: 3, replies: 0, date: '2021-05-02', time: '09:05', text: '思考题答案在哪？', reply: '', lesson: '' },
    ])
    expect(skipped).toEqual([
      { line: 4, reason: 'noText' },
      { line: 5, reason: 'badNumber', detail: 'likes: "many"' },
    ])
  })

  it('takes indices into the keys, and names in any case or spelling, as a CSV mapping does', () => {
    const expected = parse(UNKNOWN_TEXT, { mapping: BY_NAME }).rows.map(view)
    expect(parse(UNKNOWN_TEXT, { mapping: { author: 0, text: 1, likes: 2, date: 3 } }).rows.map(view)).toEqual(expected)
    expect(parse(UNKNOWN_TEXT, { mapping: { author: 'NICK', text: ' Msg', likes: 'up', date: 'T-S' } }).rows.map(view)).toEqual(expected)
    // A mapping without a (known) text key is refused like no mapping at all.
    expect(catchImport(() => parse(UNKNOWN_TEXT, { mapping: { author: 'nick', text: 'body' } })).code).toBe('noColumns')
    expect(catchImport(() => parse(UNKNOWN_TEXT, { mapping: { text: 4 } })).code).toBe('noColumns')
  })

  it('reads records under an unknown key with their lines', () => {
    const text = '{"meta": {"v": 1},\n "export": [\n  {"nick": "甲", "msg": "第一条"},\n\n  {"nick": "乙", "msg": "第二条"}]}'
    const { rows } = parse(text, { mapping: { text: 'msg', author: 'nick' } })
    expect(rows.map((r) => [r.line, r.author, r.text])).toEqual([
      [3, '甲', '第一条'],
      [5, '乙', '第二条'],
    ])
  })

  it('prefers the array whose records have a text key when several are found', () => {
    const { rows } = parse(JSON.stringify({ users: [{ nick: 'a' }], posts: [{ body: '正文', likes: 2 }] }))
    expect(rows.map((r) => [r.text, r.likes])).toEqual([['正文', 2]])
  })

  it('asks mappingFor with the record keys, and uses what it remembers', () => {
    const asked: string[][] = []
    const remembered = { [headerSignature(['nick', 'msg', 'up', 'ts'])]: BY_NAME }
    const { rows } = parse(UNKNOWN_TEXT, { mappingFor: (keys) => (asked.push(keys), remembered[headerSignature(keys)]) })
    expect(asked).toEqual([['nick', 'msg', 'up', 'ts']])
    expect(rows.map((r) => [r.author, r.likes, r.text])).toEqual([
      ['甲', 12, '希望加餐讲讲 Raft'],
      ['乙', 3, '思考题答案在哪？'],
    ])
    // An explicit mapping wins over a remembered one; nothing remembered means noColumns.
    expect(parse(UNKNOWN_TEXT, { mapping: { text: 'nick' }, mappingFor: () => BY_NAME }).rows.map((r) => r.text)).toEqual(['甲', '乙', '丙', '丁'])
    expect(catchImport(() => parse(UNKNOWN_TEXT, { mappingFor: () => undefined })).code).toBe('noColumns')
  })

  it('leaves files whose keys are recognised as they were', () => {
    const asked: string[][] = []
    const { rows } = parse(fixture('array.json'), { mappingFor: (keys) => void asked.push(keys) })
    expect(rows.map((r) => r.text)).toHaveLength(3)
    expect(asked).toHaveLength(1)
    expect(parse(fixture('api-envelope.json'), { mappingFor: () => undefined }).outcome.format).toBe('geekbang-api')
  })
})

describe('previewJson', () => {
  const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer

  it('shows the record keys and the first five records, stringified, with the signature the parser looks up', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      nick: `u${i}`,
      msg: i === 0 ? 'x'.repeat(300) : `第${i}条`,
      up: i,
      meta: i === 1 ? { tag: ['a'] } : null,
    }))
    const p = previewJson(bytes(JSON.stringify({ export: many })))
    expect(p.kind).toBe('json')
    expect(p.headers).toEqual(['nick', 'msg', 'up', 'meta'])
    expect(p.rows).toEqual([
      ['u0', 'x'.repeat(199) + '…', '0', ''],
      ['u1', '第1条', '1', '{"tag":["a"]}'],
      ['u2', '第2条', '2', ''],
      ['u3', '第3条', '3', ''],
      ['u4', '第4条', '4', ''],
    ])
    let looked = ''
    catchImport(() =>
      parseJson(JSON.stringify({ export: many }), 'f.json', { row: () => {}, skip: () => {} }, { mappingFor: (k) => void (looked = headerSignature(k)) }),
    )
    expect(p.signature).toBe(looked)
  })

  it('reads UTF-16 and a BOM like an import, and gives nothing for JSON without records or broken JSON', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('[{"k":"v"}]').flatMap((c) => [c.charCodeAt(0), 0])])
    expect(previewJson(utf16.buffer)).toMatchObject({ headers: ['k'], rows: [['v']] })
    expect(previewJson(bytes('\uFEFF[{"k": 1}]')).headers).toEqual(['k'])
    for (const s of ['{"name": "x"}', '[1, 2]', '[{"k": 1}', '{"code": -1, "error": {"msg": "no"}, "data": []}']) {
      expect(previewJson(bytes(s))).toEqual({ headers: [], rows: [], kind: 'json', signature: '' })
    }
  })

  it('remembers JSON keys by name and CSV columns by index, under the signature the parser looks up', () => {
    const json = previewJson(bytes(UNKNOWN_TEXT))
    expect(mappingToRemember(json, { text: 1, author: 0, likes: 2, date: 3 })).toEqual(BY_NAME)
    const remembered = { [json.signature]: mappingToRemember(json, { text: 1, author: 0, likes: 2, date: 3 }) }
    expect(parse(UNKNOWN_TEXT, { mappingFor: (k) => remembered[headerSignature(k)] }).rows.map((r) => r.text)).toEqual([
      '希望加餐讲讲 Raft',
      '思考题答案在哪？',
    ])
    const csv = previewTable(bytes('nick,,msg\n甲,x,好\n'))
    expect(csv).toMatchObject({ headers: ['nick', '#2', 'msg'], kind: 'csv', signature: headerSignature(['nick', '', 'msg']) })
    expect(mappingToRemember(csv, { text: 2 })).toEqual({ text: 2 })
  })

  it('looksLikeJson: by name (.json, .jsonl) or by a first non-space [ or {', () => {
    expect(looksLikeJson('a.JSON', bytes('nick,msg'))).toBe(true)
    expect(looksLikeJson('a.jsonl', bytes('{}'))).toBe(true)
    expect(looksLikeJson('pasted.txt', bytes(' \n [{"k": 1}]'))).toBe(true)
    expect(looksLikeJson('pasted.txt', bytes('\uFEFF{"k": 1}'))).toBe(true)
    expect(looksLikeJson('a.csv', bytes('nick,msg\n甲,[1]'))).toBe(false)
  })
})

describe('jsonErrorOffset', () => {
  it('finds the same offset V8 reports, and -1 for valid JSON', () => {
    const broken = [
      '{"a":1,}',
      '[1,2',
      '{"a" 1}',
      '{"a":"x\ny"}',
      '[1] x',
      '{a:1}',
      '[01]',
      '"abc',
      '{"a":"\\x"}',
      '{"a":"\\u12g4"}',
      '[-]',
      '[1.]',
      '[1e]',
      '{"a":1 "b":2}',
      '{"a":[1,2}',
      '{"a":1}}',
      '{"a":-01}',
      '[true false]',
    ]
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
