/**
 * The tree-shaken ECharts build: only the chart types and components the dashboard uses, and
 * the canvas renderer. Imported lazily by the chart components, so it is not first-load code.
 */
import { use, init, getInstanceByDom } from 'echarts/core'
import { BarChart, LineChart, ScatterChart } from 'echarts/charts'
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, ScatterChart, AriaComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { init, getInstanceByDom }
export type { EChartsType, ECElementEvent } from 'echarts/core'
