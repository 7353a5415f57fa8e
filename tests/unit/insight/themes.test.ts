import { describe, expect, it } from 'vitest'
import { compileTheme, matchThemes, sanitizeTerms, themeMasks, type ThemeDef } from '@/insight/themes'
import { defaultThemes, requestCues } from '@/insight/lexicon'
import { theme } from '../fixedThemes'

const hits = (def: ThemeDef, text: string) => matchThemes(text, [compileTheme(def)]).length === 1
const defaults = defaultThemes().map((t) => compileTheme(t))
const ids = (text: string) => matchThemes(text, defaults).map((m) => defaultThemes()[m.theme].id)

describe('the pattern language', () => {
  it('needs a cue and an object in one sentence', () => {
    const t = theme({ objects: ['加餐'] })
    expect(hits(t, '希望加餐')).toBe(true)
    expect(hits(t, '加餐')).toBe(false)
    expect(hits(t, '希望老师身体健康。加餐不错')).toBe(false)
  })

  it('reads `*` as up to four characters inside the sentence', () => {
    const t = theme({ objects: ['思考题*答案'] })
    expect(hits(t, '希望公布思考题的答案')).toBe(true)
    expect(hits(t, '希望公布思考题得答案')).toBe(true)
    expect(hits(t, '希望公布思考题一二三四答案')).toBe(true)
    expect(hits(t, '希望公布思考题一二三四五答案')).toBe(false)
    expect(hits(t, '希望公布思考题。答案')).toBe(false)
  })

  it('reads `a|b` as alternatives and `a+b` as parts in any order', () => {
    const t = theme({ objects: ['思考题|习题+答案|解答'] })
    expect(hits(t, '希望习题有解答')).toBe(true)
    expect(hits(t, '答案呢？希望思考题')).toBe(false)
    expect(hits(t, '希望答案和思考题一起发')).toBe(true)
  })

  it('lets decoys hide words that merely contain a term', () => {
    const t = theme({ objects: ['群', '-集群|群组'] })
    expect(hits(t, '有没有交流群')).toBe(true)
    expect(hits(t, '有没有集群监控方案')).toBe(false)
    expect(hits(t, '有没有群组管理的例子')).toBe(false)
    expect(hits(t, '集群有没有交流群')).toBe(true)
    // Shared cue decoys: 需求 is not 求, 敬请期待 is an announcement.
    const bonus = theme({ objects: ['加餐'] })
    expect(hits(bonus, '需求加餐')).toBe(false)
    expect(hits(bonus, '正在准备加餐，敬请期待')).toBe(false)
  })

  it('matches English words whole and case-insensitively', () => {
    const t = theme({ objects: ['repo'] })
    expect(hits(t, 'Is there a REPO?')).toBe(true)
    expect(hits(t, 'Is there a reporting tool?')).toBe(false)
  })

  it('takes strong terms alone, and exclusions veto their sentence only', () => {
    const t = theme({ strong: ['催更'], exclude: ['感谢追更'] })
    expect(hits(t, '催更！')).toBe(true)
    expect(hits(t, '感谢追更，催更的同学久等')).toBe(false)
    expect(hits(t, '感谢追更。催更！')).toBe(true)
  })

  it('adds theme cues to the shared ones', () => {
    expect(hits(theme({ objects: ['微信'] }), '老师微信多少')).toBe(false)
    expect(hits(theme({ objects: ['微信'], cues: ['多少'] }), '老师微信多少')).toBe(true)
    expect(hits(theme({ objects: ['微信'] }), '希望加微信')).toBe(true)
    expect(compileTheme(theme({ objects: ['微信'] }), []).sets.sharedCues.units).toHaveLength(0)
  })

  it('ignores disabled themes', () => {
    expect(matchThemes('希望加餐', [compileTheme(theme({ objects: ['加餐'], enabled: false }))])).toEqual([])
  })

  it('tries only the themes of a mask when one is given (bit k = theme k)', () => {
    const two = [compileTheme(theme({ objects: ['加餐'] })), compileTheme(theme({ objects: ['源码'] }))]
    const text = '希望加餐，也希望给出源码'
    expect(matchThemes(text, two).map((m) => m.theme)).toEqual([0, 1])
    expect(matchThemes(text, two, 0b10).map((m) => m.theme)).toEqual([1])
    expect(matchThemes(text, two, 0)).toEqual([])
  })

  it('returns spans of the object and the cue', () => {
    const text = '感谢老师。能否出一期加餐？'
    const [m] = matchThemes(text, [compileTheme(theme({ objects: ['加餐'] }))])
    expect(m.spans.map(([a, b]) => text.slice(a, b))).toEqual(['能否', '加餐'])
  })
})

