import { test, expect, openApp, fixture } from './fixtures'
import { chartTable, clickMark, markPosition } from './charts'

test.describe('chart numbers, read from their tables', () => {
  test('built-in data', async ({ page }) => {
    await openApp(page, 'lang=en')
    expect(await chartTable(page, 'likes')).toEqual([
      ['Range', 'Comments'],
      ['0', '5'],
      ['1', '6'],
      ['2–4', '5'],
      ['5–9', '3'],
      ['10–49', '1'],
    ])
    expect(await chartTable(page, 'replies')).toEqual([
      ['Range', 'Comments'],
      ['0', '6'],
      ['1', '12'],
      ['2', '1'],
      ['3–5', '1'],
      ['6–10', '0'],
      ['11+', '0'],
    ])
    const dates = await chartTable(page, 'dates')
    expect(dates[0]).toEqual(['Period', 'Comments', 'Cumulative'])
    expect(dates.slice(1, 4)).toEqual([
      ['2021-03', '7', '7'],
      ['2021-04', '3', '10'],
      ['2021-05', '1', '11'],
    ])
    expect(dates.at(-1)).toEqual(['2022-11', '2', '20'])
    expect(dates).toHaveLength(22)
    expect(await chartTable(page, 'requests')).toEqual([
      ['Request', 'Comments', 'Authors', 'Likes'],
      ['Bonus content', '6', '6', '27'],
      ['Exercise answers', '4', '4', '6'],
      ['Update pace', '2', '2', '1'],
      ['Contact & community', '1', '1', '0'],
      ['Materials & source code', '1', '1', '0'],
      ['Errata', '0', '0', '0'],
    ])
  })

  test('a filtered view: each chart applies every filter but its own', async ({ page }) => {
    await openApp(page, 'lang=en&likes=5-&theme=bonus')
    await expect(page.getByTestId('kpi-comments')).toHaveText('3')
    // Likes ignores the likes filter: the six bonus requests by likes.
    expect((await chartTable(page, 'likes')).slice(1)).toEqual([
      ['0', '2'],
      ['1', '0'],
      ['2–4', '1'],
      ['5–9', '2'],
      ['10–49', '1'],
    ])
    // Requests ignores the theme filter: what the ≥5-liked comments ask for.
    expect((await chartTable(page, 'requests'))[1]).toEqual(['Bonus content', '3', '3', '25'])
  })

  test('ranking requests by likes reorders them', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('requests-rank').selectOption('likes')
    await expect(page).toHaveURL(/rank=likes/)
    const t = await chartTable(page, 'requests')
    expect(t.slice(1, 3).map((r) => r[0])).toEqual(['Bonus content', 'Exercise answers'])
  })
})

test.describe('cross-filtering from the charts', () => {
  test('clicking a likes bucket filters and adds a pill; clicking it again undoes it', async ({ page }) => {
    await openApp(page, 'lang=en')
    await clickMark(page, 'likes', 'buckets', 1)
    await expect(page.getByTestId('kpi-comments')).toHaveText('6')
    await expect(page.getByTestId('filter-pill')).toHaveText([/Likes: 1/])
    await expect(page).toHaveURL(/likes=1(&|$)/)
    await clickMark(page, 'likes', 'buckets', 1)
    await expect(page.getByTestId('kpi-comments')).toHaveText('20')
    await expect(page.getByTestId('filter-pill')).toHaveCount(0)
  })

  test('clicking a request theme filters to it', async ({ page }) => {
    await openApp(page, 'lang=en')
    await clickMark(page, 'requests', 'themes', 1)
    await expect(page.getByTestId('kpi-comments')).toHaveText('4')
    await expect(page.getByTestId('filter-pill')).toHaveText([/Exercise answers/])
    await expect(page).toHaveURL(/theme=answers/)
  })

  test('clicking a replies bucket and a period filters', async ({ page }) => {
    await openApp(page, 'lang=en')
    await clickMark(page, 'replies', 'buckets', 0)
    await expect(page.getByTestId('kpi-comments')).toHaveText('6')
    await clickMark(page, 'dates', 'periods', 20)
    await expect(page.getByTestId('kpi-comments')).toHaveText('2')
    await expect(page.getByTestId('filter-pill')).toHaveText([/Dates: 2022-11-01 – 2022-11-30/, /Replies: 0/])
  })

  test('a most-liked bar and a scatter point open their comment', async ({ page }) => {
    await openApp(page, 'lang=en')
    await clickMark(page, 'likes', 'top', 0)
    await expect(page.getByTestId('comment-detail')).toContainText('jeffery')
    await page.keyboard.press('Escape')
    await clickMark(page, 'replies', 'points', 0)
    await expect(page.getByTestId('comment-detail')).toBeVisible()
  })

  test('brushing the dates slider sets the date range', async ({ page }) => {
    await openApp(page, 'lang=en')
    const chart = page.getByTestId('chart-dates')
    const box = (await chart.locator('canvas').first().boundingBox())!
    // The slider (18 px high, 6 px from the bottom) spans the category axis: its right handle
    // sits half a band right of the last bar's centre.
    const first = await markPosition(page, 'dates', 'periods', 0)
    const last = await markPosition(page, 'dates', 'periods', 20)
    const handleX = last.x + (last.x - first.x) / 40
    const y = box.y + box.height - 15
    await page.mouse.move(handleX, y)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.35, y, { steps: 8 })
    await page.mouse.up()
    await expect(page.getByTestId('filter-pill')).toHaveText([/Dates: 2021-03-01 – 2021-/])
    await expect(page).toHaveURL(/from=2021-03-01&to=2021-/)
    const n = Number(await page.getByTestId('kpi-comments').innerText())
    expect(n).toBeGreaterThanOrEqual(10)
    expect(n).toBeLessThan(20)
  })

  test('the tooltips arriving in the middle of a drag on the dates slider do not put its handle back', async ({ page }) => {
    // The tooltips load with the first pointer over a chart, and every chart then draws again: held
    // here until the drag is under way. Drawn mid-drag, the handle went back where the drag began
    // (the same drag ended at 2022-06-30 instead of 2021-10-31).
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(/\/assets\/echartsTooltip-[\w-]+\.js$/, async (route) => {
      await held
      await route.continue()
    })
    await openApp(page, 'lang=en')
    const box = (await page.getByTestId('chart-dates').locator('canvas').first().boundingBox())!
    const first = await markPosition(page, 'dates', 'periods', 0)
    const last = await markPosition(page, 'dates', 'periods', 20)
    const from = last.x + (last.x - first.x) / 40
    const to = box.x + box.width * 0.35
    const y = box.y + box.height - 15
    await page.mouse.move(from, y)
    await page.mouse.down()
    for (let k = 1; k <= 8; k++) {
      await page.mouse.move(from + ((to - from) * k) / 8, y)
      if (k === 5) {
        release()
        await page.waitForLoadState('networkidle')
        await page.waitForTimeout(200)
      }
    }
    await page.mouse.up()
    // Where the same drag ends with no tooltip arriving (1440 × 900).
    await expect(page.getByTestId('filter-pill')).toHaveText(['Dates: 2021-03-01 – 2021-10-31×'])
  })
})

