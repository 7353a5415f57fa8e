import { describe, expect, it } from 'vitest'
import { DEFAULT_STOP_PHRASES, DEFAULT_STOP_WORDS, discoverPhrases, type Phrase } from '@/insight/phrases'
import { loadBuiltin } from '../support'

const CJK_ONLY = /^[\u4e00-\u9fff]+$/

/** Rows whose raw text contains a CJK-only phrase: the oracle for exact counts. */
function rowsContaining(texts: string[], phrase: string): number[] {
  return texts.flatMap((t, i) => (t.includes(phrase) ? [i] : []))
}

function byText(list: Phrase[], text: string): Phrase | undefined {
  return list.find((p) => p.text === text)
}

function expectClean(list: Phrase[]): void {
  for (const p of list) {
    for (const s of DEFAULT_STOP_PHRASES) expect(p.text.includes(s), `${p.text} contains ${s}`).toBe(false)
    expect(DEFAULT_STOP_WORDS).not.toContain(p.text)
    expect(p.text).not.toMatch(/^[的了是]|[的了是]$/)
  }
}

describe('discoverPhrases on the built-in file', () => {
  const ds = loadBuiltin()
  const phrases = discoverPhrases(ds.text.toArray(), ds.author, ds.likes)

  it('ranks 加餐 and 思考题 among the top 5', () => {
    const top5 = phrases.slice(0, 5).map((p) => p.text)
    expect(top5).toContain('加餐')
    expect(top5).toContain('思考题')
  })

  it('counts 加餐 and 思考题 exactly, once per comment', () => {
    // 加餐: jeffery 希望加餐, Geek_daf51a 期待后面的加餐, 赵先生 希望加餐, mmm / 幽幽夜 / 云原生工程师 期待加餐.
    expect(byText(phrases, '加餐')).toEqual({
      text: '加餐',
      comments: 6,
      authors: 6,
      likes: 14 + 6 + 5 + 2 + 0 + 0,
      score: expect.any(Number),
      rows: [0, 2, 3, 14, 17, 19],
    })
    // 思考题: 杰sir 催更一下思考题的答疑, 八台上 坐等思考题答案, 幽幽夜 催更思考题.
    expect(byText(phrases, '思考题')).toEqual({ text: '思考题', comments: 3, authors: 3, likes: 2, score: expect.any(Number), rows: [8, 10, 17] })
  })

  it('keeps a shorter phrase next to a longer one when it covers clearly more comments', () => {
    expect(byText(phrases, '期待加餐')).toMatchObject({ comments: 3, rows: [14, 17, 19] })
    expect(byText(phrases, '加餐')?.comments).toBe(6)
  })

  it('keeps 思考题 whole: its fragments and the barely more frequent 思考 (4 comments) are dropped', () => {
    const texts = phrases.map((p) => p.text)
    for (const t of ['思考', '考题', '加', '餐']) expect(texts).not.toContain(t)
  })

  it('has no stop phrases, generic words or function-word edges', () => {
    expect(phrases.length).toBeGreaterThan(5)
    expectClean(phrases)
  })

  it('ranks by authors weighted by length (two characters count half, three 0.8), then authors, likes, score', () => {
    const weight = (p: { text: string; authors: number }) => p.authors * (p.text.length >= 4 ? 1 : p.text.length === 3 ? 0.8 : 0.5)
    for (let i = 1; i < phrases.length; i++) {
      const a = phrases[i - 1]
      const b = phrases[i]
      const order = Math.sign(weight(a) - weight(b)) || Math.sign(a.authors - b.authors) || Math.sign(a.likes - b.likes) || Math.sign(a.score - b.score)
      expect(order, `${a.text} before ${b.text}`).toBeGreaterThanOrEqual(0)
    }
  })

  it('counts every CJK phrase exactly as a substring search does', () => {
    for (const p of phrases) {
      if (!CJK_ONLY.test(p.text)) continue
      const rows = rowsContaining(ds.text.toArray(), p.text)
      expect(p.rows, p.text).toEqual(rows)
      expect(p.comments).toBe(rows.length)
      expect(p.authors).toBe(new Set(rows.map((r) => ds.author[r])).size)
      expect(p.likes).toBe(rows.reduce((s, r) => s + ds.likes[r], 0))
    }
  })

  it('is deterministic', () => {
    expect(discoverPhrases(ds.text.toArray(), ds.author, ds.likes)).toEqual(phrases)
  })
})

