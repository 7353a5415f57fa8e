import { existsSync, readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { test, expect, openApp, fixture, kpis, recordProgress, progressSeen } from './fixtures'
import { chartTable, clickMark } from './charts'
import { generatePlatform } from '../../scripts/gen-platform'
import { SAMPLE_KPI_TEXT } from '../fixtures/sampleExpected'

// tests/fixtures/platform: three courses in two category folders, as a platform mirror holds them.
// 甲存储课 (named 甲存储课程 by its mkdocs.yml): 3 comments; 乙缓存课 (no mkdocs.yml): 2; 丙前端课: 4.
const COURSE_COLUMNS = 7

async function uploadPlatform(page: import('@playwright/test').Page) {
  await page.getByTestId('upload-folder').setInputFiles(fixture('platform'))
  await expect(page.getByTestId('kpi-comments')).toHaveText('9')
}

test.describe('courses as a dimension', () => {
  test('a folder of courses: one row per course with its counts, the whole dataset above them, two alerts at most', async ({ page }) => {
    await openApp(page, 'lang=en')
    await uploadPlatform(page)
    expect(await kpis(page)).toEqual({ comments: '9', likes: '26', replies: '4' })
    await expect(page.getByTestId('dataset-name')).toHaveText('platform')
    // README.txt, index.md and mkdocs.yml hold no comments: one notice, no error.
    await expect(page.getByTestId('error')).toHaveCount(0)
    await expect(page.getByTestId('notice').filter({ hasText: 'without comments' })).toContainText('3 files without comments were skipped')
    const table = await chartTable(page, 'courses')
    expect(table[0].slice(0, COURSE_COLUMNS)).toEqual(['Course', 'Category', 'Comments', 'Likes', 'Replies', 'Authors', 'Unanswered questions'])
    expect(table.slice(1).map((r) => r.slice(0, COURSE_COLUMNS))).toEqual([
      ['丙前端课', '前端-移动', '4', '8', '1', '4', '1'],
      ['甲存储课程', '后端-架构', '3', '8', '1', '3', '0'],
      ['乙缓存课', '后端-架构', '2', '10', '2', '2', '0'],
    ])
    // A theme column per request theme, as comments per 100: six themes.
    expect(table[0].slice(COURSE_COLUMNS)).toHaveLength(6)
    expect(table[0][COURSE_COLUMNS]).toBe('Bonus content per 100 comments')
    // The whole dataset, which each course's rates compare with, is a line above the table, not a row.
    await page.getByTestId('chart-courses-table').click()
    await expect(page.getByTestId('chart-courses').locator('.table-summary')).toContainText(
      'All courses: Comments 9 · Likes 26 · Replies 4 · Unanswered questions 1 · Bonus content per 100 comments ',
    )
  })

  test('clicking a course filters to it (pill, URL), and the lessons chart shows its lessons; a reload keeps the view', async ({ page }) => {
    await openApp(page, 'lang=en')
    await uploadPlatform(page)
    // Bars are ranked by comments: 丙前端课, 甲存储课程, 乙缓存课.
    await clickMark(page, 'courses', 'courses', 1)
    await expect(page.getByTestId('kpi-comments')).toHaveText('3')
    await expect(page.getByTestId('filter-pill')).toHaveText([/Course: 甲存储课程/])
    await expect(page).toHaveURL(/course=%E7%94%B2%E5%AD%98%E5%82%A8%E8%AF%BE%E7%A8%8B/)
    expect((await chartTable(page, 'lessons')).slice(1).map((r) => r[0])).toEqual(['01 | 开篇', '结束语 | 再见'])
    // The courses chart keeps every course (a chart shows every filter but its own).
    expect((await chartTable(page, 'courses')).length).toBe(4)
    await page.reload()
    await expect(page.getByTestId('kpi-comments')).toHaveText('3')
    await expect(page.getByTestId('filter-pill')).toHaveText([/Course: 甲存储课程/])
    // Two courses both have a 结束语 | 再见: a lesson filter within the course counts its own.
    await page.goto(page.url().replace(/\?/, '?lesson=%E7%BB%93%E6%9D%9F%E8%AF%AD+%7C+%E5%86%8D%E8%A7%81&'))
    await expect(page.getByTestId('kpi-comments')).toHaveText('1')
  })

  test('without a chosen course the lessons chart lists the top lessons across courses, each with its course', async ({ page }) => {
    await openApp(page, 'lang=en&lmeasure=comments')
    await uploadPlatform(page)
    await expect(page.getByTestId('chart-lessons')).toContainText('The 4 lessons with the most Comments of 4, across 3 courses')
    expect((await chartTable(page, 'lessons')).slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['01 | 开篇 · 丙前端课', '4'],
      ['01 | 开篇 · 甲存储课程', '2'],
      ['结束语 | 再见 · 乙缓存课', '2'],
      ['结束语 | 再见 · 甲存储课程', '1'],
    ])
  })

  test('the measure ranks courses: a theme per 100 comments travels in the URL', async ({ page }) => {
    await openApp(page, 'lang=en')
    await uploadPlatform(page)
    await page.getByTestId('courses-measure').selectOption('likes')
    await expect(page).toHaveURL(/cmeasure=likes/)
    expect((await chartTable(page, 'courses')).slice(1).map((r) => r[0])).toEqual(['乙缓存课', '丙前端课', '甲存储课程'])
    await page.getByTestId('courses-measure').selectOption('theme:errata')
    await expect(page).toHaveURL(/cmeasure=theme%3Aerrata/)
  })

  test('search finds a course by its title; the CSV export carries the course', async ({ page }) => {
    await openApp(page, 'lang=en')
    await uploadPlatform(page)
    await page.getByTestId('search').fill('丙前端')
    await page.getByTestId('search').press('Enter')
    await expect(page.getByTestId('kpi-comments')).toHaveText('4')
    await page.getByTestId('export-open').click()
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    const rows = Papa.parse<Record<string, string>>(readFileSync(await dl.path(), 'utf8').slice(1), { header: true, skipEmptyLines: true }).data
    expect(rows.map((r) => r.course)).toEqual(['丙前端课', '丙前端课', '丙前端课', '丙前端课'])
  })

  test('the Markdown report compares each course’s requests per 100 comments with all courses’', async ({ page }) => {
    await openApp(page, 'lang=en')
    await uploadPlatform(page)
    await page.getByTestId('export-open').click()
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()])
    const md = readFileSync(await dl.path(), 'utf8')
    expect(md).toContain('## Requests per 100 comments, by course')
    const table = md
      .split('## Requests per 100 comments, by course')[1]
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| :--'))
    expect(table.map((l) => l.split(' | ').slice(0, 2).join(' | '))).toEqual([
      '| Course | Comments',
      '| All courses | 9',
      '| 丙前端课 | 4',
      '| 甲存储课程 | 3',
      '| 乙缓存课 | 2',
    ])
  })

  test('with more than 30 courses the chart draws the top 30 and says so; a chosen course below them is drawn too', async ({ page }) => {
    // 35 courses, course Ck with k comments: the top 30 by comments are C35 down to C06.
    const lines = ['course,lesson,author,text']
    for (let k = 1; k <= 35; k++) for (let i = 0; i < k; i++) lines.push(`C${String(k).padStart(2, '0')},L1,a${i},hello ${k} ${i}`)
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles({ name: 'courses.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) })
    await expect(page.getByTestId('kpi-comments')).toHaveText('630')
    const chart = page.getByTestId('chart-courses')
    await expect(chart).toContainText('Top 30 of 35 courses by Comments; the table lists them all.')
    expect((await chartTable(page, 'courses')).length).toBe(1 + 35)
    // The last bar drawn is C06.
    await clickMark(page, 'courses', 'courses', 29)
    await expect(page).toHaveURL(/[?&]course=C06(&|$)/)
    await expect(page.getByTestId('kpi-comments')).toHaveText('6')
    // A course below the top 30, chosen by the URL (the dataset reopens from the browser's store),
    // is drawn after them: 31 bars, the last C01.
    await page.goto(page.url().replace('course=C06', 'course=C01'))
    await expect(page.getByTestId('kpi-comments')).toHaveText('1')
    await clickMark(page, 'courses', 'courses', 30)
    // Clicking the chosen course again lets it go.
    await expect(page).not.toHaveURL(/[?&]course=/)
    await expect(page.getByTestId('kpi-comments')).toHaveText('630')
  })

  test('a single course has no courses chart', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('upload-folder').setInputFiles(fixture('course'))
    await expect(page.getByTestId('kpi-comments')).toHaveText('9')
    await expect(page.getByTestId('chart-courses')).toHaveCount(0)
  })
})

