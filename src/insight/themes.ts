/**
 * Request themes: what readers ask for. A comment matches a theme when, in one sentence, a
 * request cue (希望, 求, 能否, 有没有, 什么时候, 期待, please …) stands with one of the theme's
 * objects (加餐, 思考题+答案, PDF …), or when it holds an unmistakable object (催更, 勘误) that
 * is a request by itself. A word merely appearing ("慢慢看源码", "这篇加餐很棒") is not a request.
 *
 * Patterns use a small safe language, never user regular expressions (a shared link must not be
 * able to freeze the tab):
 * - a term is literal text, matched case-insensitively;
 * - `*` stands for up to four characters inside one sentence (at most two per alternative);
 * - `a|b` gives alternatives for one part;
 * - `a+b` needs every part in the same sentence, in any order;
 * - `-word` is a decoy: a longer word that merely contains a term (`-集群` for `群`, `-要求` for
 *   `求`). Text a decoy covers never counts as a term of that list; a decoy in `objects` or
 *   `strong` serves both lists.
 * Every term compiles to alternations of literals with bounded gaps, so matching stays linear.
 */

export interface LocalizedName {
  zh: string
  en: string
}

export interface ThemeDef {
  id: string
  name: LocalizedName
  /** What is asked for: matched together with a request cue. */
  objects: string[]
  /** Objects that are a request on their own (催更, 勘误). */
  strong: string[]
  /** Cues that count for this theme only (on top of the shared request cues). */
  cues: string[]
  /** A sentence holding one of these never matches the theme. */
  exclude: string[]
  enabled: boolean
}

/**
 * Cues shared by every theme: ways readers ask, in Chinese and English. Question words that do
 * not ask for anything (请问, 想问) are left out on purpose: "请问源码里的 X 是什么意思" asks
 * about the source, not for it. Decoys keep words that only contain a cue from counting
 * (要求/需求/请求 are not 求; 敬请期待 is the editor's announcement, not a reader's wish).
 */
export const REQUEST_CUES = [
  '希望|期盼|盼望|渴望|想要|想看|想求|同求|跪求|求|蹲一个|蹲个',
  '-要求|需求|追求|请求|诉求|寻求|力求|讲求|谋求|苛求|求和|求职|征求|求证|求值|求同|求是|务求',
  '能否|能不能|可否|可不可以|可以*吗|可以*么|可以*嘛|能*吗|能*么|能*嘛',
  '有没有|有无|是否有|是否会有|会不会有|还会有',
  '什么时候|啥时候|何时|多久|催|期待|坐等|等着|等待|盼',
  '-敬请期待|感谢等待|谢谢等待|等待时间|等待队列|等待超时|锁等待|等待锁|催化',
  '麻烦|建议|最好能|最好可以|最好有|最好给|要是能|要是有|如果能|如果有',
  '-很麻烦|太麻烦|比较麻烦|挺麻烦|有点麻烦|更麻烦|最麻烦|好麻烦|麻烦的|麻烦了|麻烦事|怕麻烦|嫌麻烦|会麻烦|就麻烦|非常麻烦|特别麻烦|也麻烦',
  '出一|来一|出个|来个|能给|可以给|能出|能提供|可以提供',
  '-来一遍|来一次',
  '哪里|在哪|哪儿|怎么获取|如何获取|怎么下载|如何下载|怎么加|如何加入|怎么进|能找到|找得到|哪里找|在哪找',
  '能推荐|可以推荐|推荐一下|推荐一些|推荐几|求推荐|有什么推荐|有没有推荐|recommend',
  '-哪一层|哪层|哪个层|放在哪|放哪|在哪一|哪里不|哪里错|哪里有问题',
  '分享一下|分享下|给一下|发一下|贴一下|提供一下|提供下|给个|给一个|给*个|给一份|发个|发一份|留个|公布|放出来|发出来|开源|补充下|补充一下|呗',
  '-分享一下我|分享下我|给大家分享|分享给大家|我补充|补充一下我',
  // A yes/no question about whether something exists: 有 … 吗 anywhere in the sentence.
  '有+吗|么|嘛',
  'please|pls|plz|could you|would you|can you|will you|would love|i\'d love|would be great|hope|wish|looking forward|look forward|any plan|when will|when is|where can|where is|is there|are there|do you have|is it possible|how can i get|waiting for|can we get|could we get|anywhere|published|post the|publish the|release the',
]

