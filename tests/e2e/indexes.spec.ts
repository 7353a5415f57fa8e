/**
 * The per-row indexes (theme masks, question flags, orderings) are computed in workers, never on the
 * page, on every path that needs them: an upload, a reload (from storage), a theme switched off and
 * on, a theme edited, an edited theme set's link opened — for the 20-comment sample as for thousands.
 * 6,000 comments in three kinds, 2,000 each, so every count can be checked by hand:
 *   0: 希望老师出一篇加餐，讲讲 Raft   → bonus
 *   1: 思考题的答案什么时候公布？      → answers, a question
 *   2: 讲得很清楚，谢谢老师             → nothing (answers once its strong words are 谢谢老师)
 */
import { test, expect, openApp, waitReady, idbKeys } from './fixtures'
import { chartTable } from './charts'
import type { Page } from '@playwright/test'

const KINDS = ['希望老师出一篇加餐，讲讲 Raft', '思考题的答案什么时候公布？', '讲得很清楚，谢谢老师']
const N = 6_000

function csv(from = 0, to = N, extraLikes = 0): string {
  const rows = ['author,likes,replies,date,text,lesson']
  for (let i = from; i < to; i++)
    rows.push(`user${i},${(i % 10) + extraLikes},${i % 3 === 1 ? 0 : 1},2021-0${1 + (i % 9)}-1${i % 10},${KINDS[i % 3]},第${1 + (i % 4)}讲`)
  return rows.join('\n') + '\n'
}

async function requests(page: Page): Promise<Record<string, string>> {
  const t = await chartTable(page, 'requests')
  const byId: Record<string, string> = {}
  for (const r of t.slice(1)) {
    if (/bonus/i.test(r[0])) byId.bonus = r[1]
    if (/exercise/i.test(r[0])) byId.answers = r[1]
  }
  return byId
}

/** Switches the bonus theme off (it then counts nothing) and on again (`counts` again). */
async function bonusOffAndOn(page: Page, counts: Record<string, string>): Promise<void> {
  const bonus = page.locator('[data-testid="theme-row"][data-theme-id="bonus"]')
  await bonus.getByTestId('theme-toggle').uncheck()
  await waitReady(page)
  expect((await requests(page)).bonus ?? '0').toBe('0')
  await bonus.getByTestId('theme-toggle').check()
  await waitReady(page)
  expect(await requests(page)).toEqual(counts)
}