// The ten real courses beside the project (../shared/data/real/mirror), when present.
const MIRROR = new URL('../../../shared/data/real/mirror', import.meta.url).pathname
test('the ten shared courses in one folder upload: ten rows, course= filters to each, two alerts at most', async ({ page }) => {
  test.skip(!existsSync(MIRROR), 'the shared courses are not beside the project')
  test.setTimeout(120_000)
  await openApp(page, 'lang=en')
  await page.getByTestId('upload-folder').setInputFiles(MIRROR)
  await expect(page.getByTestId('kpi-comments')).toHaveText('6,849', { timeout: 60_000 })
  expect(await page.getByRole('alert').count()).toBeLessThanOrEqual(2)
  expect(await page.getByTestId('notice').filter({ hasText: 'without comments' }).count()).toBe(1)
  const rows = (await chartTable(page, 'courses')).slice(1)
  expect(rows).toHaveLength(10)
  const counts = new Map(rows.map((r) => [r[0], r[2].replace(/,/g, '')]))
  expect(Object.fromEntries(counts)).toEqual({
    Linux性能优化实战: '948',
    '10x程序员工作法': '844',
    重学前端: '776',
    Redis核心技术与实战: '770',
    趣谈网络协议: '737',
    MySQL实战45讲: '735',
    数据分析实战45讲: '723',
    邱岳的产品实战: '678',
    人工智能基础课: '424',
    'Vue 3 企业级项目实战课': '214',
  })
  for (const [course, n] of [
    ['MySQL实战45讲', '735'],
    ['Vue 3 企业级项目实战课', '214'],
  ]) {
    await page.goto(page.url().replace(/[?&]course=[^&]*/g, '') + `&course=${encodeURIComponent(course)}`)
    await expect(page.getByTestId('kpi-comments')).toHaveText(n)
  }
})

