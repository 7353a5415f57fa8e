/**
 * Near-duplicate comments: readers asking for the same thing in other words ("期待加餐",
 * "感谢老师，期待加餐"). Texts are normalised (full-width → half-width, lower case, no
 * punctuation or spaces), cut into character shingles and summarised by MinHash signatures
 * (one-permutation MinHash, see `signatureOf`); LSH banding proposes candidate pairs (small
 * inputs simply check every pair), each pair is verified (exact Jaccard when both texts are
 * short, the signature estimate otherwise) and accepted pairs are joined with union-find.
 * Exact repeats after normalisation are joined up front and hashed once.
 * Deterministic: every hash is seeded with a constant. Pure TypeScript, worker-safe.
 */

export interface DuplicateGroup {
  /** row indices, first = representative (most liked) */
  rows: number[]
  /** Distinct authors in the group. */
  authors: number
  /** Smallest similarity (estimated or exact Jaccard) of the pairs that joined the group. */
  similarity: number
}

export interface DuplicateOptions {
  /** Jaccard similarity a pair needs (default 0.5). */
  threshold?: number
  /** Character n-gram size (default 2). */
  shingle?: number
  /** MinHash signature length (default 64). */
  hashes?: number
  /** LSH bands (default 16); each band uses hashes / bands signature values. */
  bands?: number
}

/** Texts shorter than this (after normalisation) are never grouped: "好", "赞！" say nothing. */
const MIN_CHARS = 4
/** Texts with at most this many distinct shingles keep them, for exact Jaccard. */
const EXACT_MAX = 64
/** Up to this many texts, every pair is checked: cheap, and no LSH misses on small inputs. */
const ALL_PAIRS_MAX = 600
/** In a large LSH bucket each text is compared with this many earlier ones (union-find links the rest). */
const BUCKET_WINDOW = 12
const SEED = 0x5eed1e55

const LETTER_RE = /^[\p{L}\p{N}]$/u

/** Is a (lower-cased) code point kept: letters and digits of any script. */
function keep(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39)
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf)) return true
  // Punctuation blocks CJK text is full of, emoji and lone surrogates: out without a regex test.
  if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xfe30 && cp <= 0xfe6f) || (cp >= 0xd800 && cp <= 0xdfff)) return false
  if (cp >= 0x1f000 && cp <= 0x1faff) return false
  return LETTER_RE.test(String.fromCodePoint(cp))
}

/** Scratch buffers of code points: `a` for the text at hand, `b` to compare with another. */
const bufs: { a: Int32Array; b: Int32Array } = { a: new Int32Array(256), b: new Int32Array(256) }

/**
 * Code points of the normalised text into `bufs[to]`: full-width → half-width, lower case,
 * letters and digits only. Returns the count.
 */
function normalise(text: string, to: 'a' | 'b' = 'a'): number {
  if (typeof text !== 'string') return 0
  let buf = bufs[to]
  if (buf.length < text.length) buf = bufs[to] = new Int32Array(text.length * 2)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i)
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1)
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00)
        i++
      }
    }
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0
    if (cp >= 0x41 && cp <= 0x5a) cp += 0x20
    else if (cp >= 0x80 && !(cp >= 0x4e00 && cp <= 0x9fff)) {
      const lower = String.fromCodePoint(cp).toLowerCase()
      if (lower.length > 2 || lower.codePointAt(0) !== cp) {
        // Lower-casing may change or expand a character (İ → i̇): keep each resulting one.
        for (const ch of lower) {
          const c = ch.codePointAt(0) ?? 0
          if (keep(c)) {
            if (n === buf.length) buf = bufs[to] = grow(buf)
            buf[n++] = c
          }
        }
        continue
      }
    }
    if (keep(cp)) {
      if (n === buf.length) buf = bufs[to] = grow(buf)
      buf[n++] = cp
    }
  }
  return n
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

/** Lower case, full-width → half-width, letters and digits only: the text duplicates are judged on. */
export function normaliseForDuplicates(text: string): string {
  return bufString(normalise(text))
}

/** The first `n` code points of `bufs.a` as a string. */
function bufString(n: number): string {
  let s = ''
  for (let i = 0; i < n; i += 4096) s += String.fromCodePoint(...bufs.a.subarray(i, Math.min(n, i + 4096)))
  return s
}

