import { readFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { csvOfSize, generateComments, toCsv } from '../../bench/generate'
import { test, expect, openApp, fixture, kpis, waitReady, recordProgress, progressSeen, idbKeys, idbPut, typed, firstVersionRecord } from './fixtures'
import type { Page } from '@playwright/test'
import { SAMPLE_KPI_TEXT } from '../fixtures/sampleExpected'

const count = (page: Page) => page.getByTestId('kpi-comments')

async function uploadCourse(page: Page) {
  await page.getByTestId('upload-folder').setInputFiles(fixture('course'))
  await expect(count(page)).toHaveText('9')
  await expect(page).toHaveURL(/ds=[0-9a-f]{16}/)
}

test.describe('datasets persist in the browser', () => {
  test('an uploaded dataset survives a reload, with its view', async ({ page }) => {
    await openApp(page, 'lang=en')
    await uploadCourse(page)
    await page.getByTestId('search').fill('加餐')
    await page.getByTestId('search').press('Enter')
    await expect(count(page)).toHaveText('2')
    await page.reload()
    await waitReady(page)
    await expect(count(page)).toHaveText('2')
    await expect(page.getByTestId('dataset-name')).toHaveText('某某分布式存储课')
    await expect(page.getByTestId('filter-pill')).toHaveText([/加餐/])
  })

  test('a reload the moment an upload shows its numbers finds the dataset', async ({ page }) => {
    await openApp(page, 'lang=en')
    await uploadCourse(page)
    await page.reload()
    await waitReady(page)
    await expect(count(page)).toHaveText('9')
    await expect(page.getByTestId('dataset-name')).toHaveText('某某分布式存储课')
  })

  test('a big upload is durable the moment it appears: reloads at 0, 200 and 500 ms find it', async ({ page }) => {
    test.setTimeout(120_000)
    await openApp(page, 'lang=en')
    for (const [k, wait] of [0, 200, 500].entries()) {
      const csv = toCsv(generateComments(30_000, 11 + k))
      await page.getByTestId('upload').setInputFiles({ name: `durable-${wait}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) })
      // The data appears: the new dataset's name and count (the one before had as many comments).
      await expect(page.getByTestId('dataset-name')).toHaveText(`durable-${wait}.csv`, { timeout: 20_000 })
      await expect(count(page)).toHaveText('30,000')
      if (wait) await page.waitForTimeout(wait)
      await page.reload()
      await waitReady(page)
      await expect(count(page)).toHaveText('30,000')
      await expect(page.getByTestId('dataset-name')).toHaveText(`durable-${wait}.csv`)
    }
  })

  test('a big upload is saved once the dashboard has drawn it, then listed: a reload finds it', async ({ page }) => {
    const csv = toCsv(generateComments(30_000, 5))
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await expect(count(page)).toHaveText('30,000', { timeout: 20_000 })
    await waitReady(page)
    // Listed among the stored datasets = saved (each string piece is written in a task of its own).
    await expect(page.getByTestId('dataset-switcher').locator('option')).toContainText([/big\.csv/])
    await page.reload()
    await waitReady(page)
    await expect(count(page)).toHaveText('30,000')
    await expect(page.getByTestId('dataset-name')).toHaveText('big.csv')
  })

  test('what a save cut short left behind is freed at the next start; complete datasets stay', async ({ page }) => {
    await openApp(page, 'lang=en')
    await uploadCourse(page)
    await expect.poll(async () => (await idbKeys(page)).filter((k) => k.startsWith('meta:')).length).toBe(1)
    const complete = await idbKeys(page)
    // Pieces of a big save whose page closed before the head was written, and a stray meta.
    await idbPut(page, [
      ['ds:ffffffffffffffff:text:0', { joined: 'x', offsets: typed.u32([0, 1]) }],
      ['ds:ffffffffffffffff:id:0', { joined: 'y', offsets: typed.u32([0, 1]) }],
      ['meta:eeeeeeeeeeeeeeee', { key: 'eeeeeeeeeeeeeeee' }],
    ])
    expect((await idbKeys(page)).length).toBe(complete.length + 3)
    await page.reload()
    await waitReady(page)
    await expect.poll(() => idbKeys(page)).toEqual(complete)
    await expect(count(page)).toHaveText('9')
  })

  test('a dataset saved by an earlier version (plain string arrays in one record) still opens', async ({ page }) => {
    await openApp(page, 'lang=en')
    // Write the record as the first version of the app did, straight into IndexedDB.
    const { meta, columns } = firstVersionRecord({
      key: 'aaaaaaaaaaaaaaaa',
      name: 'old.md',
      file: 'old.md',
      lesson: '01 | 旧课',
      ids: ['0000000000a', '0000000000b'],
      days: [18700, 18701],
    })
    await idbPut(page, [
      ['ds:aaaaaaaaaaaaaaaa', { meta, columns }],
      ['index', [meta]],
    ])
    await page.goto('./?ds=aaaaaaaaaaaaaaaa&lang=en')
    await waitReady(page)
    expect(await kpis(page)).toEqual({ comments: '2', likes: '7', replies: '1' })
    await page.getByTestId('search').fill('pdf')
    await page.getByTestId('search').press('Enter')
    await expect(count(page)).toHaveText('1')
    // Listed from the one-entry index that version kept; deleting it takes it out of that index too.
    const options = page.getByTestId('dataset-switcher').locator('option')
    await expect(options).toHaveCount(2)
    await expect(options.nth(1)).toHaveText('old.md · 2 comments · 100 B · 2021-01-01')
    await page.getByTestId('dataset-delete').click()
    await expect(page.getByTestId('dataset-switcher')).toHaveCount(0)
    await page.reload()
    await waitReady(page)
    await expect(page.getByTestId('dataset-switcher')).toHaveCount(0)
  })

  test('the switcher lists stored datasets; delete can be undone', async ({ page }) => {
    await openApp(page, 'lang=en')
    await uploadCourse(page)
    const switcher = page.getByTestId('dataset-switcher')
    await expect(switcher.locator('option')).toHaveCount(2)
    await expect(switcher.locator('option').nth(1)).toContainText('某某分布式存储课 · 9 comments')
    await switcher.selectOption('sample')
    await expect(count(page)).toHaveText('20')
    await expect(page).toHaveURL(/\?(.*&)?lang=en/)
    await page.goBack()
    await expect(count(page)).toHaveText('9')
    await page.getByTestId('dataset-delete').click()
    await expect(count(page)).toHaveText('20')
    const undo = page.getByRole('button', { name: 'Undo' })
    await expect(undo).toBeVisible()
    await undo.click()
    await expect(page.getByTestId('notice').filter({ hasText: 'Restored dataset' })).toBeVisible()
    await expect(switcher.locator('option')).toHaveCount(2)
    await switcher.selectOption({ index: 1 })
    await expect(count(page)).toHaveText('9')
  })

  test('a storage failure is reported and the data stays usable in memory', async ({ page }) => {
    await page.addInitScript(() => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
    })
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles(fixture('lesson/course-lesson-01.md'))
    await expect(count(page)).toHaveText('3')
    await expect(page.getByTestId('error').filter({ hasText: 'Could not save data in this browser' })).toBeVisible()
    await page.getByTestId('search').fill('加餐')
    await expect(count(page)).toHaveText('1')
  })
})

test.describe('a newer export of the same lesson', () => {
  test('added to the dataset: kept once with newer counts, new ones marked and filterable', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles(fixture('reimport/lesson-05-week1.md'))
    await expect(count(page)).toHaveText('3')
    expect(await kpis(page)).toEqual({ comments: '3', likes: '4', replies: '1' })
    await page.getByTestId('upload-add').check()
    await page.getByTestId('upload').setInputFiles(fixture('reimport/lesson-05-week2.md'))
    await expect(count(page)).toHaveText('5')
    expect(await kpis(page)).toEqual({ comments: '5', likes: '14', replies: '3' })
    await expect(page.getByTestId('notice').filter({ hasText: 'Merged: 2 new comments, 1 with updated likes or replies.' })).toBeVisible()
    await expect(page.getByTestId('new-badge')).toHaveCount(2)
    await page.getByTestId('filter-new').selectOption({ index: 1 })
    await expect(count(page)).toHaveText('2')
    await expect(page.getByTestId('filter-pill')).toHaveText([/New since \d{4}-\d{2}-\d{2}/])
    await expect(page).toHaveURL(/new=1/)
  })
})

test.describe('sharing a view of an uploaded dataset', () => {
  test('a recipient without the dataset is told what to upload; uploading it restores the exact view', async ({ page, browser }) => {
    await openApp(page, 'lang=en')
    await uploadCourse(page)
    await page.getByTestId('filter-questions').selectOption('open')
    await expect(count(page)).toHaveText('3')
    const url = page.url()

    const ctx = await browser.newContext()
    const p2 = await ctx.newPage()
    await p2.goto(url)
    await expect(p2.getByTestId('dataset-missing')).toBeVisible()
    await expect(p2.getByTestId('error').filter({ hasText: 'This view needs dataset' })).toContainText('course/docs/01 | 基础概念.md')
    await expect(p2.getByTestId('dataset-missing')).toContainText('Files needed:')
    await expect(p2.getByTestId('kpi-comments')).toHaveCount(0)
    await p2.getByTestId('upload-folder').setInputFiles(fixture('course'))
    await expect(p2.getByTestId('kpi-comments')).toHaveText('3')
    await expect(p2.getByTestId('filter-pill')).toHaveText([/Unanswered questions/])
    expect(new URL(p2.url()).searchParams.get('ds')).toBe(new URL(url).searchParams.get('ds'))
    await ctx.close()
  })

  test('a link to a dataset without file names says what to upload instead of listing nothing', async ({ page }) => {
    await page.goto('./?lang=en&ds=abc123def456&questions=open')
    const missing = page.getByTestId('dataset-missing')
    await expect(missing).toBeVisible()
    await expect(missing).not.toContainText('Files needed')
    await expect(page.getByTestId('error').filter({ hasText: 'abc123def456' })).toHaveText(
      /^This view needs dataset abc123def456, which is not in this browser\. Upload the same files, or the dataset file a colleague downloaded, to restore the exact view\./,
    )
  })

  test('the downloaded dataset file restores the same view elsewhere', async ({ page, browser }) => {
    await openApp(page, 'lang=en')
    await uploadCourse(page)
    await page.getByTestId('filter-questions').selectOption('open')
    const url = page.url()
    await page.getByTestId('export-open').click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-dataset').click()])
    const file = await download.path()

    const ctx = await browser.newContext()
    const p2 = await ctx.newPage()
    await p2.goto(url)
    await expect(p2.getByTestId('dataset-missing')).toBeVisible()
    await p2.getByTestId('upload').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(file) })
    await expect(p2.getByTestId('kpi-comments')).toHaveText('3')
    expect(new URL(p2.url()).searchParams.get('ds')).toBe(new URL(url).searchParams.get('ds'))
    await ctx.close()
  })
})

test.describe('exports read back', () => {
  test('CSV (BOM, neutralised) and JSON hold exactly the filtered comments; the Markdown report the requests table', async ({ page }) => {
    await openApp(page, 'lang=en&theme=bonus')
    await expect(count(page)).toHaveText('6')
    await page.getByTestId('export-open').click()
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    const csv = readFileSync(await csvDl.path(), 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data
    expect(rows).toHaveLength(6)
    expect(rows.map((r) => r.author)).toEqual(['jeffery', 'Geek_daf51a', '赵先生', 'mmm', '幽幽夜', '云原生工程师'])
    expect(rows.reduce((s, r) => s + Number(r.likes), 0)).toBe(27)

    await page.getByTestId('export-open').click()
    const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()])
    const json = JSON.parse(readFileSync(await jsonDl.path(), 'utf8')) as { author: string; likes: number; text: string }[]
    expect(json.map((c) => c.author)).toEqual(rows.map((r) => r.author))
    expect(json[0].text).toBe('真不舍！太清爽了！希望加餐！😀要求是不是太过分了😀多谢唐老师三个月份的付出分享！确实牛')

    await page.getByTestId('export-open').click()
    const [mdDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()])
    const md = readFileSync(await mdDl.path(), 'utf8')
    expect(md).toContain('| Bonus content | 6 | 6 | 27 |')
    expect(md).toContain('Request: Bonus content')
  })
})

test.describe('getting files in', () => {
  test('dropping a file anywhere on the page imports it', async ({ page }) => {
    await openApp(page, 'lang=en')
    const content = readFileSync(fixture('lesson/course-lesson-01.md'), 'utf8')
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer()
      d.items.add(new File([text], 'course-lesson-01.md', { type: 'text/markdown' }))
      return d
    }, content)
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt })
    await page.dispatchEvent('body', 'dragover', { dataTransfer: dt })
    await page.dispatchEvent('body', 'drop', { dataTransfer: dt })
    await expect(count(page)).toHaveText('3')
    await expect(page.getByTestId('dataset-name')).toHaveText('course-lesson-01.md')
  })

  test('pasting text imports it', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('paste-open').click()
    await page.getByTestId('paste-text').fill('author,likes,replies,date,text\n甲,5,1,2021-03-01,希望加餐\n乙,0,0,2021-03-02,有没有 PDF？\n')
    await page.getByTestId('paste-import').click()
    await expect(count(page)).toHaveText('2')
    expect(await kpis(page)).toEqual({ comments: '2', likes: '5', replies: '1' })
  })
})

test('columns that cannot be recognised are mapped by hand, and the mapping is remembered', async ({ page }) => {
  await openApp(page, 'lang=en')
  await page.getByTestId('upload').setInputFiles(fixture('mapping/unknown-headers.csv'))
  await expect(page.getByTestId('error').filter({ hasText: 'No recognisable columns in unknown-headers.csv' })).toBeVisible()
  await expect(count(page)).toHaveText('20')
  const mapper = page.getByTestId('column-mapper')
  await expect(mapper).toBeVisible()
  await expect(mapper.locator('thead th')).toHaveText(['nick', 'body_text', 'thumbs', 'when'])
  await expect(mapper.locator('tbody tr')).toHaveCount(3)
  await page.getByTestId('map-text').selectOption({ label: 'body_text' })
  await page.getByTestId('map-author').selectOption({ label: 'nick' })
  await page.getByTestId('map-likes').selectOption({ label: 'thumbs' })
  await page.getByTestId('map-date').selectOption({ label: 'when' })
  await page.getByTestId('map-apply').click()
  await expect(count(page)).toHaveText('3')
  expect(await kpis(page)).toEqual({ comments: '3', likes: '15', replies: '0' })
  // The same header layout imports directly next time.
  await page.getByTestId('dataset-switcher').selectOption('sample')
  await expect(count(page)).toHaveText('20')
  await page.getByTestId('upload').setInputFiles(fixture('mapping/unknown-headers.csv'))
  await expect(count(page)).toHaveText('3')
  await expect(page.getByTestId('column-mapper')).toHaveCount(0)
})

test('JSON records with keys of their own are mapped by hand, and the mapping is remembered', async ({ page }) => {
  // Nested under a key the importer does not know; keys that name no field.
  const records = [
    { nick: '甲', msg: '希望加餐讲讲 Raft', up: 12, ts: '2021-05-01', extra: { tag: 'x' } },
    { nick: '乙', msg: '思考题答案在哪？', up: 3, ts: '2021-05-02' },
    { nick: '丙', msg: '打卡', up: 0, ts: '2021-05-03' },
    { nick: '丁', msg: '', up: 1, ts: '2021-05-04' },
  ]
  const file = { name: 'unknown-keys.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ export: records }, null, 2)) }
  await openApp(page, 'lang=en')
  await page.getByTestId('upload').setInputFiles(file)
  const error = page.getByTestId('error').filter({ hasText: 'No recognisable columns in unknown-keys.json' })
  await expect(error).toBeVisible()
  await expect(error).toContainText('found keys: nick, msg, up, ts, extra')
  await expect(count(page)).toHaveText('20')
  const mapper = page.getByTestId('column-mapper')
  await expect(mapper).toBeVisible()
  await expect(mapper.locator('thead th')).toHaveText(['nick', 'msg', 'up', 'ts', 'extra'])
  await expect(mapper.locator('tbody tr')).toHaveCount(4)
  await expect(mapper.locator('tbody tr').first().locator('td')).toHaveText(['甲', '希望加餐讲讲 Raft', '12', '2021-05-01', '{"tag":"x"}'])
  await page.getByTestId('map-text').selectOption({ label: 'msg' })
  await page.getByTestId('map-author').selectOption({ label: 'nick' })
  await page.getByTestId('map-likes').selectOption({ label: 'up' })
  await page.getByTestId('map-date').selectOption({ label: 'ts' })
  await page.getByTestId('map-apply').click()
  // The record with an empty text is skipped.
  await expect(count(page)).toHaveText('3')
  expect(await kpis(page)).toEqual({ comments: '3', likes: '15', replies: '0' })
  await expect(error).toHaveCount(0)
  await expect(mapper).toHaveCount(0)
  // The same keys import directly next time, in another file too.
  await page.getByTestId('dataset-switcher').selectOption('sample')
  await expect(count(page)).toHaveText('20')
  const more = [...records, { nick: '戊', msg: '求 PDF', up: 5, ts: '2021-05-05' }]
  await page.getByTestId('upload').setInputFiles({ ...file, name: 'unknown-keys-2.json', buffer: Buffer.from(JSON.stringify({ export: more })) })
  await expect(count(page)).toHaveText('4')
  expect(await kpis(page)).toEqual({ comments: '4', likes: '20', replies: '0' })
  await expect(page.getByTestId('column-mapper')).toHaveCount(0)
  await expect(page.getByTestId('error').filter({ hasText: 'No recognisable columns' })).toHaveCount(0)
})

test('a new import’s notices replace the last import’s; other alerts stay', async ({ page }) => {
  await page.goto('./?lang=en&bogus=1')
  await expect(page.getByTestId('kpi-comments')).toBeVisible()
  const url = page.getByTestId('error').filter({ hasText: 'bogus=1' })
  await expect(url).toHaveCount(1)
  const csv = (rows: string) => Buffer.from('author,likes,date,text\n' + rows)
  await page.getByTestId('upload').setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: csv('a,1,2021-03-22,希望加餐\nb,x,2021-03-22,bad likes\n') })
  await expect(page.getByTestId('notice').filter({ hasText: 'Imported 1 comments' })).toBeVisible()
  await expect(page.getByTestId('error').filter({ hasText: '1 rows skipped' })).toBeVisible()
  await page.getByTestId('upload').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') })
  await expect(page.getByTestId('error').filter({ hasText: 'empty.csv is empty' })).toBeVisible()
  await expect(page.getByTestId('notice')).toHaveCount(0)
  await expect(page.getByTestId('error').filter({ hasText: 'rows skipped' })).toHaveCount(0)
  await page.getByTestId('upload').setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: csv('c,2,2021-03-23,思考题答案呢\n') })
  await expect(page.getByTestId('notice')).toHaveText([/Imported 1 comments \(1 read from 1 files\)/])
  await expect(page.getByTestId('error')).toHaveCount(1)
  await expect(url).toHaveCount(1)
})

test('each import offers its report, with files, counts and skipped rows with lines', async ({ page }) => {
  await openApp(page, 'lang=en')
  await page.getByTestId('upload').setInputFiles(fixture('json/array.json'))
  const done = page.getByTestId('notice').filter({ hasText: 'Imported 3 comments' })
  await expect(done).toBeVisible()
  const [dl] = await Promise.all([page.waitForEvent('download'), done.getByRole('button', { name: 'Download import report' }).click()])
  const text = readFileSync(await dl.path(), 'utf8')
  expect(text).toContain('# Import report')
  expect(text).toContain('6 read, 3 imported, 3 skipped, from 1 files')
  expect(text).toContain('array.json:7 — likes or replies is not a number (likes: "很多")')
})

test.describe('big files', () => {
  const big = (name: string, bytes: number) => {
    const dir = path.join(import.meta.dirname, '.tmp')
    const file = path.join(dir, name)
    if (!existsSync(file) || statSync(file).size < bytes) {
      mkdirSync(dir, { recursive: true })
      writeFileSync(file, csvOfSize(bytes + 1_000_000))
    }
    return file
  }

  test('a 60 MB file shows its progress and can be cancelled, keeping the data in view', async ({ page }) => {
    const file = big('big-60mb.csv', 60_000_000)
    await openApp(page, 'lang=en')
    await recordProgress(page)
    await page.getByTestId('upload').setInputFiles(file)
    await expect(page.getByTestId('import-progress')).toBeVisible()
    await expect.poll(() => progressSeen(page).then((p) => p.values.filter((v) => v > 0).length), { timeout: 30_000 }).toBeGreaterThan(1)
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByTestId('import-progress')).toBeHidden()
    await expect(page.getByTestId('notice')).toContainText('Import cancelled')
    expect(await kpis(page)).toEqual(SAMPLE_KPI_TEXT)
  })

  test('a file beyond the device’s memory budget is refused before it is read', async ({ page }) => {
    const file = big('big-20mb.csv', 20_000_000)
    await page.addInitScript(() => Object.defineProperty(navigator, 'deviceMemory', { value: 0.05 }))
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles(file)
    await expect(page.getByTestId('error')).toContainText('big-20mb.csv is too large to import')
    await expect(page.getByTestId('error')).toContainText('The data in view is unchanged.')
    expect(await kpis(page)).toEqual(SAMPLE_KPI_TEXT)
  })
})
