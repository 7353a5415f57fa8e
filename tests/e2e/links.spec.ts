/**
 * A link cannot hurt (issue #18) and every warning a link produces is shown (issue #19): theme sets
 * over the work budget are refused by name, matching runs in the workers, repeated parameters and
 * the query string are capped, and each source of alerts (the address, the themes, an import)
 * replaces only its own.
 */
import { readFileSync } from 'node:fs'
import { test, expect, openApp, waitReady, fixture, watchLongTasks, expectNoLongTask, LONG_TASK_MS } from './fixtures'
import type { Page } from '@playwright/test'
import { chartTable } from './charts'

const COMMON = '的是了我不在有这个们中来上大为和到说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现'
/** The 50-second link of issue #18: `tdef` filled with `，*x*，` alternatives in one theme, "x". */
function craftedTdef(): string {
  const terms: string[] = []
  for (let i = 0, len = 40; len < 3700;) {
    const t = Array.from({ length: 40 }, () => `，*${COMMON[i++ % COMMON.length]}*，`).join('|')
    terms.push(t)
    len += t.length + 3
  }
  return JSON.stringify({ v: 1, t: [{ id: 'x', zh: '诉求x', en: 'ask-x', o: terms }] })
}

const alerts = (page: Page) => page.getByTestId('error')
const themeRow = (page: Page, id: string) => page.locator(`[data-testid="theme-row"][data-theme-id="${id}"]`)

test('the 50-second theme link is refused by name; the default themes stay and the link no longer carries it', async ({ page }) => {
  await page.goto(`./?lang=en&tdef=${encodeURIComponent(craftedTdef())}`)
  await waitReady(page)
  const refusal = alerts(page).filter({ hasText: 'The custom themes in this link were not used' })
  await expect(refusal).toHaveCount(1)
  await expect(refusal).toContainText('“诉求x / ask-x”')
  await expect(refusal).toContainText('The default themes stay in use.')
  await expect(themeRow(page, 'x')).toHaveCount(0)
  await expect(themeRow(page, 'bonus')).toHaveCount(1)
  expect(page.url()).not.toContain('tdef=')
  // The sample's counts are the defaults' counts: 6 comments ask for a bonus episode.
  await page.getByTestId('search').fill('加餐')
  await expect(page.getByTestId('kpi-comments')).toHaveText('6')
})

test('a refused link with this browser’s own themes saved: its alert stays, and the saved themes are used', async ({ page }) => {
  const mine = JSON.stringify({ v: 1, t: [{ id: 'mine', zh: '我的', en: 'mine', o: ['实战案例'] }] })
  await page.addInitScript(`localStorage.setItem('comment-lens:themes', ${JSON.stringify(mine)})`)
  await page.goto(`./?lang=en&tdef=${encodeURIComponent(craftedTdef())}`)
  await waitReady(page)
  const refusal = alerts(page).filter({ hasText: 'The custom themes in this link were not used' })
  await expect(refusal).toHaveCount(1)
  await expect(refusal).toContainText('The custom themes saved in this browser are used instead.')
  await expect(themeRow(page, 'mine')).toHaveCount(1)
  await expect(themeRow(page, 'x')).toHaveCount(0)
  await expect(page).toHaveURL(/tdef=%7B%22v%22%3A1%2C%22t%22%3A%5B%7B%22id%22%3A%22mine%22/)
})

test('a link that redefines a default theme says so, marks the theme everywhere, and lets the reader keep it or go back', async ({ page }) => {
  // "Bonus" redefined by the sender: only the word 加餐 counts.
  const tdef = JSON.stringify({ v: 1, t: [{ id: 'bonus', zh: '加餐', en: 'Bonus (sender)', o: ['加餐'] }] })
  await page.goto(`./?lang=en&theme=bonus&tdef=${encodeURIComponent(tdef)}`)
  await waitReady(page)
  const notice = page.getByTestId('themes-link-notice')
  await expect(notice).toContainText('This link uses edited request themes: Bonus (sender).')
  await expect(page.getByRole('region', { name: 'Edited request themes' })).toBeVisible()
  await expect(page.getByTestId('filter-pill')).toContainText(['Bonus (sender) (edited)'])
  expect((await chartTable(page, 'requests')).map((r) => r[0])).toContain('Bonus (sender) (edited)')

  // Going back to the defaults is a new view: the link's themes are one Back away.
  await page.getByTestId('themes-link-own').click()
  await expect(notice).toHaveCount(0)
  expect(page.url()).not.toContain('tdef=')
  await expect(page.getByTestId('filter-pill')).not.toContainText(['(edited)'])
  expect((await chartTable(page, 'requests')).map((r) => r[0])).not.toContain('Bonus (sender) (edited)')
  await page.goBack()
  await expect(notice).toBeVisible()

  // Kept: the notice goes, the marks stay (the counts are still the sender's), and it does not ask again.
  await page.getByTestId('themes-link-keep').click()
  await expect(notice).toHaveCount(0)
  await expect(page.getByTestId('filter-pill')).toContainText(['Bonus (sender) (edited)'])
  await page.reload()
  await waitReady(page)
  await expect(page.getByTestId('filter-pill')).toContainText(['Bonus (sender) (edited)'])
  await expect(notice).toHaveCount(0)
})