// A hand-written course thread: author, text, likes.
const HAND: [string, string, number][] = [
  ['alice', '希望老师出个番外篇，讲讲生产环境的坑', 12], // 0
  ['bob', '番外篇什么时候更新？', 3], // 1
  ['carol', '期待番外篇！', 5], // 2
  ['dave', '这次的番外篇比正文还好看', 1], // 3
  ['erin', '看了半天源码才明白 lease 的续期', 8], // 4
  ['frank', '建议先读源码再看这一讲', 2], // 5
  ['grace', '源码地址在哪里？', 6], // 6
  ['heidi', '翻了翻源码，发现和文中说的不一样', 0], // 7
  ['ivan', '没有源码，只能靠猜', 4], // 8
  ['judy', '课后题的答案在哪里看', 7], // 9
  ['mallory', '课后题太难了', 1], // 10
  ['niaj', '第二道课后题没想明白', 0], // 11
  ['olivia', '谢谢老师，收获很大', 9], // 12
  ['peggy', '谢谢老师，收获很大！', 2], // 13
  ['rupert', '老师讲得很好，谢谢老师', 3], // 14
  ['sybil', '打卡', 0], // 15
  ['trent', '打卡，学习了', 0], // 16
  ['uma', '学习了，受益匪浅', 1], // 17
  ['victor', '受益匪浅，感谢老师', 1], // 18
  ['walter', '感谢老师，讲得很好', 2], // 19
  ['xena', '老师讲得很好，收获很大', 0], // 20
  ['yuri', '有没有 PDF 可以下载？', 5], // 21
  ['zoe', '求一份pdf', 3], // 22
  ['alice', '老师，pdf 能分享一下吗', 2], // 23
  ['bob', '源码里的 watch 机制能再讲讲吗？源码太多了', 1], // 24: 源码 twice, counted once
  ['carol', '打卡第三天', 0], // 25
  ['dave', '写得好，期待番外篇', 0], // 26
  ['erin', '学习了，谢谢老师', 0], // 27
  ['frank', '受益匪浅', 0], // 28
  ['grace', '感谢老师的分享', 0], // 29
]
const handTexts = HAND.map((h) => h[1])
const handNames = [...new Set(HAND.map((h) => h[0]))]
const handAuthors = Uint32Array.from(HAND, (h) => handNames.indexOf(h[0]))
const handLikes = Uint32Array.from(HAND, (h) => h[2])

describe('discoverPhrases on a hand-written thread', () => {
  const phrases = discoverPhrases(handTexts, handAuthors, handLikes)

  it('finds the course terms with exact counts', () => {
    expect(byText(phrases, '源码')).toMatchObject({ comments: 6, authors: 6, likes: 8 + 2 + 6 + 0 + 4 + 1, rows: [4, 5, 6, 7, 8, 24] })
    // alice and dave each wrote two comments, one of them about 番外篇.
    expect(byText(phrases, '番外篇')).toMatchObject({ comments: 5, authors: 4, likes: 12 + 3 + 5 + 1 + 0, rows: [0, 1, 2, 3, 26] })
    expect(byText(phrases, '课后题')).toMatchObject({ comments: 3, authors: 3, likes: 8, rows: [9, 10, 11] })
    // Ranked by authors weighted by length: 番外篇 (4 authors, 3 characters) before 源码 (6 authors, 2).
    expect(phrases.slice(0, 3).map((p) => p.text)).toEqual(['番外篇', '源码', '课后题'])
  })

  it('drops fragments that only occur inside a longer phrase', () => {
    const texts = phrases.map((p) => p.text)
    for (const t of ['番外', '外篇', '课后', '后题']) expect(texts).not.toContain(t)
  })

  it('never returns praise or boilerplate, however often it is repeated', () => {
    expectClean(phrases)
    for (const p of phrases) expect(p.text).not.toMatch(/收获|谢谢|感谢|打卡|学习了|受益|讲得|写得|老师/)
  })

  it('honours minCount, limit, maxLength and stopPhrases', () => {
    const min4 = discoverPhrases(handTexts, handAuthors, handLikes, { minCount: 4 })
    expect(min4.map((p) => p.text)).toEqual(['番外篇', '源码'])
    expect(discoverPhrases(handTexts, handAuthors, handLikes, { limit: 2 })).toEqual(phrases.slice(0, 2))
    expect(discoverPhrases(handTexts, handAuthors, handLikes, { limit: 0 })).toEqual([])
    for (const p of discoverPhrases(handTexts, handAuthors, handLikes, { maxLength: 2 })) expect([...p.text].length).toBeLessThanOrEqual(2)
    const noBonus = discoverPhrases(handTexts, handAuthors, handLikes, { stopPhrases: [...DEFAULT_STOP_PHRASES, '番外'] })
    expect(noBonus.some((p) => p.text.includes('番外'))).toBe(false)
    expect(byText(noBonus, '源码')?.comments).toBe(6)
  })

  it('treats a Latin word as one lower-cased unit; single words only with minLength 1', () => {
    expect(phrases.some((p) => p.text === 'pdf')).toBe(false)
    const words = discoverPhrases(handTexts, handAuthors, handLikes, { minLength: 1 })
    expect(byText(words, 'pdf')).toMatchObject({ comments: 3, authors: 3, rows: [21, 22, 23] })
  })
})

