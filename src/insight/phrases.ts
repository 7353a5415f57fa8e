/**
 * Recurring phrases without a dictionary (new-word discovery in the manner of Matrix67's
 * "互联网时代的社会语言学"). Word segmenters (Intl.Segmenter included) split course jargon such as
 * 加餐, 思考题, 番外篇 into pieces, so phrases are found from the comments themselves:
 *
 * - every CJK character is a unit, every Latin word (lower-cased) is one unit;
 * - n-grams of units that recur are candidates;
 * - a candidate must hold together (cohesion: the smallest pointwise mutual information over all
 *   ways of splitting it in two) and stand free at both ends (boundary freedom: the entropy of
 *   the units seen just left and just right of it, a run edge counting as a fresh neighbour);
 * - function words at an edge, generic words, praise and boilerplate are dropped;
 * - a phrase inside a longer kept phrase that covers (nearly) the same comments is dropped.
 *
 * Statistics come from a sample when the input is large; the final candidates are then counted
 * exactly, once per comment, over every comment. Pure TypeScript with typed arrays only, so it
 * runs in a Web Worker.
 */

export interface Phrase {
  text: string
  /** Distinct comments containing the phrase. */
  comments: number
  /** Distinct authors of those comments. */
  authors: number
  /** Sum of the likes of those comments. */
  likes: number
  /** Cohesion (min PMI, nats) × boundary freedom (min branching entropy, nats): how word-like it is. */
  score: number
  /** row indices of comments containing it (capped at 500) */
  rows: number[]
}

export interface PhraseOptions {
  /** Minimum number of distinct comments (default 2). */
  minCount?: number
  /** Minimum length in units (default 2). A single CJK character never qualifies; with 1, single Latin words do. */
  minLength?: number
  /** Maximum length in units (default 6): CJK characters; a Latin word counts as one unit. */
  maxLength?: number
  /** At most this many phrases (default 50). */
  limit?: number
  /** Phrases containing any of these are dropped. Replaces DEFAULT_STOP_PHRASES; spread it to extend. */
  stopPhrases?: readonly string[]
}

/** Praise and boilerplate: a phrase that contains one of these says nothing about the course. */
export const DEFAULT_STOP_PHRASES: readonly string[] = [
  '老师讲得',
  '老师讲的',
  '老师说得',
  '讲得好',
  '讲的好',
  '讲得很',
  '讲的很',
  '讲得真',
  '讲的真',
  '讲得太',
  '讲的太',
  '讲得非常',
  '讲的非常',
  '讲得清楚',
  '讲得透彻',
  '讲得很好',
  '讲的很好',
  '写得好',
  '写的好',
  '写得很',
  '写的很',
  '写得真',
  '写得太',
  '谢谢老师',
  '感谢老师',
  '多谢老师',
  '谢谢分享',
  '感谢分享',
  '感谢',
  '谢谢',
  '多谢',
  '辛苦',
  '收获很大',
  '收获满满',
  '收获颇丰',
  '收获良多',
  '收获',
  '受益匪浅',
  '受益良多',
  '受益',
  '获益匪浅',
  '打卡',
  '学习了',
  '学到了',
  '学习打卡',
  '干货',
  '好文',
  '精彩',
  '太棒',
  '很棒',
  '真棒',
  '不错',
  '点赞',
  '赞',
  '厉害',
  '牛逼',
  '太值',
  '值了',
  '好评',
  '膜拜',
  '佩服',
  '醍醐灌顶',
  '豁然开朗',
  '茅塞顿开',
  '茅塞大开',
  '通俗易懂',
  '深入浅出',
  '讲解清晰',
  '思路清晰',
  '意犹未尽',
  '太好了',
  '非常好',
  '写得好',
  'thanks',
  'thank you',
  'great',
  'awesome',
  'nice',
]