test('the theme editor refuses an edit over the budget and keeps the form open with the reason', async ({ page }) => {
  await openApp(page, 'lang=en')
  await page.getByTestId('theme-new').click()
  await page.getByTestId('theme-name-zh').fill('很多')
  await page.getByTestId('theme-objects').fill(Array.from({ length: 120 }, (_, i) => `的*${COMMON[i % COMMON.length]}*了`).join('\n'))
  await page.getByTestId('theme-save').click()
  const form = page.getByTestId('theme-form')
  // 80 terms are kept per list (the pattern language's limit): the new theme fits alone, not with the defaults.
  await expect(form.getByTestId('error')).toContainText(
    'This change was not used: matching these themes together would take about 1.3× the allowed work; the costliest is “很多 / 很多”.',
  )
  await expect(form.getByTestId('error')).toContainText('The themes are unchanged.')
  await expect(form).toBeVisible()
  expect(page.url()).not.toContain('tdef=')
  // Trimmed to a realistic size, it saves.
  await page.getByTestId('theme-objects').fill('的*实战*案例\n完整代码')
  await page.getByTestId('theme-save').click()
  await expect(form).toHaveCount(0)
  await expect(page).toHaveURL(/tdef=/)
})

test('a link with 10,000 lesson parameters: 200 read, the rest named in one warning, the page never freezes', async ({ page }) => {
  const query = 'lang=en&' + Array.from({ length: 10_000 }, (_, i) => `lesson=L${i}`).join('&')
  await page.addInitScript(`window.__t0 = performance.now()`)
  await page.goto(`./?${query}`)
  await waitReady(page)
  // Read up to the last '&' within 65,536 characters: what follows is ignored and counted.
  const kept = query.lastIndexOf('&', 64 * 1024)
  const pairs = query.slice(0, kept).split('&').length - 1
  await expect(
    alerts(page).filter({
      hasText: `The link is longer than 65,536 characters; its last ${(query.length - kept).toLocaleString('en')} characters were ignored.`,
    }),
  ).toHaveCount(1)
  await expect(
    alerts(page).filter({ hasText: `The link has more than 200 values for lesson; the other ${(pairs - 200).toLocaleString('en')} were ignored.` }),
  ).toHaveCount(1)
  // No lesson of the sample is called L0…L199: the view is empty, and says so.
  await expect(page.getByTestId('kpi-comments')).toHaveText('0')
  // The view in the address bar is what was read: 200 lessons.
  expect(new URL(page.url()).searchParams.getAll('lesson')).toHaveLength(200)
  // One pill per filter, the first 20 shown, the rest behind a button (they would fill the screen).
  const pills = page.getByTestId('filter-pill')
  await expect(pills).toHaveCount(200)
  await expect(pills.filter({ visible: true })).toHaveCount(20)
  await page.getByTestId('pills-more').filter({ hasText: 'Show 180 more filters' }).click()
  await expect(pills.filter({ visible: true })).toHaveCount(200)
  await expect(pills.nth(199)).toContainText('L199')
  await page.getByTestId('pills-more').filter({ hasText: 'Show fewer filters' }).click()
  await expect(pills.filter({ visible: true })).toHaveCount(20)
  const tasks = await page.evaluate(() => performance.getEntriesByType('longtask').map((e) => Math.round(e.duration)))
  test.info().annotations.push({ type: 'long tasks', description: tasks.join(', ') || 'none' })
  expect(tasks.filter((ms) => ms > LONG_TASK_MS)).toEqual([])
})

