import AxeBuilder from '@axe-core/playwright'
import { test, expect, openApp, kpis, fixture, waitReady } from './fixtures'
import type { Page } from '@playwright/test'
import { SAMPLE_KPI_TEXT } from '../fixtures/sampleExpected'

const count = (page: Page) => page.getByTestId('kpi-comments')
const pills = (page: Page) => page.getByTestId('filter-pill')

test.describe('each filter through its URL parameter', () => {
  const cases: [string, string, string, RegExp][] = [
    ['search', 'q=加餐', '6', /加餐/],
    ['search, all words', 'q=期待 加餐', '4', /期待 加餐/],
    ['search, exclusion', 'q=加餐 -期待', '2', /-期待/],
    ['search, phrase', 'q="期待后面的加餐"', '1', /期待后面的加餐/],
    ['date range', 'from=2021-03-22&to=2021-03-23', '5', /2021-03-22 – 2021-03-23/],
    ['likes range', 'likes=5-', '4', /≥ 5/],
    ['replies none', 'replies=0', '6', /回复：0/],
    ['replies any', 'replies=1-', '14', /≥ 1/],
    ['theme', 'theme=bonus', '6', /加餐/],
    ['two themes', 'theme=bonus,answers', '9', /思考题/],
    ['author', 'author=jeffery', '1', /jeffery/],
    ['lesson', 'lesson=etcd实战课 · 结束语', '20', /etcd实战课/],
    ['questions', 'questions=all', '7', /仅问题/],
    ['open questions', 'questions=open', '2', /未回复/],
  ]
  for (const [label, query, expected, pill] of cases) {
    test(label, async ({ page }) => {
      await openApp(page, `lang=zh-CN&${query}`)
      await expect(count(page)).toHaveText(expected)
      await expect(pills(page).last()).toHaveText(pill)
      // The list is virtualised: small results are all in the DOM.
      if (Number(expected) <= 6) await expect(page.getByTestId('comment-row')).toHaveCount(Number(expected))
    })
  }
})

test.describe('filters through the UI', () => {
  test('typing a search filters (replacing the history entry); Enter commits; the pill removes it', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('search').fill('加餐')
    await expect(count(page)).toHaveText('6')
    await expect(page).toHaveURL(/q=%E5%8A%A0%E9%A4%90/)
    await expect(pills(page)).toHaveText(['Search: 加餐×'].map((s) => new RegExp(s.slice(0, 8))))
    // Matches are highlighted in the list.
    await expect(page.getByTestId('comment-row').first().locator('mark').first()).toHaveText(/加餐|希望|期待/)
    await pills(page).getByRole('button').click()
    await expect(count(page)).toHaveText('20')
    await expect(pills(page)).toHaveCount(0)
  })

  test('on a small dataset each keystroke searches at once, without a debounce, and adds no history', async ({ page }) => {
    await openApp(page, 'lang=en')
    const before = await page.evaluate(() => history.length)
    // The sample's queries take a few milliseconds: typing waits for nothing (see typingDelay).
    await page.evaluate(() => {
      const w = window as unknown as { __kpi: { at: number; text: string }[] }
      w.__kpi = []
      const el = document.querySelector('[data-testid="kpi-comments"]')!
      new MutationObserver(() => w.__kpi.push({ at: performance.now(), text: el.textContent ?? '' })).observe(el, {
        subtree: true,
        childList: true,
        characterData: true,
      })
    })
    // 思 (5 comments), 思考 (4), 思考题 (3), typed 180 ms apart: a fixed 250 ms debounce would show 3 only.
    await page.getByTestId('search').pressSequentially('思考题', { delay: 180 })
    await expect(count(page)).toHaveText('3')
    const seen = await page.evaluate(() => (window as unknown as { __kpi: { text: string }[] }).__kpi.map((k) => k.text.trim()))
    expect(seen.at(-1)).toBe('3')
    // At least one count between the keystrokes (on a loaded machine the first query may be slow
    // enough to wait a little: then 思 alone may be skipped).
    expect(seen.filter((x) => x === '5' || x === '4').length).toBeGreaterThan(0)
    expect(await page.evaluate(() => history.length)).toBe(before)
  })

  test('questions, likes and dates controls, combined, then Clear', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('filter-questions').selectOption('all')
    await expect(count(page)).toHaveText('7')
    await page.getByText('More filters').click()
    await page.getByTestId('filter-likes-min').fill('1')
    await page.getByTestId('filter-likes-min').press('Enter')
    await expect(count(page)).toHaveText('5')
    await page.getByTestId('filter-from').fill('2021-06-01')
    await page.getByTestId('filter-from').dispatchEvent('change')
    await expect(count(page)).toHaveText('3')
    await expect(pills(page)).toHaveCount(3)
    await page.getByTestId('clear-filters').click()
    await expect(count(page)).toHaveText('20')
    await expect(pills(page)).toHaveCount(0)
  })

  test('author and lesson pickers', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByText('More filters').click()
    await page.getByTestId('filter-author').fill('jeffery')
    await page.getByTestId('filter-author').dispatchEvent('change')
    await expect(count(page)).toHaveText('1')
    await expect(page).toHaveURL(/author=jeffery/)
  })
})

