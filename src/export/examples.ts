/**
 * The requests report's example comments: for each request theme in view, up to MAX_EXAMPLES of
 * the most-liked comments of the dataset that carry it. The scan stops as soon as every theme the
 * report shows has its examples (usually after a few hundred rows), and pauses when a slice of it
 * has taken SLICE_MS, so a theme with few comments in a million does not hold the page.
 */
import type { ThemeRow } from '@/query/engine'
import { MAX_EXAMPLES } from './markdown'
import { SLICE_MS } from './payload'

/**
 * `order`: rows by likes, descending; `mask`: each row's theme bits; `excerpt(row, theme)`: the
 * text shown for a row as an example of a theme. Themes without comments in view are not shown by
 * the report, so they get no examples.
 */
export async function reportExamples(
  order: ArrayLike<number>,
  mask: Uint32Array,
  requests: readonly ThemeRow[],
  excerpt: (row: number, theme: number) => string,
  pause?: () => Promise<void>,
): Promise<Map<string, string[]>> {
  const examples = new Map<string, string[]>()
  const wanted = requests.filter((r) => r.comments > 0)
  let open = wanted.length
  let last = performance.now()
  for (let j = 0; j < order.length && open > 0; j++) {
    if (pause && (j & 1023) === 1023 && performance.now() - last > SLICE_MS) {
      await pause()
      last = performance.now()
    }
    const i = order[j]
    const m = mask[i]
    if (!m) continue
    for (const r of wanted) {
      if (!(m & (1 << r.index))) continue
      const list = examples.get(r.id) ?? []
      if (list.length >= MAX_EXAMPLES) continue
      list.push(excerpt(i, r.index))
      examples.set(r.id, list)
      if (list.length === MAX_EXAMPLES) open--
    }
  }
  return examples
}
