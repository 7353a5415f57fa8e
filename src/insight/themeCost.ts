/**
 * A work budget for theme sets (issue #18). The pattern language cannot backtrack catastrophically,
 * but a crafted set — hundreds of alternatives that start with a comma, each with the most `*`
 * gaps, plus decoys — made matching 100,000 comments take 50 s. Before a set runs (editor, saved
 * set, `tdef` link) its cost is estimated from its shape alone, and a set over the budget is
 * refused, naming the costliest theme.
 *
 * The estimate counts regex steps per character of text, the way V8's backtracking engine spends
 * them on our regexes:
 * - every regex scans each position once per group of alternatives sharing a first character;
 * - where a group's first character occurs, each alternative is tried: its literal characters,
 *   and for each `*` (0–4 characters) five tries of what follows it.
 * The first character is assumed to occur often (a comma does, in every tenth character of a
 * Chinese comment): an attacker chooses it, and a user's term is rarely that common, so real sets
 * sit far below what the estimate allows. Steps are calibrated to time by `npm run bench:themecost`.
 */
import { listDecoys, listShape, type PartShape, type ThemeDef } from './themes'

/** Tries of the text after a `*`: it stands for 0–4 characters. */
const GAP_TRIES = 5
/**
 * How often an alternative's first character is assumed to occur: 1 in 8 characters for
 * punctuation, spaces, Latin letters, digits and the most common Chinese characters (a comma is
 * about every tenth character of a comment), 1 in 300 for any other.
 */
const COMMON_RATE = 1 / 8
const RARE_RATE = 1 / 300
const COMMON_CHINESE = new Set(
  '的是了我不在有这个们中来上大为和到说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日一',
)
/** Steps to scan one position per group of alternatives (V8 checks a group's first character fast). */
const GROUP_STEP = 0.05
export function firstCharRate(alt: string): number {
  const c = alt[0]
  return COMMON_CHINESE.has(c) || /[\s\p{P}\p{S}a-z0-9]/iu.test(c) ? COMMON_RATE : RARE_RATE
}

export type CostReason = 'alternatives' | 'gaps' | 'decoys' | 'parts'

export interface ThemeCost {
  id: string
  /** Estimated regex steps per character of comment text. */
  steps: number
  /** What makes up most of it, for the message. */
  reason: CostReason
  alternatives: number
  gaps: number
  decoys: number
  parts: number
}

/**
 * Steps to try one alternative where its first character occurs. A literal chunk costs a step or
 * two (a comparison fails at its first differing character, and text that matches long chunks
 * everywhere does not exist); each `*` multiplies what follows by its five tries.
 */
export function altSteps(alt: string): number {
  const chunks = alt.split('*')
  let steps = 0
  // A gap first takes up to four characters (four checks), then gives them back one by one,
  // trying what follows at each of its five lengths.
  for (let i = chunks.length - 1; i >= 0; i--) steps = Math.min(chunks[i].length, 2) + (i < chunks.length - 1 ? GAP_TRIES - 1 + GAP_TRIES * steps : 0)
  return steps
}

function partSteps(p: PartShape): { steps: number; alt: number; decoy: number } {
  const all = [...p.alts, ...p.decoys]
  const groups = new Set(all.map((a) => a[0].toLowerCase())).size * GROUP_STEP
  const alt = p.alts.reduce((s, a) => s + altSteps(a) * firstCharRate(a), 0)
  const decoy = p.decoys.reduce((s, a) => s + altSteps(a) * firstCharRate(a), 0)
  return { steps: groups + alt + decoy, alt, decoy }
}

/**
 * Estimates by a theme's terms: switching a theme on or off (or any edit of another) plans the whole
 * set again, and parsing every theme's terms took 5–20 ms of the page each time.
 */
const costByTerms = new Map<string, ThemeCost>()
const COSTS_KEPT = 512

