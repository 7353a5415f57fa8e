import { describe, expect, it } from 'vitest'
import { cleanText, dateOf, fieldOfHeader, mapHeaders, normaliseHeader, parseCount, avatarOf, NO_DATE } from '@/import/fields'
import { formatDay, formatTime, NO_DAY, parseDateValue } from '@/model/dates'

describe('mapHeaders', () => {
  it('maps English export headers', () => {
    expect(mapHeaders(['author', 'avatar', 'likes', 'replies', 'date', 'text', 'lesson'])).toEqual({
      author: 0,
      avatar: 1,
      likes: 2,
      replies: 3,
      date: 4,
      text: 5,
      lesson: 6,
    })
  })

  it('maps the Chinese headers of a spreadsheet export', () => {
    expect(mapHeaders(['昵称', '点赞数', '回复数', '发布时间', '留言内容', '文章'])).toEqual({
      author: 0,
      likes: 1,
      replies: 2,
      date: 3,
      text: 4,
      lesson: 5,
    })
  })

  it('maps Geekbang API field names', () => {
    expect(mapHeaders(['id', 'user_name', 'user_header', 'comment_content', 'comment_ctime', 'like_count', 'discussion_count'])).toEqual({
      id: 0,
      author: 1,
      avatar: 2,
      text: 3,
      date: 4,
      likes: 5,
      replies: 6,
    })
  })

  it('ignores case, a BOM, surrounding spaces and _/-/space differences', () => {
    expect(mapHeaders(['\uFEFFUser Name', '  LIKE-COUNT ', 'Comment_Content', 'created-at'])).toEqual({
      author: 0,
      likes: 1,
      text: 2,
      date: 3,
    })
    expect(normaliseHeader('\uFEFF "Comment Content" ')).toBe('commentcontent')
  })

  it('tells a reply count (replies, 回复数) from the author reply text (作者回复)', () => {
    expect(mapHeaders(['回复', '作者回复', '内容'])).toEqual({ replies: 0, reply: 1, text: 2 })
    expect(mapHeaders(['text', 'reply_count', 'teacher_reply'])).toEqual({ text: 0, replies: 1, reply: 2 })
    expect(fieldOfHeader('replies')).toBe('replies')
    expect(fieldOfHeader('author_reply')).toBe('reply')
    expect(fieldOfHeader('老师回复')).toBe('reply')
    // 'comment' is the text, 'comments' a count.
    expect(fieldOfHeader('comment')).toBe('text')
    expect(fieldOfHeader('comments')).toBe('replies')
  })

  it('maps the emoji headers of a copied table', () => {
    expect(mapHeaders(['用户', '👍', '💬', '留言'])).toEqual({ author: 0, likes: 1, replies: 2, text: 3 })
    // With the emoji variation selector some keyboards add.
    expect(fieldOfHeader('👍\uFE0F')).toBe('likes')
  })

  it('lets the first column win and maps a column to one field only', () => {
    expect(mapHeaders(['content', 'text', 'name', 'nickname', 'title'])).toEqual({ text: 0, author: 2, lesson: 4 })
  })

  it('leaves unknown columns out', () => {
    expect(mapHeaders(['foo', 'bar', ''])).toEqual({})
  })
})

describe('parseCount', () => {
  it.each([
    [14, 14],
    [0, 0],
    ['14', 14],
    [' 12 ', 12],
    ['1,234', 1234],
    ['12,345,678', 12345678],
    ['1.2万', 12000],
    ['3w', 30000],
    ['3W', 30000],
    ['1.5k', 1500],
    ['2千', 2000],
    ['12.0', 12],
    ['999+', 999],
    ['', 0],
    ['   ', 0],
    [null, 0],
    [undefined, 0],
  ] as [unknown, number][])('%j → %d', (v, n) => {
    expect(parseCount(v)).toBe(n)
  })

  it.each([['-3'], [-3], ['很多'], ['1.5'], [1.5], ['12abc'], ['1,23'], ['NaN'], [Number.NaN], [Infinity], [true], [{}], [[]], ['1e3']] as [unknown][])(
    '%j → null',
    (v) => {
      expect(parseCount(v)).toBeNull()
    },
  )
})

