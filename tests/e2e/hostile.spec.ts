/**
 * Hostile inputs (issue #19, "Nothing lost, nothing hangs"): each is generated here, imported or
 * stored, and must give a clear message or a bounded view, with the page usable and no
 * main-thread task over LONG_TASK_MS while it is handled.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { test, expect, openApp, waitReady, watchLongTasks, longTasks, expectNoLongTask, LONG_TASK_MS, idbPut, firstVersionRecord } from './fixtures'
import type { Page } from '@playwright/test'

const count = (page: Page) => page.getByTestId('kpi-comments')
/** A dataset file as Export → Download the whole dataset writes it, with the days given. */
function datasetFile(days: (string | number)[]): string {
  const comments = days.map((date, i) => ({
    author: `读者${i}`,
    avatar: '',
    likes: i,
    replies: 0,
    date,
    time: '',
    text: `希望出一期加餐 ${i}`,
    reply: '',
    lesson: '01',
    source: 'a.md',
  }))
  return JSON.stringify({ format: 'comment-lens-dataset', version: 1, name: '恶意', lessons: [{ title: '01', file: 'a.md' }], comments })
}

test.describe('a dataset file with a day in year 275760', () => {
  test('is refused with the file and the field named; the page stays usable', async ({ page }) => {
    await openApp(page, 'lang=en')
    await expect(count(page)).toHaveText('20')
    await watchLongTasks(page)
    await page
      .getByTestId('upload')
      .setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(datasetFile(['1970-01-01', 100_000_000])) })
    await expect(page.getByTestId('error')).toContainText(
      'hostile.json is not a valid Comment Lens dataset file: comments[1].date should be a date from 1970-01-01 to 2200-12-31 (YYYY-MM-DD), or empty; found 100000000.',
    )
    await expect(page.getByTestId('error')).toContainText('The data in view is unchanged.')
    await expectNoLongTask(page, 'refusing the dataset file')
    // Still the sample, still filterable.
    await expect(count(page)).toHaveText('20')
    await page.getByTestId('search').fill('加餐')
    await page.getByTestId('search').press('Enter')
    await expect(count(page)).not.toHaveText('20')
  })

  test('in Chinese, the same message in Chinese', async ({ page }) => {
    await openApp(page, 'lang=zh-CN')
    await page.getByTestId('upload').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(datasetFile([-1, 100_000_000])) })
    await expect(page.getByTestId('error')).toContainText(
      'hostile.json 不是有效的留言透镜数据集文件：comments[0].date 应为1970-01-01 至 2200-12-31 之间的日期（YYYY-MM-DD）或空，实际为 -1。',
    )
  })

  test('stored by an earlier version, it is offered for deletion instead of hanging each load', async ({ page }) => {
    await openApp(page, 'lang=en')
    // What an earlier version stored for that file: days 0 and 100,000,000.
    const { meta, columns } = firstVersionRecord({
      key: 'bbbbbbbbbbbbbbbb',
      name: '恶意',
      file: 'a.md',
      lesson: '01',
      ids: ['000000000a1', '000000000b2'],
      days: [0, 100_000_000],
    })
    await idbPut(page, [
      ['ds:bbbbbbbbbbbbbbbb', { meta, columns }],
      ['meta:bbbbbbbbbbbbbbbb', meta],
    ])
    await page.goto('./?ds=bbbbbbbbbbbbbbbb&lang=en')
    await watchLongTasks(page)
    const alert = page.getByTestId('error').filter({ hasText: 'The saved dataset “恶意” cannot be opened' })
    await expect(alert).toContainText('day[1] should be a date from 1970-01-01 to 2200-12-31 (YYYY-MM-DD), or empty; found 100000000.')
    await expectNoLongTask(page, 'opening the stored dataset')
    await alert.getByRole('button', { name: 'Delete it' }).click()
    await expect(page.getByTestId('notice').filter({ hasText: 'Deleted dataset “恶意”.' })).toBeVisible()
    // The page still works: the sample opens, and the broken dataset is gone for good.
    await page.getByRole('button', { name: 'Open the built-in sample instead' }).click()
    await waitReady(page)
    await expect(count(page)).toHaveText('20')
    await page.reload()
    await waitReady(page)
    await expect(page.getByTestId('dataset-switcher')).toHaveCount(0)
  })
})

