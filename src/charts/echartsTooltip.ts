/**
 * The tooltip (and the axis pointer it draws), registered when a chart is first pointed at or
 * focused: 8 kB gzip of ECharts that no chart needs to draw, kept out of the first load (issue #14).
 */
import { use } from 'echarts/core'
import { TooltipComponent } from 'echarts/components'

use([TooltipComponent])
