/**
 * Is a comment a question? Decided clause by clause, the way a reader hears one: a question mark, a
 * sentence-final particle (吗/呢/么/嘛, a 吧 that asks for confirmation), an A-not-A form (是不是,
 * 有没有 …), a request for an answer (请问, 请教, 望解答 …), or a question word (为什么, 怎么,
 * 哪里 …) in the clause that ends its sentence — "为什么有 K，一方面是成本……" answers itself.
 *
 * Code and pasted output are set aside first: their `?` (a ternary, a regex) and their words are not
 * the commenter asking. What counts as a question follows docs/labelling-decisions.md.
 */
import { analysedPart } from './analysed'

const CJK = /[\u3400-\u9fff]/g
const HAS_CJK = /[\u3400-\u9fff]/
// A line with code punctuation and (almost) no Chinese is code or output, not prose.
const CODE_PUNCT = /[{}();=<>[\]]|\/\/|\$\s|^\s*#/

const BLANK = /^\s*$/

function cjkAtLeast(line: string, k: number): boolean {
  CJK.lastIndex = 0
  let n = 0
  while (n < k && CJK.test(line)) n++
  CJK.lastIndex = 0
  return n >= k
}

function proseLines(text: string): string[] {
  // Most comments are one line: no split, no copy.
  const lines = text.indexOf('\n') < 0 ? [text] : text.split('\n')
  const out: string[] = []
  for (const line of lines) {
    if (BLANK.test(line)) continue
    if (CODE_PUNCT.test(line) && !cjkAtLeast(line, 2)) continue
    out.push(line)
  }
  return out
}

// A `?` between two word characters (a?b, \d?) is an operator, not a question.
const QUESTION_MARK = /？|(?<![A-Za-z0-9_\\)\]])\?|\?(?![A-Za-z0-9_(:.])/

// Clause ends: commas that only close a clause (sentences end at 。！；… and question marks).
const CLAUSE_END = /[，,、：:]/

const PARTICLE_END = /(?:[吗么嘛]|(?<!说)呢)[啊呀哈~～\s\u{1F300}-\u{1FAFF}]*$/u
const BA_END = /(?<!一下|来|走|好|算了|试试|看看|去|罢了|也罢)吧[啊呀~～\s]*$/
// A 吧 asks when it seeks confirmation (应该是分析器吧, 是不是写错了吧), not when it muses (可能是我的问题吧).
const BA_CONFIRM = /应该|应是|应当|是不是|对吧|是吧|错了吧|才对吧|没错吧|不对吧|[了的]吧/
const A_NOT_A = /是不是|会不会|对不对|能不能|有没有|要不要|可不可以|可以不可以|行不行|算不算|需不需要|用不用|是否|能否|可否|有无|是.{1,30}还是/
const NO_MATTER = /不管|无论|不论/
const ASKING =
  /请问|请教|想问|问一下|问下|问个问题|有个问题|有个疑问|有一个问题|有一个疑问|求解释|求解答|求指教|求指点|望解答|望指教|望指点|还望|请老师|麻烦老师|帮忙看|帮我看|解答一下|指点一下|不知道为什么|不知为何|不知道是不是|不知是否|不知道怎么|不知道如何|不知道对不对|不知道哪|不知对否|对吗|对么|对否/
const WH = /为什么|为啥|为何|怎么|怎样|如何|哪里|哪儿|哪个|哪些|哪种|什么|啥|多少|谁/
// Question words inside set phrases that do not ask.
const WH_IDIOM = /没什么|什么都|什么也|什么的|不管|无论|怎么说呢|怎么.{0,2}也|多少有|多少会|多少也|为什么说|这就是为什么|这也是为什么|是为什么|原因/
// A question word after a verb of knowing or choosing is embedded ("去了解爬虫是如何理解网站的"), unless
// the verb is negated: 不知道怎么办 still asks.
const WH_EMBEDDED =
  /(?<![不没]|不太|不太能|不能|没能|没有|不是很|没太)(?:了解|学会|知道|明白|懂得|掌握|讲了|介绍了|说明了|告诉|学习|理解|搞懂|弄懂|清楚|明确|判断|决定|选择|确定|取决于|在于|考虑).{0,12}?(?:为什么|为何|如何|怎么|怎样|什么|哪)/
const ENGLISH = /^\s*(?:who|what|when|where|why|how|which|is|are|can|could|would|will|do|does|did|should)\b/i

function clauseAsks(clause: string, last: boolean): boolean {
  const c = clause.trim()
  if (!c) return false
  if (PARTICLE_END.test(c)) return true
  if (BA_END.test(c) && BA_CONFIRM.test(c)) return true
  if (ASKING.test(c)) return true
  if (A_NOT_A.test(c) && !NO_MATTER.test(c)) return true
  if (last && WH.test(c) && !WH_IDIOM.test(c) && !WH_EMBEDDED.test(c)) return true
  return last && ENGLISH.test(c) && /[a-z]/i.test(c) && !HAS_CJK.test(c)
}

/**
 * A comment that opens as an answer, a summary or notes ("课后答案：…", "总结：…", "为该讲总结了几个
 * 问题") restates questions to answer them: there, only a sentence addressed to someone asks.
 */
const ANSWER_POST =
  /^\s*.{0,6}?(?:(?:课后答案|答案|课后问题|课后题|课后思考题?|思考题|总结|小结|笔记|学习笔记|复习|心得|我的理解|个人理解|我的看法|个人看法|我的答案|打卡)\s*[：:]|为该讲|先说下|先说一下|分享一个|分享一下|分享下|总结一下|总结下|我来回答|回答下|回答一下|先回答|尝试回答|试着回答)/
const ADDRESSED = /老师|请问|请教|想问|问一下|问下|不知道|不知|对吗|对么|对不对|是否正确|有没有问题|求|帮忙|大家|各位|大神|大佬|同学|楼上|@|能否|可否|能不能/

function sentenceAsks(sentence: string): boolean {
  const clauses = sentence.split(CLAUSE_END)
  for (let i = 0; i < clauses.length; i++) if (clauseAsks(clauses[i], i === clauses.length - 1)) return true
  return false
}

/** One flag per text: 1 when it is a question. */
export function questionFlags(texts: readonly string[]): Uint8Array {
  const out = new Uint8Array(texts.length)
  for (let i = 0; i < texts.length; i++) out[i] = isQuestion(texts[i]) ? 1 : 0
  return out
}

// Sentence ends; after a question mark too, so that an answer post's addressed sentence is judged alone.
const SENTENCES_AT_MARKS = /(?<=[？?])|[。！!；;…]+|\.{3,}/
// The same for a line without question marks: no lookbehind tried at every position.
const SENTENCES = /[。！!；;…]+|\.{3,}/

export function isQuestion(fullText: string): boolean {
  const text = analysedPart(fullText)
  if (!text) return false
  const answerPost = ANSWER_POST.test(text)
  const lines = proseLines(text)
  // Outside answer posts a question mark in any prose line decides it, before any sentence is split.
  if (!answerPost) for (const line of lines) if (QUESTION_MARK.test(line)) return true
  for (const line of lines) {
    const marks = line.includes('?') || line.includes('？')
    for (const sentence of line.split(marks ? SENTENCES_AT_MARKS : SENTENCES)) {
      if (!sentence) continue
      if (answerPost && !ADDRESSED.test(sentence)) continue
      if ((marks && QUESTION_MARK.test(sentence)) || sentenceAsks(sentence)) return true
    }
  }
  return false
}
