/**
 * How long typing waits before it searches: as long as the last query took, about. A query of a
 * few milliseconds runs on every keystroke (no wait at all); a slow one (a million comments) waits
 * until the typing pauses, so keystrokes never queue stale queries behind each other.
 */
export const MAX_TYPING_DELAY_MS = 250
/** Queries faster than this run at once. */
export const INSTANT_QUERY_MS = 16

export function typingDelay(lastQueryMs: number | null): number {
  if (lastQueryMs === null || !Number.isFinite(lastQueryMs)) return MAX_TYPING_DELAY_MS / 2
  if (lastQueryMs < INSTANT_QUERY_MS) return 0
  return Math.min(MAX_TYPING_DELAY_MS, Math.round(lastQueryMs * 1.5))
}