export const DEFAULT_THEMES: ThemeDef[] = [
  {
    id: 'bonus',
    name: { zh: '加餐与番外', en: 'Bonus content' },
    objects: [
      '加餐|番外|彩蛋|续集|进阶篇|特别篇|专题|直播|bonus|extra episode|extra lesson|extra chapter|live stream|livestream|follow-up|sequel|special episode',
      '新专栏|新的专栏|新课|新的课|新课程|一门课|下一门|第二季|下一季|续作|进阶*课|高阶*课|进阶版|高级篇|new course|new column|another course|next course|advanced course',
      'q&a session|live q&a|live session|ama',
      '实战*项目',
      // More courses: 再出/多出 … 课程.
      '再出|多出|还出|再开|多开|出一门+课|专栏|系列|第二季',
      // Talks addressed to all readers are content, not a question for the reply.
      '给我们|给大家|带我们|带大家+讲|说说|介绍|聊聊|分析|演示|展示',
      // "可以讲讲 X 吗" asks a question; a suggestion to talk about X asks for content.
      '讲讲|讲一讲|讲一下|说说|聊聊|介绍一下|分析一下|展示一下+建议|希望|期待|我觉得*可以|可以考虑|最好|如果能|要是能',
      '多讲|再讲|专门*讲|单独*讲|展开*讲|多举|多补充|多介绍|多分享|专门*一篇|单独*一篇|more examples|cover more|go deeper',
      '-直播推广|直播间|直播带货',
    ],
    strong: ['求加餐|求番外|加个餐|加一期|加一讲|加一篇|再讲讲|多讲讲|再来一期|出个番外|来个番外|来个加餐'],
    cues: ['我觉得*可以', '可以考虑', '可以多', '能多', '应该多'],
    exclude: [
      // Praise of, or news about, a bonus episode that exists.
      '这篇加餐|这次加餐|本篇加餐|这期加餐|这个加餐|这一篇加餐|最后的加餐|上一篇加餐',
      '加餐很|加餐太|加餐真|加餐非常|加餐写得|加餐讲得|加餐不错|加餐精彩|加餐棒|加餐干货|加餐收获',
      '看了加餐|看完加餐|学完加餐|读完加餐|看了*加餐|看完*加餐|准备加餐|正在*加餐',
    ],
    enabled: true,
  },
  {
    id: 'answers',
    name: { zh: '思考题答案', en: 'Exercise answers' },
    objects: [
      '思考题|课后题|课后问题|课后习题|课后作业|课后练习|习题|作业题|练习题|留的问题|留的题|exercise|exercises|homework|quiz+答案|答疑|解答|讲解|解析|揭晓|讲一下|讲讲|说一下|answer|answers|solution|solutions',
      '答案+公布|揭晓|给出|放出|贴出|贴一下|附上|附一下|出一下|对一下|核对',
      '参考答案|标准答案|答疑篇|答案篇|答疑课',
      '-没有标准答案|没有固定答案|没有唯一答案|没有统一答案',
    ],
    strong: ['求答案|答案呢|答案在哪|答案什么时候|公布答案|公布一下答案|揭晓答案|催*答案|催更*思考题|思考题*催更'],
    cues: [],
    // A reader posting an own answer is not asking for one.
    exclude: ['我的答案|我的回答|我的思考|我的理解|我的想法|我的看法|我的解答|我理解是|个人理解|答案是|答案应该是|答案如下|答：|答:|答案：|答案:|回答一下|回答问题|回答思考题|试着回答|尝试回答|作答|思考题：|思考题:|课后题：|my answer'],
    enabled: true,
  },
  {
    id: 'materials',
    name: { zh: '资料与源码', en: 'Materials & source code' },
    objects: [
      'pdf|课件|讲义|ppt|slides|脑图|思维导图|电子书|电子版|文字版|文字稿|离线版|markdown|资料|参考资料|参考文献|书单|书籍|参考书|入门书|论文|链接|下载|高清版|高清图|原图|大图|源文件|笔记|纸质书',
      // Asking for a recommendation, not recommending: 能推荐…书吗 vs 推荐这本书.
      '能推荐|可以推荐|推荐一下|推荐一些|推荐几|求推荐|有什么推荐|有没有推荐|写过+书|书籍|文章|博客|资料|论文|教程',
      'demo|示例代码|样例代码|实例代码|完整代码|完整的代码|配套代码|配套的代码',
      '示例工程|样例工程|示例项目|代码库|代码仓库|源码|源代码|git地址|git仓库|git项目|git链接|项目地址|仓库地址|source code|sample code|example code|github repo|git repo|code repo|download|link|links',
      // 代码 alone is everywhere in a programming course: it counts when it is to be handed over.
      '代码|code+github|git|gitee|仓库|地址|链接|下载|放出|发出|贴出|贴一下|上传|开源|公开|放到|放上|给个|给一个|附上|提供一下|提供下|分享一下|分享下|看到|示例|例子|案例|说明|演示一下|展示一下',
      '提供*参考|可以参考的|参考的资料|参考文档|参考链接',
      '例子|案例|项目|工程+github|git|gitee|仓库|开源|源码|下载',
      'github|gitee|git+地址|链接|仓库|项目|工程|代码|源码|demo|放到|放上|上传|开源|公开|贴出|发出|放出',
      '出书|出本书|出一本书|纸质版|打印版|book version',
      '-看源码|读源码|翻源码|撸源码|啃源码|源码分析|源码解读|源码剖析|源码里|源码中|看了*源码|看过*源码|分析*源码',
      '-我的*demo|我的*代码|我们的*代码|我写的|我整理的|下载了|已下载|下载好|下载量|下载次数|下载速度',
    ],
    // Complaints that code is missing ask for it as plainly as a question does.
    strong: [
      'show me the code|show the code',
      '没有|缺少|缺乏|缺+demo|示例代码|样例代码|代码示例|代码例子|完整*代码|配套*代码|代码库|源码|实战代码|具体代码|可运行*代码',
    ],
    cues: ['可以提供|能提供|可以参考的'],
    exclude: ['我整理了|我的思维导图|我的笔记|需要的*自取|自取'],
    enabled: true,
  },
  {
    id: 'updates',
    name: { zh: '更新进度', en: 'Update pace' },
    objects: [
      // Waiting and urging words make 更新 the course's, not a database's.
      '更新|两更|一更|周更|日更|next update|new lesson|new episode+什么时候|啥时候|何时|多久|快点|快些|尽快|赶紧|加快|期待|坐等|等着|盼|催|太慢|好慢|when|waiting|looking forward',
      '下一讲|下一篇|下一期|下一节|下一章|下一课|下讲|下篇|新一讲|后续*课程|后续*内容|后续*文章|后续*章节|后面*课程|后面*章节|后面*内容|next lesson|next episode|next chapter|next part|next article+什么时候|啥时候|何时|多久|快点|尽快|期待|坐等|等着|盼|催|when|looking forward|can\'t wait|cannot wait',
      // Data that gets updated: 缓存什么时候更新 asks about the system, not the course.
      '-数据*更新|缓存*更新|状态*更新|版本*更新|索引*更新|库存*更新|配置*更新|列表*更新|副本*更新|字段*更新|记录*更新|视图*更新',
      '-更新数据|更新缓存|更新状态|更新库存|更新索引|更新配置|更新操作|更新时|更新的时候|更新一次|更新成功|更新失败|同时更新|更新完|已更新|已经更新|更新到|更新后|更新之后|更新为|更新字段|更新记录',
      '-实时更新|异步更新|批量更新|增量更新|全量更新|更新表|更新语句|更新请求|更新接口|数据库更新',
    ],
    strong: ['好久没更|很久没更|好久没有更新|很久没有更新|一直没更新|还没更新|怎么还不更|怎么不更', '催更|求更|快更|更新太慢|更新好慢|更新慢|更新*太慢|更新*好慢|什么时候更新|啥时候更新|何时更新|还更新吗|还会*更新|继续更新|停更|断更|不更了|还更吗|坐等更新|期待更新|求更新'],
    cues: ['快点|快些|尽快|赶紧|加快|太慢|好慢'],
    exclude: [],
    enabled: true,
  },
  {
    id: 'contact',
    name: { zh: '联系方式与社群', en: 'Contact & community' },
    objects: [
      '微信|微信号|vx|wx|联系方式|邮箱|e-mail|email|qq|公众号|好友|私聊|私信|联系老师|联系你|联系您|wechat|slack|discord|telegram|mailing list|contact',
      '交流群|读者群|学习群|技术群|讨论群|微信群|qq群|社群|群|community|group chat|discussion group',
      // 集群 (cluster) and friends are not reader groups.
      '-集群|群集|群组|羊群|群体|人群|族群|群里|在群|群发|群众|机群|加群组|增加群|建群组',
      '-微信支付|微信登录|微信小程序|公众号端|微信端|qq音乐|公众号文章|公众号上|公众号里|公众号的文章|好友关系|好友列表|好友功能|好友请求',
    ],
    strong: ['加个好友|加好友|加个微信|加微信|加下微信|加你微信|加您微信|留个微信|留个联系方式|拉个群|拉群|建个群|建群|进群|加群|求拉|拉我|组队学习|一起学习的群'],
    cues: ['多少|是什么|是啥|怎么联系|如何联系|怎么加|如何加|加一下|加个|留个|拉我|求拉|有*群'],
    exclude: [],
    enabled: true,
  },
  {
    id: 'errata',
    name: { zh: '勘误', en: 'Errata' },
    objects: [],
    // A report is the request: a word for a slip, or a place in the text next to "wrong".
    strong: [
      '勘误|笔误|错别字|错字|写错|画错|打错|标错|写反|画反|标反|弄反|typo|erratum|errata|misprint',
      '文中|文章中|文章里|原文|正文|这里的|此处|图中|图里|图上|这张图|这个图|第*段|第*行|第*句|第*张图|上文|示例代码|代码示例|这句话|这一句|in the article|in the text|in the figure|in the diagram|paragraph|figure|diagram|line|sample code|code sample|snippet+有误|错了|不对|反了|反过来|少了|漏了|多了一|矛盾|不一致|不准确|应该改成|应改为|应该改为|wrong|mistake|incorrect|inconsistent|should be|an error|a typo|reversed|swapped',
      '-对不对|对不|报错|出错|错误码|错误处理|错误日志|错误信息|理解错|想错|记错|看错|搞错|弄错|理解有误',
    ],
    cues: [],
    exclude: ['如有错误|如果有错误|如有不对|欢迎指正|请指正|还请指正|望指正'],
    enabled: true,
  },
]

