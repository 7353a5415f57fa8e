import { readFileSync } from 'node:fs'
import { test, expect, openApp, waitReady, kpis } from './fixtures'
import { generateComments, toCsv } from '../../bench/generate'
import { compileTheme, themeMasks } from '../../src/insight/themes'
import { questionFlags } from '../../src/insight/questions'
import { chartTable } from './charts'
import type { Page } from '@playwright/test'
import { checkLexicon, defaultThemes, useLexicon } from '../../src/insight/lexicon'

const count = (page: Page) => page.getByTestId('kpi-comments')

test.describe('recurring requests', () => {
  test('open questions have a KPI and a filter', async ({ page }) => {
    await openApp(page, 'lang=en')
    await expect(page.getByTestId('kpi-open-questions')).toHaveText('2')
    await page.getByTestId('filter-questions').selectOption('open')
    await expect(count(page)).toHaveText('2')
    await page.getByTestId('filter-questions').selectOption('all')
    await expect(count(page)).toHaveText('7')
    await expect(page).toHaveURL(/questions=all/)
  })

  test('marking an author as staff takes their comments out of request and question counts', async ({ page }) => {
    await openApp(page, 'lang=en')
    await expect(page.getByTestId('kpi-open-questions')).toHaveText('2')
    // 川川 asks for the teacher's WeChat (contact) and got no reply: an open question.
    await page.getByTestId('search').fill('川川')
    await expect(count(page)).toHaveText('1')
    await page.getByTestId('comment-row').first().click()
    await page.getByTestId('detail-staff').click()
    await expect(page.getByTestId('detail-author')).toContainText('staff')
    await page.keyboard.press('Escape')
    await page.getByTestId('search').fill('')
    await expect(count(page)).toHaveText('20')
    await expect(page.getByTestId('kpi-open-questions')).toHaveText('1')
    expect((await chartTable(page, 'requests')).find((r) => r[0] === 'Contact & community')).toEqual(['Contact & community', '0', '0', '0'])
    // The switch counts them again, and says so in a pill.
    await page.getByTestId('filter-staff').check()
    await expect(page.getByTestId('kpi-open-questions')).toHaveText('2')
    await expect(page.getByTestId('filter-pill')).toHaveText([/Staff included/])
    await expect(page).toHaveURL(/staff=include/)
    // Staff marks are remembered for this dataset.
    await page.reload()
    await waitReady(page)
    await expect(page.getByTestId('staff-panel')).toContainText('川川')
  })

  test('keyword in context lists each match with its surroundings and opens the comment', async ({ page }) => {
    await openApp(page, 'lang=en')
    const kwic = page.getByTestId('kwic')
    await page.getByTestId('kwic-theme').selectOption({ label: 'Contact & community' })
    await expect(kwic.getByTestId('kwic-line')).toHaveCount(1)
    await expect(kwic.getByTestId('kwic-line')).toContainText('微信多少')
    await kwic.getByTestId('kwic-line').click()
    await expect(page.getByTestId('detail-author')).toContainText('川川')
  })

  test('each theme’s trend over time, as a table', async ({ page }) => {
    await openApp(page, 'lang=en')
    const t = await chartTable(page, 'trend')
    expect(t[0][0]).toBe('Period')
    expect(t[0][1]).toBe('Bonus content')
    expect(t[1]).toEqual(['2021-03', '4', ...t[1].slice(2)])
    expect(t.slice(1).reduce((s, r) => s + Number(r[1]), 0)).toBe(6)
  })
})

