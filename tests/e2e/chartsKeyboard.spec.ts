/**
 * Charts by keyboard (issue 15, point 3) and the live region (point 4), at a desk and on a phone.
 * Numbers from the built-in sample (20 comments, 50 likes, 17 replies), checked by hand: the likes
 * bucket 5–9 holds 江山未 (7 likes, 1 reply), Geek_daf51a (6, 1) and 赵先生 (5, 1): 3 comments,
 * 18 likes, 3 replies; the most-liked comment is jeffery's (14 likes, 2 replies).
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect, openApp } from './fixtures'
import { clickMark } from './charts'

const SIZES = [
  [1440, 900],
  [390, 844],
] as const

/** Tabs (keyboard only) until the frame of chart `name` has focus. */
async function tabTo(page: Page, testid: string) {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab')
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '')) === testid) return
  }
  throw new Error(`Tab never reached ${testid}`)
}

async function violations(page: Page) {
  return (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

for (const [w, h] of SIZES) {
  test(`keyboard only: filter by a likes bar, undo it, open the most-liked comment (${w}×${h})`, async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } })
    const page = await ctx.newPage()
    await openApp(page, 'lang=en')
    const frame = page.getByTestId('chart-likes-focus')
    await expect(frame).toHaveAttribute('role', 'application')
    await expect(frame).toHaveAccessibleName('Likes')
    await expect(frame).toHaveAccessibleDescription(/^Bar chart: comments per likes range.*Enter filters by a range or opens a comment\.$/)
    await tabTo(page, 'chart-likes-focus')
    // The first arrow shows the first bar (0 likes: 5 comments), three more reach 5–9.
    await page.keyboard.press('ArrowRight')
    await expect(page.getByTestId('chart-likes-mark')).toHaveText('Comments · 0: 5')
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
    await expect(page.getByTestId('chart-likes-mark')).toHaveText('Comments · 5–9: 3')
    // The tooltip of that bar is shown, as under the mouse.
    await expect(page.getByTestId('chart-likes').locator('.canvas > div').filter({ hasText: '5–9' })).toBeVisible()
    await page.screenshot({ path: test.info().outputPath(`likes-focus-${w}.png`) })
    const before = await page.evaluate(() => history.length)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('kpi-comments')).toHaveText('3')
    await expect(page.getByTestId('kpi-likes')).toHaveText('18')
    await expect(page.getByTestId('filter-pill')).toHaveText([/≥ 5|5–9|5-9/])
    await expect(page).toHaveURL(/likes=5-9(&|$)/)
    expect(await page.evaluate(() => history.length)).toBe(before + 1)
    await expect(page.getByTestId('live-status')).toHaveText('3 comments · 18 likes · 3 replies')
    // Focus and the highlighted bar stay: Enter again undoes the filter, as a second click does.
    await expect(frame).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('kpi-comments')).toHaveText('20')
    await expect(page.getByTestId('filter-pill')).toHaveCount(0)
    await expect(page.getByTestId('live-status')).toHaveText('20 comments · 50 likes · 17 replies')
    // Down goes to the most-liked comments; Home to the first; Enter opens it.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Home')
    await expect(page.getByTestId('chart-likes-mark')).toHaveText(/^Most liked · jeffery: .*: 14$/)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('comment-detail')).toBeVisible()
    await expect(page.getByTestId('detail-author')).toContainText('jeffery')
    await ctx.close()
  })

  test(`Enter on a mark does exactly what a click on it does (${w}×${h})`, async ({ browser }) => {
    const results: { url: string; pills: string[]; history: number }[] = []
    for (const how of ['click', 'keys'] as const) {
      const ctx = await browser.newContext({ viewport: { width: w, height: h } })
      const page = await ctx.newPage()
      await openApp(page, 'lang=zh-CN')
      const start = await page.evaluate(() => history.length)
      if (how === 'click') await clickMark(page, 'requests', 'themes', 1)
      else {
        await page.getByTestId('chart-requests-focus').focus()
        await page.keyboard.press('ArrowDown')
        await page.keyboard.press('ArrowDown')
        await expect(page.getByTestId('chart-requests-mark')).toHaveText(/思考题/)
        await page.keyboard.press('Enter')
      }
      await expect(page.getByTestId('kpi-comments')).toHaveText('4')
      results.push({
        url: new URL(page.url()).search,
        pills: await page.getByTestId('filter-pill').allInnerTexts(),
        history: (await page.evaluate(() => history.length)) - start,
      })
      await ctx.close()
    }
    expect(results[1]).toEqual(results[0])
    expect(results[0].url).toContain('theme=answers')
    expect(results[0].history).toBe(1)
  })

  test(`axe: no violations of any impact, with a chart mark highlighted by keyboard (${w}×${h})`, async ({ browser }) => {
    // Each axe pass over the whole page takes seconds on a loaded machine.
    test.setTimeout(150_000)
    const ctx = await browser.newContext({ viewport: { width: w, height: h } })
    const page = await ctx.newPage()
    await openApp(page, 'lang=zh-CN')
    expect(await violations(page)).toEqual([])
    await page.getByTestId('chart-dates-focus').focus()
    await page.keyboard.press('ArrowRight')
    await expect(page.getByTestId('chart-dates-mark')).not.toBeEmpty()
    await page.screenshot({ path: test.info().outputPath(`dates-focus-${w}.png`) })
    expect(await violations(page)).toEqual([])
    await ctx.close()
  })
}

