/**
 * A seeded generator of realistic comment exports, shared by the benchmarks and the browser
 * tests that need big files. Same seed, same bytes.
 */
import Papa from 'papaparse'

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PHRASES = [
  '老师讲得很清楚，收获很大。',
  '希望能出一期加餐，讲讲实际项目中的落地经验。',
  '思考题的答案什么时候公布？',
  '请问有没有课件 PDF 可以下载？',
  '源码在哪里可以看到？求 GitHub 地址。',
  '第三段的图好像画错了，箭头方向反了。',
  '催更！期待下一讲。',
  '我在生产环境遇到过类似的问题，最后是通过调整参数解决的。',
  'Raft 的日志复制和快照机制这一块还是有点没懂，',
  '打卡，第二遍学习。',
  'The explanation of MVCC is great, could you add a bonus episode on compaction?',
  '老师，能否讲一下多数据中心部署的方案？',
  '文中的命令在 3.5 版本已经变了，',
  '感谢分享，',
  '有没有读者群可以加一下？',
]
const NAMES = [
  'jeffery',
  '江山未',
  'Geek_daf51a',
  '赵先生',
  '小鱼儿吐泡泡',
  '程序员历小冰',
  'liudu_ec',
  '杰sir',
  '追风筝的人',
  '八台上',
  '石小',
  'mmm',
  'Coder',
  '川川',
  '幽幽夜',
  '愤叔',
]

export interface GeneratedComment {
  author: string
  likes: number
  replies: number
  date: string
  text: string
  lesson: string
}

/** `n` comments over `lessons` lessons, ~120 characters of text on average, dates over 2 years. */
export function generateComments(n: number, seed = 42, lessons = 40): GeneratedComment[] {
  const rnd = mulberry32(seed)
  const out: GeneratedComment[] = new Array(n)
  const start = Date.UTC(2021, 0, 1)
  for (let i = 0; i < n; i++) {
    const parts = 1 + Math.floor(rnd() * 5)
    let text = ''
    for (let p = 0; p < parts; p++) text += PHRASES[Math.floor(rnd() * PHRASES.length)]
    if (rnd() < 0.1) text += '\n第二行补充说明，"引号"和逗号, 也要正确处理。'
    const lesson = Math.floor(Math.pow(rnd(), 2) * lessons)
    // Most comments come soon after a lesson is published; a long tail follows.
    const day = Math.floor(lesson * 7 + Math.pow(rnd(), 3) * 600)
    const d = new Date(start + day * 86_400_000)
    out[i] = {
      author: NAMES[Math.floor(rnd() * NAMES.length)] + (rnd() < 0.7 ? String(Math.floor(rnd() * 5000)) : ''),
      likes: Math.floor(Math.pow(rnd(), 6) * 600),
      replies: Math.floor(Math.pow(rnd(), 4) * 15),
      date: d.toISOString().slice(0, 10),
      text,
      lesson: `${String(lesson + 1).padStart(2, '0')} | 第 ${lesson + 1} 讲`,
    }
  }
  return out
}

export function toCsv(rows: GeneratedComment[]): string {
  return Papa.unparse(rows, { columns: ['author', 'likes', 'replies', 'date', 'text', 'lesson'] })
}

/** A CSV of about `bytes` bytes (UTF-8). */
export function csvOfSize(bytes: number, seed = 7): string {
  // ~190 bytes a row on average with this generator.
  const rows = Math.ceil(bytes / 190)
  return toCsv(generateComments(rows, seed))
}