/** Generic words: dropped when they are the whole phrase (they may still be part of one: 课后问题). */
export const DEFAULT_STOP_WORDS: readonly string[] = [
  '老师',
  '同学',
  '大家',
  '作者',
  '专栏',
  '课程',
  '文章',
  '内容',
  '问题',
  '学习',
  '知识',
  '东西',
  '地方',
  '方面',
  '部分',
  '时候',
  '时间',
  '什么',
  '怎么',
  '为什么',
  '怎样',
  '这样',
  '那样',
  '这么',
  '那么',
  '这个',
  '那个',
  '一个',
  '一些',
  '一下',
  '可以',
  '还是',
  '就是',
  '但是',
  '因为',
  '所以',
  '如果',
  '或者',
  '然后',
  '已经',
  '感觉',
  '觉得',
  '非常',
  '比较',
  '真的',
  '现在',
  '自己',
  '知道',
  '理解',
  '应该',
  '需要',
  '没有',
  '不是',
  '不会',
  '不能',
  '能够',
  '之前',
  '之后',
  '以后',
  '以前',
  '其实',
  '其他',
  '所有',
  '一样',
  '一遍',
  '看了',
  '看完',
  '明白',
  '清楚',
  '最后',
  '一直',
  '这里',
  '那里',
  '哪里',
  '过程',
  '讲解',
  '以及',
  '包括',
  '比如',
  '尤其',
  '同时',
  '确实',
  '几乎',
  '发现',
  '终于',
  '一次',
  '下来',
  '起来',
  '这些',
  '那些',
  // Asking and linking words: every ask has them, none says what is asked for.
  '请教',
  '请问',
  '如何',
  '进行',
  '对于',
  '使用',
  '通过',
  '两个',
  '情况',
  '影响',
  '解答',
  '希望',
  '能否',
  '是否',
  '建议',
  '期待',
  '麻烦',
  '关于',
  '可能',
  '不知道',
  '想请教',
  '问下',
  '一般',
  '详细',
  '解释',
]

/** Function words that must not stand at either edge of a phrase. */
const EDGE_CHARS = '的了是我你他她它在和也就都吗呢吧啊呀哦嘛啦么着很太把被给让这那些还又才但而并个有'
const EDGE_WORDS = ['老师', '同学', '大家', '一下', '一个', '一些', '这个', '那个', '可以', '就是', '还是', '什么', '怎么']
const LATIN_STOP = [
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'from',
  'with',
  'and',
  'or',
  'but',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'it',
  'its',
  'this',
  'that',
  'these',
  'those',
  'i',
  'you',
  'he',
  'she',
  'we',
  'they',
  'me',
  'my',
  'your',
  'our',
  'so',
  'as',
  'if',
  'then',
  'do',
  'does',
  'did',
  'not',
  'no',
  'can',
  'could',
  'will',
  'would',
  'should',
  'there',
  'what',
  'how',
  'why',
  'when',
  'where',
  'which',
  'who',
  'very',
  'too',
  'also',
  'just',
  'about',
  'have',
  'has',
  'had',
]

/** Statistics use at most this many units (≈ characters); larger inputs are sampled by comment. */
const SAMPLE_UNITS = 1_500_000
/** Candidates counted exactly over all comments. */
const MIN_EXACT_CANDIDATES = 2000
/** Thresholds, in nats. Cohesion: seen ≥ e^1.5 ≈ 4.5× more often than its parts by chance. */
const MIN_COHESION = 1.5
/** Freedom: two occurrences with different neighbours on both sides give ln 2 ≈ 0.69. */
const MIN_FREEDOM = 0.6
const MAX_ROWS = 500

// ---------------------------------------------------------------------------------------------
// Encoding: every unit becomes one UTF-16 code unit so that n-grams are plain code-unit runs.
// CJK characters of the BMP stand for themselves; Latin words and astral CJK characters get
// codes from ranges no CJK character uses. 0 separates runs (punctuation, emoji, comment edges).

const SEP = 0
const POOL_LOW = 0x2f00 // codes 0x0100–0x2fff
const POOL_SIZE = POOL_LOW + 0x1900 // then 0xe000–0xf8ff

function poolCode(i: number): number {
  return i < POOL_LOW ? 0x100 + i : 0xe000 + (i - POOL_LOW)
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x3041 && cp <= 0x30fa) ||
    cp === 0x30fc ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    cp === 0x3005 ||
    cp === 0x3007 ||
    (cp >= 0x20000 && cp <= 0x323af)
  )
}

