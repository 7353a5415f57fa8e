/**
 * Moving through a chart's marks by keyboard: which mark comes next for a key. Pure (no DOM, no
 * ECharts instance): the chart panel (composables/useChartKeyboard.ts) asks, then highlights the
 * mark with its tooltip, and Enter selects it exactly as a click does.
 *
 * A chart's marks come in groups, one per series that can be selected (the likes buckets, the
 * most-liked comments …), each laid out along an axis: `x` (bars side by side, ←/→ move) or `y`
 * (bars one under the other, index 0 at the top: ↑/↓ move, and ←/→ too). ↑/↓ on an `x` group,
 * or past either end of a `y` group, go to the previous or next group; PageUp/PageDown always
 * do; Home/End go to the first or last mark of the group.
 */
import type { ChartOption } from './types'

export interface MarkGroupSpec {
  seriesId: string
  axis: 'x' | 'y'
}

export interface MarkGroup extends MarkGroupSpec {
  /** Position of the series in the option's `series` (ECharts' showTip wants it). */
  seriesIndex: number
  /** How many marks (data items) the series has. */
  count: number
}

/** A mark: group `g`, data item `i`. */
export interface MarkPos {
  g: number
  i: number
}

export const NAV_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'] as const
export type NavKey = (typeof NAV_KEYS)[number]

export function isNavKey(key: string): key is NavKey {
  return (NAV_KEYS as readonly string[]).includes(key)
}

type SeriesLike = { id?: string | number; data?: unknown }

function seriesList(option: ChartOption | null): SeriesLike[] {
  const s = option?.series
  if (!s) return []
  return (Array.isArray(s) ? s : [s]) as SeriesLike[]
}

/**
 * The groups of an option, in the order given: a spec whose series is missing is dropped. With
 * no spec, the option's first series along `x` (a chart that only shows, such as the trend).
 */
export function markGroups(option: ChartOption | null, specs: readonly MarkGroupSpec[] | undefined): MarkGroup[] {
  const list = seriesList(option)
  const wanted: MarkGroupSpec[] = specs?.length ? [...specs] : list.length ? [{ seriesId: String(list[0].id ?? ''), axis: 'x' }] : []
  const out: MarkGroup[] = []
  for (const s of wanted) {
    const seriesIndex = list.findIndex((x) => String(x.id ?? '') === s.seriesId)
    if (seriesIndex < 0) continue
    const data = list[seriesIndex].data
    out.push({ ...s, seriesIndex, count: Array.isArray(data) ? data.length : 0 })
  }
  return out
}

/** The data item `i` of group `g` as the option holds it (what a click on it carries as `data`). */
export function markData(option: ChartOption | null, group: MarkGroup, i: number): unknown {
  const data = seriesList(option)[group.seriesIndex]?.data
  return Array.isArray(data) ? data[i] : undefined
}

const clamp = (i: number, n: number) => Math.max(0, Math.min(n - 1, i))

/** The next group with marks from `g` in direction `dir`, or -1. */
function nextGroup(groups: readonly MarkGroup[], g: number, dir: 1 | -1): number {
  for (let k = g + dir; k >= 0 && k < groups.length; k += dir) if (groups[k].count > 0) return k
  return -1
}

/** The same position, clamped into what the groups hold now (after a redraw), or null if none. */
export function clampPos(groups: readonly MarkGroup[], pos: MarkPos | null): MarkPos | null {
  if (!pos) return null
  if (groups[pos.g]?.count) return { g: pos.g, i: clamp(pos.i, groups[pos.g].count) }
  const g = nextGroup(groups, -1, 1)
  return g < 0 ? null : { g, i: 0 }
}

/**
 * The mark a key moves to from `pos` (null: no mark highlighted yet, the first key shows the
 * first mark, or the last one for End), or null when the key does nothing here (so the page may
 * use it: ↑/↓ on a lone row of bars scroll the page).
 */
export function nextMark(groups: readonly MarkGroup[], pos: MarkPos | null, key: NavKey): MarkPos | null {
  const first = nextGroup(groups, -1, 1)
  if (first < 0) return null
  const cur = clampPos(groups, pos)
  if (!cur) {
    if (key === 'End') {
      const last = nextGroup(groups, groups.length, -1)
      return { g: last, i: groups[last].count - 1 }
    }
    return { g: first, i: 0 }
  }
  const { g, i } = cur
  const n = groups[g].count
  const axis = groups[g].axis
  const toGroup = (dir: 1 | -1, at: 'same' | 'start' | 'end'): MarkPos | null => {
    const k = nextGroup(groups, g, dir)
    if (k < 0) return null
    const m = groups[k].count
    return { g: k, i: at === 'start' ? 0 : at === 'end' ? m - 1 : clamp(i, m) }
  }
  switch (key) {
    case 'ArrowLeft':
      return { g, i: Math.max(0, i - 1) }
    case 'ArrowRight':
      return { g, i: Math.min(n - 1, i + 1) }
    case 'Home':
      return { g, i: 0 }
    case 'End':
      return { g, i: n - 1 }
    case 'PageUp':
      return toGroup(-1, 'same') ?? cur
    case 'PageDown':
      return toGroup(1, 'same') ?? cur
    case 'ArrowUp':
      if (axis === 'x') return toGroup(-1, 'same')
      return i > 0 ? { g, i: i - 1 } : (toGroup(-1, 'same') ?? cur)
    case 'ArrowDown':
      if (axis === 'x') return toGroup(1, 'same')
      return i < n - 1 ? { g, i: i + 1 } : (toGroup(1, 'start') ?? cur)
  }
}

type AxisLike = { type?: string; data?: unknown[] }
type ValueLike = number | string | null | undefined | { value?: unknown }

function axisAt(option: ChartOption | null, which: 'xAxis' | 'yAxis', index: number): AxisLike | undefined {
  const a = (option as Record<string, unknown> | null)?.[which]
  const list = (Array.isArray(a) ? a : a ? [a] : []) as AxisLike[]
  return list[index]
}

function text(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.map(text).join(', ')
  if (typeof v === 'object') return text((v as { value?: unknown }).value)
  return String(v)
}

/**
 * What a mark says, as text for a screen reader: the series' name, the mark's category (the
 * bucket, the theme, the period) and its value: "Comments · ≥ 10: 3". A point (no category
 * axis) says its values.
 */
export function markText(option: ChartOption | null, group: MarkGroup, i: number): string {
  const s = seriesList(option)[group.seriesIndex] as (SeriesLike & { name?: string; xAxisIndex?: number; yAxisIndex?: number }) | undefined
  if (!s) return ''
  const d = markData(option, group, i) as ValueLike
  const axis = group.axis === 'x' ? axisAt(option, 'xAxis', s.xAxisIndex ?? 0) : axisAt(option, 'yAxis', s.yAxisIndex ?? 0)
  const category = axis?.type === 'category' && Array.isArray(axis.data) ? text(axis.data[i]) : ''
  const value = text(d)
  const head = [s.name, category].filter((x) => x).join(' · ')
  return head ? `${head}: ${value}` : value
}