test('a generated platform folder: progress counts files, Cancel keeps the data, the whole import is saved and reloads', async ({ page }) => {
  test.skip(!existsSync(MIRROR), 'the shared courses are not beside the project')
  test.setTimeout(180_000)
  const dir = new URL('./.tmp/platform-1200', import.meta.url).pathname
  const made = generatePlatform(dir, 1200, MIRROR)
  await openApp(page, 'lang=en')
  await recordProgress(page)
  // Cancelled while it runs: the sample stays.
  await page.getByTestId('upload-folder').setInputFiles(dir)
  await expect(page.getByTestId('import-progress')).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('import-progress')).toBeHidden()
  expect(await kpis(page)).toEqual(SAMPLE_KPI_TEXT)
  // Whole: every course in, progress named files of the folder's count.
  await page.getByTestId('upload-folder').setInputFiles(dir)
  await expect(page.getByTestId('chart-courses')).toBeVisible({ timeout: 120_000 })
  const { texts } = await progressSeen(page)
  expect(texts.some((t) => new RegExp(`file [0-9,]+ of ${made.files.toLocaleString('en')}`).test(t))).toBe(true)
  const comments = await page.getByTestId('kpi-comments').innerText()
  expect((await chartTable(page, 'courses')).length - 1).toBe(made.courses)
  // Saved in the browser: a reload brings the same dataset back.
  await page.waitForTimeout(1500)
  await page.reload()
  await expect(page.getByTestId('kpi-comments')).toHaveText(comments, { timeout: 60_000 })
})
