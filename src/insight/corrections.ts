/**
 * A reader's corrections of the detected request themes: per comment id, the themes added and the
 * themes removed. They apply on top of the detector's masks, so every count, chart, filter and
 * export sees the corrected themes, and a course team's corrections become a labelled set
 * (`labelsOf`, in the labelling guide's format) that `npm run eval:themes` reads.
 */
import type { DatasetColumns } from '@/model/dataset'
import type { Strings } from '@/model/packed'

export interface Correction {
  /** Theme ids the detector missed. */
  add: string[]
  /** Theme ids the detector got wrong. */
  remove: string[]
}

/** Comment id → its correction. Comments without one are absent. */
export type Corrections = Readonly<Record<string, Correction>>

/** Bounds for untrusted input (a dataset file, a stored record): far above any real use. */
const MAX_CORRECTIONS = 1_000_000
const MAX_ID = 64
const MAX_THEMES = 32

/**
 * Marks theme `themeId` present (`want`) or absent on comment `id`, given whether the detector
 * found it (`detected`). A correction that agrees with the detector is dropped, so the record only
 * ever holds real disagreements.
 */
export function setTheme(corr: Corrections, id: string, themeId: string, detected: boolean, want: boolean): Corrections {
  const prev = corr[id] ?? { add: [], remove: [] }
  const add = prev.add.filter((t) => t !== themeId)
  const remove = prev.remove.filter((t) => t !== themeId)
  if (want && !detected) add.push(themeId)
  if (!want && detected) remove.push(themeId)
  const next: Record<string, Correction> = { ...corr }
  if (add.length || remove.length) next[id] = { add, remove }
  else delete next[id]
  return next
}

/** The themes of one comment after its correction (detected order, then added ones). */
export function correctedThemes(detected: string[], c: Correction | undefined): string[] {
  if (!c) return detected
  return [...detected.filter((t) => !c.remove.includes(t)), ...c.add.filter((t) => !detected.includes(t))]
}

/** Number of comments with a correction. */
export const correctedCount = (corr: Corrections) => Object.keys(corr).length

/**
 * The masks with the corrections applied (a copy; `mask` is left as it is). `themeIds[k]` is the
 * theme of bit k; corrections naming a theme not in the list, or a comment not in the dataset,
 * change nothing.
 */
export function correctedMask(mask: Uint32Array, ids: Strings, themeIds: readonly string[], corr: Corrections): Uint32Array {
  const out = mask.slice()
  const entries = Object.entries(corr)
  if (!entries.length) return out
  const bit = new Map(themeIds.slice(0, 32).map((id, k) => [id, (1 << k) >>> 0]))
  const apply = (i: number, c: Correction) => {
    let m = out[i]
    for (const t of c.remove) m &= ~(bit.get(t) ?? 0)
    for (const t of c.add) m |= bit.get(t) ?? 0
    out[i] = m >>> 0
  }
  // A few corrections: each id is looked up in the packed ids (a scan of their joined text, no
  // string per row); many: one pass over the rows.
  if (entries.length <= FIND_EACH_UP_TO) {
    for (const [id, c] of entries) {
      const i = ids.indexOf(id)
      if (i >= 0 && i < out.length) apply(i, c)
    }
    return out
  }
  const wanted = new Map(entries)
  for (let i = 0; i < ids.length && i < out.length && wanted.size; i++) {
    const id = ids.get(i)
    const c = wanted.get(id)
    if (!c) continue
    wanted.delete(id)
    apply(i, c)
  }
  return out
}

/** Up to this many corrections, each is found on its own (see correctedMask). */
const FIND_EACH_UP_TO = 16

/** Corrections read from untrusted JSON: anything malformed is dropped, sizes are bounded. */
export function sanitizeCorrections(raw: unknown): Record<string, Correction> {
  const out: Record<string, Correction> = {}
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out
  let n = 0
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    if (n >= MAX_CORRECTIONS) break
    if (!id || id.length > MAX_ID || typeof v !== 'object' || v === null) continue
    const list = (x: unknown) =>
      Array.isArray(x) ? [...new Set(x.filter((t): t is string => typeof t === 'string' && /^[a-z0-9-]{1,32}$/.test(t)))].slice(0, MAX_THEMES) : []
    const add = list((v as Partial<Correction>).add)
    const remove = list((v as Partial<Correction>).remove).filter((t) => !add.includes(t))
    if (!add.length && !remove.length) continue
    out[id] = { add, remove }
    n++
  }
  return out
}

export interface LabelRecord {
  file: string
  index: number
  themes: string[]
  question: boolean
}

/**
 * Every comment as a label in the labelling guide's format: its source file, its position in that
 * file (0-based, in import order), its themes (as corrected) and its question flag.
 */
export function labelsOf(ds: DatasetColumns, mask: Uint32Array, question: Uint8Array, themeIds: readonly string[]): LabelRecord[] {
  const seen = new Uint32Array(ds.sources.length)
  const out: LabelRecord[] = new Array(ds.n)
  const ids = themeIds.slice(0, 32)
  for (let i = 0; i < ds.n; i++) {
    const s = ds.source[i]
    const m = mask[i]
    out[i] = { file: ds.sources[s] ?? '', index: seen[s]++, themes: ids.filter((_, k) => (m >>> k) & 1), question: question[i] === 1 }
  }
  return out
}
