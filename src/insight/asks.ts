/**
 * The sentences of a comment that ask for something: phrase discovery looks for what readers keep
 * asking for, so it reads these, not the whole comment — in a course on microservices every comment
 * says 服务 and 领域, and those topic words would crowd out the asks ("希望出一期 Saga 的实战").
 * A sentence asks when it holds a request cue (希望, 求, 能否, 建议, 期待 …); a question alone does not
 * (in a technical course most questions are about the topic).
 */
const SENTENCE = /[^。！？!?；;\n]+[。！？!?；;\n]*/g
const ASKS =
  /希望|期盼|盼望|想要|想看|(?<![需请要追寻诉征力讲谋苛务])求(?![证值解出得助和职])|能否|能不能|可否|可不可以|可以.{0,12}[吗么嘛]|能.{0,12}[吗么嘛]|有没有|是否有|是否会有|什么时候|啥时候|何时|期待|坐等|建议|最好能|要是能|如果能|please|could you|would you|can you|hope|wish|looking forward/i

export function askingSentences(text: string): string {
  let out = ''
  for (const m of text.matchAll(SENTENCE)) if (ASKS.test(m[0])) out += m[0]
  return out
}
