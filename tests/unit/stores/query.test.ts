// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { useQueryStore } from '@/stores/query'
import { useDatasetStore } from '@/stores/dataset'
import { useViewStore } from '@/stores/view'
import { useStaffStore } from '@/stores/staff'
import { freshStores } from './helpers'
import { loaded, type Row } from './small'

// The per-row indexes are the workers' (never matched on the page): here done in place.
vi.mock('@/query/indexesInWorker', () => import('./inPageIndexes'))

// Six comments, counted by hand: 27 likes, 6 replies, 4 authors; 希望加餐 and 期待加餐 ask for a bonus episode.
const ROWS: Row[] = [
  ['张三', '01', 14, 2, 1, '希望加餐！'],
  ['李四', '01', 7, 1, 2, '讲得清楚，收获很大'],
  ['王五', '02', 5, 0, 3, '期待加餐'],
  ['张三', '02', 1, 3, 4, '打卡'],
  ['编辑小王', '02', 0, 0, 5, '希望加餐的同学请留言'],
  ['李四', '03', 0, 0, 6, '终于看完了'],
]

/** The next result to land (after the last view change). */
async function landed(q: ReturnType<typeof useQueryStore>) {
  const before = q.result
  await vi.waitFor(() => {
    expect(q.result).not.toBe(before)
    expect(q.busy).toBe(false)
  })
  return q.result!
}
const bonusComments = (r: NonNullable<ReturnType<typeof useQueryStore>['result']>) => r.requests.find((t) => t.id === 'bonus')!.comments

describe('query store', () => {
  beforeEach(() => freshStores())

  it('shows the KPIs of the whole dataset, then of each view change', async () => {
    useDatasetStore().current = loaded('s1', ROWS)
    const q = useQueryStore()
    const all = await landed(q)
    expect(all.kpis).toMatchObject({ comments: 6, likes: 27, replies: 6, authors: 4, withReplies: 3 })
    expect(bonusComments(all)).toBe(3)

    useViewStore().update({ likes: { min: 5, max: null } })
    const liked = await landed(q)
    expect(liked.kpis).toMatchObject({ comments: 3, likes: 26, replies: 3, authors: 3, withReplies: 2 })

    useViewStore().update({ likes: null, lessons: ['02'] })
    const lesson2 = await landed(q)
    expect(lesson2.kpis).toMatchObject({ comments: 3, likes: 6, replies: 3, authors: 3 })

    useViewStore().update({ lessons: [], q: '加餐', sort: { key: 'likes', dir: 'asc' } })
    const search = await landed(q)
    expect(search.kpis).toMatchObject({ comments: 3, likes: 19 })
    expect(Array.from(search.order, (i) => q.columns!.authors[q.columns!.author[i]])).toEqual(['编辑小王', '王五', '张三'])
  })

  it('a comment by an author marked as staff stays a comment but no longer counts as a request', async () => {
    useDatasetStore().current = loaded('s1', ROWS)
    const q = useQueryStore()
    expect(bonusComments(await landed(q))).toBe(3)
    useStaffStore().toggle('编辑小王')
    await vi.waitFor(() => expect(bonusComments(q.result!)).toBe(2))
    expect(q.result!.kpis.comments).toBe(6)
    useViewStore().update({ staff: 'include' })
    await vi.waitFor(() => expect(bonusComments(q.result!)).toBe(3))
  })

  it('another dataset replaces the numbers in view', async () => {
    const dataset = useDatasetStore()
    dataset.current = loaded('s1', ROWS)
    const q = useQueryStore()
    expect((await landed(q)).kpis.comments).toBe(6)
    dataset.current = loaded('s2', ROWS.slice(0, 2))
    await vi.waitFor(() => expect(q.result!.kpis).toMatchObject({ comments: 2, likes: 21, replies: 3 }))
  })
})
