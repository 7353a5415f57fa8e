import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { test, expect, openApp, kpis, fixture, waitReady, recordProgress, progressSeen } from './fixtures'
import { csvOfSize } from '../../bench/generate'
import { SAMPLE_KPI_TEXT } from '../fixtures/sampleExpected'

test.describe('first screen on the built-in dataset', () => {
  test('shows the sample under a readable name with 20 comments, 50 likes, 17 replies', async ({ page }) => {
    await openApp(page, 'lang=zh-CN')
    await expect(page.getByTestId('dataset-name')).toHaveText('etcd 实战课 · 结束语（内置示例）')
    expect(await kpis(page)).toEqual(SAMPLE_KPI_TEXT)
    await expect(page.getByTestId('kpi-authors')).toHaveText('20')
    await expect(page.getByTestId('kpi-span')).toHaveText('2021-03-22 – 2022-11-20')
    await expect(page.getByTestId('error')).toHaveCount(0)
  })

  test('speaks English with ?lang=en and switches back with the language control', async ({ page }) => {
    await openApp(page, 'lang=en')
    await expect(page.getByTestId('dataset-name')).toHaveText('etcd in Practice · Closing lesson (built-in sample)')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await page.getByTestId('lang').selectOption('zh-CN')
    await expect(page.getByTestId('dataset-name')).toHaveText('etcd 实战课 · 结束语（内置示例）')
  })

  test('serves a Content-Security-Policy that forbids inline and eval’d script', async ({ page }) => {
    await openApp(page)
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain('img-src https: data:')
  })

  test('requires Trusted Types: markup from a string is refused, clearing and the app itself are not', async ({ page }) => {
    // The guard fixture fails this test on any violation the app itself causes; count the probe's own.
    await openApp(page, 'lang=en')
    const probe = await page.evaluate(async () => {
      const w = window as unknown as { __csp: string[] }
      const el = document.createElement('div')
      let markup = 'written'
      try {
        // eslint-disable-next-line no-restricted-properties -- the probe: this write must be refused
        el.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__tt=1">')
      } catch (e) {
        markup = (e as Error).name
      }
      el.textContent = 'x'
      el.replaceChildren()
      // The violation event is queued: let it arrive, then take it out of the guard's list.
      await new Promise((r) => setTimeout(r, 100))
      const violations = w.__csp.splice(0).map((v) => v.split(' ')[0])
      return { markup, children: el.childNodes.length, violations }
    })
    expect(probe).toEqual({ markup: 'TypeError', children: 0, violations: ['require-trusted-types-for'] })
  })
})

test.describe('uploading each kind of file', () => {
  const cases: [string, string, { comments: string; likes: string; replies: string }][] = [
    ['lesson Markdown', 'lesson/course-lesson-01.md', { comments: '3', likes: '13', replies: '3' }],
    ['saved lesson page', 'lesson/saved-page-p-bodies.html', { comments: '5', likes: '1,017', replies: '16' }],
    ['GB18030 CSV', 'encodings/gb18030.csv', { comments: '3', likes: '15', replies: '3' }],
    ['UTF-16 CSV', 'encodings/utf16le-bom.csv', { comments: '3', likes: '15', replies: '3' }],
    ['Geekbang API JSON', 'json/geekbang-api-page.json', { comments: '2', likes: '17', replies: '2' }],
  ]
  for (const [label, file, expected] of cases) {
    test(label, async ({ page }) => {
      await openApp(page, 'lang=en')
      await page.getByTestId('upload').setInputFiles(fixture(file))
      await expect(page.getByTestId('kpi-comments')).toHaveText(expected.comments)
      expect(await kpis(page)).toEqual(expected)
      await expect(page.getByTestId('dataset-name')).toHaveText(file.split('/').pop()!)
      await expect(page.getByTestId('error')).toHaveCount(0)
    })
  }

  test('a folder of lessons becomes one dataset, skipping files without comments with a notice', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page
      .getByTestId('upload')
      .setInputFiles([fixture('lesson/course-lesson-01.md'), fixture('lesson/saved-page-p-bodies.html'), fixture('lesson/index.md')])
    await expect(page.getByTestId('kpi-comments')).toHaveText('8')
    expect(await kpis(page)).toEqual({ comments: '8', likes: '1,030', replies: '19' })
    // A file without comments is not an error: one notice says so, with the file behind a disclosure.
    await expect(page.getByTestId('error')).toHaveCount(0)
    const notice = page.getByTestId('notice').filter({ hasText: '1 file without comments was skipped' })
    await notice.getByText('Show the file').click()
    await expect(notice.getByRole('listitem')).toHaveText([/No comment block found in index\.md/])
  })
})

