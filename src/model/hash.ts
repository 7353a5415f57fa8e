/**
 * cyrb53 (a fast, well-distributed 53-bit string hash; public domain, by bryc) of `parts` joined
 * by U+0001, without building the joined string. A comment's id is this hash of (lesson, author,
 * day, text): a cryptographic hash of every text would dominate the import, and collisions among a
 * million ids are ~1e-4 likely; ids also carry an ordinal for exact repeats.
 */
export function cyrb53Joined(parts: readonly string[], seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let p = 0; p < parts.length; p++) {
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
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

const DIGITS36 = Array.from('0123456789abcdefghijklmnopqrstuvwxyz', (c) => c.charCodeAt(0))
const POW36_6 = 36 ** 6
const codes = new Array<number>(11)

/**
 * A 53-bit hash as 11 base-36 characters, zero-padded: `hash.toString(36).padStart(11, '0')`,
 * done as two 32-bit halves with a digit table (Number#toString(36) was half the import's id
 * pass).
 */
export function idOf(hash: number): string {
  let lo = hash % POW36_6
  let hi = (hash - lo) / POW36_6
  for (let k = 10; k >= 5; k--) {
    codes[k] = DIGITS36[lo % 36]
    lo = Math.floor(lo / 36)
  }
  for (let k = 4; k >= 0; k--) {
    codes[k] = DIGITS36[hi % 36]
    hi = Math.floor(hi / 36)
  }
  return String.fromCharCode(...codes)
}

