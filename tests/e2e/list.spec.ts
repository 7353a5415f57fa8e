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

test('the lesson and author pickers search the whole list as you type', async ({ page }) => {
  await openApp(page, 'lang=en')
  // 400 lessons; ten of them are openings (开篇词), the last ones far past the first 300.
  const lines = ['author,likes,replies,date,text,lesson']
  for (let i = 0; i < 400; i++) {
    const lesson = i % 40 === 39 ? `第${i}课 · 开篇词` : `第${i}讲 正文`
    lines.push(`reader${i},${i % 7},0,2021-03-${String((i % 28) + 1).padStart(2, '0')},comment ${i},${lesson}`)
  }
  await page.getByTestId('upload').setInputFiles({ name: 'lessons.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) })
  await expect(page.getByTestId('kpi-comments')).toHaveText('400')
  await page.getByText('More filters').click()
  await page.getByTestId('filter-lesson').pressSequentially('开篇词')
  await expect(page.locator('#cl-lessons option')).toHaveCount(10)
  await expect(page.locator('#cl-lessons option').last()).toHaveAttribute('value', '第399课 · 开篇词')
  await page.getByTestId('filter-author').pressSequentially('reader39')
  // reader39 exactly first, then reader390 … reader399.
  await expect(page.locator('#cl-authors option')).toHaveCount(11)
  await expect(page.locator('#cl-authors option').first()).toHaveAttribute('value', 'reader39')
})

test('a share link stays short for a big upload: the fingerprint names the dataset, not a list of files', async ({ page }) => {
  await openApp(page, 'lang=en')
  const lesson = (i: number) =>
    `<div><strong>精选留言（1）</strong></div><ul>\n<li><span>读者${i}</span> 👍（${i}） 💬（0）<p>第 ${i} 讲的留言</p>2021-03-0${(i % 9) + 1}</li><br/>\n</ul>\n`
  const files = Array.from({ length: 12 }, (_, i) => ({ name: `第${i + 1}讲 | 一个相当长的中文课程标题，用来检验分享链接的长度.md`, mimeType: 'text/markdown', buffer: Buffer.from(lesson(i + 1)) }))
  await page.getByTestId('upload').setInputFiles(files)
  await expect(page.getByTestId('kpi-comments')).toHaveText('12')
  const url = new URL(page.url())
  expect(url.searchParams.get('ds')).toMatch(/^[0-9a-f]{16}$/)
  expect(url.searchParams.get('dsf')).toBeNull()
  expect(page.url().length).toBeLessThan(200)
})

test('the open comment’s link is copied from the detail, and it opens that comment', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await openApp(page, 'lang=en&theme=bonus')
  await page.getByTestId('comment-row').nth(1).click()
  const author = await page.getByTestId('detail-author').innerText()
  await page.getByTestId('detail-copy-link').click()
  const link = await page.evaluate(() => navigator.clipboard.readText())
  expect(new URL(link).searchParams.get('c')).toBe(new URL(page.url()).searchParams.get('c'))
  await expect(page.getByTestId('detail-copy-link-url')).toHaveValue(link)
  // Closing the panel drops `c` from the address bar, but the copied link still opens the comment.
  await page.keyboard.press('Escape')
  const p2 = await (await browser.newContext()).newPage()
  await p2.goto(link)
  await expect(p2.getByTestId('detail-author')).toHaveText(author)
  await expect(p2.getByTestId('filter-pill')).toHaveText([/Bonus content/])
})

test('phone: the share popup stays on the screen', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const page = await ctx.newPage()
  await openApp(page, 'lang=zh-CN')
  await page.getByTestId('share').click()
  const box = (await page.getByTestId('share-popover').boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(390)
  await page.screenshot({ path: test.info().outputPath('share-phone.png') })
  await ctx.close()
})

test('KPIs that name a subset filter to it, and a link leads from the filters to the comments', async ({ browser }) => {
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } })
    const page = await ctx.newPage()
    await openApp(page, 'lang=en')
    await page.getByTestId('kpi-open-questions-filter').click()
    await expect(page.getByTestId('kpi-comments')).toHaveText('2')
    await expect(page).toHaveURL(/questions=open/)
    await expect(page.getByTestId('filter-pill')).toHaveText([/Unanswered questions/])
    await page.getByTestId('clear-filters').click()
    await page.getByTestId('kpi-with-replies-filter').click()
    await expect(page.getByTestId('kpi-comments')).toHaveText('14')
    await expect(page).toHaveURL(/replies=1-/)
    await expect(page.getByTestId('show-comments')).toHaveText('Show the 14 comments ↓')
    await expect(page.getByTestId('comment-row').first()).not.toBeInViewport()
    await page.getByTestId('show-comments').click()
    await expect(page.getByTestId('comment-row').first()).toBeInViewport()
    await ctx.close()
  }
})
