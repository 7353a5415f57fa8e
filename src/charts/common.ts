/**
 * What the chart builders share: translated labels, when to animate, axis styling, the two-panel
 * layout, bucket bars and their ranges, an author's display name. Pure data, like every builder.
 */
import type { XAXisComponentOption, YAXisComponentOption } from 'echarts'
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption } from 'echarts/components'
import { formatInt } from '@/lib/format'
import type { DatasetColumns } from '@/model/dataset'
import type { Bucket } from '@/query/buckets'
import type { NumRange } from '@/model/view'
import { excerpt } from './excerpt'
import type { BuildContext, ChartTable } from './types'

/** Past this many data items, animation costs more than it tells. */
export const ANIMATION_LIMIT = 1000

/** A translated word, or the key itself so a missing translation is visible, not blank. */
export function label(ctx: BuildContext, key: string): string {
  return ctx.labels[key] ?? key
}

export function animate(items: number): boolean {
  return items <= ANIMATION_LIMIT
}

/**
 * ECharts 6 deprecates `containLabel` (it needs the legacy feature registered); this is its
 * documented replacement. 'all' also keeps axis names inside the grid rect.
 */
export const CONTAIN_LABELS = { outerBoundsMode: 'same', outerBoundsContain: 'all' } as const satisfies GridComponentOption

/** An axis option usable as x or y (ECharts types them alike, apart from `mainType`). */
type Axis = XAXisComponentOption & YAXisComponentOption

/** The per-axis settings the builders vary. */
export interface AxisExtra {
  gridIndex?: number
  name?: string
  nameLocation?: 'start' | 'middle' | 'end'
  inverse?: boolean
  showSplitLine?: boolean
  /** Pixel width past which category labels are cut with an ellipsis (CJK text is wide). */
  labelWidth?: number
  /** Degrees to turn the labels by, where they would overlap side by side. */
  rotate?: number
  /** Wrap long labels onto a second line within `labelWidth` instead of cutting them. */
  wrap?: boolean
}

/** Axis colours common to every axis. */
function axisStyle(ctx: BuildContext, extra: AxisExtra) {
  const p = ctx.palette
  return {
    gridIndex: extra.gridIndex ?? 0,
    // Only keys that are set: an explicit undefined would shadow ECharts' defaults when it merges.
    ...(extra.name !== undefined ? { name: extra.name } : {}),
    ...(extra.nameLocation ? { nameLocation: extra.nameLocation } : {}),
    ...(extra.inverse ? { inverse: true } : {}),
    axisLine: { lineStyle: { color: p.grid } },
    axisTick: { lineStyle: { color: p.grid } },
    splitLine: { show: extra.showSplitLine ?? true, lineStyle: { color: p.grid } },
    nameTextStyle: { color: p.muted },
  }
}

/** A category axis; labels are canvas text, but data strings are still shortened to one line. */
export function categoryAxis(ctx: BuildContext, data: string[], max: number, extra: AxisExtra = {}): Axis {
  return {
    ...axisStyle(ctx, { showSplitLine: false, ...extra }),
    type: 'category',
    data,
    axisLabel: {
      color: ctx.palette.muted,
      // A few buckets or themes: show every label (auto would skip "1" between "0" and "2–4").
      ...(data.length <= 12 ? { interval: 0 } : { hideOverlap: true }),
      formatter: (v: string) => excerpt(String(v), max),
      ...(extra.labelWidth ? { width: extra.labelWidth, overflow: extra.wrap ? ('break' as const) : ('truncate' as const) } : {}),
      ...(extra.rotate ? { rotate: extra.rotate } : {}),
    },
  }
}

/** A count axis: whole numbers, grouped per locale. */
export function valueAxis(ctx: BuildContext, extra: AxisExtra = {}): Axis {
  return {
    ...axisStyle(ctx, extra),
    type: 'value',
    minInterval: 1,
    axisLabel: { color: ctx.palette.muted, hideOverlap: true, formatter: (v: number) => formatInt(v, ctx.locale) },
  }
}

/** Two panels: side by side on wide screens, stacked on narrow ones. */
export function twoGrids(ctx: BuildContext): GridComponentOption[] {
  return ctx.narrow
    ? [
        { id: 'left', left: 8, right: 16, top: 28, bottom: '55%', ...CONTAIN_LABELS },
        { id: 'right', left: 8, right: 16, top: '52%', bottom: 8, ...CONTAIN_LABELS },
      ]
    : [
        { id: 'left', left: 8, right: '60%', top: 28, bottom: 8, ...CONTAIN_LABELS },
        { id: 'right', left: '43%', right: 16, top: 28, bottom: 8, ...CONTAIN_LABELS },
      ]
}

/**
 * Whether a bucket is within the selected range. For a selection made by clicking a bar this
 * is "the bucket equals the selection"; a wider range (say 10 and up) marks every bucket it holds.
 */
export function bucketSelected(b: Bucket, sel: NumRange | null): boolean {
  if (!sel || (sel.min === null && sel.max === null)) return false
  return b.min >= (sel.min ?? 0) && b.max <= (sel.max ?? Infinity)
}

/** The filter range of a bucket: what a click on its bar should set. */
export function bucketRange(buckets: Bucket[], index: number): NumRange {
  const b = buckets[index]
  return { min: b.min, max: b.max === Infinity ? null : b.max }
}

/** Bars of comments per bucket on grid 0, the selected buckets in `palette.selected`. */
export function bucketSeries(agg: { labels: string[]; counts: number[] }, buckets: Bucket[], ctx: BuildContext, selected: NumRange | null): BarSeriesOption {
  const p = ctx.palette
  return {
    id: 'buckets',
    type: 'bar',
    name: label(ctx, 'comments'),
    xAxisIndex: 0,
    yAxisIndex: 0,
    barMaxWidth: 48,
    cursor: 'pointer',
    data: agg.counts.map((value, i) => ({
      value,
      itemStyle: { color: bucketSelected(buckets[i], selected) ? p.selected : p.accent },
    })),
  }
}

/** Table rows of a bucket aggregate. */
export function bucketTable(agg: { labels: string[]; counts: number[] }, ctx: BuildContext, caption: string): ChartTable {
  return {
    caption,
    head: [label(ctx, 'bucket'), label(ctx, 'comments')],
    rows: agg.labels.map((l, i) => [l, agg.counts[i]]),
  }
}

/** Shown instead of an empty author name. */
export function authorName(ds: DatasetColumns, row: number): string {
  return ds.authors[ds.author[row]] || '—'
}
