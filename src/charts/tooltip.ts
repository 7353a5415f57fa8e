/**
 * Chart tooltips, built as DOM nodes. ECharts writes a formatter's *string* into `innerHTML`, but
 * appends an *element* as it is: building each tooltip with `textContent` means no data string
 * (comment text, author names, lesson titles, theme names) is ever parsed as HTML — there is no
 * escaping step anyone could forget. Formatters only run in the page; tests run them under happy-dom.
 */
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import type { TooltipComponentOption } from 'echarts/components'
import { formatInt } from '@/lib/format'
import type { BuildContext } from './types'

export type TipFormatter = (p: TooltipComponentFormatterCallbackParams) => HTMLElement | null

/** The tooltip frame; the formatter returns an element made by `tipElement`. */
export function tooltip(ctx: BuildContext, trigger: 'item' | 'axis', formatter: TipFormatter): TooltipComponentOption {
  const p = ctx.palette
  return {
    trigger,
    confine: true,
    backgroundColor: p.background,
    borderColor: p.grid,
    textStyle: { color: p.text },
    ...(trigger === 'axis' ? { axisPointer: { type: 'shadow' } } : {}),
    // ECharts' own type says string, but its tooltip appends a returned element (TooltipHTMLContent).
    formatter: formatter as unknown as TooltipComponentOption['formatter'],
  }
}

/** The first item of tooltip params (an array when the tooltip is triggered by axis). */
export function firstParam(params: TooltipComponentFormatterCallbackParams) {
  return Array.isArray(params) ? params[0] : params
}

/**
 * A tooltip: a bold title, `name: value` lines and an optional note (comment text), every part set
 * as text. Numbers are grouped for the locale.
 */
export function tipElement(ctx: BuildContext, title: string, lines: [string, string | number][], note = ''): HTMLElement {
  const root = document.createElement('div')
  const head = document.createElement('b')
  head.textContent = title
  root.append(head)
  for (const [k, v] of lines) {
    const line = document.createElement('div')
    const value = document.createElement('b')
    value.textContent = typeof v === 'number' ? formatInt(v, ctx.locale) : v
    line.append(`${k}: `, value)
    root.append(line)
  }
  if (note) {
    const n = document.createElement('div')
    n.textContent = note
    n.style.cssText = 'max-width:320px;white-space:normal;margin-top:4px'
    n.style.color = ctx.palette.muted
    root.append(n)
  }
  return root
}
