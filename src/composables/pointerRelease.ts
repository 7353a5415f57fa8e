/**
 * Whether a pointer is pressed, and a promise for the moment none is. What would move or redraw
 * what lies under a pressed pointer waits for its release: the parts below the first screen mount
 * above the list, and mid-press they would move the pressed row away (the click, on the element both
 * ends of it share, would open nothing); the charts' redraw once their tooltip is in would put a
 * slider's handle back where a drag began.
 */
const pressed = new Set<number>()
let waiting: (() => void)[] = []

function track(e: Event): void {
  if (e.type === 'pointerdown') pressed.add((e as PointerEvent).pointerId)
  else if (e.type === 'blur') {
    // The window losing focus (a release outside it may never be reported), not an element's blur.
    if (!(e.target instanceof Node)) pressed.clear()
  } else pressed.delete((e as PointerEvent).pointerId)
  if (pressed.size || !waiting.length) return
  const run = waiting
  waiting = []
  // A task later: the click that follows a pointerup is dispatched first.
  setTimeout(() => run.forEach((resolve) => resolve()))
}

if (typeof window !== 'undefined')
  for (const type of ['pointerdown', 'pointerup', 'pointercancel', 'blur']) window.addEventListener(type, track, { capture: true, passive: true })

/** Resolves at once when no pointer is pressed, else a task after the last one is released. */
export function pointerReleased(): Promise<void> {
  if (!pressed.size) return Promise.resolve()
  return new Promise((resolve) => waiting.push(resolve))
}
