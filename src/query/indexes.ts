/**
 * Which per-row indexes a theme set can reuse. Theme masks are matched with every theme on, so
 * switching a theme off or on never rematches a comment: the masks in use are the matched ones
 * with the disabled themes' bits cleared (one pass over a typed array). What a set matches — its
 * words, cues, decoys and order, not its names or switches — is its *match key*; indexes computed
 * for one key serve every set with the same key, in memory and when a dataset is stored.
 */
import type { ThemeDef } from '@/insight/themes'
import { cyrb53Joined } from '@/model/hash'

/** The themes as matching sees them: every one on (see the module comment). */
export function matchedDefs(defs: readonly ThemeDef[]): ThemeDef[] {
  return defs.map((t) => (t.enabled ? t : { ...t, enabled: true }))
}

/**
 * A short key for what `defs` match (with `cues`, the request cues every theme shares): equal for
 * sets that differ only in names or switches. A 53-bit hash of the matching fields, in hex.
 */
export function matchKey(defs: readonly ThemeDef[], cues: readonly string[]): string {
  const parts = defs.map((t) => JSON.stringify([t.id, t.objects ?? [], t.strong ?? [], t.cues ?? [], t.exclude ?? []]))
  parts.push(JSON.stringify(cues))
  return cyrb53Joined(parts).toString(16).padStart(14, '0')
}

/** Bit i set when theme i is on (the first 32 themes: what a mask holds). */
export function enabledBits(defs: readonly ThemeDef[]): number {
  let bits = 0
  for (let i = 0; i < Math.min(32, defs.length); i++) if (defs[i].enabled) bits |= 1 << i
  return bits >>> 0
}

/** The masks in use: `matched` itself when every matched theme is on, else a copy without the others' bits. */
export function masksInUse(matched: Uint32Array, bits: number, themes: number): Uint32Array {
  const all = themes >= 32 ? 0xffffffff : ((1 << themes) - 1) >>> 0
  if ((bits & all) === all) return matched
  const out = new Uint32Array(matched.length)
  for (let i = 0; i < matched.length; i++) out[i] = matched[i] & bits
  return out
}
