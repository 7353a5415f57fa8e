import { expect } from 'vitest'
/** Hand-made inputs for the chart option builders, and accessors for the options they build. */
import type { TooltipComponentFormatterCallbackParams } from 'echarts'
import type { TooltipComponentOption } from 'echarts/components'
import type { BuildContext, ChartOption } from '@/charts/types'
import { LIGHT_PALETTE } from '@/charts/palette'
import { DatasetBuilder, type DatasetColumns, type RawComment } from '@/model/dataset'
import { dayFromYmd, NO_TIME } from '@/model/dates'

export const XSS = '<img src=x onerror=alert(1)>'

const row = (author: string, likes: number, replies: number, text: string, day: number): RawComment => ({
  author,
  avatar: '',
  likes,
  replies,
  day,
  time: NO_TIME,
  text,
  reply: '',
  lesson: '',
})

/**
 * Four comments: row 1 is hostile (author and text are markup), row 2 has a line break, row 3
 * is long. Rows keep the order they are added in.
 */
export function tinyDataset(): DatasetColumns {
  const b = new DatasetBuilder()
  b.add(row('alice', 12, 1, '希望老师出一期加餐讲讲 Raft 的实现细节', dayFromYmd(2021, 3, 22)), 'a.md', '开篇词')
  b.add(row(XSS, 3, 0, XSS, dayFromYmd(2021, 4, 2)), 'a.md', '开篇词')
  b.add(row('bob', 0, 4, 'plain text\nline two', dayFromYmd(2021, 5, 9)), 'a.md', '开篇词')
  b.add(row('carol', 120, 12, 'A very long comment that goes on and on about leases and compaction', dayFromYmd(2021, 6, 30)), 'a.md', '开篇词')
  return b.finish()
}

export const LABELS: Record<string, string> = {
  comments: 'Comments',
  likes: 'Likes',
  replies: 'Replies',
  bucket: 'Range',
  period: 'Period',
  cumulative: 'Cumulative',
  theme: 'Request',
  authors: 'Authors',
  topLiked: 'Most liked',
  likesVsReplies: 'Likes vs replies',
}

export function context(narrow = false, labels: Record<string, string> = LABELS): BuildContext {
  return { palette: LIGHT_PALETTE, labels, narrow, locale: 'en' }
}

export function list<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x]
}

/** The option's parts as loose records, so tests read exactly what ECharts would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>

export const seriesOf = (o: ChartOption): Loose[] => list(o.series as Loose | Loose[])
export const xAxesOf = (o: ChartOption): Loose[] => list(o.xAxis as Loose | Loose[])
export const yAxesOf = (o: ChartOption): Loose[] => list(o.yAxis as Loose | Loose[])
export const gridsOf = (o: ChartOption): Loose[] => list(o.grid as Loose | Loose[])
export const zoomsOf = (o: ChartOption): Loose[] => list(o.dataZoom as Loose | Loose[])

/**
 * Calls the tooltip formatter as ECharts would, with just the fields the builders read. Tooltips are
 * DOM nodes (see src/charts/tooltip.ts): the test file needs `// @vitest-environment happy-dom`.
 */
export function tooltipFor(o: ChartOption, params: Partial<Record<string, unknown>> | Partial<Record<string, unknown>>[]): HTMLElement {
  const t = list(o.tooltip as TooltipComponentOption | TooltipComponentOption[])[0]
  const f = t.formatter
  if (typeof f !== 'function') throw new Error('tooltip formatter is not a function')
  const out = f(params as unknown as TooltipComponentFormatterCallbackParams, 'ticket') as unknown
  if (!(out instanceof HTMLElement)) throw new Error('tooltip formatter did not return an element')
  return out
}

/** A tooltip read as a reader sees it: the title, then one entry per line (and the note). */
export const tipLines = (el: HTMLElement): string[] => [...el.children].map((c) => c.textContent ?? '')

/** The tags a tooltip is made of: only the builder's own `div` and `b`, whatever the data held. */
export const tipTags = (el: HTMLElement): string[] => [...new Set([...el.querySelectorAll('*')].map((c) => c.tagName.toLowerCase()))].sort()

/** Bar colours of a series whose data items carry `itemStyle.color`. */
export const colours = (s: Loose): string[] => (s.data as Loose[]).map((d) => d.itemStyle?.color)

/** A grid's box in a container of `width` × `height` px (ECharts reads numbers as px and 'n%' as a share). */
export function gridBox(g: Loose, width: number, height: number): { x0: number; x1: number; y0: number; y1: number } {
  const px = (v: unknown, of: number) => (typeof v === 'string' && v.endsWith('%') ? (parseFloat(v) / 100) * of : Number(v ?? 0))
  return { x0: px(g.left, width), x1: width - px(g.right, width), y0: px(g.top, height), y1: height - px(g.bottom, height) }
}

/**
 * The two panels of a two-grid chart: side by side (wide) or stacked (narrow), without overlapping,
 * inside the container, each given at least a third of the container along the way they share it.
 */
export function expectTwoPanels(o: ChartOption, layout: 'side by side' | 'stacked', width: number, height: number): void {
  const [a, b] = gridsOf(o).map((g) => gridBox(g, width, height))
  for (const box of [a, b]) {
    expect(box.x0).toBeGreaterThanOrEqual(0)
    expect(box.y0).toBeGreaterThanOrEqual(0)
    expect(box.x1).toBeLessThanOrEqual(width)
    expect(box.y1).toBeLessThanOrEqual(height)
  }
  if (layout === 'side by side') {
    expect(a.x1).toBeLessThan(b.x0)
    for (const box of [a, b]) expect(box.x1 - box.x0).toBeGreaterThan(width / 3)
    // Same height: the panels stand beside each other.
    expect([a.y0, a.y1]).toEqual([b.y0, b.y1])
  } else {
    expect(a.y1).toBeLessThan(b.y0)
    for (const box of [a, b]) expect(box.y1 - box.y0).toBeGreaterThan(height / 3)
    expect([a.x0, a.x1]).toEqual([b.x0, b.x1])
  }
}
