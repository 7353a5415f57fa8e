/**
 * The light first screen (issue #14 point 3): what lies below the first screen's charts (the trend
 * chart, the insight panels and their worker, the comment detail) is neither fetched nor mounted
 * until the reader gets near it or does something; then it comes in whole. What an outside test may
 * look for at once (ui-contract.md) is there from the first view, without a key or a scroll: the
 * comment rows, and the lessons' chart of a dataset with several lessons.
 */
import { readFileSync } from 'node:fs'
import { test, expect, fixture } from './fixtures'
import type { Page } from '@playwright/test'
import { markPosition } from './charts'

/** The app's own JavaScript files the page and its workers requested so far (names without hashes). */
function watchScripts(page: Page): Set<string> {
  const seen = new Set<string>()
  page.context().on('request', (r) => {
    const m = /\/assets\/([A-Za-z.]+)-[\w-]+\.js$/.exec(new URL(r.url()).pathname)
    if (m) seen.add(m[1])
  })
  return seen
}

/** The first screen as a load leaves it, with no key, click, wheel or touch (not waitReady: that presses a key). */
async function firstScreen(page: Page, query = 'lang=en'): Promise<void> {
  await page.goto(`./?${query}`)
  await expect(page.getByTestId('kpi-comments')).toHaveText('20')
  await expect(page.locator('main[aria-busy="false"]')).toBeVisible()
}

test('a first load fetches the first screen only: the parts below wait; the charts in view draw and the rows are there', async ({ page }) => {
  const scripts = watchScripts(page)
  await firstScreen(page)
  await page.waitForLoadState('networkidle')
  for (const name of ['requests', 'dates', 'likes', 'replies']) await expect(page.getByTestId(`chart-${name}`).locator('canvas').first()).toBeVisible()
  // The sample's most-liked comment (jeffery, 14 likes) heads the list, clickable with no key pressed before.
  await expect(page.getByTestId('comment-row').first()).toContainText('jeffery')
  for (const absent of ['[data-testid="chart-trend"]', '[data-testid="phrases"]', '[data-testid="comment-detail"]'])
    await expect(page.locator(absent)).toHaveCount(0)
  expect(
    [...scripts].filter((s) =>
      /^(ChartTrend|PhrasesPanel|KwicPanel|ThemeEditor|CommentDetail|insight\.worker|echartsLegend|echartsTooltip|exportWork)$/.test(s),
    ),
  ).toEqual([])
  expect(scripts.has('chartlib')).toBe(true)
  expect(scripts.has('CommentList')).toBe(true)
  await page.getByTestId('comment-row').first().click()
  await expect(page.getByTestId('detail-author')).toContainText('jeffery')
})

test('the tooltips load with the first pointer over a chart, and show that mark', async ({ page }) => {
  const scripts = watchScripts(page)
  await firstScreen(page)
  await page.waitForLoadState('networkidle')
  expect(scripts.has('echartsTooltip')).toBe(false)
  // The likes chart's 5–9 bar (3 comments in the sample): its tooltip names the range and the count.
  const tip = page.getByTestId('chart-likes').locator('.canvas > div').filter({ hasText: '5–9' })
  await expect(async () => {
    const p = await markPosition(page, 'likes', 'buckets', 3)
    await page.mouse.move(p.x - 6, p.y + 4)
    await page.mouse.move(p.x, p.y, { steps: 3 })
    await expect(tip).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 15_000 })
  await expect(tip).toContainText('3')
  expect(scripts.has('echartsTooltip')).toBe(true)
})

test('an upload of several lessons shows the lessons chart with no key pressed', async ({ page }) => {
  await firstScreen(page)
  await page.getByTestId('upload-folder').setInputFiles(fixture('course'))
  await expect(page.getByTestId('kpi-comments')).toHaveText('9')
  await expect(page.locator('main[aria-busy="false"]')).toBeVisible()
  await expect(page.getByTestId('chart-lessons').locator('canvas').first()).toBeVisible()
  await expect(page.getByTestId('chart-trend')).toHaveCount(0)
})