test("a big dataset's indexes come from the workers and from storage on every path, with the right counts", async ({ page, browser }) => {
  test.setTimeout(120_000)
  await openApp(page, 'lang=en')
  await page.getByTestId('upload').setInputFiles({ name: 'six-thousand.csv', mimeType: 'text/csv', buffer: Buffer.from(csv()) })
  await expect(page.getByTestId('kpi-comments')).toHaveText('6,000', { timeout: 20_000 })
  await waitReady(page)
  expect(await requests(page)).toEqual({ bonus: '2000', answers: '2000' })
  await expect(page.getByTestId('kpi-open-questions')).toContainText('2,000')

  // Stored with its indexes: a reload matches nothing again and counts the same.
  await expect(page.getByTestId('dataset-switcher').locator('option')).toContainText([/six-thousand/])
  const key = /ds=([0-9a-f]{16})/.exec(page.url())![1]
  await expect.poll(() => idbKeys(page)).toContain(`ds:${key}:index`)
  await page.reload()
  await waitReady(page)
  await expect(page.getByTestId('kpi-comments')).toHaveText('6,000')
  expect(await requests(page)).toEqual({ bonus: '2000', answers: '2000' })

  // A theme switched off counts nothing; on again, as before.
  await bonusOffAndOn(page, { bonus: '2000', answers: '2000' })

  // An edited theme is matched anew in the workers.
  await page.locator('[data-testid="theme-row"][data-theme-id="answers"]').getByTestId('theme-edit').click()
  await page.getByTestId('theme-strong').fill('谢谢老师')
  await page.getByTestId('theme-save').click()
  await expect.poll(async () => (await requests(page)).answers, { timeout: 20_000 }).toBe('4000')
  await expect(page).toHaveURL(/tdef=/)

  // The edited set's link, opened in a fresh tab of this browser (the dataset is stored here).
  const url = page.url()
  const p2 = await page.context().newPage()
  await p2.goto(url)
  await waitReady(p2)
  await expect(p2.getByTestId('kpi-comments')).toHaveText('6,000')
  expect((await requests(p2)).answers).toBe('4000')
  // In a browser without the dataset the link says what is missing, never another dataset's numbers.
  const ctx = await browser.newContext()
  const p3 = await ctx.newPage()
  await p3.goto(url)
  await expect(p3.getByTestId('error').filter({ hasText: /six-thousand/ })).toBeVisible()
  await ctx.close()

  // A newer export added to it (merged in the import worker): rows 5,000–6,999, one like more each —
  // 1,000 already there (newer counts), 1,000 new. Requests: rows ≡ 0 (mod 3) of 0–6,999 are bonus
  // (2,334); the edited answers theme takes the other two kinds (4,666).
  await page.getByTestId('upload-add').check()
  await page.getByTestId('upload').setInputFiles({ name: 'newer.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(5_000, 7_000, 1)) })
  await expect(page.getByTestId('notice').filter({ hasText: 'Merged: 1,000 new comments, 1,000 with updated likes or replies.' })).toBeVisible({
    timeout: 20_000,
  })
  await expect(page.getByTestId('kpi-comments')).toHaveText('7,000')
  await waitReady(page)
  expect(await requests(page)).toEqual({ bonus: '2334', answers: '4666' })
  await page.getByTestId('filter-new').selectOption({ index: 1 })
  await expect(page.getByTestId('kpi-comments')).toHaveText('1,000')
})

test("the sample's themes from a link are matched in a worker, not on the page, with the right counts", async ({ page }) => {
  const workers: string[] = []
  page.on('worker', (w) => workers.push(new URL(w.url()).pathname))
  // "Bonus" redefined as the word 加餐 alone: 6 of the sample's 20 comments hold it (counted in its file).
  const tdef = JSON.stringify({ v: 1, t: [{ id: 'bonus', zh: '加餐', en: 'Bonus (sender)', o: ['加餐'] }] })
  await openApp(page, `lang=en&tdef=${encodeURIComponent(tdef)}`)
  await expect(page.getByTestId('kpi-comments')).toHaveText('20')
  await expect.poll(async () => (await chartTable(page, 'requests')).find((r) => r[0].startsWith('Bonus (sender)'))?.[1]).toBe('6')
  expect(workers.some((w) => /\/indexes\.worker-[\w-]+\.js$/.test(w))).toBe(true)
})

test('at 30,000 comments (queries in slices, indexes in two workers) every path counts the same as its rows say', async ({ page }) => {
  test.setTimeout(180_000)
  const n = 30_000
  await openApp(page, 'lang=en')
  await page.getByTestId('upload').setInputFiles({ name: 'thirty-thousand.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(0, n)) })
  await expect(page.getByTestId('kpi-comments')).toHaveText('30,000', { timeout: 30_000 })
  await waitReady(page)
  // Rows ≡ 0 (mod 3) ask for a bonus episode, rows ≡ 1 ask for the answers (and are open questions).
  expect(await requests(page)).toEqual({ bonus: '10000', answers: '10000' })
  await expect(page.getByTestId('kpi-open-questions')).toContainText('10,000')
  const key = /ds=([0-9a-f]{16})/.exec(page.url())![1]

  // A search, then clearing filters.
  await page.getByTestId('search').fill('加餐')
  await page.getByTestId('search').press('Enter')
  await expect(page.getByTestId('kpi-comments')).toHaveText('10,000')
  await page.getByTestId('clear-filters').click()
  await expect(page.getByTestId('kpi-comments')).toHaveText('30,000')

  // user0 wrote row 0, a bonus request: marked as staff it is still a comment, no longer a request.
  await page.goto(`./?lang=en&ds=${key}&author=user0`)
  await expect(page.getByTestId('kpi-comments')).toHaveText('1')
  await page.getByTestId('comment-row').first().click()
  await page.getByTestId('detail-staff').click()
  await expect(page.getByTestId('detail-author')).toContainText('staff')
  await page.keyboard.press('Escape')
  await page.getByTestId('clear-filters').click()
  await expect(page.getByTestId('kpi-comments')).toHaveText('30,000')
  await waitReady(page)
  expect(await requests(page)).toEqual({ bonus: '9999', answers: '10000' })

  // A theme switched off and on.
  await bonusOffAndOn(page, { bonus: '9999', answers: '10000' })

  // Another dataset and back: the sample's numbers, then this one's again.
  const switcher = page.getByTestId('dataset-switcher')
  await switcher.selectOption({ index: 0 })
  await expect(page.getByTestId('kpi-comments')).toHaveText('20')
  await switcher.selectOption(key)
  await expect(page.getByTestId('kpi-comments')).toHaveText('30,000')
  await waitReady(page)
  expect(await requests(page)).toEqual({ bonus: '9999', answers: '10000' })

  // Its link in a new tab of this browser.
  const p2 = await page.context().newPage()
  await p2.goto(`./?lang=en&ds=${key}&theme=bonus`)
  await expect(p2.getByTestId('kpi-comments')).toHaveText('9,999')
  await waitReady(p2)
})
