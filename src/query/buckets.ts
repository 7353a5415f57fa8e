/** Bucket definitions shared by the engine (counting) and the chart builders (labels). */

export interface Bucket {
  min: number
  /** Inclusive; Infinity for the open top bucket. */
  max: number
  label: string
}

export const LIKES_BUCKETS: Bucket[] = [
  { min: 0, max: 0, label: '0' },
  { min: 1, max: 1, label: '1' },
  { min: 2, max: 4, label: '2–4' },
  { min: 5, max: 9, label: '5–9' },
  { min: 10, max: 49, label: '10–49' },
  { min: 50, max: 99, label: '50–99' },
  { min: 100, max: 499, label: '100–499' },
  { min: 500, max: Infinity, label: '500+' },
]

export const REPLIES_BUCKETS: Bucket[] = [
  { min: 0, max: 0, label: '0' },
  { min: 1, max: 1, label: '1' },
  { min: 2, max: 2, label: '2' },
  { min: 3, max: 5, label: '3–5' },
  { min: 6, max: 10, label: '6–10' },
  { min: 11, max: Infinity, label: '11+' },
]

/** Index of the bucket holding v (buckets are contiguous from 0). */
export function bucketOf(buckets: Bucket[], v: number): number {
  for (let b = buckets.length - 1; b > 0; b--) if (v >= buckets[b].min) return b
  return 0
}

/** A lookup table for small values, so the hot loop does one array read. */
export function bucketTable(buckets: Bucket[], size = 1024): Uint8Array {
  const t = new Uint8Array(size)
  for (let v = 0; v < size; v++) t[v] = bucketOf(buckets, v)
  return t
}
