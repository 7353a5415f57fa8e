/**
 * Keeps Tab and Shift+Tab inside a panel that acts as a dialog while it is shown, and gives focus
 * back to where it was when the panel goes (unless the user has since put it somewhere else).
 * For the in-page dialogs (paste, column mapping, theme form) that must not make the rest of the
 * page inert; a true modal uses the native <dialog> and showModal() instead.
 */
import { nextTick, onBeforeUnmount, watch, type Ref } from 'vue'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function focusablesIn(el: HTMLElement): HTMLElement[] {
  return Array.from(el.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((x) => x.offsetParent !== null || x === document.activeElement)
}

export function useFocusTrap(container: Ref<HTMLElement | null>): void {
  let returnTo: HTMLElement | null = null
  function onKey(e: KeyboardEvent) {
    const el = container.value
    if (e.key !== 'Tab' || !el) return
    const all = focusablesIn(el)
    if (!all.length) return
    const first = all[0]
    const last = all[all.length - 1]
    const at = document.activeElement
    if (e.shiftKey && (at === first || !el.contains(at) || at === el)) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && (at === last || !el.contains(at))) {
      e.preventDefault()
      first.focus()
    }
  }
  watch(
    container,
    async (el, old) => {
      old?.removeEventListener('keydown', onKey)
      if (el && !old) {
        const a = document.activeElement
        returnTo = a instanceof HTMLElement && a !== document.body && !el.contains(a) ? a : null
      }
      if (el) el.addEventListener('keydown', onKey)
      else if (old) {
        await nextTick()
        const a = document.activeElement
        if ((!a || a === document.body) && returnTo?.isConnected) returnTo.focus()
        returnTo = null
      }
    },
    { flush: 'post' },
  )
  onBeforeUnmount(() => container.value?.removeEventListener('keydown', onKey))
}
