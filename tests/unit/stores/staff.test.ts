// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { useStaffStore } from '@/stores/staff'
import { useDatasetStore } from '@/stores/dataset'
import { freshStores } from './helpers'
import { loaded, type Row } from './small'

const COURSE: Row[] = [
  // 编辑小王 comments under every lesson; 张三 under two of four; 极客时间小助手 says what it is.
  ['编辑小王', '01', 0, 0, 1, '欢迎留言'],
  ['编辑小王', '02', 0, 0, 2, '欢迎留言'],
  ['编辑小王', '03', 0, 0, 3, '欢迎留言'],
  ['编辑小王', '04', 0, 0, 4, '欢迎留言'],
  ['张三', '01', 3, 1, 1, '希望加餐'],
  ['张三', '02', 1, 0, 2, '打卡'],
  ['李四', '03', 2, 0, 3, '思考题答案在哪？'],
  ['极客时间小助手', '04', 0, 0, 4, '请加群'],
]
const RU = 'Mary'

describe('staff store', () => {
  beforeEach(() => freshStores())

  it('suggests names that say they are staff and authors who comment under most lessons, not ordinary readers', () => {
    useDatasetStore().current = loaded('a1', COURSE)
    const staff = useStaffStore()
    expect([...staff.suggestions].sort()).toEqual(['极客时间小助手', '编辑小王'].sort())
  })

  it('marking an author makes them staff and takes them out of the suggestions; marking again unmarks', () => {
    useDatasetStore().current = loaded('a1', COURSE)
    const staff = useStaffStore()
    staff.toggle('编辑小王')
    expect(staff.names).toEqual(['编辑小王'])
    expect(staff.suggestions).toEqual(['极客时间小助手'])
    staff.toggle(RU)
    expect(staff.names).toEqual(['编辑小王', RU])
    staff.toggle('编辑小王')
    expect(staff.names).toEqual([RU])
  })

  it('marks are kept per dataset and remembered after a reload', async () => {
    const dataset = useDatasetStore()
    const a = loaded('a1', COURSE)
    const b = loaded('b2', COURSE)
    dataset.current = a
    const staff = useStaffStore()
    staff.toggle('编辑小王')
    dataset.current = b
    expect(staff.names).toEqual([])
    staff.toggle('张三')
    dataset.current = a
    expect(staff.names).toEqual(['编辑小王'])
    await nextTick()
    freshStores('', { keepStorage: true })
    useDatasetStore().current = b
    expect(useStaffStore().names).toEqual(['张三'])
  })
})
