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

import { analysedPart } from './analysed'
import { requestCues } from './lexicon'

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
 * Alternatives as one regex source, grouped by their first character in the order each first
 * appears: `加餐|番外|加个餐` becomes `加(?:餐|个餐)|番外`. V8 tries every alternative at every
 * position of the text; grouped, it tries one per distinct first character (a quarter less time
 * on the default themes). Within a group the order is kept, so the same alternative matches.
 */
function alternation(alts: string[]): string {
  const groups = new Map<string, { head: string; tails: string[] }>()
  for (const a of alts) {
    const src = altSource(a)
    const lookbehind = src.startsWith('(?<!') ? src.slice(0, src.indexOf(')') + 1) : ''
    const rest = src.slice(lookbehind.length)
    const first = rest[0] === '\\' ? rest.slice(0, 2) : rest[0]
    // Characters the `i` flag makes equal share a group, so that their order is kept too.
    const key = lookbehind + first.toUpperCase()
    const g = groups.get(key)
    if (g) g.tails.push(rest.slice(first.length))
    else groups.set(key, { head: lookbehind + first, tails: [rest.slice(first.length)] })
  }
  return [...groups.values()].map((g) => (g.tails.length === 1 ? g.head + g.tails[0] : `${g.head}(?:${g.tails.join('|')})`)).join('|')
}

/**
 * One part: `(decoys)|alternatives`; group 1 is set when a decoy matched. A decoy can only hide
 * an alternative that starts inside it, so it is left out of parts none of whose alternatives
 * begins with one of its characters (unless a wildcard in it could cover any character).
 */
function partRegex(alts: string[], decoys: string[]): RegExp {
  const body = alternation(alts)
  const firsts = new Set(alts.map((a) => a[0].toLowerCase()))
  const relevant = decoys.filter((d) => d.includes('*') || d.toLowerCase().split('').some((c) => firsts.has(c)))
  const src = relevant.length ? `(${alternation(relevant)})|(?:${body})` : body
  // Equal parts share one regex (and so one memo of the sentences it hit in the current text):
  // a list of places in the lesson combined with two lists of words for "wrong" scans each once.
  let re = regexBySource.get(src)
  if (!re) {
    re = new RegExp(src, 'gi')
    if (regexBySource.size > 4096) regexBySource.clear()
    regexBySource.set(src, re)
  }
  return re
}
const regexBySource = new Map<string, RegExp>()

/**
 * A unit of matching: one regex per part that must all hit in a sentence (a list's single-part
 * terms form one unit with one part). `alts` holds, for each alternative of the first part, its
 * literal chunks: one of them occurs in every text the unit matches (for prefiltering).
 */
export interface Unit {
  parts: RegExp[]
  alts: string[][]
  /** The literal chunks of every part's alternatives (`partAlts[0]` is `alts`): any part can prefilter. */
  partAlts: string[][][]
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
  if (flat) units.push({ parts: [flat], alts: single.map(chunksOf), partAlts: [single.map(chunksOf)] })
  compoundTerms.forEach((t, i) => units.push({ parts: compound[i], alts: t.parts[0].map(chunksOf), partAlts: t.parts.map((p) => p.map(chunksOf)) }))
  return { flat, compound, units, memoText: -1, memoAny: false, memo: new Uint32Array(0) }
}

/**
 * The regexes a term list compiles to, as data: one part per regex, with the alternatives it tries
 * and the decoys it carries (those `partRegex` keeps). For estimating matching work (themeCost.ts)
 * without compiling.
 */
export interface PartShape {
  alts: string[]
  decoys: string[]
}
export function listShape(terms: string[], extraDecoys: string[] = []): PartShape[] {
  const list = parseList(terms)
  const decoys = [...decoysOf(list), ...extraDecoys]
  const real = list.filter((t) => !t.decoy)
  const relevant = (alts: string[]) => {
    const firsts = new Set(alts.map((a) => a[0].toLowerCase()))
    return decoys.filter((d) => d.includes('*') || d.toLowerCase().split('').some((c) => firsts.has(c)))
  }
  const single = real.filter((t) => t.parts.length === 1).flatMap((t) => t.parts[0])
  const out: PartShape[] = single.length ? [{ alts: single, decoys: relevant(single) }] : []
  for (const t of real) if (t.parts.length > 1) for (const p of t.parts) out.push({ alts: p, decoys: relevant(p) })
  return out
}

/** Decoys of a term list (objects' and strong terms' decoys serve both lists). */
export const listDecoys = (terms: string[]): string[] => decoysOf(parseList(terms))

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