const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u

function isWordCp(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || cp === 0x5f
  // Fast exits for the punctuation blocks CJK text is full of.
  if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xfe30 && cp <= 0xffef) || cp >= 0x1f000) return false
  if (cp >= 0xd800 && cp <= 0xdfff) return false
  return WORD_RE.test(String.fromCodePoint(cp))
}

function isSpace(cp: number): boolean {
  return cp <= 0x20 || cp === 0xa0 || (cp >= 0x2000 && cp <= 0x200b) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff || cp === 0x3000
}

/** Longer "words" are hashes, base64 and the like: truncated, they still count as one unit. */
const MAX_WORD = 64

const URL_RE = /(?:https?:\/\/|www\.)[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*/gi

/** Units of one text: 1 = CJK character, 2 = word, 0 = run break. */
type Emit = (kind: 0 | 1 | 2, cpOrWord: number | string) => void

/** Splits a text into units, mapping full-width forms to ASCII and lower-casing words. */
function scan(raw: string, emit: Emit): void {
  const text = raw.indexOf('http') >= 0 || raw.indexOf('www.') >= 0 ? raw.replace(URL_RE, ' ') : raw
  let last = 0 // kind of the last unit emitted since a break
  let space = false
  let word: number[] = []
  const flush = () => {
    if (word.length === 0) return
    const w = String.fromCharCode(...word).toLowerCase()
    word = []
    emit(2, w)
    last = 2
  }
  const n = text.length
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i)
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1)
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00)
        i++
      }
    }
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0
    if (!isCjk(cp) && isWordCp(cp)) {
      // "看了 etcd": a space next to a word only separates the word, the run goes on.
      if (word.length === 0) space = false
      if (word.length >= MAX_WORD) continue
      if (cp < 0x10000) word.push(cp)
      else word.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff))
      continue
    }
    if ((cp === 0x2e || cp === 0x2d) && word.length > 0 && i + 1 < n) {
      // 3.5, node.js, etcd-io: keep the dot or dash inside a word.
      let nx = text.charCodeAt(i + 1)
      if (nx >= 0xff01 && nx <= 0xff5e) nx -= 0xfee0
      if (nx < 0x80 && isWordCp(nx)) {
        word.push(cp)
        continue
      }
    }
    flush()
    if (isCjk(cp)) {
      // A space between two CJK characters is punctuation ("感谢老师 期待加餐"); next to a word it is not.
      if (space && last === 1) emit(0, 0)
      space = false
      if (cp < 0x10000) emit(1, cp)
      else emit(2, String.fromCodePoint(cp))
      last = 1
    } else if (isSpace(cp)) {
      if (last !== 0) space = true
    } else {
      emit(0, 0)
      last = 0
      space = false
    }
  }
  flush()
}

interface Corpus {
  /** Units of all comments; each comment starts with SEP and one SEP ends the array. */
  codes: Uint16Array
  /** codes index where comment r starts (its leading SEP); off[n] is the final SEP. */
  off: Int32Array
  /** Per code: 1 CJK character, 2 Latin word, 3 astral CJK character (joined without spaces). */
  kind: Uint8Array
  /** Text of each code (CJK characters and words). */
  text: string[]
  /** Word code by word, for encoding stop lists. */
  wordCode: Map<string, number>
  numeric: Uint8Array
}