test('a stored record that cannot be read is offered for deletion; storage keeps working', async ({ page }) => {
  await openApp(page, 'lang=en')
  const meta = { key: 'cccccccccccccccc', name: '损坏', comments: 2, lessons: 1, bytes: 100, files: ['a.md'], createdAt: '2021-01-01', updatedAt: '2021-01-01' }
  // A head whose piece counts are gone.
  await idbPut(page, [
    ['ds:cccccccccccccccc', { meta, format: 4, pieces: null, columns: {} }],
    ['meta:cccccccccccccccc', meta],
  ])
  await page.goto('./?ds=cccccccccccccccc&lang=en')
  const alert = page.getByTestId('error').filter({ hasText: 'The saved dataset “损坏” cannot be read (pieces.id: undefined).' })
  await expect(alert).toBeVisible()
  await expect(page.getByTestId('error').filter({ hasText: 'storage' })).toHaveCount(0)
  await alert.getByRole('button', { name: 'Delete it' }).click()
  await expect(page.getByTestId('notice').filter({ hasText: 'Deleted dataset “损坏”.' })).toBeVisible()
  // Storage still works: an upload is saved and listed.
  await page.getByTestId('upload').setInputFiles({ name: 'ok.csv', mimeType: 'text/csv', buffer: Buffer.from('author,text\n甲,希望加餐\n') })
  await expect(count(page)).toHaveText('1')
  await expect(page.getByTestId('dataset-switcher').locator('option')).toHaveCount(2)
})

test('a 5 MB comment opens promptly, shows “Show more”, and a search found everywhere highlights a bounded number of matches', async ({ page }) => {
  await openApp(page, 'lang=en')
  const long = 'a' + '希望加餐，讲讲 Raft 的选举。'.repeat(300_000)
  const csv = `author,likes,text\n长文,99,"${long}"\n短评,1,求 PDF\n`
  await page.getByTestId('upload').setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(count(page)).toHaveText('2')
  await waitReady(page)
  await watchLongTasks(page)
  await page.getByTestId('comment-row').filter({ hasText: '长文' }).click()
  const detail = page.getByTestId('comment-detail')
  await expect(detail.getByTestId('detail-show-more')).toHaveText(`Show more (${(long.length - 5_000).toLocaleString('en')} more characters)`)
  expect((await detail.getByTestId('detail-text').innerText()).length).toBe(5_000)
  await detail.getByTestId('detail-show-more').click()
  await expect(detail.getByTestId('detail-show-more')).toHaveText(`Show more (${(long.length - 10_000).toLocaleString('en')} more characters)`)
  await expectNoLongTask(page, 'opening a 5 MB comment')
  // A search term found everywhere: the first 300 matches are highlighted, and it says so.
  await page.getByTestId('search').fill('选举')
  await page.getByTestId('search').press('Enter')
  await expect(count(page)).toHaveText('1')
  await waitReady(page)
  await watchLongTasks(page)
  await page.getByTestId('comment-row').filter({ hasText: '长文' }).click()
  await expect(detail.getByTestId('detail-marks-capped')).toHaveText('Only the first 300 matches are highlighted.')
  await expect(detail.getByTestId('detail-text').locator('mark')).toHaveCount(300)
  await expectNoLongTask(page, 'opening it with a search that matches everywhere')
})

