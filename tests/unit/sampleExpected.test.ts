import { describe, expect, it } from 'vitest'
import { SAMPLE } from '../fixtures/sampleExpected'
import { BUILTIN } from './import/builtin-expected'
import { LABELS } from './insight/builtin-labels'

/**
 * The sample's expected numbers counted from the comments as read by hand off the sample file
 * (author, likes, replies per comment) and their hand labels (themes, question) — never from the
 * parser or the engine.
 */
describe('the built-in sample s expected numbers', () => {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  const inBucket = (min: number, max: number) => BUILTIN.filter((c) => c.likes >= min && c.likes <= max).length
  const repliesIn = (min: number, max: number) => BUILTIN.filter((c) => c.replies >= min && c.replies <= max).length

  it('the hand labels are of the same 20 comments, in the same order', () => {
    expect(LABELS.map((l) => l.author)).toEqual(BUILTIN.map((c) => c.author))
  })

  it('totals: comments, likes, replies, authors, comments with replies', () => {
    expect(SAMPLE.comments).toBe(BUILTIN.length)
    expect(SAMPLE.likes).toBe(sum(BUILTIN.map((c) => c.likes)))
    expect(SAMPLE.replies).toBe(sum(BUILTIN.map((c) => c.replies)))
    expect(SAMPLE.authors).toBe(new Set(BUILTIN.map((c) => c.author)).size)
    expect(SAMPLE.withReplies).toBe(BUILTIN.filter((c) => c.replies > 0).length)
  })

  it('questions and open questions from the hand labels', () => {
    expect(SAMPLE.questions).toBe(LABELS.filter((l) => l.question).length)
    expect(SAMPLE.openQuestions).toBe(LABELS.filter((l, i) => l.question && BUILTIN[i].replies === 0).length)
  })

  it('likes and replies buckets', () => {
    expect(SAMPLE.likesBuckets.counts).toEqual([inBucket(0, 0), inBucket(1, 1), inBucket(2, 4), inBucket(5, 9), inBucket(10, 49)])
    // Nothing above 49 likes: the buckets from 50 up are empty and left out.
    expect(inBucket(50, Infinity)).toBe(0)
    expect(SAMPLE.repliesBuckets.counts).toEqual([
      repliesIn(0, 0),
      repliesIn(1, 1),
      repliesIn(2, 2),
      repliesIn(3, 5),
      repliesIn(6, 10),
      repliesIn(11, Infinity),
    ])
  })

  it('per theme: comments, distinct authors and likes of the hand-labelled comments', () => {
    for (const [id, want] of Object.entries(SAMPLE.themes)) {
      const rows = BUILTIN.filter((_, i) => LABELS[i].themes.includes(id))
      expect({ comments: rows.length, authors: new Set(rows.map((c) => c.author)).size, likes: sum(rows.map((c) => c.likes)) }, id).toEqual(want)
    }
  })
})