test.describe('list and drill-down', () => {
  test('sorting by date ascending puts the oldest first', async ({ page }) => {
    await openApp(page, 'lang=en&sort=date.asc')
    await expect(page.getByTestId('comment-row').first()).toContainText('2021-03-22')
    await page.getByTestId('sort').selectOption('length')
    await expect(page).toHaveURL(/sort=length\.asc/)
    await page.getByTestId('sort-dir').click()
    await expect(page.getByTestId('comment-row').first()).toContainText('杰sir')
  })

  test('a new order starts the list at its top', async ({ page }) => {
    await openApp(page, 'lang=en')
    const scroller = page.locator('.comment-list .scroller')
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(200)
    // The list has seen the scroll (it renders the rows there) before the order changes, as it has
    // by the time a reader picks another order; on a loaded machine the scroll event can come a
    // frame later, and a new order arriving first found the list still at its top.
    await expect(page.locator('.comment-list .row-wrap').first()).not.toHaveAttribute('data-index', '0')
    await page.getByTestId('sort').selectOption('date')
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0)
    await expect(page.locator('.comment-list .row-wrap').first()).toHaveAttribute('data-index', '0')
  })

  test('clicking a row opens its detail; the deep link survives a reload; arrows step; Esc closes', async ({ page }) => {
    await openApp(page, 'lang=en')
    const first = page.getByTestId('comment-row').first()
    const id = await first.getAttribute('data-comment-id')
    await first.click()
    const detail = page.getByTestId('comment-detail')
    await expect(detail).toContainText('真不舍！太清爽了！希望加餐！')
    await expect(detail).toContainText('jeffery')
    await expect(page.getByTestId('detail-likes')).toHaveText('14')
    await expect(page.getByTestId('detail-replies')).toHaveText('2')
    await expect(page.getByTestId('detail-date')).toHaveText('2021-03-22')
    await expect(page.getByTestId('detail-themes')).toContainText('Bonus content')
    // Why it matched: the request cue and its object, read as one phrase.
    await expect(page.getByTestId('detail-theme-why')).toHaveText('“希望加餐”')
    await expect(page).toHaveURL(new RegExp(`c=${id}`))
    await page.reload()
    await waitReady(page)
    await expect(page.getByTestId('comment-detail')).toContainText('真不舍！太清爽了！希望加餐！')
    await page.keyboard.press('ArrowDown')
    await expect(page.getByTestId('detail-author')).toHaveText('江山未')
    await page.keyboard.press('ArrowUp')
    await expect(page.getByTestId('detail-author')).toHaveText('jeffery')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('comment-detail')).toHaveCount(0)
    await expect(page).not.toHaveURL(/c=/)
  })
})

