import { describe, expect, it } from 'vitest'
import { DatasetBuilder, type RawComment } from '@/model/dataset'
import { mergeDatasets } from '@/model/merge'
import { runQuery } from '@/query/engine'
import { prepareComputed } from '@/query/computeIndexes'
import { unfilteredView } from '@/model/view'

const raw = (author: string, likes: number, replies: number, day: number, text: string): RawComment => ({
  author,
  avatar: '',
  likes,
  replies,
  day,
  time: -1,
  text,
  reply: '',
  lesson: '',
})

function build(rows: RawComment[]) {
  const b = new DatasetBuilder()
  for (const r of rows) b.add(r, 'lesson.md', '01 | 开篇')
  return b.finish([{ no: 1, at: '2021-11-02T08:00:00.000Z', files: ['lesson.md'] }])
}

describe('adding a newer export of the same lesson', () => {
  const week1 = build([raw('甲', 3, 0, 18700, '希望加餐'), raw('乙', 1, 1, 18701, '思考题答案呢？')])
  const week2 = build([raw('甲', 9, 2, 18700, '希望加餐'), raw('乙', 1, 1, 18701, '思考题答案呢？'), raw('丙', 0, 0, 18710, '有没有 PDF？')])
  const { dataset, added, updated } = mergeDatasets(week1, week2, '2021-11-09T08:00:00.000Z')

  it('keeps each comment once, with the newer counts', () => {
    expect(dataset.n).toBe(3)
    expect(added).toBe(1)
    expect(updated).toBe(1)
    expect(Array.from(dataset.likes)).toEqual([9, 1, 0])
    expect(Array.from(dataset.replies)).toEqual([2, 1, 0])
    expect(dataset.id.toArray().slice(0, 2)).toEqual(week1.id.toArray())
    expect(dataset.id.get(2)).toBe(week2.id.get(2))
  })

  it('marks the comments new since the previous import, and the engine filters them', () => {
    expect(Array.from(dataset.batch)).toEqual([1, 1, 2])
    expect(dataset.batches.map((b) => [b.no, b.at])).toEqual([
      [1, '2021-11-02T08:00:00.000Z'],
      [2, '2021-11-09T08:00:00.000Z'],
    ])
    const p = prepareComputed(dataset, [])
    const view = unfilteredView({ new: 1 })
    const r = runQuery(p, view)
    expect(r.kpis.comments).toBe(1)
    expect(Array.from(r.order)).toEqual([2])
  })

  it('merging the same export again changes nothing', () => {
    const again = mergeDatasets(dataset, week2, '2021-11-10T08:00:00.000Z')
    expect(again.added).toBe(0)
    expect(again.updated).toBe(0)
    expect(again.dataset.id.toArray()).toEqual(dataset.id.toArray())
  })
})
