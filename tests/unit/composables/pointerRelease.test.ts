// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { pointerReleased } from '@/composables/pointerRelease'

const pointer = (type: string, pointerId: number) => window.dispatchEvent(Object.assign(new Event(type), { pointerId }))
/** Whether `p` has settled after `ms` (timers run). */
async function settledWithin(p: Promise<void>, ms: number): Promise<boolean> {
  let done = false
  void p.then(() => (done = true))
  await new Promise((r) => setTimeout(r, ms))
  return done
}

describe('pointerReleased', () => {
  it('resolves at once with no pointer pressed', async () => {
    expect(await settledWithin(pointerReleased(), 0)).toBe(true)
  })

  it('waits for the last of two pressed pointers, then resolves every waiter', async () => {
    pointer('pointerdown', 1)
    pointer('pointerdown', 2)
    const a = pointerReleased()
    const b = pointerReleased()
    pointer('pointerup', 1)
    expect(await settledWithin(a, 5)).toBe(false)
    pointer('pointercancel', 2)
    expect(
      await settledWithin(
        Promise.all([a, b]).then(() => undefined),
        5,
      ),
    ).toBe(true)
  })

  it("an element's blur (focus moving on a press) is no release; the window's is", async () => {
    pointer('pointerdown', 7)
    const p = pointerReleased()
    const input = document.createElement('input')
    document.body.append(input)
    input.focus()
    input.dispatchEvent(new Event('blur'))
    expect(await settledWithin(p, 5)).toBe(false)
    window.dispatchEvent(new Event('blur'))
    expect(await settledWithin(p, 5)).toBe(true)
  })
})