describe('sanitizeTerms', () => {
  it('drops empty, wildcard-only, overlong and over-wild terms and normalises the rest', () => {
    expect(sanitizeTerms(['', '  ', '*', '**', '+', '+++', '|', '-', '-*', 'a*b*c*d', 'x'.repeat(41)])).toEqual([])
    expect(sanitizeTerms([' 加餐 ', '**思考题**答案**', 'a||b', 'a++b', '-集群'])).toEqual(['加餐', '思考题*答案', 'a|b', 'a+b', '-集群'])
    // Regex syntax is literal text: '(a+)+$' is the three parts '(a', ')' and '$'.
    expect(sanitizeTerms(['(a+)+$'])).toEqual(['(a+)+$'])
    expect(hits(theme({ objects: ['(a+)+$'] }), '希望 $ (a )')).toBe(true)
    expect(hits(theme({ objects: ['(a+)+$'] }), '希望 aaaa')).toBe(false)
    expect(sanitizeTerms(Array.from({ length: 200 }, (_, i) => `t${i}`))).toHaveLength(80)
    // Sentence ends cannot occur inside a sentence: they are dropped from terms.
    expect(sanitizeTerms(['有没有？', 'pdf?', '。！'])).toEqual(['有没有', 'pdf'])
  })

  it('is idempotent', () => {
    const once = sanitizeTerms(['思考题*得*答案', 'a|b+c|d', '-集群|群组', ' x '])
    expect(sanitizeTerms(once)).toEqual(once)
  })
})

describe('default themes', () => {
  it.each([
    ['期待加餐', ['bonus']],
    ['这篇加餐很棒', []],
    ['下一步开始慢慢看源码', []],
    ['求源码', ['materials']],
    ['思考题：我觉得应该用 Lease', []],
    ['坐等思考题答案', ['answers']],
    ['我们的集群有没有监控？', []],
    ['有读者群吗', ['contact']],
    ['错误码 500 是什么意思？', []],
    ['文中第三段写错了', ['errata']],
    ['更新库存的时候有没有并发问题？', []],
    ['什么时候更新下一讲？', ['updates']],
    // Long-range asks and reports the issue named (written here, not taken from a course).
    ['老师能把课程代码放到github上吗', ['materials']],
    ['能把每节课的思考题解答一下吗', ['answers']],
    ['是否会有章节介绍下 Raft 的日志压缩', ['bonus']],
    ['希望在后面多加一下具体设计思路', ['bonus']],
    ['第二行的讲解是不是有问题', ['errata']],
    ['这里是不是返回值写反了？', ['errata']],
    // Look-alikes: a product's WeChat, a paper's timing, data that gets updated.
    ['有没有微信红包的设计案例', []],
    ['Raft 论文里说的选举什么时候触发？', []],
    ['Redis 里的值什么时候更新', []],
    // General recommendations are not the course's materials; looking forward is not urging.
    ['老师能推荐几本分布式的书吗', []],
    ['期待下一讲', []],
  ])('%s → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected)
  })

  it('are written within the limits of the language (nothing is silently dropped or cut)', () => {
    const lists = [requestCues(), ...defaultThemes().flatMap((t) => [t.objects, t.strong, t.cues, t.exclude])]
    for (const list of lists) expect(sanitizeTerms(list)).toEqual(list)
  })

  it('compile the shared cues once for every theme', () => {
    expect(new Set(defaults.map((t) => t.sets.sharedCues)).size).toBe(1)
    expect(compileTheme(defaultThemes()[0]).sets.sharedCues).toBe(compileTheme(defaultThemes()[1], requestCues()).sets.sharedCues)
  })

  it('themeMasks agrees with matchThemes', () => {
    const texts = ['期待加餐，催更思考题...', '', '有读者群吗？求源码', '文中第三段写错了', '打卡', '我们的集群有没有监控？']
    const masks = themeMasks(texts, defaults)
    texts.forEach((t, i) => {
      const m = matchThemes(t, defaults).reduce((acc, x) => acc | (1 << x.theme), 0) >>> 0
      expect(masks[i], t).toBe(m)
    })
    expect(masks[0]).toBe(0b1011) // bonus, answers, updates
  })
})
