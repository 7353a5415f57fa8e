/**
 * Likes chart: comments per likes bucket (a bar click filters by that bucket) beside the
 * most-liked comments (a bar click opens the comment). A pure option builder: the component
 * owns the ECharts instance, so everything here is plain data and runs under Node in tests.
 */
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import type { DatasetColumns } from '@/model/dataset'
import { LIKES_BUCKETS } from '@/query/buckets'
import type { QueryResult } from '@/query/engine'
import { excerpt } from './excerpt'
import { animate, authorName, bucketRange, bucketSeries, bucketTable, categoryAxis, label, twoGrids, valueAxis } from './common'
import { firstParam, tipElement, tooltip } from './tooltip'
import type { BuildContext, ChartOption, ChartTable } from './types'
import type { NumRange } from '@/model/view'

/** The characters of bucket labels that fit side by side under the histogram on a wide screen. */
const LIKES_LABEL_CHARS = 24
const labelChars = (labels: string[]) => labels.reduce((n, l) => n + l.length + 1, 0)

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

export function buildLikesOption(agg: QueryResult['likes'], ds: DatasetColumns, ctx: BuildContext, selected: NumRange | null): ChartOption {
  const p = ctx.palette
  const top: TopItem[] = agg.top.map((row) => ({ value: ds.likes[row], row }))
  const topLabels = agg.top.map((row) => `${authorName(ds, row)}: ${excerpt(ds.text.get(row), 18)}`)
  const likes = label(ctx, 'likes')
  const comments = label(ctx, 'comments')

  const format = (params: TooltipComponentFormatterCallbackParams): HTMLElement | null => {
    const q = firstParam(params)
    if (!q) return null
    const i = q.dataIndex
    if (q.seriesId === 'top') {
      const row = agg.top[i]
      if (row === undefined) return null
      return tipElement(
        ctx,
        authorName(ds, row),
        [
          [likes, ds.likes[row]],
          [label(ctx, 'replies'), ds.replies[row]],
        ],
        excerpt(ds.text.get(row), 140),
      )
    }
    if (i >= agg.labels.length) return null
    return tipElement(ctx, `${likes} ${agg.labels[i]}`, [[comments, agg.counts[i]]])
  }

  return {
    backgroundColor: 'transparent',
    animation: animate(agg.counts.length + top.length),
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
