/**
 * Theme masks for many texts — one bit per theme per comment, what the query engine filters and
 * counts by — with the prefilter skipping themes that cannot match and a time bound (issue #18).
 */
import { analysedPart } from '../analysed'
import type { CompiledTheme } from './patterns'
import { ALL_UNITS, evalTheme, splitSentences } from './matcher'
import { bitsAt, buildPrefilter, candHi, candidates } from './prefilter'

/**
 * A time bound for matching (issue #18): the cost estimate (themeCost.ts) assumes ordinary text, and
 * text made of what a theme set's alternatives start with and never finish (a comma before every
 * few characters) can cost far more. Past `graceMs`, matching that averages over `nsPerChar` stops
 * with MatchTooSlow. Measured in Node on one idle core: the default themes run at 50–95 ns per
 * character; the costliest admitted sets, before their alternatives were merged into a prefix tree
 * (patterns.ts), at 230 ns on the real courses and at 5,970 ns on text with a comma before every
 * fifth character; merged, at 40–100 ns on both. No admitted set is known to come near the limit
 * now: it stays as the safety net for what the estimate does not foresee. The limit leaves room for
 * a loaded machine (wall-clock time doubles there) and for phones.
 */
export interface MatchLimit {
  /** Below this many ns per character matching always goes on. */
  nsPerChar: number
  graceMs: number
  /**
   * The default themes. Over `nsPerChar`, the last rows are matched again with them, then and there,
   * and matching stops only if it took over REFERENCE_RATIO times as long, at two checks in a row: a
   * loaded machine or a slow phone slows both alike, so only what the texts and the set do counts.
   */
  reference?: CompiledTheme[]
}
export const MATCH_LIMIT: MatchLimit = { nsPerChar: 2500, graceMs: 250 }
/**
 * How many times the default themes' time a set may take on the same rows. The costliest admitted
 * sets took 4–6 times as long on real and comma-rich comments and about 100 times on text built to
 * defeat them (a comma before every fifth character, then nothing any alternative finishes) before
 * the prefix tree; 0.1–1.1 times since (`npm run bench:themecost`).
 */
export const REFERENCE_RATIO = 12
/** Rows between two checks of the time bound. */
const CHECK_ROWS = 1024
/** Checks over the bound in a row before matching stops. */
const STRIKES = 2

export class MatchTooSlow extends Error {
  constructor(readonly nsPerChar: number) {
    super(`theme matching too slow: ${Math.round(nsPerChar)} ns per character`)
    this.name = 'MatchTooSlow'
  }
}

/** Whether `ms` (the set's time on `rows`) is over REFERENCE_RATIO times the reference's time on them now. */
function overReference(rows: readonly string[], ms: number, limit: MatchLimit): boolean {
  if (!limit.reference) return true
  const t0 = performance.now()
  themeMasks(rows, limit.reference)
  return ms > REFERENCE_RATIO * (performance.now() - t0)
}

/** Bit mask of matching themes per row (up to 32 themes), for the query engine. */
export function themeMasks(texts: readonly string[], themes: CompiledTheme[], limit?: MatchLimit): Uint32Array {
  const masks = new Uint32Array(texts.length)
  const active = themes.slice(0, 32)
  if (!active.some((t) => t.def.enabled)) return masks
  const pf = buildPrefilter(active, texts)
  const counts = active.map((t) => [t.sets.strong.units.length, t.sets.objects.units.length])
  const t0 = limit ? performance.now() : 0
  let chunkStart = t0
  let chars = 0
  let strikes = 0
  for (let i = 0; i < texts.length; i++) {
    // Checked between rows (the reference run below reuses this module's scratch state).
    if (limit && i > 0 && i % CHECK_ROWS === 0) {
      const now = performance.now()
      const ms = now - t0
      if (ms > limit.graceMs && (ms * 1e6) / chars > limit.nsPerChar && overReference(texts.slice(i - CHECK_ROWS, i), now - chunkStart, limit)) {
        // Twice in a row: one chunk can be slowed by the machine alone (another process took the core).
        if (++strikes >= STRIKES) throw new MatchTooSlow((ms * 1e6) / chars)
      } else strikes = 0
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