export interface ThemeMatch {
  /** Index of the theme in the list the matcher was built from. */
  theme: number
  /** Spans [start, end) in the text to highlight: the object(s) and the cue. */
  spans: [number, number][]
}

// ---------------------------------------------------------------------------------------------
// The pattern language

const MAX_TERM = 600
const MAX_ALT = 40
const MAX_ALTS = 40
const MAX_PARTS = 4
const MAX_WILDCARDS = 2
const MAX_TERMS = 80

interface ParsedTerm {
  decoy: boolean
  /** Parts that must all occur; each a list of alternatives (literal text with `*`). */
  parts: string[][]
}

function cleanAlt(raw: string): string | null {
  // A sentence end inside a term could never match within one sentence: it is dropped. Wildcards
  // at the ends add nothing but a longer highlight.
  const a = raw
    .replace(/[。！？!?；;\n\r…]/g, '')
    .replace(/\*+/g, '*')
    .replace(/^[\s*]+|[\s*]+$/g, '')
  if (!a || a.length > MAX_ALT) return null
  // A term must hold some literal text: `*` alone would match anything.
  if (a.replace(/[*\s]/g, '') === '') return null
  if ((a.match(/\*/g)?.length ?? 0) > MAX_WILDCARDS) return null
  return a
}

function parseTerm(raw: string): ParsedTerm | null {
  let s = raw.trim()
  // A lone '-' is a decoy marker with nothing to hide.
  if (!s || s === '-' || s.length > MAX_TERM) return null
  const decoy = s[0] === '-'
  if (decoy) s = s.slice(1)
  const parts: string[][] = []
  for (const p of s.split('+')) {
    const alts: string[] = []
    for (const a of p.split('|')) {
      const c = cleanAlt(a)
      if (c && !alts.includes(c)) alts.push(c)
      if (alts.length >= MAX_ALTS) break
    }
    if (alts.length) parts.push(alts)
  }
  if (parts.length === 0 || parts.length > MAX_PARTS) return null
  // A decoy is one word; "a+b" as a decoy means nothing.
  if (decoy && parts.length > 1) return null
  // '*-x' would come out as '-x', a decoy: such a term is ambiguous, drop it.
  if (!decoy && parts[0][0].startsWith('-')) return null
  return { decoy, parts }
}