export function compileTheme(def: ThemeDef, sharedCues: string[] = requestCues()): CompiledTheme {
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

/** Themes a text asks for, with spans for highlighting (in its analysed part). */
export function matchThemes(fullText: string, themes: CompiledTheme[]): ThemeMatch[] {
  const out: ThemeMatch[] = []
  const text = analysedPart(fullText)
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
  /** Bits 0–31 and 32–63 of each table entry (up to 64 units get a bit of their own). */
  uni: Uint32Array
  uniHi: Uint32Array
  first: Uint8Array
  keys: Uint32Array
  vals: Uint32Array
  valsHi: Uint32Array
  mask: number
  /** Bits that are always set (a unit the tables cannot represent). */
  always: number
  alwaysHi: number
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

/** The rarest necessary pair (or character) of one alternative, and how often it occurs in the sample. */
function rarest(chunks: string[], single: Map<number, number>, pairCounts: Map<number, number>): { pair: number; char: number; count: number } {
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
  return bestPair >= 0 ? { pair: bestPair, char: -1, count: bestCount } : { pair: -1, char: bestChar, count: bestCharCount }
}

const MAX_UNIT_BITS = 64

function buildPrefilter(themes: CompiledTheme[], texts: string[]): Prefilter {
  const units = themes.map(themeUnits)
  const total = units.reduce((s, u) => s + u.length, 0)
  const perUnit = total <= MAX_UNIT_BITS
  const offset: number[] = []
  let next = 0
  for (const u of units) {
    offset.push(next)
    next += perUnit ? u.length : 1
  }
  const { single, pairs: pairCounts } = sampleCounts(texts, units.flat().flatMap((u) => u.partAlts.flat()))
  // Every part of a unit is necessary, so the rarest part in the sample prefilters it, and its regex
  // runs first (a text that lacks it is dismissed after one scan). AND is order-free: reordering
  // the parts changes no result.
  for (const list of units) {
    for (const unit of list) {
      if (unit.parts.length < 2) continue
      const cost = unit.partAlts.map((alts) => alts.reduce((sum, chunks) => sum + (chunks.length === 0 || chunks.some(hasNonAsciiCase) ? Infinity : rarest(chunks, single, pairCounts).count), 0))
      const order = cost.map((c, i) => [c, i] as const).sort((x, y) => x[0] - y[0]).map(([, i]) => i)
      const parts = order.map((i) => unit.parts[i])
      const partAlts = order.map((i) => unit.partAlts[i])
      for (let i = 0; i < order.length; i++) {
        unit.parts[i] = parts[i]
        unit.partAlts[i] = partAlts[i]
      }
    }
  }
  const uni = new Uint32Array(0x10000)
  const uniHi = new Uint32Array(0x10000)
  const first = new Uint8Array(0x10000)
  const pairBits = new Map<number, [number, number]>()
  let always = 0
  let alwaysHi = 0
  units.forEach((list, ti) => {
    list.forEach((unit, k) => {
      const g = perUnit ? offset[ti] + k : ti
      const lo = g < 32 ? (1 << g) >>> 0 : 0
      const hi = g >= 32 ? (1 << (g - 32)) >>> 0 : 0
      for (const chunks of unit.partAlts[0]) {
        if (chunks.length === 0 || chunks.some(hasNonAsciiCase)) {
          always |= lo
          alwaysHi |= hi
          continue
        }
        // The rarest pair of any chunk; a single character only when no chunk has two.
        const r = rarest(chunks, single, pairCounts)
        if (r.pair >= 0) {
          first[r.pair >>> 16] = 1
          const b = pairBits.get(r.pair) ?? [0, 0]
          pairBits.set(r.pair, [(b[0] | lo) >>> 0, (b[1] | hi) >>> 0])
        } else if (r.char >= 0) {
          uni[r.char] |= lo
          uniHi[r.char] |= hi
        } else {
          always |= lo
          alwaysHi |= hi
        }
      }
    })
  })
  let size = 256
  while (size < pairBits.size * 4) size *= 2
  const keys = new Uint32Array(size)
  const vals = new Uint32Array(size)
  const valsHi = new Uint32Array(size)
  const mask = size - 1
  for (const [key, [lo, hi]] of pairBits) {
    let h = pairSlot(key, mask)
    while (keys[h] !== 0) h = (h + 1) & mask
    keys[h] = key
    vals[h] = lo
    valsHi[h] = hi
  }
  return { uni, uniHi, first, keys, vals, valsHi, mask, always: always >>> 0, alwaysHi: alwaysHi >>> 0, offset, perUnit }
}

/** Bits 32–63 of the last `candidates` call. */
let candHi = 0

/** Bits 0–31 of the units (or themes) that may match `text`; bits 32–63 in `candHi`. */
function candidates(text: string, pf: Prefilter): number {
  const { uni, uniHi, first, keys, vals, valsHi, mask } = pf
  let c0 = foldCode(text.charCodeAt(0))
  let m = pf.always | uni[c0]
  let h2 = pf.alwaysHi | uniHi[c0]
  for (let i = 1; i < text.length; i++) {
    const c1 = foldCode(text.charCodeAt(i))
    m |= uni[c1]
    h2 |= uniHi[c1]
    if (first[c0] === 1) {
      const key = pairKey(c0, c1)
      for (let h = pairSlot(key, mask); keys[h] !== 0; h = (h + 1) & mask) {
        if (keys[h] === key) {
          m |= vals[h]
          h2 |= valsHi[h]
          break
        }
      }
    }
    c0 = c1
  }
  candHi = h2 >>> 0
  return m >>> 0
}

/** `n` bits from bit `o` of the 64-bit value (lo, hi). */
function bitsAt(lo: number, hi: number, o: number, n: number): number {
  if (n <= 0) return 0
  const v = o >= 32 ? hi >>> (o - 32) : o === 0 ? lo : ((lo >>> o) | (hi << (32 - o))) >>> 0
  return n >= 32 ? v : v & ((1 << n) - 1)
}

/**
 * A time bound for matching (issue #18): the cost estimate (themeCost.ts) assumes ordinary text, and
 * text made of what a theme set's alternatives start with and never finish (a comma before every
 * few characters) can cost far more. Past `graceMs`, matching that averages over `nsPerChar` stops
 * with MatchTooSlow. Measured in Node on one idle core: the default themes run at 50–95 ns per
 * character, the costliest admitted set at 230 ns on the real courses and 490 ns on comma-rich
 * comments, and at 5,970 ns on text with a comma before every fifth character. The limit leaves
 * room for a loaded machine (wall-clock time doubles there) and for phones.
 */
export interface MatchLimit {
  /** Below this many ns per character matching always goes on. */
  nsPerChar: number
  graceMs: number
  /**
   * The default themes. Over `nsPerChar`, the last rows are matched again with them, then and there,
   * and matching stops only if it took over REFERENCE_RATIO times as long: a loaded machine or a
   * slow phone slows both alike, so only what the texts and the set do counts.
   */
  reference?: CompiledTheme[]
}
export const MATCH_LIMIT: MatchLimit = { nsPerChar: 2500, graceMs: 250 }
/**
 * How many times the default themes' time a set may take on the same rows. The costliest admitted
 * set takes 4–6 times as long on real and comma-rich comments; on text built to defeat it (a comma
 * before every fifth character, then nothing any alternative finishes), about 100 times.
 */
export const REFERENCE_RATIO = 12
/** Rows between two checks of the time bound. */
const CHECK_ROWS = 1024

export class MatchTooSlow extends Error {
  constructor(readonly nsPerChar: number) {
    super(`theme matching too slow: ${Math.round(nsPerChar)} ns per character`)
    this.name = 'MatchTooSlow'
  }
}

/** Whether `ms` (the set's time on `rows`) is over REFERENCE_RATIO times the reference's time on them now. */
function overReference(rows: string[], ms: number, limit: MatchLimit): boolean {
  if (!limit.reference) return true
  const t0 = performance.now()
  themeMasks(rows, limit.reference)
  return ms > REFERENCE_RATIO * (performance.now() - t0)
}

/** Bit mask of matching themes per row (up to 32 themes), for the query engine. */
export function themeMasks(texts: string[], themes: CompiledTheme[], limit?: MatchLimit): Uint32Array {
  const masks = new Uint32Array(texts.length)
  const active = themes.slice(0, 32)
  if (!active.some((t) => t.def.enabled)) return masks
  const pf = buildPrefilter(active, texts)
  const counts = active.map((t) => [t.sets.strong.units.length, t.sets.objects.units.length])
  const t0 = limit ? performance.now() : 0
  let chunkStart = t0
  let chars = 0
  for (let i = 0; i < texts.length; i++) {
    // Checked between rows (the reference run below reuses this module's scratch state).
    if (limit && i > 0 && i % CHECK_ROWS === 0) {
      const now = performance.now()
      const ms = now - t0
      if (ms > limit.graceMs && (ms * 1e6) / chars > limit.nsPerChar && overReference(texts.slice(i - CHECK_ROWS, i), now - chunkStart, limit)) throw new MatchTooSlow((ms * 1e6) / chars)
      chunkStart = performance.now()
    }
    const text = analysedPart(texts[i])
    if (!text) continue
    chars += text.length
    const cand = candidates(text, pf)
    const hi = candHi
    if (cand === 0 && hi === 0) continue
    let n = -1
    let m = 0
    for (let ti = 0; ti < active.length; ti++) {
      if (!active[ti].def.enabled) continue
      let strongOn = ALL_UNITS
      let objectsOn = ALL_UNITS
      const [ns, no] = counts[ti]
      if (pf.perUnit) {
        // Units past 31 in one list are always tried (unitOn), so at most 31 bits are read each.
        strongOn = ns > 31 ? ALL_UNITS : bitsAt(cand, hi, pf.offset[ti], ns)
        objectsOn = no > 31 ? ALL_UNITS : bitsAt(cand, hi, pf.offset[ti] + ns, no)
        if (strongOn === 0 && objectsOn === 0) continue
      } else if (bitsAt(cand, hi, ti, 1) === 0) continue
      // Split only when some theme may match.
      if (n < 0) n = splitSentences(text)
      if (n > 0 && evalTheme(active[ti], text, n, false, strongOn, objectsOn)) m |= 1 << ti
    }
    masks[i] = m >>> 0
  }
  return masks
}
