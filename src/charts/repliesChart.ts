/**
 * Replies chart: comments per reply bucket (a bar click filters by that bucket) beside a scatter
 * of likes against replies, one point per comment (a point click opens the comment).
 * The engine already thins the points to at most 5,000, so the scatter never gets huge.
 */
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import type { DatasetColumns } from '@/model/dataset'
import { REPLIES_BUCKETS } from '@/query/buckets'
import type { QueryResult } from '@/query/engine'
import { excerpt } from './excerpt'
import { animate, authorName, bucketRange, bucketSeries, bucketTable, categoryAxis, label, twoGrids, valueAxis } from './common'
import { firstParam, tipElement, tooltip } from './tooltip'
import type { BuildContext, ChartOption, ChartTable } from './types'
import type { NumRange } from '@/model/view'

/** ECharts' own default threshold for progressive "large" rendering. */
export const LARGE_POINTS = 1000

interface PointItem {
  value: [likes: number, replies: number]
  /** Dataset row index: what a click opens. */
  row: number
}

/** A click on bucket bar `index` filters to this replies range. */
export function repliesBucketRange(index: number): NumRange {
  return bucketRange(REPLIES_BUCKETS, index)
}

export function buildRepliesOption(agg: QueryResult['replies'], ds: DatasetColumns, ctx: BuildContext, selected: NumRange | null): ChartOption {
  const p = ctx.palette
  const large = agg.points.length > LARGE_POINTS
  const points: PointItem[] = agg.points.map(([likes, replies, row]) => ({ value: [likes, replies], row }))
  const likes = label(ctx, 'likes')
  const replies = label(ctx, 'replies')
  const comments = label(ctx, 'comments')

  const format = (params: TooltipComponentFormatterCallbackParams): HTMLElement | null => {
    const q = firstParam(params)
    if (!q) return null
    const i = q.dataIndex
    if (q.seriesId === 'points') {
      const pt = agg.points[i]
      if (!pt) return null
      const row = pt[2]
      return tipElement(
        ctx,
        authorName(ds, row),
        [
          [likes, pt[0]],
          [replies, pt[1]],
        ],
        excerpt(ds.text.get(row), 140),
      )
    }
    if (i >= agg.labels.length) return null
    return tipElement(ctx, `${replies} ${agg.labels[i]}`, [[comments, agg.counts[i]]])
  }

  return {
    backgroundColor: 'transparent',
    animation: animate(agg.counts.length + points.length),
    textStyle: { color: p.text },
    grid: twoGrids(ctx),
    tooltip: tooltip(ctx, 'item', format),
    xAxis: [categoryAxis(ctx, agg.labels, 10, { gridIndex: 0, name: replies }), valueAxis(ctx, { gridIndex: 1, name: likes })],
    yAxis: [valueAxis(ctx, { gridIndex: 0, name: comments }), valueAxis(ctx, { gridIndex: 1, name: replies })],
    series: [
      bucketSeries(agg, REPLIES_BUCKETS, ctx, selected),
      {
        id: 'points',
        type: 'scatter',
        name: label(ctx, 'likesVsReplies'),
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbolSize: large ? 3 : 6,
        cursor: 'pointer',
        // Many comments share (likes, replies): translucent points show where they pile up.
        itemStyle: { color: p.accent, opacity: 0.55 },
        ...(large ? { large: true, largeThreshold: LARGE_POINTS } : {}),
        data: points,
      },
    ],
  }
}

export function buildRepliesTable(agg: QueryResult['replies'], ctx: BuildContext): ChartTable {
  return bucketTable(agg, ctx, label(ctx, 'replies'))
}
