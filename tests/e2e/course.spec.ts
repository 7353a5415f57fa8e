import { test, expect, openApp, fixture, kpis } from './fixtures'
import { chartTable, clickMark } from './charts'

test.describe('a whole course', () => {
  test('a folder upload becomes one dataset, one lesson per file; index, intro and mkdocs.yml are skipped with notices', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('upload-folder').setInputFiles(fixture('course'))
    await expect(page.getByTestId('kpi-comments')).toHaveText('9')
    expect(await kpis(page)).toEqual({ comments: '9', likes: '43', replies: '5' })
    // The course is named by its mkdocs.yml, not by its first file.
    await expect(page.getByTestId('dataset-name')).toHaveText('某某分布式存储课')
    const notices = page.getByTestId('error')
    await expect(notices).toHaveCount(3)
    await expect(notices.filter({ hasText: 'index.md' })).toHaveCount(1)
    await expect(notices.filter({ hasText: 'mkdocs.yml' })).toHaveCount(1)
    await expect(notices.filter({ hasText: '某某分布式存储课.md' })).toHaveCount(1)
    // Each notice names its file once.
    for (const text of await notices.allInnerTexts()) expect(text.match(/index\.md|mkdocs\.yml|某某分布式存储课\.md/g)).toHaveLength(1)
    await expect(notices.filter({ hasText: 'index.md' })).toContainText('Skipped: No comment block found in course/docs/index.md: expected a heading')
  })

  // Two of the fixture's lessons have no title line, only section headings (## 写在前面的话, ### 小结), as
  // my-geektime writes them: their titles come from the file names.
  test('the lessons chart lists lessons in course order with their numbers and top request', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('upload-folder').setInputFiles(fixture('course'))
    await expect(page.getByTestId('chart-lessons')).toBeVisible()
    expect(await chartTable(page, 'lessons')).toEqual([
      ['Lesson', 'Comments', 'Likes', 'Unanswered questions', 'Requests', 'Top request'],
      ['开篇词 | 为什么要学这门课？', '3', '23', '1', '2', 'Bonus content'],
      ['01 | 基础概念', '1', '8', '0', '1', 'Exercise answers'],
      ['02 | 存储引擎', '2', '2', '1', '1', 'Errata'],
      ['10 | 高可用：如何做多副本部署？', '2', '6', '1', '1', 'Bonus content'],
      ['结束语 | 终点也是起点', '1', '4', '0', '0', '–'],
    ])
    await page.getByTestId('lessons-measure').selectOption('likes')
    await page.getByTestId('lessons-order').selectOption('measure')
    await expect(page).toHaveURL(/lmeasure=likes&lorder=measure/)
    expect((await chartTable(page, 'lessons')).slice(1).map((r) => r[0])).toEqual([
      '开篇词 | 为什么要学这门课？',
      '01 | 基础概念',
      '10 | 高可用：如何做多副本部署？',
      '结束语 | 终点也是起点',
      '02 | 存储引擎',
    ])
  })

  test('clicking a lesson filters the dashboard to it', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('upload-folder').setInputFiles(fixture('course'))
    await expect(page.getByTestId('chart-lessons')).toBeVisible()
    await clickMark(page, 'lessons', 'lessons', 3)
    await expect(page.getByTestId('kpi-comments')).toHaveText('2')
    await expect(page.getByTestId('filter-pill')).toHaveText([/Lesson: 10 \| 高可用/])
  })

  test('a single lesson has no lessons chart', async ({ page }) => {
    await openApp(page, 'lang=en')
    await expect(page.getByTestId('chart-likes')).toBeVisible()
    await expect(page.getByTestId('chart-lessons')).toHaveCount(0)
  })
})