test('a comment whose name and text are markup stays inert in chart tooltips', async ({ page }) => {
  await openApp(page, 'lang=en')
  await page.getByTestId('upload').setInputFiles(fixture('hostile/markup-comments.md'))
  await expect(page.getByTestId('kpi-comments')).toHaveText('3')
  const tip = page.locator('div[style*="z-index: 9999999"]').filter({ hasText: 'onerror' })
  // Hovering needs the chart to have settled; move again until the tooltip shows.
  await expect(async () => {
    const p = await markPosition(page, 'likes', 'top', 0)
    await page.mouse.move(p.x - 8, p.y + 2)
    await page.mouse.move(p.x, p.y, { steps: 4 })
    await expect(tip).toContainText('<img src=x onerror="window.__xss=1">', { timeout: 1500 })
  }).toPass({ timeout: 20_000 })
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
})

test('aria-busy clears only once the charts draw the new view', async ({ page }) => {
  await openApp(page, 'lang=en')
  // Watch from inside the page: the moment aria-busy turns "false", read what the likes chart draws.
  // The watch is in place before the filter changes (a filter on 20 comments can be done in a frame).
  await page.evaluate(async () => {
    const url = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .find((n) => /\/echarts-[^/]+\.js$/.test(n))
    if (!url) throw new Error('ECharts chunk not loaded')
    const mod = (await import(/* @vite-ignore */ url)) as {
      getInstanceByDom: (el: Element) => { getOption(): { series: { id?: string; data?: unknown[] }[] } }
    }
    const main = document.querySelector('main')!
    const busy = new Promise<void>((resolve) =>
      new MutationObserver((_, o) => main.getAttribute('aria-busy') === 'true' && (o.disconnect(), resolve())).observe(main, { attributes: true }),
    )
    ;(window as unknown as { __drawn: Promise<number> }).__drawn = busy.then(
      () =>
        new Promise<number>((resolve) =>
          new MutationObserver((_, o) => {
            if (main.getAttribute('aria-busy') !== 'false') return
            o.disconnect()
            const chart = mod.getInstanceByDom(document.querySelector('[data-testid="chart-likes"] .canvas')!)
            const buckets = chart.getOption().series.find((s) => s.id === 'buckets')!
            resolve((buckets.data as (number | { value: number })[]).reduce<number>((sum, d) => sum + (typeof d === 'number' ? d : d.value), 0))
          }).observe(main, { attributes: true }),
        ),
    )
  })
  await page.getByTestId('filter-questions').selectOption('all')
  // The sample has 7 questions: the likes buckets must already sum to 7, not to the 20 of before.
  expect(await page.evaluate(() => (window as unknown as { __drawn: Promise<number> }).__drawn)).toBe(7)
  await expect(page.getByTestId('kpi-comments')).toHaveText('7')
})

test.describe('chart update animations', () => {
  const charts = ['likes', 'replies', 'dates', 'requests']
  const afterAFilter = async (page: import('@playwright/test').Page) => {
    await openApp(page, 'lang=en')
    await clickMark(page, 'likes', 'buckets', 1)
    await expect(page.getByTestId('kpi-comments')).toHaveText('6')
    await expect(page.locator('main')).toHaveAttribute('aria-busy', 'false')
  }

  test('a device too slow to paint the charts together in a frame gets updates drawn at once', async ({ page }) => {
    // Opened at full speed (a throttled cold load can pass 10 s on a busy CI machine), then eight
    // times slower: the first filter's draws are measured slow, so the next update is not animated.
    await openApp(page, 'lang=en')
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 })
    await page.getByTestId('filter-questions').selectOption('all')
    await expect(page.getByTestId('kpi-comments')).toHaveText('7', { timeout: 20_000 })
    await expect(page.locator('main')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 })
    await page.getByTestId('filter-questions').selectOption('')
    await expect(page.getByTestId('kpi-comments')).toHaveText('20', { timeout: 20_000 })
    await expect(page.locator('main')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 })
    for (const name of charts) await expect(page.getByTestId(`chart-${name}`)).toHaveAttribute('data-animated', 'false', { timeout: 20_000 })
  })

  test('with reduced motion asked for, updates are drawn at once', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await afterAFilter(page)
    for (const name of charts) await expect(page.getByTestId(`chart-${name}`)).toHaveAttribute('data-animated', 'false')
  })
})
