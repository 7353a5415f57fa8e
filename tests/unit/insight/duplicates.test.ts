import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { estimatedJaccard, groupNearDuplicates, minhashSignature, normaliseForDuplicates } from '@/insight/duplicates'
import { loadBuiltin } from '../support'
// Seeded, so generated corpora are the same on every run.
import { mulberry32 } from '../../../bench/generate'

function jaccard<T>(a: Set<T>, b: Set<T>): number {
  let inter = 0
  for (const x of a) if (b.has(x)) inter++
  const union = a.size + b.size - inter
  return union === 0 ? 0 : inter / union
}

const group = (texts: string[], opts?: Parameters<typeof groupNearDuplicates>[4], rows?: number[]) =>
  groupNearDuplicates(
    texts,
    texts.map((_, i) => i),
    texts.map(() => 0),
    rows,
    opts,
  )

describe('groupNearDuplicates on the built-in file', () => {
  const ds = loadBuiltin()

  it('groups mmm "感谢老师 期待加餐" with 云原生工程师 "感谢老师，期待加餐" and nothing else', () => {
    expect(ds.text.get(14)).toBe('感谢老师 期待加餐')
    expect(ds.text.get(19)).toBe('感谢老师，期待加餐')
    // mmm has 2 likes, 云原生工程师 0: mmm is the representative.
    expect(groupNearDuplicates(ds.text.toArray(), ds.author, ds.likes)).toEqual([{ rows: [14, 19], authors: 2, similarity: 1 }])
  })

  it('leaves "期待加餐，催更思考题..." out: it shares only 期待加餐 (Jaccard 3/12)', () => {
    const groups = groupNearDuplicates(ds.text.toArray(), ds.author, ds.likes, undefined, { threshold: 0.3 })
    expect(groups.map((g) => g.rows)).toEqual([[14, 19]])
    const loose = groupNearDuplicates(ds.text.toArray(), ds.author, ds.likes, undefined, { threshold: 0.25 })
    expect(loose.map((g) => g.rows)).toEqual([[14, 17, 19]])
    expect(loose[0].similarity).toBe(0.25)
  })

  it('considers only the given rows', () => {
    expect(groupNearDuplicates(ds.text.toArray(), ds.author, ds.likes, [14, 0, 1, 2])).toEqual([])
    expect(groupNearDuplicates(ds.text.toArray(), ds.author, ds.likes, Uint32Array.of(19, 14))).toEqual([{ rows: [14, 19], authors: 2, similarity: 1 }])
  })
})

describe('groupNearDuplicates on hand-written comments', () => {
  it('groups the same request in other words at a suitable threshold', () => {
    const texts = ['期待加餐', '感谢老师，期待加餐', '感谢老师 期待加餐', '分布式锁那一章讲得很透彻', 'raft 日志复制还是没看懂']
    // 期待加餐 vs 感谢老师期待加餐: bigrams 3 of 7 shared.
    expect(group(texts, { threshold: 0.4 }).map((g) => g.rows)).toEqual([[0, 1, 2]])
    expect(group(texts).map((g) => g.rows)).toEqual([[1, 2]])
  })

  it('matches a PDF request across wording with character unigrams', () => {
    const texts = ['老师能出个PDF吗', '老师可以出一个 PDF 版本吗', '老师什么时候讲 etcd 的 watch 机制', '课后题的答案在哪里']
    // Unigrams: {老 师 出 个 p d f 吗} of 14 distinct characters = 0.57; bigrams only 4 of 16.
    expect(group(texts, { shingle: 1, threshold: 0.5 })).toEqual([{ rows: [0, 1], authors: 2, similarity: 8 / 14 }])
    expect(group(texts)).toEqual([])
  })

  it('normalises width, case, punctuation and spaces before comparing', () => {
    expect(normaliseForDuplicates('Ｈｅｌｌｏ，World！ 你好 😀 ５')).toBe('helloworld你好5')
    const texts = ['老师能出个ＰＤＦ吗？', '老师能出个 pdf 吗', '老师，能出个PDF吗！！']
    expect(group(texts)).toEqual([{ rows: [0, 1, 2], authors: 3, similarity: 1 }])
    expect(minhashSignature(texts[0], 2, 64)).toEqual(minhashSignature(texts[2], 2, 64))
  })

  it('never groups short texts', () => {
    expect(group(['好的', '好的', '赞！', '赞', '666', '666', '收到！', '收到'])).toEqual([])
    // Four characters after normalisation is enough.
    expect(group(['期待加餐', '期待加餐！']).map((g) => g.rows)).toEqual([[0, 1]])
  })

  it('puts the most liked comment first, counts distinct authors and sorts groups', () => {
    const texts = ['什么时候出加餐', '什么时候出加餐？', '什么时候出加餐!', '源码地址在哪里', '源码地址在哪里？', 'unrelated text here']
    const groups = groupNearDuplicates(texts, [1, 1, 2, 3, 4, 5], [0, 5, 5, 1, 0, 9])
    expect(groups).toEqual([
      // Two authors each; the larger group first.
      { rows: [1, 2, 0], authors: 2, similarity: 1 },
      { rows: [3, 4], authors: 2, similarity: 1 },
    ])
  })

  it('is deterministic', () => {
    const ds = loadBuiltin()
    const a = groupNearDuplicates(ds.text.toArray(), ds.author, ds.likes, undefined, { threshold: 0.2 })
    expect(groupNearDuplicates(ds.text.toArray(), ds.author, ds.likes, undefined, { threshold: 0.2 })).toEqual(a)
    expect(minhashSignature('感谢老师，期待加餐', 2, 64)).toEqual(minhashSignature('感谢老师，期待加餐', 2, 64))
  })
})

