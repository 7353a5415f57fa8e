/**
 * One Tab stop for a group of buttons (WAI-ARIA "roving tabindex"): the current item has
 * tabindex 0, the others -1; arrow keys, Home and End move between them. With `rows`, ↑/↓ move
 * to the same column of the previous or next row and ←/→ through the items in order (a grid of
 * controls such as the theme list); without, every arrow moves through the items in order.
 * The items are found by selector each time, so items added or removed later join the group.
 */
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'

export function useRovingFocus(container: Ref<HTMLElement | null>, item: string, rows?: string): void {
  let current = 0
  const items = () => Array.from(container.value?.querySelectorAll<HTMLElement>(item) ?? []).filter((el) => !(el as HTMLButtonElement).disabled)
  function apply() {
    const all = items()
    if (!all.length) return
    if (current >= all.length) current = all.length - 1
    all.forEach((el, k) => {
      const want = k === current ? '0' : '-1'
      if (el.getAttribute('tabindex') !== want) el.setAttribute('tabindex', want)
    })
  }
  function moveTo(all: HTMLElement[], k: number) {
    current = Math.max(0, Math.min(all.length - 1, k))
    apply()
    all[current]?.focus()
  }
  function onKey(e: KeyboardEvent) {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const all = items()
    const at = all.indexOf(e.target as HTMLElement)
    if (at < 0) return
    let next = -1
    if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = all.length - 1
    else if (e.key === 'ArrowRight' || (!rows && e.key === 'ArrowDown')) next = at + 1
    else if (e.key === 'ArrowLeft' || (!rows && e.key === 'ArrowUp')) next = at - 1
    else if (rows && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      const rowEls = Array.from(container.value?.querySelectorAll<HTMLElement>(rows) ?? [])
      const r = rowEls.findIndex((row) => row.contains(all[at]))
      const target = rowEls[r + (e.key === 'ArrowDown' ? 1 : -1)]
      if (!target) return
      const col = Array.from(rowEls[r].querySelectorAll<HTMLElement>(item)).indexOf(all[at])
      const there = Array.from(target.querySelectorAll<HTMLElement>(item))
      next = all.indexOf(there[Math.min(col, there.length - 1)])
    } else return
    e.preventDefault()
    if (next >= 0 && next < all.length) moveTo(all, next)
  }
  function onFocusIn(e: FocusEvent) {
    const at = items().indexOf(e.target as HTMLElement)
    if (at >= 0 && at !== current) {
      current = at
      apply()
    }
  }
  let observer: MutationObserver | null = null
  let bound: HTMLElement | null = null
  function bind() {
    const el = container.value
    if (el === bound) return
    bound?.removeEventListener('keydown', onKey)
    bound?.removeEventListener('focusin', onFocusIn)
    observer?.disconnect()
    bound = el
    if (!el) return
    el.addEventListener('keydown', onKey)
    el.addEventListener('focusin', onFocusIn)
    observer = new MutationObserver(apply)
    observer.observe(el, { childList: true, subtree: true })
    apply()
  }
  onMounted(bind)
  watch(container, bind, { flush: 'post' })
  onBeforeUnmount(() => {
    bound?.removeEventListener('keydown', onKey)
    bound?.removeEventListener('focusin', onFocusIn)
    observer?.disconnect()
  })
}
