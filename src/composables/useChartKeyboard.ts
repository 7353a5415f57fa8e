/**
 * A chart operable by keyboard: the chart's frame is focusable; arrow keys (see charts/keyboard.ts)
 * move a highlighted mark with its tooltip, and Enter or Space select it through the very handler
 * a click calls (the `select` event with the same series id, data index and data), so the pill,
 * the URL and the history entry are the same. The mark in view is also said as text (`spoken`),
 * for a live region beside the chart.
 */
import { ref, type Ref, type ShallowRef } from 'vue'
import type { ChartOption } from '@/charts/types'
import type { EChartsType, ECElementEvent } from '@/charts/echarts'
import { clampPos, isNavKey, markData, markGroups, markText, nextMark, type MarkGroupSpec, type MarkPos } from '@/charts/keyboard'

export interface ChartKeyboardOptions {
  chart: ShallowRef<EChartsType | null>
  option: () => ChartOption | null
  marks: () => readonly MarkGroupSpec[] | undefined
  select: (p: ECElementEvent) => void
}

export function useChartKeyboard(o: ChartKeyboardOptions) {
  /** The highlighted mark, or null (none yet, or the chart lost focus). */
  const pos = ref<MarkPos | null>(null) as Ref<MarkPos | null>
  /** What the highlighted mark says (for a polite live region). */
  const spoken = ref('')
  let shown: { seriesIndex: number; dataIndex: number } | null = null

  function groups() {
    return markGroups(o.option(), o.marks())
  }

  function clear() {
    const c = o.chart.value
    if (c && shown) {
      c.dispatchAction({ type: 'downplay', seriesIndex: shown.seriesIndex, dataIndex: shown.dataIndex })
      c.dispatchAction({ type: 'hideTip' })
    }
    shown = null
  }

  /** Highlights the mark at `pos` with its tooltip (again after a redraw, which hides both). */
  function show() {
    const c = o.chart.value
    const gs = groups()
    const p = clampPos(gs, pos.value)
    pos.value = p
    clear()
    if (!c || !p) return
    const g = gs[p.g]
    c.dispatchAction({ type: 'highlight', seriesIndex: g.seriesIndex, dataIndex: p.i })
    c.dispatchAction({ type: 'showTip', seriesIndex: g.seriesIndex, dataIndex: p.i })
    shown = { seriesIndex: g.seriesIndex, dataIndex: p.i }
    spoken.value = markText(o.option(), g, p.i)
  }

  function onKeydown(e: KeyboardEvent) {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    if (isNavKey(e.key)) {
      const next = nextMark(groups(), pos.value, e.key)
      if (!next) return
      e.preventDefault()
      pos.value = next
      show()
      return
    }
    if (e.key === 'Enter' || e.key === ' ') {
      const gs = groups()
      const p = clampPos(gs, pos.value)
      if (!p) return
      e.preventDefault()
      const g = gs[p.g]
      // Exactly what ECharts' click event carries for that mark.
      o.select({ seriesId: g.seriesId, seriesIndex: g.seriesIndex, dataIndex: p.i, data: markData(o.option(), g, p.i) } as unknown as ECElementEvent)
      return
    }
    if (e.key === 'Escape' && pos.value) {
      e.preventDefault()
      pos.value = null
      spoken.value = ''
      clear()
    }
  }

  function onBlur() {
    clear()
    pos.value = null
    spoken.value = ''
  }

  /** After the chart drew a new option: the highlighted mark is shown again (clamped to the new marks). */
  function redrawn() {
    if (pos.value) show()
  }

  return { pos, spoken, onKeydown, onBlur, redrawn }
}
