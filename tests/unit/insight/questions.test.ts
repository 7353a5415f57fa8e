import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isQuestion } from '@/insight/questions'

describe('isQuestion', () => {
  it.each([
    ['老师，这里为什么用读锁？', true],
    ['这个参数默认是多少', true],
    ['应该是分析器吧', true],
    ['是不是可以理解为两阶段提交', true],
    ['不太能理解为何这里是 undefined', true],
    ['请教一下，binlog 和 redo log 谁先写', true],
    ['How do I get the sample code?', true],
    // Statements, musings and self-answers.
    ['收获很大，感谢老师', false],
    ['可能是我的问题吧', false],
    ['为什么有 K，一方面是成本，另一方面是纯黑', false],
    ['学会了如何使用 perf 分析热点函数', false],
    ['没什么问题，继续学习', false],
  ])('%s → %s', (text, expected) => {
    expect(isQuestion(text)).toBe(expected)
  })

  it('does not take a `?` in code for a question', () => {
    expect(isQuestion('const x = a ? b : c;\nlet r = /^\\d*\\.?\\d+/')).toBe(false)
    expect(isQuestion('const x = a ? b : c;\n老师，这样写有问题吗')).toBe(true)
  })

  it('in an answer or summary post, counts only questions addressed to someone', () => {
    expect(isQuestion('总结：1. 事务的概念是什么？ 2. 隔离级别有哪些？')).toBe(false)
    expect(isQuestion('课后答案：分析器。\n不知道对不对？')).toBe(true)
    expect(isQuestion('总结：MVCC 靠一致性视图。老师，RC 下视图什么时候创建？')).toBe(true)
  })

  it('never throws and is a pure function of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const a = isQuestion(s)
        expect(typeof a).toBe('boolean')
        expect(isQuestion(s)).toBe(a)
      }),
    )
  })
})