function buildCorpus(texts: string[]): Corpus {
  const n = texts.length
  let cap = n + 2
  for (let r = 0; r < n; r++) cap += typeof texts[r] === 'string' ? texts[r].length : 0
  // Provisional tokens: CJK characters as themselves, words as 0x10000 + word id.
  const tok = new Int32Array(cap)
  const off = new Int32Array(n + 1)
  const words = new Map<string, number>()
  const wordText: string[] = []
  const wordFreq: number[] = []
  let len = 0
  const emit: Emit = (kind, v) => {
    if (kind === 0) {
      if (tok[len - 1] !== SEP) tok[len++] = SEP
    } else if (kind === 1) {
      tok[len++] = v as number
    } else {
      let id = words.get(v as string)
      if (id === undefined) {
        id = wordText.length
        words.set(v as string, id)
        wordText.push(v as string)
        wordFreq.push(0)
      }
      wordFreq[id]++
      tok[len++] = 0x10000 + id
    }
  }
  for (let r = 0; r < n; r++) {
    off[r] = len
    tok[len++] = SEP
    const t = texts[r]
    if (typeof t === 'string' && t.length > 0) scan(t, emit)
  }
  off[n] = len
  tok[len++] = SEP

  // Frequent words get codes; a word seen once can never recur, so it becomes a break.
  const order = wordText.map((_, i) => i).filter((i) => wordFreq[i] >= 2)
  order.sort((a, b) => wordFreq[b] - wordFreq[a] || a - b)
  const codeOfWord = new Int32Array(wordText.length)
  const kind = new Uint8Array(65536)
  // Sparse on purpose: only codes that occur get a text.
  const text: string[] = []
  const numeric = new Uint8Array(65536)
  const wordCode = new Map<string, number>()
  for (let k = 0; k < order.length && k < POOL_SIZE; k++) {
    const w = wordText[order[k]]
    const c = poolCode(k)
    codeOfWord[order[k]] = c
    const cp = w.codePointAt(0) ?? 0
    kind[c] = w.length <= 2 && isCjk(cp) ? 3 : 2
    text[c] = w
    numeric[c] = /^[\d.-]+$/.test(w) ? 1 : 0
    wordCode.set(w, c)
  }
  // Unknown words become breaks; doubled breaks are harmless, so offsets stay as they are.
  const codes = new Uint16Array(len)
  for (let i = 0; i < len; i++) {
    const t = tok[i]
    const c = t >= 0x10000 ? codeOfWord[t - 0x10000] : t
    codes[i] = c
    if (c !== SEP && kind[c] === 0) {
      kind[c] = 1
      text[c] = String.fromCharCode(c)
    }
  }
  return { codes, off, kind, text, wordCode, numeric }
}

// ---------------------------------------------------------------------------------------------
// Counting. An n-gram is a node: (prefix node, last unit). Level-1 nodes are the unit codes
// themselves; longer ones get ids from 65536 up. Counting goes level by level over an array of
// node ids per position (apriori: an (n+1)-gram is only counted when both its n-gram prefix and
// suffix are frequent), which keeps every key numeric and every table small.

/** Open-addressing hash table keyed by (node, unit): counts, plus an auxiliary int per key. */
class PairTable {
  size = 0
  private mask = 0
  kp = new Int32Array(0)
  kc = new Int32Array(0)
  val = new Int32Array(0)
  aux = new Int32Array(0)

  constructor(expected: number) {
    let cap = 16
    while (cap < expected * 2) cap *= 2
    this.alloc(cap)
  }

  private alloc(cap: number): void {
    this.mask = cap - 1
    this.kp = new Int32Array(cap).fill(-1)
    this.kc = new Int32Array(cap)
    this.val = new Int32Array(cap)
    this.aux = new Int32Array(cap)
  }

  private static hash(p: number, c: number): number {
    let h = Math.imul(p, 0x9e3779b1) ^ Math.imul(c + 0x7f4a7c15, 0x85ebca77)
    h ^= h >>> 15
    h = Math.imul(h, 0x2c1b3c6d)
    return h ^ (h >>> 12)
  }

  find(p: number, c: number): number {
    const { kp, kc, mask } = this
    let i = PairTable.hash(p, c) & mask
    for (;;) {
      const k = kp[i]
      if (k === -1) return -1
      if (k === p && kc[i] === c) return i
      i = (i + 1) & mask
    }
  }

  /** Slot of (p, c), inserted with val 0 and aux 0 when new. */
  slot(p: number, c: number): number {
    if ((this.size + 1) * 2 > this.kp.length) this.grow()
    const { kp, kc, mask } = this
    let i = PairTable.hash(p, c) & mask
    for (;;) {
      const k = kp[i]
      if (k === -1) {
        kp[i] = p
        kc[i] = c
        this.size++
        return i
      }
      if (k === p && kc[i] === c) return i
      i = (i + 1) & mask
    }
  }

