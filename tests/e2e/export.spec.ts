/**
 * Exports: the exact CSV of a filtered view of the sample (every cell quoted), and a big export
 * written in the export worker: its progress and Cancel, its rows, and the page's long tasks
 * while it runs (the 100 ms target itself is measured by bench/exports.ts).
 */
import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import type { Page } from '@playwright/test'
import { generateComments, toCsv } from '../../bench/generate'
import { test, expect, openApp, waitReady } from './fixtures'

const SAMPLE_LESSON = 'etcd实战课 · 结束语'

test('the CSV of a filtered view of the sample holds exactly its comments, in view order, every cell quoted', async ({ page }) => {
  // Comments containing 期待加餐, oldest first: mmm (2021-03-22), 云原生工程师 (03-23), 幽幽夜 (2022-11-01).
  await openApp(page, 'lang=en&q=期待加餐&sort=date.asc')
  await expect(page.getByTestId('kpi-comments')).toHaveText('3')
  const ids = await page.getByTestId('comment-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-comment-id')!))
  expect(ids).toHaveLength(3)
  await page.getByTestId('export-open').click()
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
  expect(dl.suggestedFilename()).toBe('etcd in Practice · Closing lesson (built-in sample).csv')
  const q = (cells: string[]) => cells.map((c) => `"${c}"`).join(',')
  expect(readFileSync(await dl.path(), 'utf8').split('\r\n')).toEqual([
    '\uFEFF' + q(['id', 'author', 'likes', 'replies', 'date', 'time', 'lesson', 'course', 'text', 'author_reply', 'themes', 'avatar', 'source']),
    q([
      ids[0],
      'mmm',
      '2',
      '0',
      '2021-03-22',
      '',
      SAMPLE_LESSON,
      '',
      '感谢老师 期待加餐',
      '',
      'Bonus content',
      'https://static001.geekbang.org/account/avatar/00/12/61/e6/fedd20dc.jpg',
      `${SAMPLE_LESSON}.md`,
    ]),
    q([
      ids[1],
      '云原生工程师',
      '0',
      '0',
      '2021-03-23',
      '',
      SAMPLE_LESSON,
      '',
      '感谢老师，期待加餐',
      '',
      'Bonus content',
      'https://static001.geekbang.org/account/avatar/00/22/3a/de/e5c30589.jpg',
      `${SAMPLE_LESSON}.md`,
    ]),
    q([
      ids[2],
      '幽幽夜',
      '0',
      '0',
      '2022-11-01',
      '',
      SAMPLE_LESSON,
      '',
      '期待加餐，催更思考题...',
      '',
      'Bonus content; Exercise answers; Update pace',
      'https://thirdwx.qlogo.cn/mmopen/vi_32/L19sKxTMAPrPpHibMribicRB2o9LVknHc4GI6icyialvickFsuakY1dlF9SzLnUW4qu4sT6KlVWtZJUYGYYE6fqaBsyA/132',
      `${SAMPLE_LESSON}.md`,
    ]),
    '',
  ])
})

/** Long tasks (over 50 ms, Long Tasks API) on the page from now on, the export progress values seen, and the frames drawn. */
async function observe(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __export: { tasks: number[]; values: number[]; frames: number; since: number } }
    const seen = (w.__export = { tasks: [] as number[], values: [] as number[], frames: 0, since: performance.now() })
    const frame = () => {
      seen.frames++
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) seen.tasks.push(Math.round(e.duration))
    }).observe({ type: 'longtask', buffered: false })
    new MutationObserver(() => {
      const v = document.querySelector('[data-testid="export-progress"]')?.getAttribute('aria-valuenow')
      if (v != null && seen.values.at(-1) !== Number(v)) seen.values.push(Number(v))
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] })
  })
}
const observed = (page: Page) =>
  page.evaluate(() => {
    const seen = (window as unknown as { __export: { tasks: number[]; values: number[]; frames: number; since: number } }).__export
    return { ...seen, ms: performance.now() - seen.since }
  })

