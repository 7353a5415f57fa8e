import { readFileSync } from 'node:fs'
import { test, expect, openApp, fixture } from './fixtures'
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
    expect(
      Math.abs(boxes[i].top - boxes[i - 1].bottom),
      `${what}: row ${i} starts ${boxes[i].top - boxes[i - 1].bottom}px after row ${i - 1} ends`,
    ).toBeLessThan(1.5)
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
    // Another dataset: rows of other lengths in the same positions.
    const lines = ['author,likes,replies,date,text']
    for (let i = 0; i < 12; i++) lines.push(`r${i},${12 - i},0,2021-03-0${(i % 9) + 1},${'很长的一段留言，'.repeat(i % 2 ? 12 : 1)}${i}`)
    await page.getByTestId('search').fill('')
    await page.getByTestId('upload').setInputFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) })
    await expect(page.getByTestId('kpi-comments')).toHaveText('12')
    await page.locator('.comment-list').scrollIntoViewIfNeeded()
    await expectNoOverlap(page, 'after another dataset')
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
  const files = Array.from({ length: 12 }, (_, i) => ({
    name: `第${i + 1}讲 | 一个相当长的中文课程标题，用来检验分享链接的长度.md`,
    mimeType: 'text/markdown',
    buffer: Buffer.from(lesson(i + 1)),
  }))
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

test('the lessons chart opens on requests per lesson when every lesson has as many comments', async ({ page }) => {
  await openApp(page, 'lang=en')
  const lesson = (asks: string[]) =>
    `<div><strong>精选留言（3）</strong></div><ul>\n${['感谢', '收获很大', '好文']
      .map((t, i) => `<li><span>读者${i}</span> 👍（${i}） 💬（0）<p>${asks[i] ?? t}</p>2021-03-0${i + 1}</li><br/>`)
      .join('\n')}\n</ul>\n`
  await page.getByTestId('upload').setInputFiles([
    { name: '01 | 开篇.md', mimeType: 'text/markdown', buffer: Buffer.from(lesson(['希望出一期加餐', '求课件 pdf'])) },
    { name: '02 | 原理.md', mimeType: 'text/markdown', buffer: Buffer.from(lesson([])) },
  ])
  await expect(page.getByTestId('kpi-comments')).toHaveText('6')
  await expect(page.getByTestId('lessons-measure')).toHaveValue('requests')
  await expect(page).not.toHaveURL(/lmeasure/)
  // A measure the reader picks is kept, and travels in the URL.
  await page.getByTestId('lessons-measure').selectOption('comments')
  await expect(page).toHaveURL(/lmeasure=comments/)
})

/** The texts ECharts drew in chart `name` (its display list), and the x axes' label rotations. */
async function drawnTexts(page: Page, name: string): Promise<{ texts: string[]; rotate: (number | undefined)[] }> {
  await expect(page.getByTestId(`chart-${name}`).locator('canvas').first()).toBeVisible()
  await page.waitForTimeout(400)
  return page.evaluate(async (name) => {
    const url = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .find((n) => /\/echarts-[^/]+\.js$/.test(n))
    const mod = (await import(/* @vite-ignore */ url!)) as { getInstanceByDom: (el: Element) => unknown }
    type Chart = {
      getZr(): { storage: { getDisplayList(): { style?: { text?: unknown } }[] } }
      getOption(): { xAxis?: { axisLabel?: { rotate?: number } }[] }
    }
    const chart = mod.getInstanceByDom(document.querySelector(`[data-testid="chart-${name}"] .canvas`)!) as Chart
    const texts = chart
      .getZr()
      .storage.getDisplayList()
      .map((el) => el.style?.text)
      .filter((t): t is string => typeof t === 'string')
    return { texts, rotate: (chart.getOption().xAxis ?? []).map((a) => a.axisLabel?.rotate) }
  }, name)
}

test('chart labels fit: theme names are not cut in English; many likes buckets are turned', async ({ page }) => {
  await openApp(page, 'lang=en')
  const req = await drawnTexts(page, 'requests')
  for (const name of ['Exercise answers', 'Contact & community', 'Materials & source code'])
    expect(req.texts.map((t) => t.replace(/\s+/g, ' ')).join('|')).toContain(name)
  expect(req.texts.filter((t) => t.endsWith('…'))).toEqual([])
  // Seven likes buckets (0 … 100–499), as real courses have: the labels are turned.
  const lines = ['author,likes,replies,date,text']
  for (const [i, likes] of [0, 1, 3, 7, 20, 60, 150].entries()) lines.push(`r${i},${likes},0,2021-03-0${i + 1},comment ${i}`)
  await page.getByTestId('upload').setInputFiles({ name: 'likes.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) })
  await expect(page.getByTestId('kpi-comments')).toHaveText('7')
  expect((await drawnTexts(page, 'likes')).rotate[0]).toBe(40)
})

test('excerpts centre on the request: the requests report and the in-context lines', async ({ page }) => {
  await openApp(page, 'lang=en')
  const long =
    '这一讲我反复看了三遍，'.repeat(12) +
    '文中第三段的那张图和正文的描述好像写反了吧，麻烦老师确认一下。' +
    '另外，希望老师以后能出一期加餐，专门讲讲日志压缩。'
  const csv = `author,likes,replies,date,text\nreader,3,0,2021-03-01,"${long}"\nother,1,0,2021-03-02,短评\n`
  await page.getByTestId('upload').setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(page.getByTestId('kpi-comments')).toHaveText('2')
  await page.getByTestId('export-open').click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()])
  const md = readFileSync((await download.path())!, 'utf8')
  // Each theme's example shows the words that made it, not the first 80 characters of praise.
  expect(md).toMatch(/出一期加餐/)
  expect(md).toMatch(/写反了吧/)
  // In context: every line's highlighted match stays inside its row.
  const kwic = page.getByTestId('kwic')
  await expect(kwic.getByTestId('kwic-line').first()).toBeVisible()
  for (const line of await kwic.getByTestId('kwic-line').all()) {
    const row = (await line.boundingBox())!
    const mark = (await line.locator('mark').boundingBox())!
    expect(mark.x).toBeGreaterThanOrEqual(row.x - 0.5)
    expect(mark.x + mark.width).toBeLessThanOrEqual(row.x + row.width + 0.5)
  }
})