test.describe('the URL is the view', () => {
  test('Back and Forward walk through committed views', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('search').fill('加餐')
    // Typing applies (and rewrites the current entry) before Enter commits it.
    await expect(count(page)).toHaveText('6')
    expect(await page.evaluate(() => history.length)).toBe(2)
    await page.getByTestId('search').press('Enter')
    expect(await page.evaluate(() => history.length)).toBe(3)
    await expect(count(page)).toHaveText('6')
    await page.getByTestId('filter-questions').selectOption('all')
    await expect(count(page)).toHaveText('1')
    await page.goBack()
    await expect(count(page)).toHaveText('6')
    await expect(page.getByTestId('filter-questions')).toHaveValue('')
    await page.goBack()
    await expect(count(page)).toHaveText('20')
    await expect(page.getByTestId('search')).toHaveValue('')
    await page.goForward()
    await expect(count(page)).toHaveText('6')
    await expect(page.getByTestId('search')).toHaveValue('加餐')
  })

  test('a shared URL opened in a new browser context reproduces the view', async ({ page, browser }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('search').fill('加餐')
    await page.getByTestId('search').press('Enter')
    await page.getByTestId('filter-questions').selectOption('all')
    await page.getByTestId('filter-questions').selectOption('')
    await page.getByText('More filters').click()
    await page.getByTestId('filter-likes-min').fill('2')
    await page.getByTestId('filter-likes-min').press('Enter')
    await expect(count(page)).toHaveText('4')
    const url = page.url()
    const other = await browser.newContext()
    const p2 = await other.newPage()
    await p2.goto(url)
    await waitReady(p2)
    await expect(p2.getByTestId('kpi-comments')).toHaveText('4')
    await expect(p2.getByTestId('filter-pill')).toHaveText([/加餐/, /≥ 2/])
    await other.close()
  })

  test('unknown and unreadable parameters are named in alerts; the rest applies', async ({ page }) => {
    await openApp(page, 'lang=en&q=加餐&likes=abc&foo=1&from=2021-02-30')
    await expect(count(page)).toHaveText('6')
    const errors = page.getByTestId('error')
    await expect(errors).toHaveCount(3)
    await expect(errors.filter({ hasText: 'likes=abc' })).toHaveCount(1)
    await expect(errors.filter({ hasText: 'foo=1' })).toHaveCount(1)
    await expect(errors.filter({ hasText: 'from=2021-02-30' })).toHaveCount(1)
  })
})

test.describe('hostile comment text', () => {
  test('markup in names and texts stays inert text in the list and the detail', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('upload').setInputFiles(fixture('hostile/markup-comments.md'))
    await expect(count(page)).toHaveText('3')
    const rows = page.getByTestId('comment-row')
    await expect(rows.first()).toContainText('<script>window.__xss=1</script>')
    await expect(rows.first()).toContainText('<img src=x onerror="window.__xss=1">')
    await rows.first().click()
    await expect(page.getByTestId('comment-detail')).toContainText('<b>粗体</b>')
    await expect(page.locator('main img[src="x"], aside img[src="x"], main script, aside b')).toHaveCount(0)
    await page.getByTestId('comment-row').nth(2).click()
    await expect(page.getByTestId('comment-detail')).toContainText("{{ constructor.constructor('window.__xss=3')() }}")
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
  })
})