test.describe('bad input keeps the data in view', () => {
  const bad: [string, string, RegExp][] = [
    ['binary file', 'encodings/binary.png', /binary\.png is a binary file/],
    ['empty file', 'encodings/empty.csv', /empty\.csv is empty/],
    ['page without comments', 'lesson/intro-no-comments.html', /No comment block found in intro-no-comments\.html/],
    ['CSV with a header only', 'csv/header-only.csv', /header-only\.csv holds no comments: only column names/],
    ['CSV whose every row is unreadable', 'csv/all-rows-bad.csv', /None of the 3 rows read from all-rows-bad\.csv could be imported/],
  ]
  for (const [label, file, message] of bad) {
    test(label, async ({ page }) => {
      await openApp(page, 'lang=en')
      await page.getByTestId('upload').setInputFiles(fixture(file))
      await expect(page.getByTestId('error')).toContainText(message)
      await expect(page.getByTestId('error')).toContainText('The data in view is unchanged.')
      expect(await kpis(page)).toEqual(SAMPLE_KPI_TEXT)
      await expect(page.getByTestId('dataset-name')).toHaveText('etcd in Practice · Closing lesson (built-in sample)')
    })
  }

  test('when no row of a CSV can be imported, each row’s line and reason is listed', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles(fixture('csv/all-rows-bad.csv'))
    const items = page.getByTestId('error').getByRole('listitem')
    await expect(items).toHaveText([
      'all-rows-bad.csv:2 — unreadable date (date: "someday")',
      'all-rows-bad.csv:3 — likes or replies is not a number (likes: "many")',
      'all-rows-bad.csv:4 — no comment text',
    ])
    await page.getByTestId('lang').selectOption('zh-CN')
    await expect(page.getByTestId('error')).toContainText('all-rows-bad.csv 中读到的 3 行都无法导入（各行原因见下）。')
  })

  test('the message is in Chinese when the UI is', async ({ page }) => {
    await openApp(page, 'lang=zh-CN')
    await page.getByTestId('upload').setInputFiles(fixture('encodings/binary.png'))
    await expect(page.getByTestId('error')).toContainText('binary.png 是二进制文件')
    await waitReady(page)
  })
})

