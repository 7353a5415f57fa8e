import { defineStore } from 'pinia'
import { ref } from 'vue'

export type AlertKind = 'error' | 'warning' | 'info'

/**
 * A user-facing message. Text is kept as an i18n key with params (not a rendered string) so an
 * alert follows a language switch. Params are data and are rendered as text, never as markup.
 */
export interface Alert {
  id: number
  kind: AlertKind
  key: string
  params?: Record<string, string | number>
  /** Params that are themselves i18n keys (translated, then interpolated). */
  paramKeys?: Record<string, string>
  /** Picks the message's plural form (vue-i18n `a | b` messages). */
  plural?: number
  /** Where in the file (1-based), for import problems. */
  line?: number
  column?: number
  /** A parser's own words (plain text). */
  detail?: string
  /** The message adds that the data in view is unchanged. */
  kept?: boolean
  /** Extra lines, plain text. */
  lines?: string[]
  /** A button in the alert (Undo). */
  action?: { key: string; run: () => void }
  /** Skipped rows of an import, shown translated with their file and line. */
  skips?: { file: string; line: number; reason: string; detail?: string }[]
  /** Files an import skipped, each with its problem: listed under a disclosure (there may be thousands). */
  files?: { file: string; code: string; detail?: string; line?: number }[]
  /**
   * What the alert is about, so that each source replaces only its own: an import's alerts give way
   * to the next import's, the address's problems to the next address's (Back/Forward), a theme
   * set's to the next theme set's.
   */
  group?: 'import' | 'url' | 'themes'
}

export const useAlertsStore = defineStore('alerts', () => {
  const alerts = ref<Alert[]>([])
  let next = 1

  function push(a: Omit<Alert, 'id'>): number {
    const id = next++
    alerts.value.push({ ...a, id })
    return id
  }
  function dismiss(id: number) {
    alerts.value = alerts.value.filter((a) => a.id !== id)
  }
  function clear(kind?: AlertKind) {
    alerts.value = kind ? alerts.value.filter((a) => a.kind !== kind) : []
  }
  function clearGroup(group: NonNullable<Alert['group']>) {
    alerts.value = alerts.value.filter((a) => a.group !== group)
  }
  return { alerts, push, dismiss, clear, clearGroup }
})
