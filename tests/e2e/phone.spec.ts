/**
 * The phone (issue 15, point 7): the header is one row with the secondary actions in a menu, the
 * outside suite's header hooks still work, and every control is at least 44 × 44 px.
 */
import type { Page } from '@playwright/test'
import { test, expect, openApp, fixture } from './fixtures'

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }

/**
 * Every visible button, select, field and link narrower or shorter than 44 px, with its size. A
 * checkbox or radio is hit through its label: the label is measured.
 */
async function smallControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const all = document.querySelectorAll<HTMLElement>('button, select, input, textarea, a[href], summary, [role="button"], [tabindex="0"]')
    for (const el of all) {
      if (el instanceof HTMLInputElement && el.type === 'file') continue
      const target = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') ?? el) : el
      const r = target.getBoundingClientRect()
      const style = getComputedStyle(target)
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue
      // Visually hidden (1 × 1, clipped): not a target.
      if (r.width <= 1 && r.height <= 1) continue
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
        const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 20)
        out.push(`${el.tagName.toLowerCase()} ${id}: ${Math.round(r.width)}×${Math.round(r.height)}`)
      }
    }
    return out
  })
}

test('phone: the header is one row; the secondary actions are in a menu that keys open and Esc closes', async ({ browser }) => {
  const ctx = await browser.newContext(PHONE)
  const page = await ctx.newPage()
  await openApp(page, 'lang=zh-CN')
  const header = page.locator('.app-header')
  const boxes = await Promise.all(
    ['dataset-name', 'upload-open', 'export-open', 'share', 'lang', 'header-more'].map(async (id) => [id, await page.getByTestId(id).boundingBox()] as const),
  )
  const headerBox = (await header.boundingBox())!
  // One row: the header is no taller than two lines of the brand, and every action sits in it side by side.
  expect(headerBox.height).toBeLessThanOrEqual(56)
  for (const [id, b] of boxes) {
    expect(b, id).not.toBeNull()
    expect(b!.x + b!.width, id).toBeLessThanOrEqual(390)
    expect(b!.y, id).toBeGreaterThanOrEqual(headerBox.y)
    expect(b!.y + b!.height, id).toBeLessThanOrEqual(headerBox.y + headerBox.height + 0.5)
  }
  await expect(page.getByTestId('paste-open')).toBeHidden()
  // By keyboard: the menu opens on Enter, its first item takes focus, Esc closes it and focus returns.
  const more = page.getByTestId('header-more')
  await more.focus()
  await page.keyboard.press('Enter')
  await expect(more).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByTestId('header-more-panel')).toBeVisible()
  await expect(page.getByTestId('header-more-panel').locator('label.btn')).toContainText('上传文件夹')
  await expect(page.getByTestId('paste-open')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('phone-menu.png') })
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('paste-open')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('header-more-panel')).toBeHidden()
  await expect(more).toHaveAttribute('aria-expanded', 'false')
  await expect(more).toBeFocused()
  // A click outside closes it too.
  await more.click()
  await expect(page.getByTestId('paste-open')).toBeVisible()
  await page.getByTestId('kpi-comments').click()
  await expect(page.getByTestId('header-more-panel')).toBeHidden()
  await ctx.close()
})

test('phone: the header hooks of the outside suite work as on a desk', async ({ browser }) => {
  const ctx = await browser.newContext(PHONE)
  const page = await ctx.newPage()
  await openApp(page, 'lang=en')
  await expect(page.getByTestId('dataset-name')).toHaveText('etcd in Practice · Closing lesson (built-in sample)')
  await page.getByTestId('lang').selectOption('zh-CN')
  await expect(page.getByTestId('dataset-name')).toHaveText('etcd 实战课 · 结束语（内置示例）')
  await page.getByTestId('share').click()
  await expect(page.getByTestId('share-url')).toHaveValue(/lang=zh-CN/)
  await page.getByTestId('export-open').click()
  const download = page.waitForEvent('download')
  await page.getByTestId('export-csv').click()
  expect((await download).suggestedFilename()).toMatch(/\.csv$/)
  // The folder input lives in the closed menu and still takes files.
  await page.getByTestId('upload-folder').setInputFiles(fixture('course'))
  await expect(page.getByTestId('kpi-comments')).toHaveText('9')
  await page
    .getByTestId('upload')
    .setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from('author,likes,date,text\njeffery,3,2021-03-22,希望加餐\n') })
  await expect(page.getByTestId('kpi-comments')).toHaveText('1')
  await ctx.close()
})

test('phone: every visible control is at least 44 × 44 px, menu open or closed', async ({ browser }) => {
  const ctx = await browser.newContext(PHONE)
  const page = await ctx.newPage()
  await openApp(page, 'lang=zh-CN')
  // The whole page: the insight panels and the list are below the fold.
  expect(await smallControls(page)).toEqual([])
  await page.getByTestId('header-more').click()
  await expect(page.getByTestId('header-more-panel')).toBeVisible()
  expect(await smallControls(page)).toEqual([])
  await page.keyboard.press('Escape')
  await page.getByTestId('comment-row').first().click()
  await expect(page.getByTestId('comment-detail')).toBeVisible()
  expect(await smallControls(page)).toEqual([])
  await ctx.close()
})