describe('groupNearDuplicates at scale (LSH banding)', () => {
  it('finds planted near-duplicates among 2,000 unrelated comments and nothing else', () => {
    const rnd = mulberry32(7)
    const alphabet = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x4e00 + i * 37))
    const randomText = (len: number) => Array.from({ length: len }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('')
    const texts = Array.from({ length: 2000 }, (_, i) => randomText(i % 2 === 0 ? 40 : 120))
    // Plant 30 pairs: a copy with two characters changed (≥ 0.8 Jaccard: exact for 40 chars, estimated for 120).
    const planted: [number, number][] = []
    for (let p = 0; p < 30; p++) {
      const src = p * 60
      const chars = [...texts[src]]
      chars[5] = '加'
      chars[chars.length - 6] = '餐'
      texts.push(chars.join(''))
      planted.push([src, texts.length - 1])
    }
    const groups = group(texts)
    const found = groups.map((g) => [...g.rows].sort((a, b) => a - b))
    expect(found.sort((a, b) => a[0] - b[0])).toEqual(planted)
    for (const g of groups) expect(g.similarity).toBeGreaterThanOrEqual(0.5)
  })
})

describe('minhashSignature and estimatedJaccard', () => {
  it('has the requested length and compares identical texts as 1', () => {
    const s = minhashSignature('希望老师出一个番外篇', 2, 64)
    expect(s).toBeInstanceOf(Uint32Array)
    expect(s.length).toBe(64)
    expect(minhashSignature('abc', 3, 128).length).toBe(128)
    expect(estimatedJaccard(s, s)).toBe(1)
    expect(estimatedJaccard(new Uint32Array(0), s)).toBe(0)
  })

  it('estimates the Jaccard similarity of random sets closely on average', () => {
    // Shingle size 1 makes a text's shingle set its set of distinct characters.
    const char = fc.integer({ min: 0x4e00, max: 0x4e00 + 300 }).map((c) => String.fromCharCode(c))
    const pair = fc
      .tuple(fc.uniqueArray(char, { minLength: 1, maxLength: 60 }), fc.uniqueArray(char, { maxLength: 60 }), fc.uniqueArray(char, { maxLength: 60 }))
      .map(([common, onlyA, onlyB]) => [common.concat(onlyA), common.concat(onlyB)])
    const samples = fc.sample(pair, { numRuns: 600, seed: 20240601 })
    let sum = 0
    let big = 0
    for (const [a, b] of samples) {
      const exact = jaccard(new Set(a), new Set(b))
      const est = estimatedJaccard(minhashSignature(a.join(''), 1, 64), minhashSignature(b.join(''), 1, 64))
      const err = Math.abs(est - exact)
      sum += err
      if (err >= 0.25) big++
    }
    // Standard error with 64 hashes is at most 0.0625, so the mean absolute error is ~0.04.
    expect(sum / samples.length).toBeLessThan(0.06)
    expect(big / samples.length).toBeLessThan(0.01)
  })
})