/** The estimated matching cost of one theme (without the shared cues, counted once per set). */
export function themeCost(def: ThemeDef): ThemeCost {
  const key = JSON.stringify([def.objects, def.strong, def.cues, def.exclude])
  const known = costByTerms.get(key)
  if (known) return known.id === def.id ? known : { ...known, id: def.id }
  const cost = measureTheme(def)
  if (costByTerms.size >= COSTS_KEPT) costByTerms.clear()
  costByTerms.set(key, cost)
  return cost
}

function measureTheme(def: ThemeDef): ThemeCost {
  const strongDecoys = listDecoys(def.strong ?? [])
  const objectDecoys = listDecoys(def.objects ?? [])
  const parts = [
    ...listShape(def.objects ?? [], strongDecoys),
    ...listShape(def.strong ?? [], objectDecoys),
    ...listShape(def.cues ?? []),
    ...listShape(def.exclude ?? []),
  ]
  let steps = 0
  let altPart = 0
  let decoyPart = 0
  let gaps = 0
  let alternatives = 0
  let decoys = 0
  for (const p of parts) {
    const c = partSteps(p)
    steps += c.steps
    altPart += c.alt
    decoyPart += c.decoy
    alternatives += p.alts.length
    decoys += p.decoys.length
    for (const a of p.alts) gaps += a.split('*').length - 1
  }
  const scanPart = steps - altPart - decoyPart
  const reason: CostReason =
    scanPart >= altPart && scanPart >= decoyPart ? 'parts' : decoyPart > altPart ? 'decoys' : gaps * 2 > alternatives ? 'gaps' : 'alternatives'
  return { id: def.id, steps, reason, alternatives, gaps, decoys, parts: parts.length }
}

const cueCosts = new WeakMap<string[], number>()

/** Cost of the request cues every theme shares (their regex runs once per text). */
export function sharedCueCost(cues: string[]): number {
  let cost = cueCosts.get(cues)
  if (cost === undefined) cueCosts.set(cues, (cost = listShape(cues).reduce((s, p) => s + partSteps(p).steps, 0)))
  return cost
}

/**
 * The budget, in steps per character for a whole set. The default themes estimate at 829, their
 * costliest (errata) at 371 (pinned by a unit test); ten more words in every theme, or ten more
 * with `*` gaps, stay inside (845, 993). The estimate counts every alternative on its own; since
 * the regexes merge alternatives into a prefix tree (patterns.ts: a shared start and gap are tried
 * once), the costliest sets it admits match at 0.5–1.1 times the defaults' time on real courses
 * and at most 0.8 times on comments thick with commas (`npm run bench:themecost`, 2026-12-06:
 * 100,000 comments in at most 0.8 s on the two matching workers; before the tree, 1.8–2.8 s, and
 * 13 s on the comma-thick ones). The crafted 50-second link estimates at over 5,000 (refused).
 * One theme alone may use a bit over half of it, so that a refusal names a theme a person can fix.
 */
export const SET_BUDGET = 1100
export const THEME_BUDGET = 600

export interface ThemePlan {
  ok: boolean
  steps: number
  themes: ThemeCost[]
  /** The costliest theme when the set is refused. */
  worst: ThemeCost | null
  /** Which budget was passed. */
  over: 'theme' | 'set' | null
}

/** Whether a theme set may run. Every theme counts, switched on or off: masks are matched with all on (query/indexes.ts). */
export function planThemes(defs: readonly ThemeDef[], cues: string[] = []): ThemePlan {
  const themes = defs.map(themeCost)
  const steps = themes.reduce((s, t) => s + t.steps, 0) + sharedCueCost(cues)
  const worst = themes.reduce<ThemeCost | null>((w, t) => (!w || t.steps > w.steps ? t : w), null)
  const over = worst && worst.steps > THEME_BUDGET ? 'theme' : steps > SET_BUDGET ? 'set' : null
  return { ok: over === null, steps, themes, worst: over ? worst : null, over }
}
