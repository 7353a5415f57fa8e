/**
 * Requests chart: one horizontal bar per request theme, ranked by comments, distinct authors or
 * likes (a bar click toggles the theme filter). The tooltip shows all three measures, because a
 * theme asked for by one prolific reader reads very differently from one many readers share.
 */
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import type { ThemeRow } from '@/query/engine'
import { animate, CONTAIN_LABELS, categoryAxis, label, valueAxis } from './common'
import { firstParam, tipElement, tooltip } from './tooltip'
import type { BuildContext, ChartOption, ChartTable } from './types'

export type RequestRank = 'comments' | 'authors' | 'likes'

interface ThemeItem {
  value: number
  /** Theme id: what a click toggles in the filter. */
  id: string
  itemStyle: { color: string }
}

/** Descending by the rank measure; ties by comments, then by id so the order is stable. */
export function rankThemes(rows: ThemeRow[], rank: RequestRank): ThemeRow[] {
  return [...rows].sort((a, b) => b[rank] - a[rank] || b.comments - a.comments || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

const nameOf = (names: string[], row: ThemeRow) => names[row.index] || row.id

export function buildRequestsOption(rows: ThemeRow[], names: string[], ctx: BuildContext, rank: RequestRank, selected: string[]): ChartOption {
  const p = ctx.palette
  const ranked = rankThemes(rows, rank)
  const chosen = new Set(selected)
  const data: ThemeItem[] = ranked.map((r) => ({
    value: r[rank],
    id: r.id,
    itemStyle: { color: chosen.has(r.id) ? p.selected : p.accent },
  }))

  const format = (params: TooltipComponentFormatterCallbackParams): HTMLElement | null => {
    const q = firstParam(params)
    const r = q ? ranked[q.dataIndex] : undefined
    if (!r) return null
    return tipElement(ctx, nameOf(names, r), [
      [label(ctx, 'comments'), r.comments],
      [label(ctx, 'authors'), r.authors],
      [label(ctx, 'likes'), r.likes],
    ])
  }

  return {
    backgroundColor: 'transparent',
    animation: animate(data.length),
    textStyle: { color: p.text },
    grid: [{ left: 8, right: 24, top: 8, bottom: 8, ...CONTAIN_LABELS }],
    tooltip: tooltip(ctx, 'axis', format),
    xAxis: [valueAxis(ctx, { name: label(ctx, rank) })],
    // Highest first: the category axis runs top-down.
    // Theme names wrap onto two lines ("Contact & / community") rather than lose their ends.
    yAxis: [
      categoryAxis(
        ctx,
        ranked.map((r) => nameOf(names, r)),
        40,
        { inverse: true, labelWidth: ctx.narrow ? 96 : 132, wrap: true },
      ),
    ],
    series: [
      {
        id: 'themes',
        type: 'bar',
        name: label(ctx, rank),
        barMaxWidth: 22,
        // A theme with no matches still gets a sliver to hover and click.
        barMinHeight: 2,
        cursor: 'pointer',
        data,
      },
    ],
  }
}

export function buildRequestsTable(rows: ThemeRow[], names: string[], ctx: BuildContext, rank: RequestRank): ChartTable {
  return {
    caption: label(ctx, 'theme'),
    head: [label(ctx, 'theme'), label(ctx, 'comments'), label(ctx, 'authors'), label(ctx, 'likes')],
    rows: rankThemes(rows, rank).map((r) => [nameOf(names, r), r.comments, r.authors, r.likes]),
  }
}