const serialize = (t: ParsedTerm) => (t.decoy ? '-' : '') + t.parts.map((p) => p.join('|')).join('+')

/** Keeps only terms the safe language accepts (bounded length, alternatives and wildcards), normalised. */
export function sanitizeTerms(terms: string[]): string[] {
  const out: string[] = []
  for (const t of terms) {
    if (typeof t !== 'string') continue
    const p = parseTerm(t)
    if (!p) continue
    out.push(serialize(p))
    if (out.length >= MAX_TERMS) break
  }
  return out
}

// Characters that end a sentence; a wildcard never crosses one.
const WILDCARD = '[^。！？!?；;\\n\\r…]{0,4}'
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
// English words match whole: 'repo' must not fire inside 'reporting'.
const WORD = /[a-z0-9]/
function altSource(a: string): string {
  const s = a.toLowerCase()
  const body = s.split('*').map(escape).join(WILDCARD)
  return (WORD.test(s[0]) ? '(?<![a-z0-9])' : '') + body + (WORD.test(s[s.length - 1]) ? '(?![a-z0-9])' : '')
}

/**
 * One part: `(decoys)|alternatives`; group 1 is set when a decoy matched. A decoy can only hide
 * an alternative that starts inside it, so it is left out of parts none of whose alternatives
 * begins with one of its characters (unless a wildcard in it could cover any character).
 */
function partRegex(alts: string[], decoys: string[]): RegExp {
  const body = alts.map(altSource).join('|')
  const firsts = new Set(alts.map((a) => a[0].toLowerCase()))
  const relevant = decoys.filter((d) => d.includes('*') || d.toLowerCase().split('').some((c) => firsts.has(c)))
  const src = relevant.length ? `(${relevant.map(altSource).join('|')})|(?:${body})` : body
  return new RegExp(src, 'gi')
}

/**
 * A unit of matching: one regex per part that must all hit in a sentence (a list's single-part
 * terms form one unit with one part). `alts` holds, for each alternative of the first part, its
 * literal chunks: one of them occurs in every text the unit matches (for prefiltering).
 */
export interface Unit {
  parts: RegExp[]
  alts: string[][]
}

/** A list of terms: single-part terms merged into one regex, compound terms kept as parts. */
export interface TermSet {
  flat: RegExp | null
  compound: RegExp[][]
  units: Unit[]
  /** Memo of the sentences hit in the text being matched (the shared cues serve every theme). */
  memoText: number
  memoAny: boolean
  memo: Uint32Array
}

function parseList(terms: string[]): ParsedTerm[] {
  return sanitizeTerms(terms)
    .map(parseTerm)
    .filter((t): t is ParsedTerm => t !== null)
}

const decoysOf = (list: ParsedTerm[]) => list.filter((t) => t.decoy).flatMap((t) => t.parts[0])
const chunksOf = (alt: string) => alt.toLowerCase().split('*').map((c) => c.trim()).filter(Boolean)