test('every chart has a focusable frame with a name and a description in both languages', async ({ page }) => {
  await openApp(page, 'lang=zh-CN')
  for (const name of ['requests', 'dates', 'likes', 'replies', 'trend']) {
    const frame = page.getByTestId(`chart-${name}-focus`)
    await expect(frame).toHaveAttribute('tabindex', '0')
    await expect(frame).toHaveAttribute('aria-roledescription', '图表')
    await expect(frame).toHaveAccessibleDescription(/图：/)
  }
  await expect(page.getByTestId('chart-requests-focus')).toHaveAccessibleName('读者诉求')
  await page.getByTestId('lang').selectOption('en')
  await expect(page.getByTestId('chart-requests-focus')).toHaveAccessibleName('Recurring requests')
  await expect(page.getByTestId('chart-requests-focus')).toHaveAttribute('aria-roledescription', 'chart')
  await expect(page.getByTestId('chart-trend-focus')).toHaveAccessibleDescription(/^Line chart: /)
})

test('the live region says a search once the typing rests, and not a sort', async ({ page }) => {
  await openApp(page, 'lang=zh-CN')
  const live = page.getByTestId('live-status')
  await expect(live).toHaveAttribute('role', 'status')
  // The first view is not announced.
  await expect(live).toHaveText('')
  await page.evaluate(() => {
    const w = window as unknown as { __said: string[] }
    w.__said = []
    const el = document.querySelector('[data-testid="live-status"]')!
    new MutationObserver(() => {
      const s = el.textContent ?? ''
      if (s) w.__said.push(s)
    }).observe(el, { subtree: true, childList: true, characterData: true })
  })
  await page.getByTestId('search').pressSequentially('jeffery', { delay: 40 })
  await expect(page.getByTestId('kpi-comments')).toHaveText('1')
  await expect(live).toHaveText('1 条留言 · 14 赞 · 2 回复')
  expect(await page.evaluate(() => (window as unknown as { __said: string[] }).__said)).toEqual(['1 条留言 · 14 赞 · 2 回复'])
  // A sort is no filter change: nothing new is said.
  await page.getByTestId('sort').selectOption('date')
  await page.waitForTimeout(1200)
  expect(await page.evaluate(() => (window as unknown as { __said: string[] }).__said)).toEqual(['1 条留言 · 14 赞 · 2 回复'])
})

test('an import is announced with its counts', async ({ page }) => {
  await openApp(page, 'lang=en')
  const csv = 'author,likes,replies,date,text\njeffery,3,1,2021-03-22,希望加餐\nmmm,1,0,2021-03-23,思考题答案呢？\n'
  await page.getByTestId('upload').setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(page.getByTestId('kpi-comments')).toHaveText('2')
  await expect(page.getByTestId('live-status')).toHaveText('Data loaded: 2 comments · 4 likes · 1 reply')
})
