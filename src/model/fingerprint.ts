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

/**
 * The exact bytes that are hashed: code-unit order makes the sort locale-independent. Ids never
 * contain '\n' and are never empty, so distinct id sets give distinct inputs.
 */
export function fingerprintInput(ids: readonly string[]): Uint8Array<ArrayBuffer> {
  const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return new TextEncoder().encode(sorted.join('\n'))
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
