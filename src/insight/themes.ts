/**
 * Request themes: what readers ask for. A comment matches a theme when, in one sentence, a
 * request cue (希望, 求, 能否, 有没有, 什么时候, 期待, please …) stands with one of the theme's
 * objects (加餐, 思考题+答案, PDF …), or when it holds an unmistakable object (催更, 勘误) that
 * is a request by itself. A word merely appearing ("慢慢看源码", "这篇加餐很棒") is not a request.
 *
 * Patterns use a small safe language, never user regular expressions (a shared link must not be
 * able to freeze the tab): a term is literal text, `*` stands for up to four characters inside
 * one sentence, and `a+b` needs both parts in the same sentence, in any order.
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

/** Cues shared by every theme: ways readers ask, in Chinese and English. */
export const REQUEST_CUES = [
  '希望', '求', '能否', '能不能', '可否', '可不可以', '可以*吗', '可以*么', '能*吗', '有没有', '有无', '是否有', '会不会有', '还会有',
  '什么时候', '啥时候', '何时', '多久', '催', '期待', '坐等', '等待', '等着', '盼', '想要', '想看', '想问', '麻烦', '请问', '请老师',
  '建议', '补充', '出一', '来一', '哪里', '在哪', '哪儿', '怎么获取', '怎么下载', '分享一下', '给一下', '发一下', '公布',
  'please', 'could you', 'would you', 'can you', 'hope', 'wish', 'looking forward', 'any plan', 'when will', 'where can', 'is there',
]

export const DEFAULT_THEMES: ThemeDef[] = [
  {
    id: 'bonus',
    name: { zh: '加餐与番外', en: 'Bonus content' },
    objects: ['加餐', '番外', '直播', '再讲讲', '多讲讲', '再讲一讲', '展开讲', '专题', '续集', '进阶篇', 'bonus', 'extra episode', 'extra lesson', 'live stream'],
    strong: ['求加餐', '再讲讲', '多讲讲', '再出一'],
    cues: [],
    exclude: ['这篇加餐', '这次加餐', '本篇加餐', '加餐很', '加餐太'],
    enabled: true,
  },
  {
    id: 'answers',
    name: { zh: '思考题答案', en: 'Exercise answers' },
    objects: [
      '思考题+答案', '思考题+答疑', '思考题+解答', '思考题+讲解', '课后题+答案', '课后题+解答', '课后问题+答案', '课后问题+解答',
      '习题+答案', '习题+解答', '作业+答案', '练习+答案', '思考题*答', '答疑篇', 'exercise+answer', 'exercise+solution', 'homework+answer',
    ],
    strong: ['思考题答案', '思考题的答案', '思考题的答疑', '思考题答疑', '催更思考题', '催更一下思考题'],
    cues: [],
    exclude: ['我的答案', '我的思考', '我的理解', '我觉得答案', '答案是', '答：', '参考答案：'],
    enabled: true,
  },
  {
    id: 'materials',
    name: { zh: '资料与源码', en: 'Materials & source code' },
    objects: ['pdf', '文档', '课件', '资料', '下载', '源码', '代码仓库', '代码地址', '完整代码', '示例代码', 'demo', 'github', 'ppt', '讲义', '脑图', '思维导图', '电子书', 'slides', 'source code'],
    strong: ['源码地址', '代码地址', 'github地址', '下载地址', 'pdf版', '求源码', '求资料', '求代码'],
    cues: ['可以下载'],
    exclude: ['看源码', '读源码', '翻源码', '源码分析', '源码解读'],
    enabled: true,
  },
  {
    id: 'updates',
    name: { zh: '更新进度', en: 'Update pace' },
    objects: ['更新', '下一讲', '下一篇', '下一期', '下一节', '快点更', '上线', '完结', 'update', 'next lesson', 'next episode'],
    strong: ['催更', '求更新', '快更', '更新太慢', '什么时候更新', '啥时候更新'],
    cues: [],
    exclude: ['更新了', '已更新', '版本更新', '更新数据', '更新操作', '更新时', '更新的时候', '更新一下'],
    enabled: true,
  },
  {
    id: 'contact',
    name: { zh: '联系方式与社群', en: 'Contact & community' },
    objects: ['微信', '微信号', '交流群', '读者群', '学习群', '技术群', '群', '联系方式', '邮箱', 'qq', '公众号', 'wechat', 'contact', 'email'],
    strong: ['联系方式', '加个微信', '加微信', '拉个群', '建个群', '进群'],
    cues: ['多少', '是什么', '怎么联系', '加一下', '加个', '拉我'],
    exclude: ['在群里', '群里预览', '群聊', '集群', '群集', '群组', '羊群', '分布式集群'],
    enabled: true,
  },
  {
    id: 'errata',
    name: { zh: '勘误', en: 'Errata' },
    objects: ['错误', '错了', '有误', '不对', '写反', '画反', 'mistake', 'error', 'wrong'],
    strong: ['勘误', '笔误', '写错', '错别字', '画错', '打错', '写反了', '画反了', 'typo', 'erratum', 'errata'],
    cues: ['文中', '文章', '原文', '图中', '图里', '这里', '这一句', '这句', '上文', '代码中', '第*段', '第*行', '示例中'],
    exclude: ['错误码', '错误处理', '错误日志', '报错', '出错', '错误信息', '遇到错误'],
    enabled: true,
  },
]