test.describe('languages and layout', () => {
  test('English UI', async ({ page }) => {
    await openApp(page, 'lang=en&questions=open')
    await expect(pills(page)).toHaveText([/Unanswered questions/])
    await expect(page.getByTestId('clear-filters')).toHaveText('Clear filters')
    await page.getByTestId('lang').selectOption('zh-CN')
    await expect(pills(page)).toHaveText([/未回复的问题/])
    await expect(page).toHaveURL(/lang=zh-CN/)
  })

  test('phone: no horizontal scrolling, the detail opens as a bottom sheet', async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await ctx.newPage()
    await openApp(page, 'lang=zh-CN')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBe(0)
    await page.getByTestId('comment-row').first().click()
    const box = await page.getByTestId('comment-detail').boundingBox()
    expect(box!.width).toBe(390)
    expect(box!.y + box!.height).toBeCloseTo(844, 0)
    await ctx.close()
  })

  test('phone: after an upload, the dataset switcher and the notices fit the screen too', async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await ctx.newPage()
    await openApp(page, 'lang=en')
    // A long file name makes a long switcher label ("… · 2 comments · 140 B · date").
    const csv = 'author,likes,date,text\njeffery,3,2021-03-22,希望加餐\nmmm,1,2021-03-23,思考题答案呢？\n'
    await page.getByTestId('upload').setInputFiles({ name: 'a-rather-long-course-export-file-name-2021.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    const notice = page.getByTestId('notice').filter({ hasText: 'Imported 2 comments' })
    await expect(notice).toBeVisible()
    await expect(page.getByTestId('kpi-comments')).toHaveText('2')
    // On a phone the saved datasets are in the header's menu.
    await page.getByTestId('header-more').click()
    await expect(page.getByTestId('dataset-switcher')).toBeVisible()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBe(0)
    for (const id of ['dataset-switcher', 'dataset-delete', 'kpi-comments']) {
      const box = (await page.getByTestId(id).boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
    }
    // The notice's action sits under its message, which keeps the width to read in.
    const message = (await notice.locator('.message').boundingBox())!
    const action = (await notice.getByRole('button', { name: 'Download import report' }).boundingBox())!
    expect(action.y).toBeGreaterThanOrEqual(message.y + message.height)
    expect(message.width).toBeGreaterThan(250)
    await ctx.close()
  })

  test('phone: the theme editor’s form fits the screen', async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await ctx.newPage()
    await openApp(page, 'lang=zh-CN')
    await page.getByTestId('theme-new').click()
    await expect(page.getByTestId('theme-form')).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    for (const id of ['theme-new', 'theme-name-en', 'theme-objects']) {
      const box = (await page.getByTestId(id).boundingBox())!
      expect(box.x + box.width, id).toBeLessThanOrEqual(390)
    }
    await ctx.close()
  })

  test('every count KPI has one size, on a desk and on a phone; only the date span is smaller', async ({ page }) => {
    await openApp(page, 'lang=en')
    const size = (id: string) => page.getByTestId(id).evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 844 })
      const comments = await size('kpi-comments')
      for (const id of ['kpi-likes', 'kpi-replies', 'kpi-authors', 'kpi-with-replies', 'kpi-open-questions'])
        expect(await size(id), `${id} at ${width}px`).toBe(comments)
      expect(await size('kpi-span')).toBeLessThan(comments)
    }
  })

  test('axe: no serious or critical violations, with and without the detail open', async ({ page }) => {
    await openApp(page, 'lang=zh-CN')
    const serious = async () =>
      (await new AxeBuilder({ page }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    expect(await serious()).toEqual([])
    await page.getByTestId('comment-row').first().click()
    await expect(page.getByTestId('comment-detail')).toBeVisible()
    expect(await serious()).toEqual([])
  })
})

test('KPIs read full digits', async ({ page }) => {
  await openApp(page, 'lang=en')
  expect(await kpis(page)).toEqual(SAMPLE_KPI_TEXT)
})

test.describe('share', () => {
  test('copies the URL of the view to the clipboard and shows it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await openApp(page, 'lang=en&q=加餐')
    await page.getByTestId('share').click()
    await expect(page.getByTestId('share-url')).toHaveValue(page.url())
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url())
  })

  test('without the Clipboard API the URL is shown selected to copy by hand', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }))
    await openApp(page, 'lang=en&theme=bonus')
    await page.getByTestId('share').click()
    await expect(page.getByTestId('share-url')).toHaveValue(/theme=bonus/)
    await expect(page.getByRole('status').filter({ hasText: 'Copy this link' })).toBeVisible()
  })
})

test.describe('more filter controls', () => {
  test('replies range and lesson picker', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByText('More filters').click()
    await page.getByTestId('filter-replies-min').fill('2')
    await page.getByTestId('filter-replies-min').press('Enter')
    await expect(count(page)).toHaveText('2')
    await expect(page).toHaveURL(/replies=2-/)
    await page.getByTestId('filter-lesson').fill('etcd实战课 · 结束语')
    await page.getByTestId('filter-lesson').dispatchEvent('change')
    await expect(pills(page)).toHaveText([/Replies: ≥ 2/, /Lesson: etcd实战课 · 结束语/])
    await expect(count(page)).toHaveText('2')
  })
})

test('every chart downloads a PNG', async ({ page }) => {
  await openApp(page, 'lang=en')
  for (const name of ['likes', 'replies', 'dates', 'requests']) {
    await expect(page.getByTestId(`chart-${name}`).locator('canvas').first()).toBeVisible()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`chart-${name}-png`).click()])
    expect(download.suggestedFilename()).toBe(`comment-lens-${name}.png`)
  }
})