describe('cleanText', () => {
  it('normalises line breaks and trims, keeping tabs and emoji', () => {
    expect(cleanText('  第一行\r\n第二行\r第三行\n\t缩进 😀  \r\n')).toBe('第一行\n第二行\n第三行\n\t缩进 😀')
  })

  it('decodes the HTML escapes of Geekbang API content and turns <br> into line breaks', () => {
    expect(cleanText('a &lt; b &amp;&amp; c&#47;d')).toBe('a < b && c/d')
    expect(cleanText('第一行<br>第二行<br/>第三行<BR />第四行')).toBe('第一行\n第二行\n第三行\n第四行')
    expect(cleanText('&quot;引用&quot; &#x1F600; &nbsp;x')).toBe('"引用" 😀 \u00a0x')
  })

  it('decodes once, so escaped markup stays text', () => {
    expect(cleanText('&lt;br&gt; 不是换行')).toBe('<br> 不是换行')
    expect(cleanText('&amp;lt;')).toBe('&lt;')
    expect(cleanText('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>')
  })

  it('leaves text without escapes alone, including a bare & and legacy entity names without ;', () => {
    expect(cleanText('R&D 部门 & 运维')).toBe('R&D 部门 & 运维')
    expect(cleanText('a < b > c')).toBe('a < b > c')
    expect(cleanText('&copy 2021 &amp; more')).toBe('&copy 2021 & more')
  })

  it('can skip the checks a caller knows cannot match', () => {
    expect(cleanText(' a\r\nb ', false, false)).toBe('a\r\nb')
    expect(cleanText(' a&lt;b ', true, false)).toBe('a&lt;b')
  })
})

describe('dateOf', () => {
  const show = (v: unknown) => {
    const d = dateOf(v)
    return d === null ? null : `${formatDay(d.day)}|${formatTime(d.time)}`
  }

  it.each([
    ['2021-03-22', '2021-03-22|'],
    ['2021-03-22 09:05', '2021-03-22|09:05'],
    ['2021-03-22 09:05:07', '2021-03-22|09:05:07'],
    ['2021/3/22 9:05', '2021-03-22|09:05'],
    ['2021-03-22T09:05:00+08:00', '2021-03-22|09:05'],
    ['2021-03-22T01:05:00Z', '2021-03-22|09:05'],
    ['2021年4月26日', '2021-04-26|'],
    ['1616371200', '2021-03-22|08:00'],
    ['1616371200000', '2021-03-22|08:00'],
    [1616371200, '2021-03-22|08:00'],
    [1616371200000, '2021-03-22|08:00'],
  ] as [unknown, string][])('%j → %s', (v, s) => {
    expect(show(v)).toBe(s)
  })

  it('reads empty values as "no date" and garbage as unreadable', () => {
    expect(dateOf('')).toBe(NO_DATE)
    expect(dateOf('  ')).toBe(NO_DATE)
    expect(dateOf(undefined)).toBe(NO_DATE)
    expect(NO_DATE.day).toBe(NO_DAY)
    for (const bad of ['2021-13-45', '2021-02-30', '2021-03-22 24:00', 'yesterday', '12', 0, {}, true]) expect(dateOf(bad)).toBeNull()
  })

  it('takes the YYYY-MM-DD fast path to the same answer as parseDateValue', () => {
    const cases = [
      '2021-03-22',
      '2021-03-22 00:00',
      '2021-03-22 23:59:59',
      '2021-03-22T23:59',
      '2021-02-29',
      '2020-02-29 12:00',
      '1969-12-31',
      '2201-01-01',
      '2021-00-10',
      '2021-03-22 23:60',
      '2021-03-22 12:00:60',
      '2021-03-22x12:00',
      '2021-03-22 1:00:00',
      'abcd-ef-gh',
      '2021-03-2a',
      '2021-03-22 12:0a',
      '2021-03-22 12:00:0a',
      '2021-03-22t12:00',
    ]
    for (const c of cases) expect(dateOf(c), c).toEqual(parseDateValue(c))
  })
})

describe('avatarOf', () => {
  it('passes http(s) URLs only', () => {
    expect(avatarOf(' https://static001.geekbang.org/a.jpg ')).toBe('https://static001.geekbang.org/a.jpg')
    expect(avatarOf('HTTP://example.com/a.png')).toBe('HTTP://example.com/a.png')
    expect(avatarOf('javascript:alert(1)')).toBe('')
    expect(avatarOf('data:image/png;base64,AAAA')).toBe('')
    expect(avatarOf('//example.com/a.png')).toBe('')
    expect(avatarOf(42)).toBe('')
  })
})