  private grow(): void {
    const { kp, kc, val, aux } = this
    this.alloc(kp.length * 2)
    for (let i = 0; i < kp.length; i++) {
      if (kp[i] === -1) continue
      let j = PairTable.hash(kp[i], kc[i]) & this.mask
      while (this.kp[j] !== -1) j = (j + 1) & this.mask
      this.kp[j] = kp[i]
      this.kc[j] = kc[i]
      this.val[j] = val[i]
      this.aux[j] = aux[i]
    }
  }
}

/**
 * Growable per-node arrays. Nodes below 65536 are single units (the code itself): their parent,
 * suffix, last unit and length are implied, so a small input pays for no 65536-entry setup.
 */
class Nodes {
  n = 65536
  parent = new Int32Array(65536 + 1024)
  suffix = new Int32Array(65536 + 1024)
  last = new Uint16Array(65536 + 1024)
  lens = new Uint8Array(65536 + 1024)
  count = new Int32Array(65536 + 1024)
  /** Σ c·ln c over right (left) neighbour units: with the count this gives the entropy. */
  rightCL = new Float64Array(65536 + 1024)
  leftCL = new Float64Array(65536 + 1024)

  add(parent: number, last: number, suffix: number, len: number, count: number): number {
    if (this.n === this.parent.length) {
      const cap = 65536 + (this.n - 65536) * 2
      const g = <T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(cap)
        b.set(a)
        return b
      }
      this.parent = g(this.parent)
      this.suffix = g(this.suffix)
      this.last = g(this.last)
      this.lens = g(this.lens)
      this.count = g(this.count)
      this.rightCL = g(this.rightCL)
      this.leftCL = g(this.leftCL)
    }
    const id = this.n++
    this.parent[id] = parent
    this.last[id] = last
    this.suffix[id] = suffix
    this.lens[id] = len
    this.count[id] = count
    return id
  }

  len(id: number): number {
    return id < 65536 ? 1 : this.lens[id]
  }

  /** Units of a node, first to last. */
  units(id: number): number[] {
    const out: number[] = []
    let x = id
    for (; x >= 65536; x = this.parent[x]) out.push(this.last[x])
    out.push(x)
    return out.reverse()
  }

  /** Prefix node of `k` units. */
  prefix(id: number, k: number): number {
    let x = id
    for (let l = this.len(id); l > k; l--) x = this.parent[x]
    return x
  }

  /** Suffix node of `k` units. */
  suffixOf(id: number, k: number): number {
    let x = id
    for (let l = this.len(id); l > k; l--) x = this.suffix[x]
    return x
  }
}

/** Counts every frequent n-gram of 1..maxLen units with its neighbour entropies. */
function countNgrams(a: Uint16Array, maxLen: number, minFreq: number): Nodes {
  const nodes = new Nodes()
  const L = a.length
  for (let i = 0; i < L; i++) if (a[i] !== SEP) nodes.count[a[i]]++
  let ids = new Int32Array(L)
  for (let i = 0; i < L; i++) {
    const c = a[i]
    ids[i] = c !== SEP && nodes.count[c] >= minFreq ? c : -1
  }
  for (let n = 1; n <= maxLen; n++) {
    let live = 0
    for (let i = 0; i < L; i++) if (ids[i] >= 0) live++
    if (live === 0) break
    const right = new PairTable(Math.min(live, 1 << 20))
    const left = new PairTable(Math.min(live, 1 << 20))
    // a[0] and a[L-1] are SEP, so a valid n-gram at i has i ≥ 1 and i + n ≤ L - 1.
    for (let i = 0; i < L; i++) {
      const p = ids[i]
      if (p < 0) continue
      const r = a[i + n]
      if (r !== SEP) right.val[right.slot(p, r)]++
      const l = a[i - 1]
      if (l !== SEP) left.val[left.slot(p, l)]++
    }
    for (const [t, cl] of [
      [right, nodes.rightCL],
      [left, nodes.leftCL],
    ] as const) {
      for (let s = 0; s < t.kp.length; s++) {
        const p = t.kp[s]
        if (p < 0) continue
        const v = t.val[s]
        if (v > 1) cl[p] += v * Math.log(v)
      }
    }
    if (n === maxLen) break
    const next = new Int32Array(L).fill(-1)
    for (let i = 0; i < L; i++) {
      const p = ids[i]
      if (p < 0) continue
      const s = ids[i + 1]
      const c = a[i + n]
      if (s < 0 || c === SEP) continue
      const slot = right.find(p, c)
      const cnt = right.val[slot]
      if (cnt < minFreq) continue
      let id = right.aux[slot]
      if (id === 0) {
        id = nodes.add(p, c, s, n + 1, cnt)
        right.aux[slot] = id
      }
      next[i] = id
    }
    ids = next
  }
  return nodes
}

