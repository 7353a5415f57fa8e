/**
 * A queue that lets one piece of heavy rendering run per animation frame. Each caller awaits its
 * turn; a key already waiting is not queued twice (its latest render wins when its turn comes).
 * `drawing` counts the charts between receiving a new option and drawing it (loading ECharts,
 * waiting for their frame): the dashboard stays aria-busy until every chart shows the current view.
 */
import { ref } from 'vue'

const waiting = new Map<string, (() => void)[]>()
const order: string[] = []
let scheduled = false

/** Charts with a draw in progress. */
export const drawing = ref(0)

/** Runs one chart's draw, counted in `drawing` from its start to its end (failed or not). */
export async function countDrawing(draw: () => Promise<void>): Promise<void> {
  drawing.value++
  try {
    await draw()
  } finally {
    drawing.value--
  }
}

function pump() {
  scheduled = false
  const key = order.shift()
  if (key === undefined) return
  const resolvers = waiting.get(key) ?? []
  waiting.delete(key)
  for (const r of resolvers) r()
  if (order.length) schedule()
}

function schedule() {
  if (scheduled) return
  scheduled = true
  requestAnimationFrame(() => setTimeout(pump, 0))
}

export function nextFrame(key: string): Promise<void> {
  return new Promise((resolve) => {
    const list = waiting.get(key)
    if (list) list.push(resolve)
    else {
      waiting.set(key, [resolve])
      order.push(key)
    }
    schedule()
  })
}
