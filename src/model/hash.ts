/**
 * cyrb53 (a fast, well-distributed 53-bit string hash; public domain, by bryc) of `parts` joined
 * by U+0001, without building the joined string. A comment's id is this hash of (lesson, author,
 * day, text): a cryptographic hash of every text would dominate the import, and collisions among a
 * million ids are ~1e-4 likely; ids also carry an ordinal for exact repeats.
 */
export function cyrb53Joined(parts: readonly string[], seed = 0): number {
  const last = parts.length - 1
  return last < 0 ? cyrb53JoinedAt(parts, 0, '', 0, -1, seed) : cyrb53JoinedAt(parts, last, parts[last], 0, parts[last].length, seed)
}

/**
 * cyrb53Joined of parts[0 … count - 1] and, as the last part, `src.slice(from, to)` read where it
 * is: an import hashes each comment's text straight from the file's text (a flat string reads
 * faster than 100k slices of it). `to` < 0: no last part.
 */
export function cyrb53JoinedAt(parts: readonly string[], count: number, src: string, from: number, to: number, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let p = 0; p < count; p++) {
    if (p > 0) {
      h1 = Math.imul(h1 ^ 1, 2654435761)
      h2 = Math.imul(h2 ^ 1, 1597334677)
    }
    const str = parts[p]
    for (let i = 0; i < str.length; i++) {
      const ch = str.charCodeAt(i)
      h1 = Math.imul(h1 ^ ch, 2654435761)
      h2 = Math.imul(h2 ^ ch, 1597334677)
    }
  }
  if (to >= 0) {
    if (count > 0) {
      h1 = Math.imul(h1 ^ 1, 2654435761)
      h2 = Math.imul(h2 ^ 1, 1597334677)
    }
    for (let i = from; i < to; i++) {
      const ch = src.charCodeAt(i)
      h1 = Math.imul(h1 ^ ch, 2654435761)
      h2 = Math.imul(h2 ^ ch, 1597334677)
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

const DIGITS36 = Array.from('0123456789abcdefghijklmnopqrstuvwxyz', (c) => c.charCodeAt(0))
const POW36_6 = 36 ** 6

/**
 * A 53-bit hash as 11 base-36 characters, zero-padded: `hash.toString(36).padStart(11, '0')`,
 * done as two halves (six and five digits) with a digit table, written out digit by digit
 * (Number#toString(36) was half the import's id pass, a spread call most of the rest).
 */
export function idOf(hash: number): string {
  let lo = hash % POW36_6
  let hi = (hash - lo) / POW36_6
  const l5 = DIGITS36[lo % 36]
  lo = (lo / 36) | 0
  const l4 = DIGITS36[lo % 36]
  lo = (lo / 36) | 0
  const l3 = DIGITS36[lo % 36]
  lo = (lo / 36) | 0
  const l2 = DIGITS36[lo % 36]
  lo = (lo / 36) | 0
  const l1 = DIGITS36[lo % 36]
  lo = (lo / 36) | 0
  const l0 = DIGITS36[lo % 36]
  const h4 = DIGITS36[hi % 36]
  hi = (hi / 36) | 0
  const h3 = DIGITS36[hi % 36]
  hi = (hi / 36) | 0
  const h2 = DIGITS36[hi % 36]
  hi = (hi / 36) | 0
  const h1 = DIGITS36[hi % 36]
  hi = (hi / 36) | 0
  const h0 = DIGITS36[hi % 36]
  return String.fromCharCode(h0, h1, h2, h3, h4, l0, l1, l2, l3, l4, l5)
}

/**
 * The hashes that occur more than once, each mapped to 0 (the caller counts ordinals there).
 * Open addressing on the low 32 bits: one pass, no sort.
 */
export function repeatedHashes(hashes: Float64Array): Map<number, number> {
  const n = hashes.length
  let size = 16
  while (size < n * 2) size *= 2
  const table = new Int32Array(size)
  const mask = size - 1
  const repeated = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const x = hashes[i]
    for (let slot = (x >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const j = table[slot]
      if (j === 0) {
        table[slot] = i + 1
        break
      }
      if (hashes[j - 1] === x) {
        repeated.set(x, 0)
        break
      }
    }
  }
  return repeated
}
