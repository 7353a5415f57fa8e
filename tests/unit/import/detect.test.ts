import { describe, expect, it } from 'vitest'
import { detectFormat } from '@/import/detect'

describe('detectFormat', () => {
  it('takes a file whose first line names a text column as CSV, even when a comment quotes a lesson block', () => {
    const csv = 'author,likes,text\nann,3,"I saved it as <li><p>note</p> 👍（3） 💬（0）</li>, see"\n'
    expect(detectFormat(csv, 'comments.csv')).toBe('csv')
    expect(detectFormat(csv, 'comments.txt')).toBe('csv')
    expect(detectFormat('作者\t点赞\t留言内容\n甲\t1\t好\n', 'x.txt')).toBe('csv')
    // Excel's `sep=` line comes before the header.
    expect(detectFormat('sep=;\r\nname;content\r\nann;hi\r\n', 'x.csv')).toBe('csv')
  })

  it('still finds lesson exports, JSON and headerless delimited text', () => {
    const lesson = '# 01 | 开篇\n\n## 精选留言(1)\n\n<li>\n<p>ann</p>\n<p>hi</p>\n👍（2） 💬（0）\n</li>\n'
    expect(detectFormat(lesson, '01.md')).toBe('lesson-markdown')
    expect(detectFormat('<!doctype html><html><body>' + lesson + '</body></html>', 'page.html')).toBe('lesson-html')
    expect(detectFormat('[{"author":"a","text":"b"}]', 'x.json')).toBe('json')
    expect(detectFormat('{"text": "a, b", "author": "c"}', 'x.txt')).toBe('json')
    expect(detectFormat('a,b\n1,2\n', 'x.txt')).toBe('csv')
    expect(detectFormat('just some notes', 'x.txt')).toBe('none')
  })

  it('reads a .md or .html file as a lesson page even when it starts like JSON', () => {
    const lesson = '# 01 | 开篇\n\n## 精选留言(1)\n\n<li>\n<p>ann</p>\n<p>hi</p>\n👍（2） 💬（0）\n</li>\n'
    expect(detectFormat('[2019年最新编译原理学习全攻略](https://example.com)\n\n' + lesson, '00.md')).toBe('lesson-markdown')
    expect(detectFormat('[只是一个链接](https://example.com)', 'intro.md')).toBe('none')
    expect(detectFormat('{"a": 1}', 'page.html')).toBe('none')
    // The same text in a .json or .txt file is JSON.
    expect(detectFormat('[{"text": "x"}]', 'x.json')).toBe('json')
    expect(detectFormat('[只是一个链接](https://example.com)', 'x.txt')).toBe('json')
  })
})
