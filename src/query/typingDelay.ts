/**
 * How long typing waits before it searches. From QUERY_SLICED_FROM_ROWS on, a query runs in slices
 * and a newer keystroke drops it at its next slice (see the query store): nothing stale can queue,
 * so typing never waits — measured at 1M comments, waiting 250 ms made the KPI land 450–570 ms after
 * the last key, not waiting 93–225 ms (the query for the word's first character narrows the next).
 * Below it a query runs in one piece: one that lands within 100 ms runs on every keystroke, a slower
 * one (a slow device) waits about as long as it took, so keystrokes never queue whole queries.
 */
export const MAX_TYPING_DELAY_MS = 250
/** Queries that land within the 100 ms a keystroke may take run on every keystroke. */
export const INSTANT_QUERY_MS = 100
/** From this many rows a query and its render are split into slices that yield (see the query store). */
export const QUERY_SLICED_FROM_ROWS = 20_000

/**
 * `lastQueryMs`: the last query's time on this dataset after a change of view (null: none yet: the
 * first query on a dataset is slower than any after it, and says little about typing).
 */
export function typingDelay(lastQueryMs: number | null, rows: number): number {
  if (rows >= QUERY_SLICED_FROM_ROWS) return 0
  if (lastQueryMs === null || !Number.isFinite(lastQueryMs) || lastQueryMs < INSTANT_QUERY_MS) return 0
  return Math.min(MAX_TYPING_DELAY_MS, Math.round(lastQueryMs * 1.5))
}
