import type { CompiledTheme } from './patterns'

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
function sampleCounts(texts: readonly string[], alts: string[][]): { single: Map<number, number>; pairs: Map<number, number> } {
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

export function buildPrefilter(themes: CompiledTheme[], texts: readonly string[]): Prefilter {
  const units = themes.map(themeUnits)
  const total = units.reduce((s, u) => s + u.length, 0)
  const perUnit = total <= MAX_UNIT_BITS
  const offset: number[] = []
  let next = 0
  for (const u of units) {
    offset.push(next)
    next += perUnit ? u.length : 1
  }
  const { single, pairs: pairCounts } = sampleCounts(
    texts,
    units.flat().flatMap((u) => u.partAlts.flat()),
  )
  // Every part of a unit is necessary, so the rarest part in the sample prefilters it, and its regex
  // runs first (a text that lacks it is dismissed after one scan). AND is order-free: reordering
  // the parts changes no result.
  for (const list of units) {
    for (const unit of list) {
      if (unit.parts.length < 2) continue
      const cost = unit.partAlts.map((alts) =>
        alts.reduce((sum, chunks) => sum + (chunks.length === 0 || chunks.some(hasNonAsciiCase) ? Infinity : rarest(chunks, single, pairCounts).count), 0),
      )
      const order = cost
        .map((c, i) => [c, i] as const)
        .sort((x, y) => x[0] - y[0])
        .map(([, i]) => i)
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
export let candHi = 0

/** Bits 0–31 of the units (or themes) that may match `text`; bits 32–63 in `candHi`. */
export function candidates(text: string, pf: Prefilter): number {
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
export function bitsAt(lo: number, hi: number, o: number, n: number): number {
  if (n <= 0) return 0
  const v = o >= 32 ? hi >>> (o - 32) : o === 0 ? lo : ((lo >>> o) | (hi << (32 - o))) >>> 0
  return n >= 32 ? v : v & ((1 << n) - 1)
}
