import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import type { DataZoomComponentOption, GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ChartPalette } from './palette'

/** The option type of the tree-shaken build (type-only: costs nothing at runtime). */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>

/** What every builder gets besides its aggregate. */
export interface BuildContext {
  palette: ChartPalette
  /** Translated words the chart shows (axis names, series names). */
  labels: Record<string, string>
  /** Narrow screens stack the chart's two panels. */
  narrow: boolean
  locale: string
}

/** A table alternative of a chart: header row and rows (first column the label). */
export interface ChartTable {
  caption: string
  head: string[]
  /** One row per mark of the chart (a course, a lesson, a bucket): nothing else. */
  rows: (string | number)[][]
  /** A line shown above the table, such as the whole dataset's figures the rows compare with. */
  summary?: string
}