test('a CSV with 10,950 unrecognised columns opens the column mapper promptly, and any column can be found', async ({ page }) => {
  await openApp(page, 'lang=en')
  const n = 10_950
  const header = Array.from({ length: n }, (_, i) => (i === 7_000 ? 'body_text' : i.toString(36)))
  const row = Array.from({ length: n }, (_, i) => (i === 7_000 ? '希望加餐' : ''))
  await watchLongTasks(page)
  const t0 = Date.now()
  await page.getByTestId('upload').setInputFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header.join(',')}\n${row.join(',')}\n`) })
  const mapper = page.getByTestId('column-mapper')
  await expect(mapper.getByTestId('map-wide')).toContainText('This file has 10,950 columns: 200 are listed (at most 200).')
  test.info().annotations.push({ type: 'mapper', description: `shown ${Date.now() - t0} ms after the upload` })
  await expect(mapper.locator('thead th')).toHaveCount(200)
  await expect(page.getByTestId('map-text').locator('option')).toHaveCount(201)
  await mapper.getByTestId('map-find').fill('body')
  await expect(mapper.getByTestId('map-found')).toHaveText('1 columns match')
  await page.getByTestId('map-text').selectOption({ label: 'body_text' })
  await expectNoLongTask(page, 'mapping a 10,950-column CSV')
  await page.getByTestId('map-apply').click()
  await expect(count(page)).toHaveText('1')
})

test('a CSV with a stray NUL imports, with that one row skipped and named', async ({ page }) => {
  await openApp(page, 'lang=en')
  await watchLongTasks(page)
  const bytes = Buffer.concat([Buffer.from('author,likes,text\n张三,3,希望加餐\n李四,1,求'), Buffer.from([0]), Buffer.from(' PDF\n王五,2,思考题答案\n')])
  await page.getByTestId('upload').setInputFiles({ name: 'nul.csv', mimeType: 'text/csv', buffer: bytes })
  await expect(count(page)).toHaveText('2')
  const warning = page.getByTestId('error').filter({ hasText: 'rows skipped' })
  await expect(warning).toContainText('nul.csv:3 — holds a NUL character (a stray zero byte): the row is damaged')
  await expectNoLongTask(page, 'importing a CSV with a NUL')
  // A real binary file is still refused.
  await page.getByTestId('upload').setInputFiles({
    name: 'image.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]),
  })
  await expect(page.getByTestId('error').filter({ hasText: 'image.png is a binary file' })).toBeVisible()
  await expect(count(page)).toHaveText('2')
})

test('bidi controls in names are not rendered: an RLO cannot reverse an author or lesson name', async ({ page }) => {
  await openApp(page, 'lang=en')
  await page
    .getByTestId('upload')
    .setInputFiles({ name: 'bidi.csv', mimeType: 'text/csv', buffer: Buffer.from('author,lesson,text\n\u202egpj.exe,01 \u202e| 开篇,希望加餐\n') })
  await expect(count(page)).toHaveText('1')
  const row = page.getByTestId('comment-row')
  await expect(row.locator('.author')).toHaveText('gpj.exe')
  await expect(row.locator('.lesson')).toHaveText('01 | 开篇')
  expect(await row.innerText()).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
  // A URL value with an RLO is shown without it too.
  await page.goto('./?lang=en&author=%E2%80%AEabc')
  await waitReady(page)
  await expect(page.getByTestId('filter-pill')).toHaveText(/abc/)
  expect(await page.getByTestId('filter-pill').innerText()).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
})

test.describe('a 50 MB comment (the probe’s)', () => {
  test.skip(!process.env.HOSTILE_50MB, 'measured on demand: HOSTILE_50MB=1')
  test('opens with Show more; long tasks are measured and reported', async ({ page }) => {
    test.setTimeout(240_000)
    const dir = path.join(import.meta.dirname, '.tmp')
    const file = path.join(dir, 'long-comment-50mb.csv')
    // 40 bytes a sentence, 1.25 million sentences: a 50 MB cell.
    if (!existsSync(file) || statSync(file).size < 50_000_000) {
      mkdirSync(dir, { recursive: true })
      writeFileSync(file, `author,likes,text\n长文,99,"${'希望加餐，讲讲 Raft 的选举。a'.repeat(1_250_000)}"\n短评,1,求 PDF\n`)
    }
    await openApp(page, 'lang=en')
    await watchLongTasks(page)
    await page.getByTestId('upload').setInputFiles(file)
    await expect(count(page)).toHaveText('2', { timeout: 120_000 })
    await waitReady(page)
    // Once saved (the save's clone of 50 MB is its own long task, measured with the import).
    await expect(page.getByTestId('dataset-switcher')).toBeVisible({ timeout: 60_000 })
    await page.waitForTimeout(1000)
    const importing = await longTasks(page)
    await watchLongTasks(page)
    await page.getByTestId('comment-row').filter({ hasText: '长文' }).click()
    await expect(page.getByTestId('detail-show-more')).toBeVisible()
    const opening = await longTasks(page)
    await page.getByTestId('search').fill('a')
    await page.getByTestId('search').press('Enter')
    await waitReady(page)
    await watchLongTasks(page)
    await page.getByTestId('comment-row').filter({ hasText: '长文' }).click()
    await expect(page.getByTestId('detail-marks-capped')).toBeVisible()
    const searched = await longTasks(page)
    test.info().annotations.push({
      type: 'long tasks',
      description: `import: ${importing.join(', ')} ms; open: ${opening.join(', ')} ms; open with search "a": ${searched.join(', ')} ms`,
    })
    expect([...opening, ...searched].filter((ms) => ms > LONG_TASK_MS)).toEqual([])
  })
})
