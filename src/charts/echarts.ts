/**
 * The tree-shaken ECharts build: only the chart types and components the first screen's charts use,
 * and the canvas renderer. Imported lazily by the chart components, so it is not first-load code.
 * No AriaComponent: each chart's frame (ChartPanel.vue) carries its accessible name and description,
 * its marks are read out from the keyboard, and every chart has a table. The legend (the trend chart's
 * only, below the first screen) is registered by echartsLegend.ts when a chart asks for one, the
 * tooltip by echartsTooltip.ts when a chart is first pointed at or focused (useChartTooltip).
 */
import { use, init, getInstanceByDom } from 'echarts/core'
import { BarChart, LineChart, ScatterChart } from 'echarts/charts'
import { DataZoomComponent, GridComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, ScatterChart, DataZoomComponent, GridComponent, CanvasRenderer])

export { init, getInstanceByDom }
export type { EChartsType, ECElementEvent } from 'echarts/core'
