/**
 * Course order of lessons from their titles, not from upload order: 开篇词 first, numbered lessons
 * by number (`01 | …`, `第3讲`, `12 - …`), specials without a number (特别放送, 加餐, 答疑, 期末测试 …)
 * after them, 结束语 last. Ties keep the order the lessons were read in.
 */
export function lessonRank(title: string): [group: number, num: number] {
  const t = title.trim()
  if (/^(开篇词|开篇|导读|课前必读|序言|前言)/.test(t)) return [0, 0]
  if (/^(结束语|结课|结语|尾声|完结)/.test(t)) return [3, 0]
  let m = /^第\s*(\d+)\s*[讲课章节期篇]/.exec(t)
  if (m) return [1, Number(m[1])]
  m = /^(\d{1,4})(?:[\s|｜:：.、\-_]|$)/.exec(t)
  if (m) return [1, Number(m[1])]
  m = /^(?:lesson|lecture|chapter|part)\s*(\d+)/i.exec(t)
  if (m) return [1, Number(m[1])]
  return [2, 0]
}

/** Indices of `titles` in course order. */
export function courseOrder(titles: string[]): number[] {
  const ranks = titles.map(lessonRank)
  return titles.map((_, i) => i).sort((a, b) => ranks[a][0] - ranks[b][0] || ranks[a][1] - ranks[b][1] || a - b)
}
