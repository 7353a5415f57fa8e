/**
 * A queue that lets one piece of heavy rendering run per animation frame. Each caller awaits its
 * turn; a key already waiting is not queued twice (its latest render wins when its turn comes).
 */
const waiting = new Map<string, (() => void)[]>()
const order: string[] = []
let scheduled = false

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