test('a dataset of several files is named with the number of files that had comments, in both languages', async ({ page }) => {
  await openApp(page, 'lang=zh-CN')
  const lesson = (i: number) =>
    `<div><strong>精选留言（1）</strong></div><ul>\n<li><span>读者${i}</span> 👍（1） 💬（0）<p>好文 ${i}</p>2021-03-0${i}</li><br/>\n</ul>\n`
  const files = [1, 2, 3].map((i) => ({ name: `0${i}.html`, mimeType: 'text/html', buffer: Buffer.from(lesson(i)) }))
  await page.getByTestId('upload').setInputFiles([...files, { name: 'SOURCE.md', mimeType: 'text/markdown', buffer: Buffer.from('说明：没有留言') }])
  await expect(page.getByTestId('kpi-comments')).toHaveText('3')
  await expect(page.getByTestId('dataset-name')).toHaveText('01.html 等 3 个文件')
  await page.getByTestId('lang').selectOption('en')
  await expect(page.getByTestId('dataset-name')).toHaveText('01.html and others (3 files)')
})

test('a dataset can be renamed; the name is kept in the browser and names the exports', async ({ page }) => {
  await openApp(page, 'lang=en')
  await expect(page.getByTestId('dataset-rename')).toHaveCount(0) // the built-in sample keeps its name
  await page.getByTestId('upload-folder').setInputFiles(fixture('course'))
  await expect(page.getByTestId('dataset-name')).toHaveText('某某分布式存储课')
  await page.getByTestId('dataset-rename').click()
  await page.getByTestId('dataset-name-input').fill('分布式存储课 · 第一期')
  await page.getByTestId('dataset-name-input').press('Enter')
  await expect(page.getByTestId('dataset-name')).toHaveText('分布式存储课 · 第一期')
  await page.getByTestId('export-open').click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
  expect(download.suggestedFilename()).toBe('分布式存储课 · 第一期.csv')
  // Esc leaves the name as it was.
  await page.getByTestId('dataset-rename').click()
  await page.getByTestId('dataset-name-input').fill('x')
  await page.getByTestId('dataset-name-input').press('Escape')
  await expect(page.getByTestId('dataset-name')).toHaveText('分布式存储课 · 第一期')
  await page.reload()
  await expect(page.getByTestId('dataset-name')).toHaveText('分布式存储课 · 第一期')
})

test('phrase discovery lists what readers keep asking for, not the topic every comment mentions', async ({ page }) => {
  await openApp(page, 'lang=en')
  const lines = ['author,likes,replies,date,text']
  for (let i = 0; i < 10; i++) lines.push(`t${i},1,0,2021-03-0${(i % 9) + 1},微服务的拆分第${i}点很重要。`)
  for (const [i, ask] of ['希望老师多讲讲实战案例', '有没有实战案例可以参考', '期待一个完整的实战案例'].entries()) lines.push(`a${i},2,0,2021-03-1${i},${ask}`)
  await page.getByTestId('upload').setInputFiles({ name: 'asks.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) })
  await expect(page.getByTestId('kpi-comments')).toHaveText('13')
  const phrases = page.getByTestId('phrases')
  await expect(phrases.locator('[data-phrase="实战案例"]')).toBeVisible()
  await expect(phrases.locator('[data-phrase="微服务"]')).toHaveCount(0)
})

test('saved lesson pages name the dataset after their course', async ({ page }) => {
  await openApp(page, 'lang=zh-CN')
  const pageOf = (n: number, lesson: string) =>
    `<!doctype html><html><head><title>0${n} | ${lesson} - 分布式存储课 - 极客时间</title></head><body><h1>0${n} | ${lesson}</h1>` +
    `<div><strong>精选留言（1）</strong></div><ul><li><span>读者${n}</span> 👍（1） 💬（0）<p>好文 ${n}</p>2021-03-0${n}</li><br/></ul></body></html>`
  await page.getByTestId('upload').setInputFiles([
    { name: '01.html', mimeType: 'text/html', buffer: Buffer.from(pageOf(1, '开篇')) },
    { name: '02.html', mimeType: 'text/html', buffer: Buffer.from(pageOf(2, '原理')) },
  ])
  await expect(page.getByTestId('kpi-comments')).toHaveText('2')
  await expect(page.getByTestId('dataset-name')).toHaveText('分布式存储课')
})
