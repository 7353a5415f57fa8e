/**
 * The pattern language of request themes, and compiling a theme into regexes. Request themes: what readers ask for. A comment matches a theme when, in one sentence, a
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

import { requestCues } from '../lexicon'
import type { ThemeDef } from './model'

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
const NOT_AFTER_WORD = '(?<![a-z0-9])'
const NOT_BEFORE_WORD = '(?![a-z0-9])'

/** An alternative as regex tokens: one per character (escaped), a gap, or a word boundary check. */
export function altTokens(a: string): string[] {
  const s = a.toLowerCase()
  const tokens = [...s].map((c) => (c === '*' ? WILDCARD : escape(c)))
  if (WORD.test(s[0])) tokens.unshift(NOT_AFTER_WORD)
  if (WORD.test(s[s.length - 1])) tokens.push(NOT_BEFORE_WORD)
  return tokens
}

/** A prefix tree of alternatives' tokens; `entries` keeps each branch (or an end) in the order it first appeared. */
interface TrieNode {
  entries: ({ end: true } | { end: false; token: string; node: TrieNode })[]
  byToken: Map<string, TrieNode>
  ended: boolean
  source?: string
}
const trieNode = (): TrieNode => ({ entries: [], byToken: new Map(), ended: false })
const isOneChar = (token: string) => token.length === 1 || (token.length === 2 && token[0] === '\\')

/** Regex source for the alternatives below `node`. */
function trieSource(node: TrieNode): string {
  if (node.source !== undefined) return node.source
  const pieces: string[] = []
  const { entries } = node
  for (let k = 0; k < entries.length;) {
    const e = entries[k]
    if (e.end) {
      pieces.push('')
      k++
      continue
    }
    // Neighbouring branches on one character each, followed by the same rest, become one class:
    // `，*的|，*是` is `，[^…]{0,4}[的是]`. Distinct characters never match at the same place, so
    // their order does not matter; ends and gaps (which can) keep their place.
    const rest = trieSource(e.node)
    let run = k + 1
    const chars = [e.token]
    if (isOneChar(e.token))
      for (; run < entries.length; run++) {
        const f = entries[run]
        if (f.end || !isOneChar(f.token) || trieSource(f.node) !== rest) break
        chars.push(f.token)
      }
    pieces.push((chars.length > 1 ? `[${chars.join('')}]` : e.token) + rest)
    k = run
  }
  node.source = pieces.length === 1 ? pieces[0] : `(?:${pieces.join('|')})`
  return node.source
}

/**
 * Alternatives as one regex source, as a prefix tree: `加餐|番外|加个餐` becomes `(?:加(?:餐|个餐)|番外)`
 * and hundreds of `，*x` one gap and a class. V8 tries every alternative at every position of the
 * text; merged, it tries each shared start and gap once (a quarter less time on the default
 * themes, and a set built to be slow — hundreds of alternatives after one comma and gap — costs
 * little more than one). Branches keep the order they first appear in, so of two literal
 * alternatives that both match at a place, the same one matches.
 */
export function alternation(alts: string[]): string {
  const root = trieNode()
  for (const a of alts) {
    let node = root
    for (const token of altTokens(a)) {
      // (Lower-cased: the `i` flag's other equal characters are branches of their own, in order.)
      let next = node.byToken.get(token)
      if (!next) {
        next = trieNode()
        node.byToken.set(token, next)
        node.entries.push({ end: false, token, node: next })
      }
      node = next
    }
    if (!node.ended) {
      node.ended = true
      node.entries.push({ end: true })
    }
  }
  return trieSource(root)
}

/**
 * One part: `(decoys)|alternatives`; group 1 is set when a decoy matched. A decoy can only hide
 * an alternative that starts inside it, so it is left out of parts none of whose alternatives
 * begins with one of its characters (unless a wildcard in it could cover any character).
 */
function partRegex(alts: string[], decoys: string[]): RegExp {
  const body = alternation(alts)
  const firsts = new Set(alts.map((a) => a[0].toLowerCase()))
  const relevant = decoys.filter(
    (d) =>
      d.includes('*') ||
      d
        .toLowerCase()
        .split('')
        .some((c) => firsts.has(c)),
  )
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
const chunksOf = (alt: string) =>
  alt
    .toLowerCase()
    .split('*')
    .map((c) => c.trim())
    .filter(Boolean)

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
    return decoys.filter(
      (d) =>
        d.includes('*') ||
        d
          .toLowerCase()
          .split('')
          .some((c) => firsts.has(c)),
    )
  }
  const single = real.filter((t) => t.parts.length === 1).flatMap((t) => t.parts[0])
  const out: PartShape[] = single.length ? [{ alts: single, decoys: relevant(single) }] : []
  for (const t of real) if (t.parts.length > 1) for (const p of t.parts) out.push({ alts: p, decoys: relevant(p) })
  return out
}

/** Decoys of a term list (objects' and strong terms' decoys serve both lists). */
export const listDecoys = (terms: string[]): string[] => decoysOf(parseList(terms))

export const emptySet = (set: TermSet) => !set.flat && set.compound.length === 0

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
