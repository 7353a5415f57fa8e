/** The scrolling legend (and the plain one it builds on), registered when a chart with a legend first draws. */
import { use } from 'echarts/core'
import { LegendScrollComponent } from 'echarts/components'

use([LegendScrollComponent])
