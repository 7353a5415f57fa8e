/**
 * Dates chart: comments per period (day, ISO week or month, as the engine chose) with the
 * cumulative count on a second axis, and a zoom (wheel/drag inside, slider below) that shows the
 * date filter. The component turns a bar click or a zoom into a filter with periodRangeToDates.
 */
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { DataZoomComponentOption } from 'echarts/components'
import { formatDay, parseIsoDay } from '@/model/dates'
import type { QueryResult } from '@/query/engine'
import { animate, CONTAIN_LABELS, categoryAxis, label, valueAxis } from './common'
import { firstParam, tipElement, tooltip } from './tooltip'
import type { BuildContext, ChartOption, ChartTable } from './types'

type DatesAgg = QueryResult['dates']

export interface DateSelection {
  from: string | null
  to: string | null
}

/**
 * Period indices covered by the selection: the first period ending on or after `from`, the last
 * starting on or before `to`. The whole range when nothing (valid) is selected; null when there
 * are no periods. A selection beyond the data clamps to the nearest period.
 */
export function selectedPeriodRange(agg: DatesAgg, selected: DateSelection | null): [number, number] | null {
  const ps = agg.periods
  if (ps.length === 0) return null
  const from = selected?.from ? parseIsoDay(selected.from) : null
  const to = selected?.to ? parseIsoDay(selected.to) : null
  let start = 0
  let end = ps.length - 1
  if (from !== null) {
    const k = ps.findIndex((p) => p.end >= from)
    start = k < 0 ? ps.length - 1 : k
  }
  if (to !== null) {
    const k = ps.findLastIndex((p) => p.start <= to)
    end = k < 0 ? 0 : k
  }
  if (start > end) end = start
  return [start, end]
}

/** Whether a date filter is in effect (as opposed to the whole range). */
function hasSelection(selected: DateSelection | null): boolean {
  return !!selected && ((!!selected.from && parseIsoDay(selected.from) !== null) || (!!selected.to && parseIsoDay(selected.to) !== null))
}

/**
 * The date filter for periods `startIndex`..`endIndex` (either order; clamped to the periods):
 * from the first day of the first to the last day of the last. Empty strings when there are no
 * periods. When the range is every period, the component should clear the filter instead.
 */
export function periodRangeToDates(agg: DatesAgg, startIndex: number, endIndex: number): { from: string; to: string } {
  const ps = agg.periods
  if (ps.length === 0) return { from: '', to: '' }
  const clamp = (i: number) => Math.min(ps.length - 1, Math.max(0, Math.round(i)))
  const a = clamp(Math.min(startIndex, endIndex))
  const b = clamp(Math.max(startIndex, endIndex))
  return { from: formatDay(ps[a].start), to: formatDay(ps[b].end) }
}

/** Past this many periods, bars are drawn in large mode and the line is sampled. */
export const LARGE_BARS = 2000

export function buildDatesOption(agg: DatesAgg, ctx: BuildContext, selected: DateSelection | null): ChartOption {
  const p = ctx.palette
  const ps = agg.periods
  const range = selectedPeriodRange(agg, selected)
  const active = hasSelection(selected)
  const inRange = (i: number) => !active || (range !== null && i >= range[0] && i <= range[1])
  const comments = label(ctx, 'comments')
  const cumulative = label(ctx, 'cumulative')

  const format = (params: TooltipComponentFormatterCallbackParams): HTMLElement | null => {
    const q = firstParam(params)
    const row = q ? ps[q.dataIndex] : undefined
    if (!row) return null
    const span = row.start === row.end ? formatDay(row.start) : `${formatDay(row.start)} – ${formatDay(row.end)}`
    return tipElement(
      ctx,
      row.label,
      [
        [comments, row.count],
        [cumulative, row.cumulative],
      ],
      span === row.label ? '' : span,
    )
  }

  const large = ps.length > LARGE_BARS
  const bars: BarSeriesOption = {
    id: 'periods',
    type: 'bar',
    name: comments,
    yAxisIndex: 0,
    barMaxWidth: 32,
    cursor: 'pointer',
    // Thousands of bars (a span of centuries): plain values drawn in ECharts' large mode, without
    // per-bar colours; the zoom window still shows the selected range.
    ...(large
      ? { large: true, largeThreshold: LARGE_BARS, color: p.accent, data: ps.map((row) => row.count) }
      : { data: ps.map((row, i) => ({ value: row.count, itemStyle: { color: inRange(i) ? p.accent : p.accentSoft } })) }),
  }
  const line: LineSeriesOption = {
    id: 'cumulative',
    type: 'line',
    name: cumulative,
    yAxisIndex: 1,
    smooth: false,
    showSymbol: false,
    symbol: 'none',
    color: p.line,
    lineStyle: { color: p.line, width: 2 },
    data: ps.map((row) => row.cumulative),
    ...(large ? { sampling: 'lttb' as const } : {}),
  }
  // startValue/endValue are category indices. With no periods the zoom spans everything.
  const zoom = range ? { startValue: range[0], endValue: range[1] } : { start: 0, end: 100 }
  const dataZoom: DataZoomComponentOption[] = [
    { type: 'inside', id: 'inside', xAxisIndex: 0, filterMode: 'none', ...zoom },
    {
      type: 'slider',
      id: 'slider',
      xAxisIndex: 0,
      // 'filter' (the default) drops the line's last point at the window's edge; nothing here
      // needs filtering, the grid clips what lies outside the window.
      filterMode: 'none',
      ...zoom,
      height: 18,
      bottom: 6,
      borderColor: p.grid,
      fillerColor: 'rgba(127,127,127,0.15)',
      textStyle: { color: p.muted },
      handleStyle: { color: p.accent, borderColor: p.accent },
      moveHandleStyle: { color: p.accent },
      dataBackground: { lineStyle: { color: p.muted }, areaStyle: { color: p.grid } },
      selectedDataBackground: { lineStyle: { color: p.accent }, areaStyle: { color: p.accentSoft } },
    },
  ]

  return {
    backgroundColor: 'transparent',
    animation: animate(ps.length * 2),
    textStyle: { color: p.text },
    grid: [{ left: 8, right: 8, top: 28, bottom: 36, ...CONTAIN_LABELS }],
    tooltip: tooltip(ctx, 'axis', format),
    xAxis: [
      categoryAxis(
        ctx,
        ps.map((r) => r.label),
        10,
      ),
    ],
    yAxis: [
      valueAxis(ctx, { name: comments }),
      // The cumulative scale differs from the per-period one; its grid lines would only clutter.
      valueAxis(ctx, { name: cumulative, showSplitLine: false }),
    ],
    dataZoom,
    series: [bars, line],
  }
}

export function buildDatesTable(agg: DatesAgg, ctx: BuildContext): ChartTable {
  return {
    caption: label(ctx, 'period'),
    head: [label(ctx, 'period'), label(ctx, 'comments'), label(ctx, 'cumulative')],
    rows: agg.periods.map((r) => [r.label, r.count, r.cumulative]),
  }
}
