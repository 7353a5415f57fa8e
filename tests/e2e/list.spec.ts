import { test, expect, openApp } from './fixtures'
import { clickMark } from './charts'
import type { Page } from '@playwright/test'

/**
 * The virtual list's rows are absolutely placed from measured heights: after any change of the
 * rows in view, each row must start where the previous one ends (no overlap, no gap).
 */
async function rowBoxes(page: Page): Promise<{ top: number; bottom: number; id: string }[]> {
  await page.waitForTimeout(300) // let the measurements of the new rows land
  return page.locator('.comment-list .row-wrap').evaluateAll((els) =>
    els
      .map((el) => {
        const r = el.getBoundingClientRect()
        return { top: r.top, bottom: r.bottom, id: el.querySelector('[data-comment-id]')?.getAttribute('data-comment-id') ?? '' }
      })
      .sort((a, b) => a.top - b.top),
  )
}
async function expectNoOverlap(page: Page, what: string) {
  const boxes = await rowBoxes(page)
  expect(boxes.length, what).toBeGreaterThan(1)
  for (let i = 1; i < boxes.length; i++) {
    expect(Math.abs(boxes[i].top - boxes[i - 1].bottom), `${what}: row ${i} starts ${boxes[i].top - boxes[i - 1].bottom}px after row ${i - 1} ends`).toBeLessThan(1.5)
  }
}

for (const [w, h] of [
  [1440, 900],
  [390, 844],
] as const) {
  test(`list rows never overlap after a filter, a sort or a theme change (${w}×${h})`, async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } })
    const page = await ctx.newPage()
    await openApp(page, 'lang=en')
    await page.locator('.comment-list').scrollIntoViewIfNeeded()
    await expectNoOverlap(page, 'first view')
    // A theme bar: the rows in view change, and with them their heights.
    await clickMark(page, 'requests', 'themes', 0)
    await expect(page.getByTestId('kpi-comments')).toHaveText('6')
    await page.locator('.comment-list').scrollIntoViewIfNeeded()
    await expectNoOverlap(page, 'after the bonus filter')
    await page.getByTestId('sort').selectOption('length')
    await expectNoOverlap(page, 'after sorting by length')
    await page.getByTestId('clear-filters').click()
    await expect(page.getByTestId('kpi-comments')).toHaveText('20')
    await expectNoOverlap(page, 'after clearing')
    await page.getByTestId('search').fill('老师')
    await expectNoOverlap(page, 'after a search')
    await ctx.close()
  })
}
