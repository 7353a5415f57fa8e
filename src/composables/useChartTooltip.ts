/**
 * The charts' tooltips load on demand: the first pointer over a chart, or the first focus on one,
 * fetches the tooltip's registration (charts/echartsTooltip.ts); every chart then draws again with
 * its tooltip, once no pointer is pressed. Until then a chart draws everything else; its option already names the tooltip.
 */
import { readonly, ref } from 'vue'
import { pointerReleased } from './pointerRelease'

const ready = ref(false)
let loading: Promise<void> | null = null

export function useChartTooltip() {
  function request(): Promise<void> {
    // The redraw waits for a pressed pointer's release: mid-drag it would put a chart's slider handle
    // back where the drag began (the movement so far is lost).
    return (loading ??= import('@/charts/echartsTooltip').then(pointerReleased).then(() => {
      ready.value = true
    }))
  }
  return { ready: readonly(ready), request }
}
