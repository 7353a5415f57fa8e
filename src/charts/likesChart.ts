/**
 * Likes chart: comments per likes bucket (a bar click filters by that bucket) beside the
 * most-liked comments (a bar click opens the comment). A pure option builder: the component
 * owns the ECharts instance, so everything here is plain data and runs under Node in tests.
 *
 * The small helpers the other chart builders share (labels, axis styling, tooltip framing, the
 * two-panel layout) live here too: each chart got one file, and this is the first of them.
 */
import type {
  TooltipComponentFormatterCallbackParams,
  XAXisComponentOption,
  YAXisComponentOption,
} from 'echarts'
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption } from 'echarts/components'
import { formatInt } from '@/composables/format'
import type { DatasetColumns } from '@/model/dataset'
import { LIKES_BUCKETS, type Bucket } from '@/query/buckets'
import type { QueryResult } from '@/query/engine'
import { excerpt } from './excerpt'
import { firstParam, tipElement, tooltip } from './tooltip'
import type { BuildContext, ChartOption, ChartTable } from './types'
import type { NumRange } from '@/model/view'

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

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


/** The characters of bucket labels that fit side by side under the histogram on a wide screen. */
const LIKES_LABEL_CHARS = 24
const labelChars = (labels: string[]) => labels.reduce((n, l) => n + l.length + 1, 0)

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
export function bucketSeries(
  agg: { labels: string[]; counts: number[] },
  buckets: Bucket[],
  ctx: BuildContext,
  selected: NumRange | null,
): BarSeriesOption {
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

// ---------------------------------------------------------------------------------------------
// The likes chart
// ---------------------------------------------------------------------------------------------

interface TopItem {
  value: number
  /** Dataset row index: what a click opens. */
  row: number
}

/** A click on bucket bar `index` filters to this likes range. */
export function likesBucketRange(index: number): NumRange {
  return bucketRange(LIKES_BUCKETS, index)
}

export function buildLikesOption(
  agg: QueryResult['likes'],
  ds: DatasetColumns,
  ctx: BuildContext,
  selected: NumRange | null,
): ChartOption {
  const p = ctx.palette
  const top: TopItem[] = agg.top.map((row) => ({ value: ds.likes[row], row }))
  const topLabels = agg.top.map((row) => `${authorName(ds, row)}: ${excerpt(ds.text[row], 18)}`)
  const likes = label(ctx, 'likes')
  const comments = label(ctx, 'comments')

  const format = (params: TooltipComponentFormatterCallbackParams): HTMLElement | null => {
    const q = firstParam(params)
    if (!q) return null
    const i = q.dataIndex
    if (q.seriesId === 'top') {
      const row = agg.top[i]
      if (row === undefined) return null
      return tipElement(ctx, authorName(ds, row), [[likes, ds.likes[row]], [label(ctx, 'replies'), ds.replies[row]]], excerpt(ds.text[row], 140))
    }
    if (i >= agg.labels.length) return null
    return tipElement(ctx, `${likes} ${agg.labels[i]}`, [[comments, agg.counts[i]]])
  }

  return {
    backgroundColor: 'transparent',
    animation: animate(agg.counts.length + top.length),
    aria: { enabled: true },
    textStyle: { color: p.text },
    grid: twoGrids(ctx),
    tooltip: tooltip(ctx, 'item', format),
    xAxis: [
      // Many buckets ("50–99", "100–499" …) run into each other in a half-width panel, and on a phone:
      // turned, every one stays readable.
      categoryAxis(ctx, agg.labels, 10, { gridIndex: 0, name: likes, ...(ctx.narrow || labelChars(agg.labels) > LIKES_LABEL_CHARS ? { rotate: 40 } : {}) }),
      valueAxis(ctx, { gridIndex: 1, name: likes }),
    ],
    yAxis: [
      valueAxis(ctx, { gridIndex: 0, name: comments }),
      // Most liked first: the category axis runs top-down; its name then sits at the top.
      categoryAxis(ctx, topLabels, ctx.narrow ? 20 : 26, {
        gridIndex: 1,
        inverse: true,
        name: label(ctx, 'topLiked'),
        nameLocation: 'start',
        labelWidth: ctx.narrow ? 130 : 190,
      }),
    ],
    series: [
      bucketSeries(agg, LIKES_BUCKETS, ctx, selected),
      {
        id: 'top',
        type: 'bar',
        name: label(ctx, 'topLiked'),
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 18,
        cursor: 'pointer',
        itemStyle: { color: p.accent },
        data: top,
      },
    ],
  }
}

export function buildLikesTable(agg: QueryResult['likes'], ctx: BuildContext): ChartTable {
  return bucketTable(agg, ctx, label(ctx, 'likes'))
}
