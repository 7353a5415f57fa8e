/**
 * The parts below the first screen (the wide charts, the insight panels, the comment list) mount
 * once they come near the viewport or at the reader's first key, click, wheel or touch, whichever
 * comes first (issue #14: their chunks and the insight worker are not first-load code). App.vue
 * owns the state; links and keys that lead to one of these parts ask for it here first.
 */
import { ref } from 'vue'

export const belowFold = {
  /** Whether the parts below the first screen are mounted (or being loaded). */
  shown: ref(false),
  /** Loads and mounts them; resolves once their chunks are in. Set by App.vue. */
  reveal: (): Promise<void> => Promise.resolve(),
}

/** Reveals the parts below the first screen and waits (a few seconds at most) for the element `id`. */
export async function revealElement(id: string): Promise<HTMLElement | null> {
  await belowFold.reveal()
  for (let frame = 0; frame < 300; frame++) {
    const el = document.getElementById(id)
    if (el) return el
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
  return null
}