/** 53-bit hash (cyrb53) of the first `n` code points of `bufs.a`: finds exact repeats without building strings. */
function bufHash(n: number): number {
  const buf = bufs.a
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < n; i++) {
    h1 = Math.imul(h1 ^ buf[i], 2654435761)
    h2 = Math.imul(h2 ^ buf[i], 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** Does `text` normalise to exactly the first `n` code points of `bufs.a`? */
function sameNormalised(text: string, n: number): boolean {
  if (normalise(text, 'b') !== n) return false
  const a = bufs.a
  const b = bufs.b
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false
  return true
}

function fmix(x: number): number {
  let h = x
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/** Hashes of the character shingles of the `n` code points in `buf` (repeats included). */
function shingleHashes(n: number, size: number): Int32Array {
  if (n === 0) return new Int32Array(0)
  const k = Math.min(size, n)
  const out = new Int32Array(n - k + 1)
  for (let i = 0; i + k <= n; i++) {
    let h = SEED ^ k
    for (let j = 0; j < k; j++) h = Math.imul(h ^ bufs.a[i + j], 0x01000193)
    out[i] = fmix(h)
  }
  return out
}

/** Sorted distinct values, for exact Jaccard by merging. */
function sortedSet(a: Int32Array): Int32Array {
  const out = a.slice().sort()
  let m = 0
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[m - 1]) out[m++] = out[i]
  return out.slice(0, m)
}

let binMin = new Int32Array(0)
let binSet = new Uint8Array(0)

/**
 * One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): each shingle
 * hash picks one of `k` bins by its top bits and competes for that bin's minimum; an empty bin
 * copies a non-empty one chosen by a fixed probe sequence. P(equal bin) is still exactly the
 * Jaccard similarity, at O(shingles + k) instead of O(shingles × k) for k separate functions.
 */
function signatureOf(sh: Int32Array, k: number): Uint32Array {
  const sig = new Uint32Array(k).fill(0xffffffff)
  if (sh.length === 0) return sig
  if (binMin.length < k) {
    binMin = new Int32Array(k)
    binSet = new Uint8Array(k)
  }
  binSet.fill(0, 0, k)
  for (let j = 0; j < sh.length; j++) {
    const x = sh[j]
    const bin = Math.floor(((x >>> 0) * k) / 4294967296)
    // The rank inside a bin must not follow the bits that chose the bin: rehash.
    const v = fmix(x ^ SEED)
    if (!binSet[bin] || v < binMin[bin]) {
      binMin[bin] = v
      binSet[bin] = 1
    }
  }
  for (let i = 0; i < k; i++) {
    if (binSet[i]) {
      sig[i] = binMin[i] >>> 0
      continue
    }
    let src = -1
    for (let t = 1; t <= 4 * k + 64 && src < 0; t++) {
      const j = Math.floor(((fmix(Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(t, 0x85ebca6b) ^ SEED) >>> 0) * k) / 4294967296)
      if (binSet[j]) src = j
    }
    // Practically unreachable (needs hundreds of misses in a row); stays deterministic anyway.
    for (let j = (i + 1) % k; src < 0; j = (j + 1) % k) if (binSet[j]) src = j
    sig[i] = binMin[src] >>> 0
  }
  return sig
}

function clampInt(v: unknown, dflt: number, lo: number, hi: number): number {
  const x = typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : dflt
  return Math.min(hi, Math.max(lo, x))
}

/** MinHash signature of a text's character shingles (normalised as for grouping). */
export function minhashSignature(text: string, shingle: number, hashes: number): Uint32Array {
  const k = clampInt(shingle, 2, 1, 64)
  const h = clampInt(hashes, 64, 1, 4096)
  return signatureOf(shingleHashes(normalise(text), k), h)
}

/** Share of equal signature positions: an unbiased estimate of the Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length)
  if (n === 0) return 0
  let eq = 0
  for (let i = 0; i < n; i++) if (a[i] === b[i]) eq++
  return eq / n
}

function exactJaccard(a: Int32Array, b: Int32Array): number {
  let i = 0
  let j = 0
  let inter = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  const union = a.length + b.length - inter
  return union === 0 ? 0 : inter / union
}

export function groupNearDuplicates(
  texts: string[],
  authors: ArrayLike<number>,
  likes: ArrayLike<number>,
  rows?: ArrayLike<number>,
  opts: DuplicateOptions = {},
): DuplicateGroup[] {
  const n = Array.isArray(texts) ? texts.length : 0
  if (n === 0) return []
  const t = typeof opts.threshold === 'number' && !Number.isNaN(opts.threshold) ? Math.min(1, Math.max(0, opts.threshold)) : 0.5
  const shingle = clampInt(opts.shingle, 2, 1, 64)
  const hashes = clampInt(opts.hashes, 64, 1, 4096)
  const bands = clampInt(opts.bands, 16, 1, hashes)
  const per = Math.floor(hashes / bands)

  // Rows to consider: valid, distinct, in the given order.
  const picked: number[] = []
  const seen = new Uint8Array(n)
  const add = (r: number) => {
    if (Number.isInteger(r) && r >= 0 && r < n && !seen[r]) {
      seen[r] = 1
      picked.push(r)
    }
  }
  if (rows) for (let i = 0; i < rows.length; i++) add(rows[i])
  else for (let r = 0; r < n; r++) add(r)

  // Exact repeats (after normalisation) are joined directly; only one of each is hashed.
  const parent = new Int32Array(n).map((_, i) => i)
  const minSim = new Float64Array(n).fill(1)
  const find = (x: number): number => {
    let r = x
    while (parent[r] !== r) r = parent[r]
    while (parent[x] !== r) {
      const nx = parent[x]
      parent[x] = r
      x = nx
    }
    return r
  }
  const union = (a: number, b: number, sim: number) => {
    const ra = find(a)
    const rb = find(b)
    if (ra === rb) return
    const [hi, lo] = ra < rb ? [ra, rb] : [rb, ra]
    parent[lo] = hi
    minSim[hi] = Math.min(minSim[hi], minSim[lo], sim)
  }
  const reps: number[] = []
  const byText = new Map<number, number[]>()
  const sigList: Uint32Array[] = []
  const exact: (Int32Array | null)[] = []
  for (const r of picked) {
    const len = normalise(texts[r])
    if (len < MIN_CHARS) continue
    const key = bufHash(len)
    const same = byText.get(key)
    const first = same?.find((q) => sameNormalised(texts[q], len))
    if (first !== undefined) {
      union(first, r, 1)
      continue
    }
    if (same) same.push(r)
    else byText.set(key, [r])
    reps.push(r)
    const sh = shingleHashes(len, shingle)
    sigList.push(signatureOf(sh, hashes))
    exact.push(sh.length <= EXACT_MAX ? sortedSet(sh) : null)
  }
  const m = reps.length
  const sigs = new Uint32Array(m * hashes)
  for (let k = 0; k < m; k++) sigs.set(sigList[k], k * hashes)
  const similarity = (x: number, y: number): number => {
    const ex = exact[x]
    const ey = exact[y]
    if (ex && ey) return exactJaccard(ex, ey)
    let eq = 0
    for (let i = x * hashes, j = y * hashes, e = i + hashes; i < e; i++, j++) if (sigs[i] === sigs[j]) eq++
    return eq / hashes
  }
  const tryPair = (x: number, y: number) => {
    if (find(reps[x]) === find(reps[y])) return
    const s = similarity(x, y)
    if (s >= t) union(reps[x], reps[y], s)
  }

  if (m <= ALL_PAIRS_MAX) {
    for (let x = 0; x < m; x++) for (let y = x + 1; y < m; y++) tryPair(x, y)
  } else {
    // LSH: texts that agree on all values of a band share a bucket. Sorting (band key, index)
    // packed into one float keeps buckets contiguous without a map of arrays per band.
    const idxBits = Math.max(1, Math.ceil(Math.log2(m)))
    const keyBits = Math.min(32, 53 - idxBits)
    const keyScale = 2 ** idxBits
    const keyMask = keyBits >= 32 ? 0xffffffff : 2 ** keyBits - 1
    const packed = new Float64Array(m)
    const bucketOf = new Float64Array(m)
    const member = new Int32Array(m)
    for (let b = 0; b < bands; b++) {
      for (let k = 0; k < m; k++) {
        let h = SEED ^ b
        for (let i = k * hashes + b * per, e = i + per; i < e; i++) h = fmix(Math.imul(h, 0x9e3779b1) ^ sigs[i])
        const key = keyBits >= 32 ? h >>> 0 : (h >>> 0) & keyMask
        packed[k] = key * keyScale + k
      }
      packed.sort()
      for (let i = 0; i < m; i++) {
        const key = Math.floor(packed[i] / keyScale)
        bucketOf[i] = key
        member[i] = packed[i] - key * keyScale
      }
      let start = 0
      for (let i = 1; i <= m; i++) {
        if (i < m && bucketOf[i] === bucketOf[start]) continue
        for (let y = start + 1; y < i; y++) {
          const ky = member[y]
          let ry = find(reps[ky])
          for (let x = Math.max(start, y - BUCKET_WINDOW); x < y; x++) {
            const kx = member[x]
            if (find(reps[kx]) === ry) continue
            const sim = similarity(kx, ky)
            if (sim >= t) {
              union(reps[kx], reps[ky], sim)
              ry = find(reps[ky])
            }
          }
        }
        start = i
      }
    }
  }

  // Collect groups of two or more.
  const members = new Map<number, number[]>()
  for (const r of picked) {
    const root = find(r)
    const list = members.get(root)
    if (list) list.push(r)
    else members.set(root, [r])
  }
  const likeOf = (r: number) => {
    const v = r < (likes?.length ?? 0) ? Number(likes[r]) : 0
    return Number.isFinite(v) ? v : 0
  }
  const out: DuplicateGroup[] = []
  for (const [root, list] of members) {
    if (list.length < 2) continue
    list.sort((a, b) => likeOf(b) - likeOf(a) || a - b)
    const who = new Set<unknown>()
    for (const r of list) who.add(r < (authors?.length ?? 0) ? authors[r] : undefined)
    out.push({ rows: list, authors: who.size, similarity: minSim[root] })
  }
  out.sort((a, b) => b.authors - a.authors || b.rows.length - a.rows.length || a.rows[0] - b.rows[0])
  return out
}
