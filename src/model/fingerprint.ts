/**
 * A dataset's fingerprint: SHA-256 of its comment ids, sorted and joined by '\n'. Ids are derived
 * from lesson, author, date and text (see DatasetBuilder.finish), so the same comments give the
 * same fingerprint whatever the file order, file names or import format.
 *
 * Web Crypto is used when present; it is missing outside secure contexts (a dev server opened by
 * LAN IP over plain http), where @noble/hashes computes the same digest in JavaScript.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { idOf, repeatedHashes } from './hash'

/**
 * The exact bytes that are hashed: the ids in code-unit order (locale-independent), joined by
 * '\n'. Ids never contain '\n' and are never empty, so distinct id sets give distinct inputs.
 */
export function fingerprintInput(ids: readonly string[]): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode((sortedByHash(ids) ?? [...ids].sort()).join('\n'))
}

/** Value of an id's 11 base-36 digits (its hash), or -1. */
function hashOfId(id: string): number {
  if (id.length < 11) return -1
  let hi = 0
  let lo = 0
  for (let k = 0; k < 11; k++) {
    const c = id.charCodeAt(k)
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : -1
    if (d < 0) return -1
    if (k < 5) hi = hi * 36 + d
    else lo = lo * 36 + d
  }
  const h = hi * 36 ** 6 + lo
  return h <= Number.MAX_SAFE_INTEGER ? h : -1
}

/**
 * The ids in code-unit order, found by sorting their hashes as numbers (a string sort of a million
 * ids takes seconds): an id is its hash in 11 zero-padded base-36 digits, whose code-unit order is
 * numeric order, plus `-k` for the k-th exact repeat. Ids sharing a hash, and ids with a suffix,
 * are sorted as strings among themselves. Null when some id is not of that form.
 */
function sortedByHash(ids: readonly string[]): string[] | null {
  const n = ids.length
  const keys = new Float64Array(n)
  let plain = true
  for (let i = 0; i < n; i++) {
    const h = hashOfId(ids[i])
    if (h < 0) return null
    keys[i] = h
    if (ids[i].length !== 11) plain = false
  }
  // Hashes with more than one id, or an id with a suffix: their ids, sorted as strings.
  const special = new Map<number, string[]>()
  for (const k of repeatedHashes(keys).keys()) special.set(k, [])
  if (!plain) for (let i = 0; i < n; i++) if (ids[i].length !== 11) special.set(keys[i], [])
  if (special.size) {
    for (let i = 0; i < n; i++) special.get(keys[i])?.push(ids[i])
    for (const list of special.values()) list.sort()
  }
  keys.sort()
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const k = keys[i]
    if (i > 0 && keys[i - 1] === k) continue
    const list = special.get(k)
    if (list) for (const id of list) out.push(id)
    else out.push(idOf(k))
  }
  return out
}

/** Always the JavaScript implementation: lowercase hex, 64 characters. */
export function fingerprintSync(ids: readonly string[]): string {
  return bytesToHex(sha256(fingerprintInput(ids)))
}

function subtleCrypto(): SubtleCrypto | null {
  const c = (globalThis as { crypto?: Crypto }).crypto
  return c && c.subtle && typeof c.subtle.digest === 'function' ? c.subtle : null
}

/** Lowercase hex SHA-256 (64 characters; callers may shorten it for display). */
export async function datasetFingerprint(ids: readonly string[]): Promise<string> {
  const input = fingerprintInput(ids)
  const subtle = subtleCrypto()
  if (subtle) {
    try {
      const digest = await subtle.digest('SHA-256', input)
      return bytesToHex(new Uint8Array(digest))
    } catch {
      // Some embedded browsers expose `subtle` but reject calls; the fallback gives the same digest.
    }
  }
  return bytesToHex(sha256(input))
}
