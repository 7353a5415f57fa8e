import { describe, expect, it } from 'vitest'
import { courseOrder } from '@/query/courseOrder'

describe('course order', () => {
  it('puts 开篇词 first, numbered lessons by number, specials after them and 结束语 last', () => {
    const titles = [
      '结束语   所谓高手，就是跨过坑和大海！',
      '10   DDD、中台和微服务',
      '02   领域、子域',
      '答疑：有关3个典型问题的讲解',
      '开篇词   学好了DDD，你能做什么？',
      '01   领域驱动设计',
      '基于DDD的微服务设计实例代码详解',
      '第3讲 | 限界上下文',
    ]
    expect(courseOrder(titles).map((i) => titles[i])).toEqual([
      '开篇词   学好了DDD，你能做什么？',
      '01   领域驱动设计',
      '02   领域、子域',
      '第3讲 | 限界上下文',
      '10   DDD、中台和微服务',
      '答疑：有关3个典型问题的讲解',
      '基于DDD的微服务设计实例代码详解',
      '结束语   所谓高手，就是跨过坑和大海！',
    ])
  })
})
