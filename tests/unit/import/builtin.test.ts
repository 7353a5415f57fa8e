import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importSources } from '@/import/pipeline'
import { commentAt } from '@/model/comment'
import { BUILTIN } from './builtin-expected'
import { SAMPLE } from '../../fixtures/sampleExpected'

const bytes = readFileSync(new URL('../../../public/sample/000_0307222b755b7cf1.txt', import.meta.url))

function load(name = '000_0307222b755b7cf1.txt') {
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  return importSources([{ name, bytes: copy }])
}

describe('built-in sample (etcd 结束语)', () => {
  const { dataset, report } = load()

  it('has 20 comments, 50 likes and 17 replies', () => {
    expect(dataset.n).toBe(SAMPLE.comments)
    expect(dataset.likes.reduce((a, b) => a + b, 0)).toBe(SAMPLE.likes)
    expect(dataset.replies.reduce((a, b) => a + b, 0)).toBe(SAMPLE.replies)
    expect(report.files[0]).toMatchObject({
      format: 'lesson-markdown',
      encoding: 'utf-8',
      rowsRead: SAMPLE.comments,
      rowsKept: SAMPLE.comments,
      announced: SAMPLE.comments,
    })
    expect(report.skipped).toEqual([])
  })

  it.each(BUILTIN.map((e, i) => [i, e] as const))('comment %i matches the file read by hand', (i, e) => {
    const c = commentAt(dataset, i)
    expect(c.author).toBe(e.author)
    expect(c.avatar).toBe(e.avatar)
    expect(c.likes).toBe(e.likes)
    expect(c.replies).toBe(e.replies)
    expect(c.date).toBe(e.date)
    expect(c.time).toBe('')
    expect(c.text).toBe(e.text)
    expect(c.reply).toBe('')
    expect(c.lesson.title).toBe('000_0307222b755b7cf1')
    expect(c.source).toBe('000_0307222b755b7cf1.txt')
    expect(c.id).toMatch(/^[0-9a-z]{11}$/)
  })

  it('gives every comment a distinct id that survives a reload and a file rename', () => {
    expect(new Set(dataset.id).size).toBe(20)
    expect(load().dataset.id.toArray()).toEqual(dataset.id.toArray())
    // The lesson title comes from the file name when the file has no heading, so a rename with
    // the same title keeps ids; a file with a heading keeps them under any name (see lesson tests).
    expect(load('000_0307222b755b7cf1.md').dataset.id).toEqual(dataset.id)
  })
})