function buildSet(list: ParsedTerm[], decoys: string[]): TermSet {
  const real = list.filter((t) => !t.decoy)
  const single = real.filter((t) => t.parts.length === 1).flatMap((t) => t.parts[0])
  const flat = single.length ? partRegex(single, decoys) : null
  const compoundTerms = real.filter((t) => t.parts.length > 1)
  const compound = compoundTerms.map((t) => t.parts.map((p) => partRegex(p, decoys)))
  const units: Unit[] = []
  if (flat) units.push({ parts: [flat], alts: single.map(chunksOf) })
  compoundTerms.forEach((t, i) => units.push({ parts: compound[i], alts: t.parts[0].map(chunksOf) }))
  return { flat, compound, units, memoText: -1, memoAny: false, memo: new Uint32Array(0) }
}

const emptySet = (set: TermSet) => !set.flat && set.compound.length === 0

// Shared cues compile once per cue list, so that every theme refers to the same regexes and a
// text is scanned for them once, not once per theme.
const sharedCueSets = new WeakMap<string[], TermSet>()

function sharedCueSet(cues: string[]): TermSet {
  let set = sharedCueSets.get(cues)
  if (!set) {
    const list = parseList(cues)
    set = buildSet(list, decoysOf(list))
    sharedCueSets.set(cues, set)
  }
  return set
}

export interface CompiledTheme {
  def: ThemeDef
  /** Alternatives of objects; each is a list of parts that must all occur. */
  objects: RegExp[][]
  /** Single-part strong terms, the theme's own single-part cues, and exclusions. */
  strong: RegExp | null
  cues: RegExp | null
  exclude: RegExp | null
  /** Literal chunks of which at least one occurs in any matching text (lower-cased). */
  anchors: string[]
  /** Internal: the term sets behind the fields above, with compound (`a+b`) terms. */
  sets: { strong: TermSet; objects: TermSet; cues: TermSet; sharedCues: TermSet; exclude: TermSet }
}

export function compileTheme(def: ThemeDef, sharedCues: string[] = REQUEST_CUES): CompiledTheme {
  const objects = parseList(def.objects ?? [])
  const strong = parseList(def.strong ?? [])
  const cues = parseList(def.cues ?? [])
  const exclude = parseList(def.exclude ?? [])
  const objDecoys = [...decoysOf(objects), ...decoysOf(strong)]
  const o = buildSet(objects, objDecoys)
  const s = buildSet(strong, objDecoys)
  const c = buildSet(cues, decoysOf(cues))
  const e = buildSet(exclude, decoysOf(exclude))
  return {
    def,
    objects: o.units.map((u) => u.parts),
    strong: s.flat,
    cues: c.flat,
    exclude: e.flat,
    anchors: [...s.units, ...o.units].flatMap((u) => u.alts.flat()),
    sets: { strong: s, objects: o, cues: c, sharedCues: sharedCueSet(sharedCues), exclude: e },
  }
}

// ---------------------------------------------------------------------------------------------
// Matching. Each regex runs once over the whole text and marks the sentences it hits in a bit
// set; a theme is then a few AND/OR operations over those sets. Scratch buffers are reused, so a
// text costs no allocation beyond the regex engine's own match objects.

let starts = new Int32Array(64)
let ends = new Int32Array(64)
let capacityWords = 0
let scratch: Uint32Array[] = []
const SCRATCH = 7
/** Identifies the text being matched, for the term-set memos. */
let textSerial = 0

// Characters that end a sentence: 。！？!?；;\n\r… (a run of three or more dots too, below).
const END = new Uint8Array(0x10000)
for (const c of '。！？!?；;\n\r…') END[c.charCodeAt(0)] = 1

function pushSentence(n: number, start: number, end: number) {
  if (n === starts.length) {
    const s2 = new Int32Array(n * 2)
    s2.set(starts)
    starts = s2
    const e2 = new Int32Array(n * 2)
    e2.set(ends)
    ends = e2
  }
  starts[n] = start
  ends[n] = end
}

/** Splits into sentence ranges (into `starts`/`ends`); returns their count. */
function splitSentences(text: string): number {
  textSerial++
  let n = 0
  let start = 0
  const len = text.length
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i)
    let skip: number
    if (END[c] === 1) skip = 1
    else if (c === 0x2e && i + 2 < len && text.charCodeAt(i + 1) === 0x2e && text.charCodeAt(i + 2) === 0x2e) {
      skip = 3
      while (i + skip < len && text.charCodeAt(i + skip) === 0x2e) skip++
    } else continue
    if (i > start) pushSentence(n++, start, i)
    i += skip - 1
    start = i + 1
  }
  if (len > start) pushSentence(n++, start, len)
  return n
}

function ensureScratch(words: number) {
  if (words <= capacityWords) return
  capacityWords = Math.max(words, capacityWords * 2, 4)
  scratch = Array.from({ length: SCRATCH }, () => new Uint32Array(capacityWords))
}