// ---------------------------------------------------------------------------------------------
// Exact counting of chosen phrases: a trie over unit codes (root as a direct table).

class Trie {
  root = new Int32Array(65536)
  edges = new PairTable(1024)
  /** Phrase index per trie node, -1 for inner nodes. */
  phrase: number[] = [-1]

  add(units: ArrayLike<number>, index: number): void {
    let node = this.root[units[0]]
    if (node === 0) {
      node = this.phrase.length
      this.phrase.push(-1)
      this.root[units[0]] = node
    }
    for (let k = 1; k < units.length; k++) {
      const s = this.edges.slot(node, units[k])
      if (this.edges.aux[s] === 0) {
        this.edges.aux[s] = this.phrase.length
        this.phrase.push(-1)
      }
      node = this.edges.aux[s]
    }
    this.phrase[node] = index
  }

  /** Calls `hit` for each phrase starting at every position of codes[from, to). */
  scan(codes: Uint16Array, from: number, to: number, hit: (index: number) => void): void {
    const { root, edges, phrase } = this
    for (let i = from; i < to; i++) {
      let node = root[codes[i]]
      for (let j = i + 1; node !== 0; j++) {
        const k = phrase[node]
        if (k >= 0) hit(k)
        const c = codes[j]
        if (c === SEP) break
        const s = edges.find(node, c)
        node = s < 0 ? 0 : edges.aux[s]
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

function toInt(v: unknown, dflt: number, lo: number, hi: number): number {
  const x = typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : dflt
  return Math.min(hi, Math.max(lo, x))
}

/**
 * Encodes stop list entries with the corpus codes. Entries that can never match a phrase are
 * left out: an unknown word, a break inside, or more units than a phrase can have.
 */
function encodeList(list: readonly string[], corpus: Corpus, maxUnits: number): string[] {
  const out: string[] = []
  for (const s of list) {
    if (typeof s !== 'string') continue
    const units: number[] = []
    let ok = true
    let broken = false
    scan(s, (kind, v) => {
      if (kind === 0) {
        if (units.length > 0) broken = true
      } else if (kind === 1) {
        if (broken) ok = false
        units.push(v as number)
      } else {
        if (broken) ok = false
        const c = corpus.wordCode.get(v as string)
        if (c === undefined) ok = false
        else units.push(c)
      }
    })
    if (ok && units.length > 0 && units.length <= maxUnits) out.push(String.fromCharCode(...units))
  }
  return out
}

function display(units: number[], corpus: Corpus): string {
  let s = ''
  for (let k = 0; k < units.length; k++) {
    if (k > 0 && corpus.kind[units[k]] === 2 && corpus.kind[units[k - 1]] === 2) s += ' '
    s += corpus.text[units[k]]
  }
  return s
}

interface Candidate {
  units: number[]
  key: string
  score: number
  sampleCount: number
  comments: number
  authors: number
  likes: number
  h1: number
  h2: number
}

function mix(x: number, m: number): number {
  let h = Math.imul(x ^ (x >>> 16), m)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

export function discoverPhrases(texts: string[], authors: ArrayLike<number>, likes: ArrayLike<number>, opts: PhraseOptions = {}): Phrase[] {
  const minCount = toInt(opts.minCount, 2, 1, 1e9)
  const maxLen = toInt(opts.maxLength, 6, 1, 16)
  const minLen = toInt(opts.minLength, 2, 1, 16)
  const limit = toInt(opts.limit, 50, 0, 1e6)
  const n = Array.isArray(texts) ? texts.length : 0
  if (n === 0 || limit === 0 || minLen > maxLen) return []

  const corpus = buildCorpus(texts)
  const { codes, off } = corpus

  // Statistics on whole comments, every k-th one when the input is large.
  const total = codes.length
  const stride = Math.max(1, Math.ceil(total / SAMPLE_UNITS))
  let sample = codes
  if (stride > 1) {
    let size = 1
    for (let r = 0; r < n; r += stride) size += off[r + 1] - off[r]
    sample = new Uint16Array(size)
    let o = 0
    for (let r = 0; r < n; r += stride) {
      sample.set(codes.subarray(off[r], off[r + 1]), o)
      o += off[r + 1] - off[r]
    }
    sample[o] = SEP
  }
  const minFreq = Math.max(2, Math.round(minCount / stride))
  const nodes = countNgrams(sample, maxLen, minFreq)
  let units = 0
  for (let i = 0; i < sample.length; i++) if (sample[i] !== SEP) units++

  const stopPhrases = encodeList(opts.stopPhrases ?? DEFAULT_STOP_PHRASES, corpus, maxLen)
  const stopWords = new Set(encodeList(DEFAULT_STOP_WORDS, corpus, maxLen))
  const edgeWords = encodeList(EDGE_WORDS, corpus, maxLen)
  const edge = new Uint8Array(65536)
  for (const ch of EDGE_CHARS) edge[ch.charCodeAt(0)] = 1
  for (const w of LATIN_STOP) {
    const c = corpus.wordCode.get(w)
    if (c !== undefined) edge[c] = 1
  }

  const entropy = (count: number, cl: number) => Math.log(count) - cl / count
  const cands: Candidate[] = []
  // Single units only matter when single words may be phrases.
  for (let id = minLen <= 1 ? 1 : 65536; id < nodes.n; id++) {
    const len = nodes.len(id)
    const count = nodes.count[id]
    if (len < minLen || len > maxLen || count < minFreq) continue
    // A lone CJK character is no phrase; a lone word already is a word.
    if (len === 1 && corpus.kind[id] !== 2) continue
    const u = nodes.units(id)
    if (edge[u[0]] || edge[u[len - 1]]) continue
    let allNumeric = true
    for (const c of u) if (!corpus.numeric[c]) allNumeric = false
    if (allNumeric) continue
    const key = String.fromCharCode(...u)
    if (stopWords.has(key)) continue
    if (edgeWords.some((w) => key.length > w.length && (key.startsWith(w) || key.endsWith(w)))) continue
    if (stopPhrases.some((w) => key.includes(w))) continue
    const freedom = Math.min(entropy(count, nodes.leftCL[id]), entropy(count, nodes.rightCL[id]))
    if (freedom < MIN_FREEDOM) continue
    let cohesion = Infinity
    for (let k = 1; k < len; k++) {
      const a = nodes.count[nodes.prefix(id, k)]
      const b = nodes.count[nodes.suffixOf(id, len - k)]
      cohesion = Math.min(cohesion, Math.log((count * units) / (a * b)))
    }
    if (len > 1 && cohesion < MIN_COHESION) continue
    const score = len > 1 ? cohesion * freedom : freedom
    cands.push({ units: u, key, score, sampleCount: count, comments: 0, authors: 0, likes: 0, h1: 0, h2: 0 })
  }
  if (cands.length === 0) return []
  cands.sort((x, y) => y.sampleCount - x.sampleCount || y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
  cands.length = Math.min(cands.length, Math.max(MIN_EXACT_CANDIDATES, limit * 40))

  // Exact counts over every comment, once per comment. Comments are visited grouped by author so
  // that distinct authors are counted by noticing a change of author: no set per phrase.
  const trie = new Trie()
  cands.forEach((c, k) => trie.add(c.units, k))
  const authorOf = new Int32Array(n)
  const dense = new Map<unknown, number>()
  for (let r = 0; r < n; r++) {
    const a = r < (authors?.length ?? 0) ? authors[r] : undefined
    let d = dense.get(a)
    if (d === undefined) {
      d = dense.size
      dense.set(a, d)
    }
    authorOf[r] = d
  }
  const order = countingSort(authorOf, dense.size)
  const lastRow = new Int32Array(cands.length).fill(-1)
  const lastAuthor = new Int32Array(cands.length).fill(-1)
  let row = 0
  let like = 0
  let author = 0
  const hit = (k: number) => {
    if (lastRow[k] === row) return
    lastRow[k] = row
    const c = cands[k]
    c.comments++
    c.likes += like
    // Order-free fingerprint of the comment set, to tell "same comments" cheaply.
    c.h1 = (c.h1 + mix(row, 0x85ebca6b)) >>> 0
    c.h2 = (c.h2 ^ mix(row + 0x9e3779b9, 0x27d4eb2f)) >>> 0
    if (lastAuthor[k] !== author) {
      lastAuthor[k] = author
      c.authors++
    }
  }
  for (let o = 0; o < n; o++) {
    row = order[o]
    author = authorOf[row]
    const lk = row < (likes?.length ?? 0) ? Number(likes[row]) : 0
    like = Number.isFinite(lk) && lk > 0 ? lk : 0
    trie.scan(codes, off[row] + 1, off[row + 1], hit)
  }

  // A phrase inside a longer kept one is dropped unless it covers clearly more comments.
  const alive = cands.filter((c) => c.comments >= minCount)
  alive.sort((x, y) => y.units.length - x.units.length || y.comments - x.comments)
  const kept: Candidate[] = []
  for (const c of alive) {
    const covered = kept.some(
      (l) =>
        l.units.length > c.units.length &&
        l.key.includes(c.key) &&
        ((c.comments === l.comments && c.h1 === l.h1 && c.h2 === l.h2) || c.comments < l.comments + Math.max(2, Math.ceil(l.comments * 0.25))),
    )
    if (!covered) kept.push(c)
  }
  // Ranked by distinct authors, weighted by length: two characters are mostly a topic word (服务,
  // 领域) or a fragment; a phrase of three or more that many readers repeat is an ask (番外篇, 实战案例).
  const weight = (c: Candidate) => c.authors * (c.key.length >= 4 ? 1 : c.key.length === 3 ? 0.8 : 0.5)
  kept.sort(
    (x, y) =>
      weight(y) - weight(x) ||
      y.authors - x.authors ||
      y.likes - x.likes ||
      y.score - x.score ||
      y.comments - x.comments ||
      (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  )
  const top = kept.slice(0, limit)

  // Rows in row order, for the returned phrases only.
  const rowsTrie = new Trie()
  top.forEach((c, k) => rowsTrie.add(c.units, k))
  const rows: number[][] = top.map(() => [])
  let full = 0
  const seen = new Int32Array(top.length).fill(-1)
  for (let r = 0; r < n && full < top.length; r++) {
    rowsTrie.scan(codes, off[r] + 1, off[r + 1], (k) => {
      if (seen[k] === r || rows[k].length >= MAX_ROWS) return
      seen[k] = r
      rows[k].push(r)
      if (rows[k].length === MAX_ROWS) full++
    })
  }
  return top.map((c, k) => ({
    text: display(c.units, corpus),
    comments: c.comments,
    authors: c.authors,
    likes: c.likes,
    score: Math.round(c.score * 1000) / 1000,
    rows: rows[k],
  }))
}

/** Row indices ordered by group (stable). */
function countingSort(group: Int32Array, groups: number): Int32Array {
  const start = new Int32Array(groups + 1)
  for (let i = 0; i < group.length; i++) start[group[i] + 1]++
  for (let g = 0; g < groups; g++) start[g + 1] += start[g]
  const out = new Int32Array(group.length)
  for (let i = 0; i < group.length; i++) out[start[group[i]]++] = i
  return out
}