test.describe('a big export', () => {
  const N = 60_000
  const generated = generateComments(N, 11)

  test('shows its progress, can be cancelled (no file, the menu back), and writes every row in the worker, the page drawing meanwhile', async ({ page }) => {
    test.setTimeout(240_000)
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(toCsv(generated)) })
    await expect(page.getByTestId('kpi-comments')).toHaveText('60,000', { timeout: 60_000 })
    await waitReady(page)
    // Let the upload's own after-work (saving the dataset, the phrases) finish first.
    await page.waitForTimeout(3000)
    const downloads: string[] = []
    page.on('download', (d) => downloads.push(d.suggestedFilename()))

    // JSON: the progress shows, Cancel ends it. Its worker's script is held back until then, so the
    // export is still running when the test looks (60,000 rows take well under a second on a fast machine).
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(/\/assets\/export\.worker-[\w-]+\.js$/, async (route) => {
      await held
      await route.continue()
    })
    await page.getByTestId('export-open').click()
    await page.getByTestId('export-json').click()
    await expect(page.getByTestId('export-progress')).toBeVisible()
    await expect(page.getByTestId('export-progress')).toHaveAttribute('aria-valuetext', /^Writing JSON \(60,000 rows\)… \d+ %$/)
    await expect(page.getByTestId('export-open')).toBeDisabled()
    await page.getByTestId('export-cancel').click()
    await expect(page.getByTestId('export-progress')).toHaveCount(0)
    await expect(page.getByTestId('export-open')).toBeEnabled()
    release()
    await page.waitForTimeout(1500)
    expect(downloads).toEqual([])
    await expect(page.getByRole('alert')).toHaveCount(0)

    // The CSV of the whole view, to the end.
    await observe(page)
    await page.getByTestId('export-open').click()
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('export-csv').click()])
    const seen = await observed(page)
    expect(dl.suggestedFilename()).toBe('big.csv')
    const text = readFileSync(await dl.path(), 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data
    expect(rows).toHaveLength(N)
    // Every generated comment, once: author, likes, replies, date, lesson and text.
    const key = (c: { author: string; likes: unknown; replies: unknown; date: string; lesson: string; text: string }) =>
      [c.author, c.likes, c.replies, c.date, c.lesson, c.text].join('\u0001')
    expect(rows.map((r) => key({ author: r.author, likes: r.likes, replies: r.replies, date: r.date, lesson: r.lesson, text: r.text })).sort()).toEqual(
      generated.map(key).sort(),
    )
    // In the view's order (by likes, most first).
    const likes = rows.map((r) => Number(r.likes))
    expect(likes.every((l, i) => i === 0 || l <= likes[i - 1])).toBe(true)
    // The page kept drawing while the file was written: a frame every 100 ms at least, on average
    // (built on the page, the file was one task of 1.5–2.5 s: no frame meanwhile). Whether the
    // progress shows depends on how long the export takes here; the JSON export above showed it.
    test.info().annotations.push({ type: 'export', description: `${Math.round(seen.ms)} ms, ${seen.frames} frames, progress ${seen.values.join(' ')}` })
    expect(seen.frames).toBeGreaterThanOrEqual(Math.floor(seen.ms / 100))
    // Long tasks meanwhile. The target (none over 100 ms) is measured by `npm run bench:exports`:
    // on this shared 2-core machine a task the OS keeps waiting lasts a few hundred milliseconds of
    // wall time (seen: up to 390 ms), so the bound here only catches a file built on the page
    // again (a 60,000-row CSV was one task of 1.5–2.5 s).
    test.info().annotations.push({ type: 'long tasks (ms)', description: seen.tasks.join(', ') || 'none' })
    expect(Math.max(0, ...seen.tasks)).toBeLessThan(1000)
    await expect(page.getByTestId('export-progress')).toHaveCount(0)
  })
})