/** Marks in `out` the sentences where `re` has a match that is not a decoy; true if any. */
function mark(re: RegExp, text: string, n: number, words: number, out: Uint32Array): boolean {
  out.fill(0, 0, words)
  let any = false
  let si = 0
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = m.index
    const e = s + m[0].length
    if (e === s) {
      re.lastIndex++
      continue
    }
    if (m[1] !== undefined) continue
    while (si < n && ends[si] <= s) si++
    if (si >= n) break
    if (s < starts[si] || e > ends[si]) continue
    out[si >>> 5] |= 1 << (si & 31)
    any = true
    // One hit per sentence is enough: jump to the next sentence.
    if (re.lastIndex < ends[si]) re.lastIndex = ends[si]
  }
  re.lastIndex = 0
  return any
}

/** `out` = sentences where every part matches. */
function markAll(parts: RegExp[], text: string, n: number, words: number, out: Uint32Array, tmp: Uint32Array): boolean {
  if (!mark(parts[0], text, n, words, out)) return false
  for (let p = 1; p < parts.length; p++) {
    if (!mark(parts[p], text, n, words, tmp)) return false
    let any = 0
    for (let w = 0; w < words; w++) any |= out[w] &= tmp[w]
    if (!any) return false
  }
  return true
}

/** `out` = sentences where the set's flat regex or any of its compound terms matches. */
function markSet(set: TermSet, text: string, n: number, words: number, out: Uint32Array, a: Uint32Array, b: Uint32Array): boolean {
  if (set.memoText === textSerial) {
    const memo = set.memo
    for (let w = 0; w < words; w++) out[w] = memo[w]
    return set.memoAny
  }
  out.fill(0, 0, words)
  let any = false
  if (set.flat && mark(set.flat, text, n, words, a)) {
    for (let w = 0; w < words; w++) out[w] |= a[w]
    any = true
  }
  for (const parts of set.compound) {
    if (markAll(parts, text, n, words, a, b)) {
      for (let w = 0; w < words; w++) out[w] |= a[w]
      any = true
    }
  }
  if (set.memo.length < words) set.memo = new Uint32Array(Math.max(words, 4))
  const memo = set.memo
  for (let w = 0; w < words; w++) memo[w] = out[w]
  set.memoAny = any
  set.memoText = textSerial
  return any
}

const [S_EXCL, S_STRONG, S_CUE, S_OBJ, S_A, S_B, S_RESULT] = [0, 1, 2, 3, 4, 5, 6]

const ALL_UNITS = -1
/** Unit `k` may match: its bit is set in `on` (units past 30 are always tried). */
const unitOn = (on: number, k: number) => k > 30 || ((on >>> k) & 1) === 1

/** `out` = sentences where any unit of the list that is switched on in `on` matches. */
function markUnits(units: Unit[], on: number, text: string, n: number, words: number, out: Uint32Array, a: Uint32Array, b: Uint32Array): boolean {
  out.fill(0, 0, words)
  let any = false
  for (let k = 0; k < units.length; k++) {
    if (!unitOn(on, k) || !markAll(units[k].parts, text, n, words, a, b)) continue
    for (let w = 0; w < words; w++) out[w] |= a[w]
    any = true
  }
  return any
}

/**
 * Sentences of the current text (split into `n` sentences) where theme `t` matches, into
 * scratch[S_RESULT]; false when none. `strongOn`/`objectsOn` say which units the prefilter left
 * possible. With `all` false it stops at the first hit.
 */
function evalTheme(t: CompiledTheme, text: string, n: number, all: boolean, strongOn = ALL_UNITS, objectsOn = ALL_UNITS): boolean {
  const words = (n + 31) >>> 5
  ensureScratch(words)
  const excl = scratch[S_EXCL]
  const strong = scratch[S_STRONG]
  const cue = scratch[S_CUE]
  const obj = scratch[S_OBJ]
  const a = scratch[S_A]
  const b = scratch[S_B]
  const result = scratch[S_RESULT]
  result.fill(0, 0, words)
  let found = false
  if (strongOn !== 0 && markUnits(t.sets.strong.units, strongOn, text, n, words, strong, a, b)) {
    // Every term set memoises its sentences per text, so asking twice costs a copy.
    markSet(t.sets.exclude, text, n, words, excl, a, b)
    for (let w = 0; w < words; w++) if ((result[w] = strong[w] & ~excl[w])) found = true
    if (found && !all) return true
  }
  // Objects first (most texts hold none), then the cues, which are memoised per text.
  if (objectsOn === 0 || !markUnits(t.sets.objects.units, objectsOn, text, n, words, obj, a, b)) return found
  let anyCue = markSet(t.sets.sharedCues, text, n, words, cue, a, b)
  if (!emptySet(t.sets.cues) && markSet(t.sets.cues, text, n, words, a, b, excl)) {
    for (let w = 0; w < words; w++) cue[w] |= a[w]
    anyCue = true
  }
  if (!anyCue) return found
  let hit = 0
  for (let w = 0; w < words; w++) hit |= obj[w] &= cue[w]
  if (!hit) return found
  markSet(t.sets.exclude, text, n, words, excl, a, b)
  for (let w = 0; w < words; w++) {
    const h = obj[w] & ~excl[w]
    if (h) found = true
    result[w] |= h
  }
  return found
}

