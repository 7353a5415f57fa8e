/**
 * The charts' tooltips load on demand: the first pointer over a chart, or the first focus on one,
 * fetches the tooltip's registration (charts/echartsTooltip.ts); every chart then draws again with
 * its tooltip. Until then a chart draws everything else; its option already names the tooltip.
 */
import { readonly, ref } from 'vue'

const ready = ref(false)
let loading: Promise<void> | null = null

export function useChartTooltip() {
  function request(): Promise<void> {
    return (loading ??= import('@/charts/echartsTooltip').then(() => {
      ready.value = true
    }))
  }
  return { ready: readonly(ready), request }
}
