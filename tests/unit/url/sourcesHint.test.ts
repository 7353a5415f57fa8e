import { describe, expect, it } from 'vitest'
import { MAX_DSF_ENCODED, sourcesHint } from '@/url/sourcesHint'

describe('sourcesHint', () => {
  it('joins a short list with newlines', () => {
    expect(sourcesHint({ sources: ['01 | 开篇.md', '02.md'] })).toBe('01 | 开篇.md\n02.md')
    expect(sourcesHint({ sources: [] })).toBeNull()
    expect(sourcesHint({ sources: [''] })).toBeNull()
  })

  it('leaves out a list whose encoded form passes the limit, counting the encoded newlines', () => {
    // 'a'.repeat(k) encodes to k characters; n names cost n·k + 3·(n−1).
    const names = (n: number, k: number) => Array.from({ length: n }, () => 'a'.repeat(k))
    expect(sourcesHint({ sources: names(10, 97) })).toBe(names(10, 97).join('\n')) // 970 + 27 = 997
    expect(sourcesHint({ sources: names(10, 98) })).toBeNull() // 980 + 27 = 1,007
    expect(encodeURIComponent(names(10, 97).join('\n')).length).toBeLessThanOrEqual(MAX_DSF_ENCODED)
    // Chinese names encode to 9 characters each: 112 of them pass 1,000.
    expect(sourcesHint({ sources: ['课'.repeat(111)] })).toBe('课'.repeat(111))
    expect(sourcesHint({ sources: ['课'.repeat(112)] })).toBeNull()
  })
})
