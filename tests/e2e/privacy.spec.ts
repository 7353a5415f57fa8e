/**
 * What leaves the browser (issue #16): the app's own files from its host, and avatars from the
 * addresses in the data — only while *Avatars* is on, without a referrer. Off: no request to any
 * other host at all.
 */
import { test, expect, openApp, waitReady } from './fixtures'
import type { Page, Request } from '@playwright/test'

// A 1×1 transparent PNG: avatar hosts are answered here, the test machine has no internet.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

/** Every request to a host other than the app's (the preview server on 127.0.0.1), as it is made. */
function watchOtherHosts(page: Page): Request[] {
  const seen: Request[] = []
  page.on('request', (r) => {
    const u = new URL(r.url())
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '127.0.0.1') seen.push(r)
  })
  return seen
}

test.beforeEach(async ({ page }) => {
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }))
})

test('avatars load from the data’s addresses by default, as images without a referrer', async ({ page }) => {
  const other = watchOtherHosts(page)
  await openApp(page, 'lang=en')
  await expect(page.getByTestId('avatars-toggle')).toBeChecked()
  await expect(page.locator('[data-testid="comment-row"] img.avatar').first()).toBeVisible()
  await expect.poll(() => other.length).toBeGreaterThan(0)
  for (const r of other) {
    // The sample's avatars come from these two hosts (16 and 2 comments); which load first depends on the sort.
    expect(['static001.geekbang.org', 'thirdwx.qlogo.cn']).toContain(new URL(r.url()).host)
    expect(r.resourceType()).toBe('image')
    expect(r.headers()['referer']).toBeUndefined()
  }
})

test('with Avatars off, initials show and no request goes to any other host, after a reload too', async ({ page }) => {
  await openApp(page, 'lang=en')
  await page.getByTestId('avatars-toggle').uncheck()
  await expect(page.locator('img.avatar')).toHaveCount(0)
  const rows = page.getByTestId('comment-row')
  await expect(rows.first().locator('.avatar.initials')).toBeVisible()

  const other = watchOtherHosts(page)
  await page.reload()
  await waitReady(page)
  await expect(page.getByTestId('avatars-toggle')).not.toBeChecked()
  await rows.first().click()
  await expect(page.getByTestId('comment-detail')).toBeVisible()
  await expect(page.getByTestId('comment-detail').locator('.avatar.initials')).toBeVisible()
  await page.getByTestId('search').fill('加餐')
  await expect(page.getByTestId('kpi-comments')).toHaveText('6')
  await page.waitForLoadState('networkidle')
  expect(other.map((r) => r.url())).toEqual([])
  expect(await page.locator('img.avatar').count()).toBe(0)
})
