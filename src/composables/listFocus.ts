/**
 * The comment list's keyboard handles, for the skip link and the j/k shortcuts: the mounted list
 * registers them, and they do nothing (return false) while no list is shown.
 */
export const listFocus: {
  /** Focuses the list's current row (scrolling it into view). */
  focusActive: () => boolean
  /** Moves the current row by `delta` and focuses it. */
  move: (delta: number) => boolean
} = { focusActive: () => false, move: () => false }
