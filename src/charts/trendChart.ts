/**
 * Request themes over time: one line per theme (the most-asked first), on the dates chart's
 * periods, so an author sees whether a request is fading or growing.
 */
import type { LineSeriesOption } from 'echarts/charts'
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import type { QueryResult } from '@/query/engine'
import { animate, CONTAIN_LABELS, categoryAxis, label, valueAxis } from './common'
import { tipElement, tooltip } from './tooltip'
import type { BuildContext, ChartOption, ChartTable } from './types'

type Trend = QueryResult['trend']

/** Theme indices with any request, most-asked first, at most `max`. */
export function trendThemes(trend: Trend, max = 6): number[] {
  return trend.counts
    .map((c, i) => ({ i, total: c.reduce((a, b) => a + b, 0) }))
    .filter((x) => x.total > 0)
    .sort((a, b) => b.total - a.total || a.i - b.i)
    .slice(0, max)
    .map((x) => x.i)
}

export function buildTrendOption(trend: Trend, names: string[], ctx: BuildContext): ChartOption {
  const p = ctx.palette
  const shown = trendThemes(trend)
  const series: LineSeriesOption[] = shown.map((t, k) => ({
    id: `trend-${t}`,
    type: 'line',
    name: names[t] ?? String(t),
    showSymbol: trend.labels.length <= 40,
    symbolSize: 5,
    color: p.series[k % p.series.length],
    data: trend.counts[t],
  }))
  const format = (params: TooltipComponentFormatterCallbackParams): HTMLElement | null => {
    const list = Array.isArray(params) ? params : [params]
    if (!list.length) return null
    const title = String(trend.labels[list[0].dataIndex] ?? '')
    return tipElement(
      ctx,
      title,
      list.map((q) => [String(q.seriesName ?? ''), Number(q.value ?? 0)]),
    )
  }
  return {
    backgroundColor: 'transparent',
    animation: animate(trend.labels.length * shown.length),
    textStyle: { color: p.text },
    legend: { top: 0, textStyle: { color: p.muted }, type: 'scroll' },
    grid: [{ left: 8, right: 16, top: 36, bottom: 8, ...CONTAIN_LABELS }],
    tooltip: tooltip(ctx, 'axis', format),
    xAxis: [categoryAxis(ctx, trend.labels, 10)],
    yAxis: [valueAxis(ctx, { name: label(ctx, 'comments') })],
    series,
  }
}

export function buildTrendTable(trend: Trend, names: string[], ctx: BuildContext): ChartTable {
  const shown = trendThemes(trend)
  return {
    caption: label(ctx, 'period'),
    head: [label(ctx, 'period'), ...shown.map((t) => names[t] ?? String(t))],
    rows: trend.labels.map((l, i) => [l, ...shown.map((t) => trend.counts[t][i])]),
  }
}
