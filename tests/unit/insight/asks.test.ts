import { describe, expect, it } from 'vitest'
import { askingSentences } from '@/insight/asks'

describe('the sentences that ask', () => {
  it('keeps sentences with a request cue, drops statements and plain questions about the topic', () => {
    expect(askingSentences('微服务的拆分很重要。希望老师多讲讲实战案例！这里的事务为什么会回滚？')).toBe('希望老师多讲讲实战案例！')
    expect(askingSentences('有没有完整的代码？\n需求变了怎么办')).toBe('有没有完整的代码？\n')
    // 需求, 请求, 要求 hold 求 but ask for nothing.
    expect(askingSentences('这个请求的需求和要求都变了')).toBe('')
    expect(askingSentences('Could you post the slides?')).toBe('Could you post the slides?')
  })
})