test.describe('a big upload', () => {
  test('a generated 20 MB CSV shows a moving progress bar, then its numbers', async ({ page }) => {
    const dir = path.join(import.meta.dirname, '.tmp')
    const file = path.join(dir, 'big-20mb.csv')
    if (!existsSync(file) || statSync(file).size < 20_000_000) {
      mkdirSync(dir, { recursive: true })
      writeFileSync(file, csvOfSize(21_000_000))
    }
    await openApp(page, 'lang=en')
    await recordProgress(page)
    await page.getByTestId('upload').setInputFiles(file)
    await expect(page.getByTestId('import-progress')).toBeVisible()
    await expect(page.getByTestId('import-progress')).toBeHidden({ timeout: 60_000 })
    const { values: seen, texts } = await progressSeen(page)
    expect(seen.length).toBeGreaterThan(3)
    expect(seen[0]).toBeLessThan(50)
    expect(Math.max(...seen)).toBe(100)
    const comments = Number((await page.getByTestId('kpi-comments').innerText()).replace(/,/g, ''))
    expect(comments).toBe(Math.ceil(21_000_000 / 190))
    // Once read, the bar says what the seconds at 100 % are spent on.
    // Numbers first, the file last (the label is one line: on a phone the name is what is cut).
    expect(texts.some((x) => /^Importing: [\d.]+ (?:B|KB|MB) of [\d.]+ MB, [\d,]+ comments read · big-20mb\.csv$/.test(x))).toBe(true)
    expect(texts).toContain(`Read ${comments.toLocaleString('en')} comments; matching request themes and sorting…`)
    expect(texts.at(-1)).toBe(`Opening ${comments.toLocaleString('en')} comments…`)
    await expect(page.getByTestId('error')).toHaveCount(0)
    // 110,000 comments, but the list is virtualised: only the rows in view are in the DOM.
    const rows = await page.getByTestId('comment-row').count()
    expect(rows).toBeGreaterThan(3)
    expect(rows).toBeLessThan(60)
    // The list holds the first 10,000 comments of the order and says so at its end.
    await page.locator('.comment-list .scroller').evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect(page.getByTestId('list-limit')).toContainText(`first 10,000 of ${comments.toLocaleString('en')} comments`)
    await page.locator('.comment-list .scroller').evaluate((el) => (el.scrollTop = el.scrollHeight))
    const last = page.getByTestId('comment-row').last()
    await expect(last).toBeVisible()
  })
})

test.describe('cancel and hosting', () => {
  test('cancelling a big import keeps the data in view', async ({ page }) => {
    const file = path.join(import.meta.dirname, '.tmp', 'big-20mb.csv')
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, csvOfSize(21_000_000))
    }
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles(file)
    await expect(page.getByTestId('import-progress')).toBeVisible()
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByTestId('import-progress')).toBeHidden()
    await expect(page.getByTestId('notice')).toContainText('Import cancelled')
    expect(await kpis(page)).toEqual(SAMPLE_KPI_TEXT)
    await expect(page.getByTestId('dataset-name')).toHaveText('etcd in Practice · Closing lesson (built-in sample)')
  })

  test('the build works from a sub-path of another host', async ({ page }) => {
    const { createServer } = await import('node:http')
    const { readFile } = await import('node:fs/promises')
    const dist = path.resolve(import.meta.dirname, '../../dist')
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.txt': 'text/plain', '.md': 'text/plain' }
    const server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (!url.pathname.startsWith('/deep/sub/')) return void res.writeHead(404).end()
      const rel = url.pathname.slice('/deep/sub/'.length) || 'index.html'
      try {
        const body = await readFile(path.join(dist, rel))
        res.writeHead(200, { 'content-type': types[path.extname(rel)] ?? 'application/octet-stream' }).end(body)
      } catch {
        res.writeHead(404).end()
      }
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    try {
      await page.goto(`http://127.0.0.1:${port}/deep/sub/?lang=en`)
      await waitReady(page)
      expect(await kpis(page)).toEqual(SAMPLE_KPI_TEXT)
      await page.getByTestId('upload').setInputFiles(fixture('lesson/course-lesson-01.md'))
      await expect(page.getByTestId('kpi-comments')).toHaveText('3')
    } finally {
      server.close()
    }
  })
})

test('plain UTF-8 CSV and JSON arrays upload too', async ({ page }) => {
  await openApp(page, 'lang=en')
  await page.getByTestId('upload').setInputFiles(fixture('csv/english-comma.csv'))
  await expect(page.getByTestId('dataset-name')).toHaveText('english-comma.csv')
  await expect(page.getByTestId('kpi-comments')).toHaveText('5')
  await expect(page.getByTestId('error')).toHaveCount(0)
  // This array holds three broken items: the rest import, the skipped ones are reported with lines.
  await page.getByTestId('upload').setInputFiles(fixture('json/array.json'))
  await expect(page.getByTestId('dataset-name')).toHaveText('array.json')
  await expect(page.getByTestId('kpi-comments')).toHaveText('3')
  await expect(page.getByTestId('error')).toContainText('3 rows skipped')
  await expect(page.getByTestId('error')).toContainText('array.json:7 — likes or replies is not a number (likes: "很多")')
})
