/**
 * cyrb53: a fast, well-distributed 53-bit string hash (public domain, by bryc). Used for comment
 * ids on the import hot path, where a cryptographic hash of every text would dominate the cost.
 * Collisions among a million ids are ~1e-4 likely; ids also carry an ordinal for exact repeats.
 */
export function cyrb53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** 11 base-36 characters, fixed width so ids sort and compare simply. */
export function hashId(str: string): string {
  return cyrb53(str).toString(36).padStart(11, '0')
}
