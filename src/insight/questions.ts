/**
 * Is a comment a question? Question marks (full- and half-width), sentence-final particles
 * (吗/呢/么/吧 before the end of a sentence), and question words in Chinese and English.
 */
const QUESTION_MARK = /[?？]/
const PARTICLE_END = /[吗呢么嘛][。！!…~～\s]*(?:$|[\n。！!，,])/m
const QUESTION_WORDS =
  /请问|请教|想问|问一下|问下|什么|为什么|为啥|怎么|怎样|如何|能否|可否|能不能|可不可以|有没有|是否|是不是|多少|啥|哪里|哪个|哪些|哪儿|何时|难道|\b(?:who|what|how|why|when|where|which|whether|could you|can you|is there|are there|does|do you)\b/i

export function isQuestion(text: string): boolean {
  return QUESTION_MARK.test(text) || PARTICLE_END.test(text) || QUESTION_WORDS.test(text)
}