/** First non-decoy match of `re` inside [from, to). */
function findIn(re: RegExp, text: string, from: number, to: number): [number, number] | null {
  re.lastIndex = from
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const e = m.index + m[0].length
    if (e === m.index) {
      re.lastIndex++
      continue
    }
    if (m[1] !== undefined) continue
    if (e > to) {
      re.lastIndex = m.index + 1
      continue
    }
    re.lastIndex = 0
    return [m.index, e]
  }
  re.lastIndex = 0
  return null
}

function findAll(parts: RegExp[], text: string, from: number, to: number): [number, number][] | null {
  const spans: [number, number][] = []
  for (const re of parts) {
    const sp = findIn(re, text, from, to)
    if (!sp) return null
    spans.push(sp)
  }
  return spans
}

function findSet(set: TermSet, text: string, from: number, to: number): [number, number][] | null {
  const sp = set.flat && findIn(set.flat, text, from, to)
  if (sp) return [sp]
  for (const parts of set.compound) {
    const s = findAll(parts, text, from, to)
    if (s) return s
  }
  return null
}

/** Highlight spans of one matching sentence: the strong term, or the object parts and the cue. */
function sentenceSpans(t: CompiledTheme, text: string, a: number, b: number): [number, number][] {
  const strong = findSet(t.sets.strong, text, a, b)
  if (strong) return strong
  const cue = findSet(t.sets.cues, text, a, b) ?? findSet(t.sets.sharedCues, text, a, b)
  if (!cue) return []
  for (const parts of t.objects) {
    const spans = findAll(parts, text, a, b)
    if (spans) return spans.concat(cue).sort((x, y) => x[0] - y[0])
  }
  return []
}

/** Themes a text asks for, with spans for highlighting. */
export function matchThemes(text: string, themes: CompiledTheme[]): ThemeMatch[] {
  const out: ThemeMatch[] = []
  if (!text) return out
  const n = splitSentences(text)
  if (n === 0) return out
  for (let ti = 0; ti < themes.length; ti++) {
    const t = themes[ti]
    if (!t.def.enabled || !evalTheme(t, text, n, true)) continue
    const result = scratch[S_RESULT]
    const spans: [number, number][] = []
    for (let si = 0; si < n; si++) {
      if (result[si >>> 5] & (1 << (si & 31))) spans.push(...sentenceSpans(t, text, starts[si], ends[si]))
    }
    out.push({ theme: ti, spans })
  }
  return out
}

/**
 * A prefilter for many texts. Every unit (a term list's single-part terms, or one compound term)
 * gets a bit, or, past 32 units, every theme does. Each alternative of a unit contributes one
 * necessary character pair (the rarest in a sample of the texts) or a single character: single
 * characters sit in a table indexed by code unit, pairs in a small open-addressing hash table
 * keyed by the exact pair, behind a table of possible first characters. One pass over a text
 * ORs the bits of every character and pair it holds; a unit whose bit stays clear cannot match,
 * so its regexes never run.
 */
interface Prefilter {
  uni: Uint32Array
  first: Uint8Array
  keys: Uint32Array
  vals: Uint32Array
  mask: number
  /** Bits that are always set (a unit the tables cannot represent). */
  always: number
  /** Per theme: its first bit, and whether bits are per unit (else one bit for the theme). */
  offset: number[]
  perUnit: boolean
}

// Case folding beyond ASCII (as the regex 'i' flag does) is not modelled by the tables.
const hasNonAsciiCase = (s: string) => [...s].some((ch) => ch.charCodeAt(0) > 0x7f && ch.toLowerCase() !== ch.toUpperCase())
const foldCode = (c: number) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c)
const pairKey = (c0: number, c1: number) => ((c0 << 16) | c1) >>> 0
const pairSlot = (key: number, mask: number) => (Math.imul(key, 0x9e3779b1) >>> 16) & mask
const SAMPLE = 400

const themeUnits = (t: CompiledTheme) => [...t.sets.strong.units, ...t.sets.objects.units]

/** How often each candidate character and pair occurs in a sample of the texts. */
function sampleCounts(texts: string[], alts: string[][]): { single: Map<number, number>; pairs: Map<number, number> } {
  const single = new Map<number, number>()
  const pairs = new Map<number, number>()
  const first = new Uint8Array(0x10000)
  for (const chunks of alts) {
    for (const c of chunks) {
      for (let i = 0; i < c.length; i++) {
        const c0 = foldCode(c.charCodeAt(i))
        single.set(c0, 0)
        if (i + 1 < c.length) {
          pairs.set(pairKey(c0, foldCode(c.charCodeAt(i + 1))), 0)
          first[c0] = 1
        }
      }
    }
  }
  const step = Math.max(1, Math.floor(texts.length / SAMPLE))
  for (let i = 0; i < texts.length; i += step) {
    const text = texts[i] ?? ''
    let c0 = -1
    for (let j = 0; j < text.length; j++) {
      const c1 = foldCode(text.charCodeAt(j))
      const n1 = single.get(c1)
      if (n1 !== undefined) single.set(c1, n1 + 1)
      if (c0 >= 0 && first[c0] === 1) {
        const k = pairKey(c0, c1)
        const n2 = pairs.get(k)
        if (n2 !== undefined) pairs.set(k, n2 + 1)
      }
      c0 = c1
    }
  }
  return { single, pairs }
}