test.describe('editing themes', () => {
  test('editing a theme changes the requests chart; the change travels in the share URL', async ({ page, browser }) => {
    await openApp(page, 'lang=en')
    const row = page.locator('[data-testid="theme-row"][data-theme-id="errata"]')
    await row.getByTestId('theme-edit').click()
    await page.getByTestId('theme-strong').fill('微信')
    await page.getByTestId('theme-save').click()
    // A redefined default is marked wherever its name shows.
    await expect.poll(async () => (await chartTable(page, 'requests')).find((r) => r[0] === 'Errata (edited)')?.[1]).toBe('1')
    await expect(page).toHaveURL(/tdef=/)
    const url = page.url()
    const ctx = await browser.newContext()
    const p2 = await ctx.newPage()
    await p2.goto(url)
    await expect(p2.locator('main[aria-busy="false"]')).toBeVisible()
    expect((await chartTable(p2, 'requests')).find((r) => r[0] === 'Errata (edited)')?.[1]).toBe('1')
    // The colleague is told the link counts errata its own way.
    await expect(p2.getByTestId('themes-link-notice')).toContainText('Errata')
    await ctx.close()
  })

  test('a new theme, then disabling and deleting it', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('theme-new').click()
    await page.getByTestId('theme-name-zh').fill('地铁')
    await page.getByTestId('theme-name-en').fill('Subway')
    await page.getByTestId('theme-strong').fill('地铁')
    await page.getByTestId('theme-save').click()
    await expect.poll(async () => (await chartTable(page, 'requests')).find((r) => r[0] === 'Subway')?.[1]).toBe('1')
    // Remembered in this browser: a plain URL gets the theme back (and puts it in the URL to share).
    await page.goto('./?lang=en')
    await waitReady(page)
    await expect(page.locator('[data-testid="theme-row"][data-theme-id="subway"]')).toBeVisible()
    await expect(page).toHaveURL(/tdef=/)
    const row = page.locator('[data-testid="theme-row"][data-theme-id="subway"]')
    await row.getByTestId('theme-toggle').uncheck()
    await expect.poll(async () => (await chartTable(page, 'requests')).find((r) => r[0] === 'Subway')?.[1]).toBe('0')
    await row.getByTestId('theme-delete').click()
    await expect(page.locator('[data-testid="theme-row"][data-theme-id="subway"]')).toHaveCount(0)
  })

  test('a hostile pattern in a URL does not freeze the page', async ({ page }) => {
    const evil = JSON.stringify({
      v: 1,
      t: [{ id: 'evil', zh: '<img src=x onerror=alert(1)>', en: 'evil', o: ['(a+)+$', '*'.repeat(50), 'a'.repeat(5000)], s: ['**+**+**'] }],
    })
    const started = Date.now()
    await page.goto(`./?lang=en&tdef=${encodeURIComponent(evil)}`)
    await expect(page.getByTestId('kpi-comments')).toHaveText('20')
    expect(Date.now() - started).toBeLessThan(15_000)
    // The page answers input at once.
    await page.getByTestId('search').fill('加餐')
    await expect(page.getByTestId('kpi-comments')).toHaveText('6')
    await expect(page.locator('img[src="x"]')).toHaveCount(0)
  })

  test('promoting a discovered phrase makes it a theme', async ({ page }) => {
    await openApp(page, 'lang=en')
    const phrases = page.getByTestId('phrases')
    await expect(phrases.locator('[data-phrase="加餐"]')).toBeVisible()
    await expect(phrases.locator('[data-phrase="思考题"]')).toBeVisible()
    // 期待加餐 recurs, but the bonus theme already matches it: it is not offered as an uncovered phrase.
    await expect(phrases.locator('[data-phrase="期待加餐"]')).toHaveCount(0)
    // An ask no theme covers, repeated by three readers, can become a theme.
    const lines = [
      'author,likes,replies,date,text',
      'a,1,0,2021-03-01,希望老师多讲讲实战案例',
      'b,2,0,2021-03-02,有没有实战案例可以参考',
      'c,3,0,2021-03-03,期待一个完整的实战案例',
    ]
    await page.getByTestId('upload').setInputFiles({ name: 'asks.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) })
    await expect(page.getByTestId('kpi-comments')).toHaveText('3')
    const first = phrases
      .getByTestId('phrase')
      .filter({ has: page.getByTestId('phrase-promote') })
      .first()
    const text = (await first.getAttribute('data-phrase'))!
    expect(text).toBe('实战案例')
    await first.getByTestId('phrase-promote').click()
    await expect(page.getByTestId('theme-editor')).toContainText(text)
    await expect.poll(async () => Number((await chartTable(page, 'requests')).find((r) => r[0] === text)?.[1] ?? 0)).toBe(3)
  })
})

test('near-duplicate requests are grouped and can be opened from the detail', async ({ page }) => {
  await openApp(page, 'lang=en')
  await page.getByTestId('search').fill('mmm')
  await expect(count(page)).toHaveText('1')
  await page.getByTestId('comment-row').first().click()
  const similar = page.getByTestId('detail-similar')
  await expect(similar).toContainText('云原生工程师 · 感谢老师，期待加餐')
  await similar.getByRole('button').first().click()
  await expect(page.getByTestId('detail-author')).toContainText('云原生工程师')
})

test('a big CSV, matched on two cores, comes in exactly as one pass reads it', async ({ page }) => {
  // 40,000 comments, 7 MB: the theme matching is split between the import worker and the masks
  // worker. Everything expected comes from one pass here.
  const rows: { likes: number | string; text: string }[] = generateComments(40_000, 11)
  // One broken row in each half: skipped, and reported on the line each starts on.
  rows[5_000].likes = 'many'
  rows[35_000].likes = 'lots'
  const lineOf = (k: number) => 2 + rows.slice(0, k).reduce((n, r) => n + 1 + (r.text.match(/\n/g)?.length ?? 0), 0)
  const kept = rows.filter((r) => typeof r.likes === 'number')
  // Read as the file it is (Node's own loader, which Playwright's is, wants an import attribute the app's dynamic import does without).
  useLexicon(checkLexicon(JSON.parse(readFileSync('src/insight/data/request-lexicon.json', 'utf8'))))
  const masks = themeMasks(
    kept.map((r) => r.text.trim()),
    defaultThemes().map((t) => compileTheme(t)),
  )
  const expected = defaultThemes().map((t, k) => [t.name.en, String(masks.reduce((n, m) => n + ((m >>> k) & 1), 0))])
  const questions = questionFlags(kept.map((r) => r.text.trim())).reduce((n, q) => n + q, 0)
  expect(questions).toBeGreaterThan(1000)
  expect(expected.some(([, n]) => Number(n) > 1000)).toBe(true)
  const likes = kept.reduce((n, r) => n + (r.likes as number), 0)
  await openApp(page, 'lang=en')
  await page
    .getByTestId('upload')
    .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(toCsv(rows as ReturnType<typeof generateComments>)) })
  await expect(count(page)).toHaveText('39,998', { timeout: 30_000 })
  await waitReady(page)
  // It was split: the import worker waited for the masks worker's half (a User Timing measure).
  expect(await page.evaluate(() => performance.getEntriesByName('import:masksWait').length)).toBe(1)
  expect((await kpis(page)).likes).toBe(likes.toLocaleString('en'))
  const table = (await chartTable(page, 'requests')).slice(1).map((r) => [r[0], r[1].replace(/,/g, '')])
  expect(table.sort()).toEqual(expected.map(([n, c]) => [n, c]).sort())
  // The question flags were split between the two workers too.
  await page.getByTestId('filter-questions').selectOption('all')
  await expect(count(page)).toHaveText(questions.toLocaleString('en'))
  await page.getByTestId('filter-questions').selectOption('')
  const done = page.getByTestId('notice').filter({ hasText: 'Imported 39,998 comments' })
  const [dl] = await Promise.all([page.waitForEvent('download'), done.getByRole('button', { name: 'Download import report' }).click()])
  const report = readFileSync(await dl.path(), 'utf8')
  expect(report).toContain('40,000 read, 39,998 imported, 2 skipped, from 1 files')
  expect(report).toContain(`big.csv:${lineOf(5_000)} — likes or replies is not a number (likes: "many")`)
  expect(report).toContain(`big.csv:${lineOf(35_000)} — likes or replies is not a number (likes: "lots")`)
})

test('when the request lexicon cannot be loaded, the app still opens and says so', async ({ page }) => {
  // The lexicon is a lazy chunk of its own (src/insight/data/request-lexicon.json): a dropped
  // connection must not leave a blank page.
  await page.route(/\/assets\/request-lexicon-[^/]*\.js$/, (route) => route.abort())
  await openApp(page, 'lang=en')
  expect((await kpis(page)).comments).toBe('20')
  await expect(page.getByRole('alert').filter({ hasText: 'default request themes could not be loaded' })).toBeVisible()
  // Own themes still work: none are defined, so the requests chart lists no theme.
  await expect(page.getByTestId('chart-requests')).toBeVisible()
})
