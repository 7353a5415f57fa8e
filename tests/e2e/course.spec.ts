import { readFileSync } from 'node:fs'
import { test, expect, openApp, fixture, kpis } from './fixtures'
import { chartTable, clickMark } from './charts'

test.describe('a whole course', () => {
  test('a folder upload becomes one dataset, one lesson per file; index, intro and mkdocs.yml are skipped in one notice', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('upload-folder').setInputFiles(fixture('course'))
    await expect(page.getByTestId('kpi-comments')).toHaveText('9')
    expect(await kpis(page)).toEqual({ comments: '9', likes: '43', replies: '5' })
    // The course is named by its mkdocs.yml, not by its first file.
    await expect(page.getByTestId('dataset-name')).toHaveText('某某分布式存储课')
    // Three files without comments: one notice with the count, no error, the files behind a disclosure.
    await expect(page.getByTestId('error')).toHaveCount(0)
    const notice = page.getByTestId('notice').filter({ hasText: 'without comments' })
    await expect(notice).toHaveCount(1)
    await expect(notice).toContainText('3 files without comments were skipped')
    await expect(notice.getByRole('listitem')).toHaveCount(0)
    await notice.getByText('Show the 3 files').click()
    const items = notice.getByRole('listitem')
    await expect(items).toHaveCount(3)
    const texts = await items.allInnerTexts()
    for (const name of ['index.md', 'mkdocs.yml', '某某分布式存储课.md']) expect(texts.filter((x) => x.includes(name))).toHaveLength(1)
    expect(texts.find((x) => x.includes('index.md'))).toContain('No comment block found in course/docs/index.md: expected a heading')
  })

  test('no file sinks a folder: a broken JSON, a binary and a lesson that starts like JSON', async ({ page }) => {
    await openApp(page, 'lang=en')
    const lesson = readFileSync(fixture('course', 'docs', '01 | 基础概念.md'), 'utf8')
    await page.getByTestId('upload').setInputFiles([
      // A Markdown lesson that begins with a link: read as a lesson, not as JSON.
      { name: '01.md', mimeType: 'text/markdown', buffer: Buffer.from(`[2019年最新学习全攻略](https://example.com/x)\n\n${lesson}`) },
      { name: 'intro.md', mimeType: 'text/markdown', buffer: Buffer.from('[只是一个链接](https://example.com/y)\n\n课程介绍，没有留言。') },
      { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('[{"content": "unfinished"') },
      { name: 'image.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 1, 2, 3]) },
    ])
    await expect(page.getByTestId('kpi-comments')).toHaveText('1')
    const error = page.getByTestId('error')
    await expect(error).toHaveCount(1)
    await expect(error).toContainText('2 files could not be read and were skipped; the other files were imported.')
    await error.getByText('Show the 2 files').click()
    await expect(error.getByRole('listitem')).toHaveText([/broken\.json is not valid JSON/, /image\.png is a binary file/])
    await expect(page.getByTestId('notice').filter({ hasText: '1 file without comments' })).toContainText('1 file without comments was skipped')
  })

  test('when no file of a folder holds a comment, an error names them and the data in view stays', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles([
      { name: 'a.md', mimeType: 'text/markdown', buffer: Buffer.from('[链接](https://example.com)') },
      { name: 'b.json', mimeType: 'application/json', buffer: Buffer.from('{') },
    ])
    const error = page.getByTestId('error')
    await expect(error).toContainText('None of the 2 files holds a comment that could be imported. The data in view is unchanged.')
    await error.getByText('Show the 2 files').click()
    await expect(error.getByRole('listitem')).toHaveText([/No comment block found in a\.md/, /b\.json is not valid JSON/])
    await expect(page.getByTestId('kpi-comments')).toHaveText('20')
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