function buildPrefilter(themes: CompiledTheme[], texts: string[]): Prefilter {
  const units = themes.map(themeUnits)
  const total = units.reduce((s, u) => s + u.length, 0)
  const perUnit = total <= 32
  const offset: number[] = []
  let next = 0
  for (const u of units) {
    offset.push(next)
    next += perUnit ? u.length : 1
  }
  const { single, pairs: pairCounts } = sampleCounts(texts, units.flat().flatMap((u) => u.alts))
  const uni = new Uint32Array(0x10000)
  const first = new Uint8Array(0x10000)
  const pairBits = new Map<number, number>()
  let always = 0
  units.forEach((list, ti) => {
    list.forEach((unit, k) => {
      const bit = (1 << (perUnit ? offset[ti] + k : ti)) >>> 0
      for (const chunks of unit.alts) {
        if (chunks.length === 0 || chunks.some(hasNonAsciiCase)) {
          always |= bit
          continue
        }
        // The rarest pair of any chunk; a single character only when no chunk has two.
        let bestPair = -1
        let bestCount = Infinity
        let bestChar = -1
        let bestCharCount = Infinity
        for (const c of chunks) {
          for (let i = 0; i < c.length; i++) {
            const c0 = foldCode(c.charCodeAt(i))
            const n1 = single.get(c0) ?? 0
            if (n1 < bestCharCount) [bestChar, bestCharCount] = [c0, n1]
            if (i + 1 < c.length) {
              const key = pairKey(c0, foldCode(c.charCodeAt(i + 1)))
              const n2 = pairCounts.get(key) ?? 0
              if (key !== 0 && n2 < bestCount) [bestPair, bestCount] = [key, n2]
            }
          }
        }
        if (bestPair >= 0) {
          first[bestPair >>> 16] = 1
          pairBits.set(bestPair, ((pairBits.get(bestPair) ?? 0) | bit) >>> 0)
        } else if (bestChar >= 0) uni[bestChar] |= bit
        else always |= bit
      }
    })
  })
  let size = 256
  while (size < pairBits.size * 4) size *= 2
  const keys = new Uint32Array(size)
  const vals = new Uint32Array(size)
  const mask = size - 1
  for (const [key, bits] of pairBits) {
    let h = pairSlot(key, mask)
    while (keys[h] !== 0) h = (h + 1) & mask
    keys[h] = key
    vals[h] = bits
  }
  return { uni, first, keys, vals, mask, always: always >>> 0, offset, perUnit }
}

function candidates(text: string, pf: Prefilter): number {
  const { uni, first, keys, vals, mask } = pf
  let m = pf.always | uni[foldCode(text.charCodeAt(0))]
  let c0 = foldCode(text.charCodeAt(0))
  for (let i = 1; i < text.length; i++) {
    const c1 = foldCode(text.charCodeAt(i))
    m |= uni[c1]
    if (first[c0] === 1) {
      const key = pairKey(c0, c1)
      for (let h = pairSlot(key, mask); keys[h] !== 0; h = (h + 1) & mask) {
        if (keys[h] === key) {
          m |= vals[h]
          break
        }
      }
    }
    c0 = c1
  }
  return m >>> 0
}

const lowBits = (k: number) => (k >= 32 ? -1 : (1 << k) - 1)

/** Bit mask of matching themes per row (up to 32 themes), for the query engine. */
export function themeMasks(texts: string[], themes: CompiledTheme[]): Uint32Array {
  const masks = new Uint32Array(texts.length)
  const active = themes.slice(0, 32)
  if (!active.some((t) => t.def.enabled)) return masks
  const pf = buildPrefilter(active, texts)
  const counts = active.map((t) => [t.sets.strong.units.length, t.sets.objects.units.length])
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]
    if (!text) continue
    const cand = candidates(text, pf)
    if (cand === 0) continue
    let n = -1
    let m = 0
    for (let ti = 0; ti < active.length; ti++) {
      if (!active[ti].def.enabled) continue
      let strongOn = ALL_UNITS
      let objectsOn = ALL_UNITS
      const [ns, no] = counts[ti]
      if (pf.perUnit) {
        const bits = pf.offset[ti] > 31 ? 0 : cand >>> pf.offset[ti]
        strongOn = bits & lowBits(ns)
        objectsOn = ns > 31 ? 0 : (bits >>> ns) & lowBits(no)
        if (strongOn === 0 && objectsOn === 0) continue
      } else if (((cand >>> ti) & 1) === 0) continue
      // Split only when some theme may match.
      if (n < 0) n = splitSentences(text)
      if (n > 0 && evalTheme(active[ti], text, n, false, strongOn, objectsOn)) m |= 1 << ti
    }
    masks[i] = m >>> 0
  }
  return masks
}