export interface ThemeMatch {
  /** Index of the theme in the list the matcher was built from. */
  theme: number
  /** Spans [start, end) in the text to highlight: the object(s) and the cue. */
  spans: [number, number][]
}

// Sentence boundaries: a request cue and its object must stand in one sentence.
const SENTENCE_END = /[。！？!?；;\n]|\.{3,}|…+/g

/** Compiles one term of the pattern language to a regex source (literal, `*` = up to 4 chars). */
function termSource(term: string): string {
  return term
    .trim()
    .toLowerCase()
    .split('*')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^。！？!?；;\\n]{0,4}')
}

export interface CompiledTheme {
  def: ThemeDef
  /** Alternatives of objects; each is a list of parts that must all occur. */
  objects: RegExp[][]
  strong: RegExp | null
  cues: RegExp | null
  exclude: RegExp | null
}

const MAX_TERM = 40
const MAX_TERMS = 80

/** Keeps only terms the safe language accepts (bounded length, bounded wildcards). */
export function sanitizeTerms(terms: string[]): string[] {
  const out: string[] = []
  for (const t of terms) {
    const s = t.trim()
    if (!s || s.length > MAX_TERM || (s.match(/\*/g)?.length ?? 0) > 2 || s.replace(/[*+\s]/g, '') === '') continue
    out.push(s)
    if (out.length >= MAX_TERMS) break
  }
  return out
}

function alternation(terms: string[]): RegExp | null {
  const clean = sanitizeTerms(terms).filter((t) => !t.includes('+'))
  if (clean.length === 0) return null
  return new RegExp(clean.map(termSource).join('|'), 'g')
}

export function compileTheme(def: ThemeDef, sharedCues: string[] = REQUEST_CUES): CompiledTheme {
  return {
    def,
    objects: sanitizeTerms(def.objects).map((o) =>
      o
        .split('+')
        .filter((p) => p.trim())
        .map((p) => new RegExp(termSource(p), 'g')),
    ),
    strong: alternation(def.strong),
    cues: alternation([...sharedCues, ...def.cues]),
    exclude: alternation(def.exclude),
  }
}

function firstSpan(re: RegExp, s: string, offset: number): [number, number] | null {
  re.lastIndex = 0
  const m = re.exec(s)
  return m && m[0].length > 0 ? [offset + m.index, offset + m.index + m[0].length] : null
}

/** Matches in one lower-cased sentence starting at `offset` of the text. */
function matchSentence(t: CompiledTheme, s: string, offset: number): [number, number][] | null {
  if (t.exclude && firstSpan(t.exclude, s, 0)) return null
  if (t.strong) {
    const sp = firstSpan(t.strong, s, offset)
    if (sp) return [sp]
  }
  if (!t.cues) return null
  for (const parts of t.objects) {
    const spans: [number, number][] = []
    let ok = true
    for (const re of parts) {
      const sp = firstSpan(re, s, offset)
      if (!sp) {
        ok = false
        break
      }
      spans.push(sp)
    }
    if (!ok) continue
    const cue = firstSpan(t.cues, s, offset)
    if (!cue) return null
    spans.push(cue)
    return spans.sort((a, b) => a[0] - b[0])
  }
  return null
}

/** Themes a text asks for, with spans for highlighting. */
export function matchThemes(text: string, themes: CompiledTheme[]): ThemeMatch[] {
  const lower = text.toLowerCase()
  const out: ThemeMatch[] = []
  // Sentence ranges once, shared by every theme.
  const ranges: [number, number][] = []
  let start = 0
  SENTENCE_END.lastIndex = 0
  for (let m = SENTENCE_END.exec(lower); m; m = SENTENCE_END.exec(lower)) {
    if (m.index > start) ranges.push([start, m.index])
    start = m.index + m[0].length
  }
  if (start < lower.length) ranges.push([start, lower.length])
  for (let ti = 0; ti < themes.length; ti++) {
    const t = themes[ti]
    if (!t.def.enabled) continue
    let spans: [number, number][] | null = null
    for (const [a, b] of ranges) {
      const sp = matchSentence(t, lower.slice(a, b), a)
      if (sp) spans = spans ? spans.concat(sp) : sp
    }
    if (spans) out.push({ theme: ti, spans })
  }
  return out
}

/** Bit mask of matching themes per row (up to 32 themes), for the query engine. */
export function themeMasks(texts: string[], themes: CompiledTheme[]): Uint32Array {
  const masks = new Uint32Array(texts.length)
  const n = Math.min(32, themes.length)
  const active = themes.slice(0, n)
  for (let i = 0; i < texts.length; i++) {
    let m = 0
    for (const hit of matchThemes(texts[i], active)) m |= 1 << hit.theme
    masks[i] = m >>> 0
  }
  return masks
}