describe('discoverPhrases details', () => {
  it('exposes the praise and boilerplate list', () => {
    for (const s of ['老师讲得', '谢谢老师', '感谢老师', '收获很大', '讲得很好', '打卡', '学习了', '受益匪浅', '写得好'])
      expect(DEFAULT_STOP_PHRASES).toContain(s)
  })

  it('joins Latin word n-grams with a space and keeps version numbers inside a word', () => {
    const texts = ['etcd 3.5 发布了吗', '升级到 etcd 3.5 以后', 'ETCD 3.5 的新特性', '我们还在用 etcd 3.4']
    const p = discoverPhrases(texts, [0, 1, 2, 3], [0, 0, 0, 0])
    expect(byText(p, 'etcd 3.5')).toMatchObject({ comments: 3, rows: [0, 1, 2] })
  })

  it('maps full-width letters to half-width and splits runs at punctuation, emoji and URLs', () => {
    const texts = [
      '希望出番外篇😀好',
      '番外篇，https://example.com/番外篇',
      '期待番外篇。',
      'ＰＤＦ的番外篇',
      '分布式锁的实现讲得很透彻',
      '租约续期的机制没看懂',
    ]
    const p = discoverPhrases(texts, [0, 1, 2, 3, 4, 5], [1, 1, 1, 1, 1, 1])
    // Row 1 has it twice (once after a URL, which is removed): still one comment.
    expect(byText(p, '番外篇')).toMatchObject({ comments: 4, rows: [0, 1, 2, 3] })
    const full = discoverPhrases(['ＰＤＦ呢', '求个ｐｄｆ', 'Pdf 在哪'], [0, 1, 2], [0, 0, 0], { minLength: 1 })
    expect(byText(full, 'pdf')).toMatchObject({ comments: 3 })
  })

  it('caps rows at 500, in row order, while counting every comment', () => {
    const pre = ['希望', '期待', '求', '想看', '坐等', '来个', '再出']
    const post = ['！', '吧', '呀', '，谢谢', '。']
    const texts = Array.from({ length: 700 }, (_, i) => (i % 3 === 2 ? '今天天气不错' : `${pre[i % 7]}番外篇${post[i % 5]}`))
    const p = byText(
      discoverPhrases(
        texts,
        texts.map((_, i) => i % 50),
        texts.map(() => 1),
      ),
      '番外篇',
    )
    const rows = rowsContaining(texts, '番外篇')
    expect(p?.comments).toBe(rows.length)
    expect(p?.authors).toBe(50)
    expect(p?.rows).toEqual(rows.slice(0, 500))
  })

  it('returns nothing for empty or phrase-free input', () => {
    expect(discoverPhrases([], [], [])).toEqual([])
    expect(discoverPhrases(['', '😀', '!!!'], [0, 1, 2], [0, 0, 0])).toEqual([])
    expect(discoverPhrases(['只有一条留言'], [0], [0])).toEqual([])
  })

  it('copes with missing authors and likes', () => {
    const texts = ['想看番外篇', '期待番外篇！', '番外篇呢']
    const p = byText(discoverPhrases(texts, [], []), '番外篇')
    expect(p).toMatchObject({ comments: 3, authors: 1, likes: 0 })
  })
})