test('every warning a link produces stays shown: theme problems after mount, import warnings across Back/Forward', async ({ page }) => {
  const tdef = JSON.stringify({
    v: 1,
    t: [
      { id: 'mine', zh: '我的', en: 'mine', o: ['实战案例'] },
      { id: 'BAD ID', zh: 'b', o: ['x'] },
    ],
  })
  await page.goto(`./?lang=en&zz=1&tdef=${encodeURIComponent(tdef)}`)
  await waitReady(page)
  await expect(alerts(page).filter({ hasText: 'Could not read the URL parameter zz=1' })).toHaveCount(1)
  await expect(alerts(page).filter({ hasText: 'The custom themes in this link had invalid parts' })).toHaveCount(1)
  await expect(themeRow(page, 'mine')).toHaveCount(1)

  // An import with a skipped row: its warning survives a filter and Back.
  const csv = ['author,likes,replies,date,text', 'a,1,0,2021-03-01,希望有实战案例', 'b,2,0,not-a-date,第二条', 'c,3,0,2021-03-03,第三条'].join('\n')
  await page.getByTestId('upload').setInputFiles({ name: 'skips.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(page.getByTestId('kpi-comments')).toHaveText('2')
  const importWarning = alerts(page).filter({ hasText: 'skips.csv' })
  await expect(importWarning).not.toHaveCount(0)
  const before = await importWarning.count()
  await page.getByTestId('search').fill('实战')
  await page.getByTestId('search').press('Enter') // a committed search is a history entry
  await expect(page.getByTestId('kpi-comments')).toHaveText('1')
  await page.goBack()
  await expect(page.getByTestId('kpi-comments')).toHaveText('2')
  await expect(importWarning).toHaveCount(before)
  await page.goForward()
  await expect(page.getByTestId('kpi-comments')).toHaveText('1')
  await expect(importWarning).toHaveCount(before)
})

/** 100,000 comments of three kinds; `commas`: a comma before every fifth character, followed by what no alternative finishes. */
function bigCsv(commas: boolean): string {
  const kinds = commas
    ? [
        '希望老师出一篇加餐，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯',
        '思考题的答案，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯？',
        '讲得很清楚，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯',
      ]
    : [
        '希望老师出一篇加餐讲讲 Raft 的实现细节，还有分布式锁在生产环境里的坑',
        '思考题的答案什么时候公布？我想对照一下自己的思路',
        '讲得很清楚，谢谢老师，这一讲把 MVCC 的来龙去脉都讲明白了',
      ]
  const rows = ['author,likes,replies,date,text']
  for (let i = 0; i < 100_000; i++) rows.push(`u${i % 5000},${i % 7},${i % 3},2022-0${1 + (i % 9)}-1${i % 10},"${kinds[i % 3]}"`)
  return rows.join('\n') + '\n'
}

/** Uploads 100,000 comments, then opens the worst admitted `tdef` on them as a shared link; records the longest heartbeat gap. */
async function openWorstLink(page: Page, commas: boolean): Promise<void> {
  await openApp(page, 'lang=en')
  await page.getByTestId('upload').setInputFiles({ name: 'hundred-k.csv', mimeType: 'text/csv', buffer: Buffer.from(bigCsv(commas)) })
  await expect(page.getByTestId('kpi-comments')).toHaveText('100,000', { timeout: 90_000 })
  await waitReady(page)
  const ds = new URL(page.url()).searchParams.get('ds')!
  expect(ds).toMatch(/^[0-9a-f]{16}$/)
  const worst = readFileSync(fixture('links', 'worst-tdef.txt'), 'utf8').trim()
  // A heartbeat every 20 ms from the first script on: its longest gap is how long the page could not answer.
  await page.addInitScript(
    `window.__gaps = []; (() => { let last = performance.now(); setInterval(() => { const now = performance.now(); window.__gaps.push(now - last); last = now }, 20) })()`,
  )
  await page.goto(`./?lang=en&ds=${ds}&tdef=${encodeURIComponent(worst)}`)
  await watchLongTasks(page)
  await expect(page.getByTestId('kpi-comments')).toHaveText('100,000', { timeout: 90_000 })
  await waitReady(page)
  const gaps = await page.evaluate(() => (window as unknown as { __gaps: number[] }).__gaps.slice(5))
  const longest = Math.round(Math.max(...gaps))
  // It counts the page's own start too (3 s once, on a machine running two other browsers' tests):
  // recorded, not asserted; a freeze of the matching itself fails the tests (expectNoLongTask).
  test
    .info()
    .annotations.push({ type: 'longest heartbeat gap', description: `${longest} ms from the page's first script (target 200 ms, measured on an idle machine)` })
}

/** The worst link's themes are in use (the defaults deleted), nothing was refused or stopped, and the page still filters. */
async function expectWorstThemesInUse(page: Page): Promise<void> {
  await expect(alerts(page).filter({ hasText: 'not used' })).toHaveCount(0)
  await expect(alerts(page).filter({ hasText: 'were stopped: matching was too slow' })).toHaveCount(0)
  await expect(themeRow(page, 'w0')).toHaveCount(1)
  await expect(themeRow(page, 'bonus')).toHaveCount(0)
  expect(page.url()).toContain('tdef=')
  // A third of the comments are of the kind that asks for a bonus episode.
  await page.getByTestId('search').fill('加餐')
  await expect(page.getByTestId('kpi-comments')).toHaveText('33,334')
}

test('the costliest link the budget admits, on 100,000 stored comments: matched in the workers, the page answers throughout', async ({ page }) => {
  test.setTimeout(240_000)
  await openWorstLink(page, false)
  await expectWorstThemesInUse(page)
  await expectNoLongTask(page, 'matching the worst admitted themes')
})

// Before alternatives were merged into a prefix tree (patterns.ts) this link took ~100 times the
// default themes' time on these comments and was stopped by matching's time bound; now it is matched.
test('the same link on comments thick with commas is matched too, the page answering throughout', async ({ page }) => {
  test.setTimeout(240_000)
  await openWorstLink(page, true)
  await expectWorstThemesInUse(page)
  await expectNoLongTask(page, 'matching the worst admitted themes on comma-thick comments')
})
