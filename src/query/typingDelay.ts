/**
 * How long typing waits before it searches: as long as the last query took, about. A query that
 * lands within 100 ms runs on every keystroke (no wait at all); a slow one (a million comments)
 * waits until the typing pauses, so keystrokes never queue stale queries behind each other.
 */
export const MAX_TYPING_DELAY_MS = 250
/**
 * Queries that land within the 100 ms a keystroke may take run on every keystroke: a newer
 * keystroke drops a running query at its next slice (see the query store), so none queue.
 */
export const INSTANT_QUERY_MS = 100

/** Until a query says otherwise, a dataset this small is taken to be queried in milliseconds. */
export const INSTANT_FROM_ROWS_BELOW = 20_000

/**
 * `lastQueryMs`: the last query's time on this dataset after a change of view (null: none yet: the
 * first query on a dataset is slower than any after it, and says little about typing).
 */
export function typingDelay(lastQueryMs: number | null, rows = Infinity): number {
  if (lastQueryMs === null || !Number.isFinite(lastQueryMs)) return rows < INSTANT_FROM_ROWS_BELOW ? 0 : MAX_TYPING_DELAY_MS / 2
  if (lastQueryMs < INSTANT_QUERY_MS) return 0
  return Math.min(MAX_TYPING_DELAY_MS, Math.round(lastQueryMs * 1.5))
}
