/**
 * Matching compiled themes against one text: sentences are split once, each regex runs once over
 * the text and marks the sentences it hits, and a theme is a few AND/OR operations over those marks.
 */
import { analysedPart } from '../analysed'
import type { ThemeMatch } from './model'
import { emptySet, type CompiledTheme, type TermSet, type Unit } from './patterns'

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
export function splitSentences(text: string): number {
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
/** Per regex: the sentences it hit in the text `serial` (a part shared by several terms runs once). */
interface MarkMemo {
  serial: number
  any: boolean
  bits: Uint32Array
}
const markMemo = new WeakMap<RegExp, MarkMemo>()

function mark(re: RegExp, text: string, n: number, words: number, out: Uint32Array): boolean {
  const memo = markMemo.get(re)
  if (memo && memo.serial === textSerial) {
    for (let w = 0; w < words; w++) out[w] = memo.bits[w]
    return memo.any
  }
  const any = scan(re, text, n, words, out)
  if (memo) {
    if (memo.bits.length < words) memo.bits = new Uint32Array(Math.max(words, 4))
    memo.bits.set(out.subarray(0, words))
    memo.serial = textSerial
    memo.any = any
  } else markMemo.set(re, { serial: textSerial, any, bits: out.slice(0, Math.max(words, 4)) })
  return any
}

function scan(re: RegExp, text: string, n: number, words: number, out: Uint32Array): boolean {
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

export const ALL_UNITS = -1
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
export function evalTheme(t: CompiledTheme, text: string, n: number, all: boolean, strongOn = ALL_UNITS, objectsOn = ALL_UNITS): boolean {
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

/**
 * Themes a text asks for, with spans for highlighting (in its analysed part). `only`: a theme mask
 * (bit k = themes[k]) known from the import; themes outside it are not tried (a list row's
 * highlights then cost nothing for a comment that asks for nothing).
 */
export function matchThemes(fullText: string, themes: CompiledTheme[], only = -1): ThemeMatch[] {
  const out: ThemeMatch[] = []
  const text = analysedPart(fullText)
  if (!text) return out
  const n = splitSentences(text)
  if (n === 0) return out
  for (let ti = 0; ti < themes.length; ti++) {
    const t = themes[ti]
    if (!t.def.enabled || (ti < 32 && !((only >>> ti) & 1)) || !evalTheme(t, text, n, true)) continue
    const result = scratch[S_RESULT]
    const spans: [number, number][] = []
    for (let si = 0; si < n; si++) {
      if (result[si >>> 5] & (1 << (si & 31))) spans.push(...sentenceSpans(t, text, starts[si], ends[si]))
    }
    out.push({ theme: ti, spans })
  }
  return out
}