test('scrolling down mounts the parts below: the trend chart draws with its legend, the list and the phrases show', async ({ page }) => {
  const scripts = watchScripts(page)
  await firstScreen(page)
  // A scroll by the scrollbar is no wheel or key: the fold line coming into view is what mounts them.
  await page.evaluate(() => window.scrollTo(0, 400))
  await expect(page.getByTestId('chart-trend').locator('canvas').first()).toBeVisible()
  await expect(page.getByTestId('comment-row').first()).toBeVisible()
  await expect(page.getByTestId('phrases')).toBeVisible()
  await expect(page.locator('main[aria-busy="false"]')).toBeVisible()
  expect(scripts.has('echartsLegend')).toBe(true)
  expect(scripts.has('insight.worker')).toBe(true)
})

test('from a cold first screen, the link to the comments and the skip link reach the list', async ({ page }) => {
  await firstScreen(page)
  // Focused from script (no key yet): Enter is then the first key, and the link waits for the list.
  await page.getByTestId('show-comments').evaluate((a: HTMLElement) => a.focus())
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('comment-row').first()).toBeFocused()
  await firstScreen(page)
  await page.getByTestId('skip-list').evaluate((a: HTMLElement) => a.focus())
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('comment-row').first()).toBeFocused()
})

test('a link to a comment opens its detail at once', async ({ page }) => {
  const sample = JSON.parse(readFileSync('public/sample/prepared.json', 'utf8')) as { columns: { id: string[] } }
  const id = sample.columns.id[3]
  await firstScreen(page, `lang=en&c=${encodeURIComponent(id)}`)
  await expect(page.getByTestId('comment-detail')).toBeVisible()
  await expect(page).toHaveURL(new RegExp(`c=${id}`))
})

/** Holds the phrases panel's chunk until the returned function is called (the parts below mount together). */
async function holdBelowParts(page: Page): Promise<() => void> {
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/assets\/PhrasesPanel-[\w-]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  return release
}

/** The first row's top in the viewport, and how far the page is scrolled. */
const firstRowTop = (page: Page) => page.evaluate(() => [document.querySelector('[data-testid="comment-row"]')!.getBoundingClientRect().top, window.scrollY])

test('the parts below mount above the list without moving the rows in view', async ({ page }) => {
  const release = await holdBelowParts(page)
  await firstScreen(page)
  await page.getByTestId('comment-row').first().scrollIntoViewIfNeeded()
  const [top, scrolled] = await firstRowTop(page)
  expect(top).toBeLessThan(900)
  await expect(page.getByTestId('phrases')).toHaveCount(0)
  release()
  await expect(page.getByTestId('phrases')).toBeVisible()
  await expect(page.getByTestId('chart-trend').locator('canvas').first()).toBeAttached()
  await expect(page.locator('main[aria-busy="false"]')).toBeVisible()
  // The trend chart and the panels (hundreds of pixels) came in above: the page scrolled by as much.
  const [after, scrolledAfter] = await firstRowTop(page)
  expect(Math.abs(after - top)).toBeLessThan(2)
  expect(scrolledAfter - scrolled).toBeGreaterThan(300)
})

test('a first press held while the parts below arrive: they mount after the release, and the row pressed opens', async ({ page }) => {
  const release = await holdBelowParts(page)
  await firstScreen(page)
  const row = page.getByTestId('comment-row').first()
  await row.scrollIntoViewIfNeeded()
  const box = (await row.boundingBox())!
  await page.mouse.move(box.x + 40, box.y + box.height / 2)
  await page.mouse.down()
  release()
  await page.waitForLoadState('networkidle')
  // Their chunks are in, but nothing mounts while the pointer is down (it would move what is under it).
  await page.waitForTimeout(300)
  await expect(page.getByTestId('phrases')).toHaveCount(0)
  await expect(page.getByTestId('chart-trend')).toHaveCount(0)
  await page.mouse.up()
  await expect(page.getByTestId('detail-author')).toContainText('jeffery')
  await expect(page.getByTestId('phrases')).toBeVisible()
})
