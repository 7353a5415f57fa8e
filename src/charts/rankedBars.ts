/**
 * A ranked list of named bars, one row each (lessons, courses): the option both charts share, so
 * that they look and read alike (labels wrapped to a width, hover for the row's numbers).
 */
import type { BarSeriesOption } from 'echarts/charts'
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import { animate, CONTAIN_LABELS, categoryAxis, valueAxis } from './common'
import { tooltip } from './tooltip'
import type { BuildContext, ChartOption } from './types'

export interface RankedBars {
  /** The series id clicks are matched on. */
  id: string
  /** The measure's name (value axis and series). */
  name: string
  /** Row labels, top to bottom. */
  labels: string[]
  data: NonNullable<BarSeriesOption['data']>
  format: (params: TooltipComponentFormatterCallbackParams) => HTMLElement | null
  /** Label characters per line, and label width in px, on wide screens. */
  labelChars: number
  labelWidth: number
}

export function rankedBarsOption(ctx: BuildContext, b: RankedBars): ChartOption {
  const series: BarSeriesOption = { id: b.id, type: 'bar', name: b.name, barMaxWidth: 18, barMinHeight: 2, cursor: 'pointer', data: b.data }
  return {
    backgroundColor: 'transparent',
    animation: animate(b.data.length),
    textStyle: { color: ctx.palette.text },
    grid: [{ left: 8, right: 24, top: 24, bottom: 8, ...CONTAIN_LABELS }],
    tooltip: tooltip(ctx, 'axis', b.format),
    xAxis: [valueAxis(ctx, { name: b.name })],
    yAxis: [categoryAxis(ctx, b.labels, ctx.narrow ? 14 : b.labelChars, { inverse: true, labelWidth: ctx.narrow ? 120 : b.labelWidth })],
    series: [series],
  }
}
