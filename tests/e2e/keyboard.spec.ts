/**
 * Keyboard reach (issue #15 points 1, 2, 5, 6): skip links, one Tab stop per composite widget,
 * focus management around the detail and the dialogs, and the single-key shortcuts. The sample
 * dataset holds 20 comments.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect, openApp, fixture } from './fixtures'

/** What has focus: its test id, a comment id when it is a row, and whether it sits in a given test id. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null
    return {
      testid: a?.dataset.testid ?? a?.tagName.toLowerCase() ?? '',
      comment: a?.dataset.commentId ?? null,
      index: a?.closest<HTMLElement>('[data-index]')?.dataset.index ?? null,
    }
  })
}
const inside = (page: Page, testid: string) => page.evaluate((id) => !!document.activeElement?.closest(`[data-testid="${id}"]`), testid)
async function rowIds(page: Page): Promise<string[]> {
  // In list order: the virtualiser keeps rows in the DOM in the order they were first drawn.
  const rows = await page
    .getByTestId('comment-row')
    .evaluateAll((els) => els.map((e) => [Number(e.closest<HTMLElement>('[data-index]')!.dataset.index), (e as HTMLElement).dataset.commentId!] as const))
  return rows.sort((a, b) => a[0] - b[0]).map((r) => r[1])
}
/** Presses Tab from page load until a comment row has focus, taking the skip link to the list on the way. */
async function tabToList(page: Page): Promise<number> {
  for (let tabs = 1; tabs <= 120; tabs++) {
    await page.keyboard.press('Tab')
    const f = await focused(page)
    if (f.testid === 'skip-list') {
      await page.keyboard.press('Enter')
      await expect.poll(async () => (await focused(page)).testid).toBe('comment-row')
      return tabs
    }
    if (f.testid === 'comment-row') return tabs
  }
  return Infinity
}
async function violations(page: Page, state: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze()
  return r.violations.map((v) => `${state}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test.describe('keyboard', () => {
  test('from page load the first comment row is reached in 3 Tab presses (skip link), not 90', async ({ page }) => {
    await openApp(page, 'lang=en')
    const first = (await rowIds(page))[0]
    const tabs = await tabToList(page)
    expect(tabs).toBe(3)
    expect(await focused(page)).toMatchObject({ testid: 'comment-row', comment: first, index: '0' })
    // The skip link is visible when focused.
    await page.reload()
    await expect(page.getByTestId('kpi-comments')).toBeVisible()
    await page.keyboard.press('Tab')
    await expect(page.getByTestId('skip-filters')).toBeFocused()
    await expect(page.getByTestId('skip-filters')).toBeInViewport()
  })

  test('without the skip links the list is still near: each composite widget is one Tab stop', async ({ page }) => {
    await openApp(page, 'lang=en')
    await expect(page.getByTestId('phrase').first()).toBeVisible()
    let tabs = 0
    const stops: string[] = []
    for (; tabs < 120; tabs++) {
      await page.keyboard.press('Tab')
      const f = await focused(page)
      stops.push(f.testid)
      if (f.testid === 'comment-row') break
    }
    test.info().annotations.push({ type: 'tabs to the first row without skip links', description: String(tabs + 1) })
    expect(stops.filter((s) => s === 'comment-row')).toHaveLength(1)
    expect(await page.locator('[data-testid="phrases-group"] [tabindex="0"]').count()).toBe(1)
    expect(await page.locator('[data-testid="kwic-group"] [tabindex="0"]').count()).toBe(1)
    expect(await page.locator('[data-testid="theme-group"] [tabindex="0"]').count()).toBe(1)
    expect(await page.locator('[data-testid="comment-listbox"] [tabindex="0"]').count()).toBe(1)
  })

  test('the comment list moves with arrows, Home, End and Page keys, and keeps its row through virtual scrolling', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('skip-list').focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await focused(page)).index).toBe('0')
    await page.keyboard.press('ArrowDown')
    expect((await focused(page)).index).toBe('1')
    await page.keyboard.press('ArrowUp')
    expect((await focused(page)).index).toBe('0')
    await page.keyboard.press('ArrowUp')
    expect((await focused(page)).index).toBe('0')
    await page.keyboard.press('End')
    await expect.poll(async () => (await focused(page)).index).toBe('19')
    const last = (await focused(page)).comment
    await expect(page.locator('[data-testid="comment-listbox"] [tabindex="0"]')).toHaveAttribute('data-comment-id', last!)
    await expect(page.locator('[data-testid="comment-row"][aria-posinset="20"]')).toHaveAttribute('aria-setsize', '20')
    await page.keyboard.press('Home')
    await expect.poll(async () => (await focused(page)).index).toBe('0')
    await page.keyboard.press('PageDown')
    const page1 = Number((await focused(page)).index)
    expect(page1).toBeGreaterThan(1)
    await page.keyboard.press('PageUp')
    await expect.poll(async () => (await focused(page)).index).toBe('0')
    // The current row scrolls out of the DOM; Tab into the list brings it back and focuses it.
    await page.keyboard.press('End')
    await expect.poll(async () => (await focused(page)).index).toBe('19')
    await page.locator('#comments .scroller').evaluate((el) => (el.scrollTop = 0))
    await expect(page.locator('[data-index="19"]')).toHaveCount(0)
    // The list's header ends with the Avatars switch: the next Tab stop is the list.
    await page.getByTestId('avatars-toggle').focus()
    await page.keyboard.press('Tab')
    await expect.poll(async () => (await focused(page)).comment).toBe(last)
  })

  test('Enter opens the detail with focus in it; Esc closes it and gives focus back to the row', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('skip-list').focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await focused(page)).index).toBe('0')
    await page.keyboard.press('ArrowDown')
    const second = (await focused(page)).comment!
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(new RegExp(`c=${second}`))
    await expect(page.getByTestId('comment-detail')).toBeVisible()
    expect(await inside(page, 'comment-detail')).toBe(true)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('comment-detail')).toHaveCount(0)
    await expect.poll(async () => (await focused(page)).comment).toBe(second)
    // The close button gives focus back too.
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('comment-detail')).toBeVisible()
    await page.getByTestId('detail-close').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('comment-detail')).toHaveCount(0)
    await expect.poll(async () => (await focused(page)).comment).toBe(second)
  })

  test('j and k step through the comments in the list and in the open detail', async ({ page }) => {
    await openApp(page, 'lang=en')
    const ids = await rowIds(page)
    await page.locator('body').click({ position: { x: 1, y: 1 } })
    await page.keyboard.press('j')
    await expect.poll(async () => (await focused(page)).comment).toBe(ids[0])
    await page.keyboard.press('j')
    await expect.poll(async () => (await focused(page)).comment).toBe(ids[1])
    await page.keyboard.press('j')
    await expect.poll(async () => (await focused(page)).comment).toBe(ids[2])
    await page.keyboard.press('k')
    await expect.poll(async () => (await focused(page)).comment).toBe(ids[1])
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(new RegExp(`c=${ids[1]}`))
    await page.keyboard.press('j')
    await expect(page).toHaveURL(new RegExp(`c=${ids[2]}`))
    await expect(page.getByTestId('comment-detail')).toContainText('3 of 20')
    await page.keyboard.press('k')
    await page.keyboard.press('k')
    await expect(page).toHaveURL(new RegExp(`c=${ids[0]}`))
    await page.keyboard.press('Escape')
    await expect.poll(async () => (await focused(page)).comment).toBe(ids[0])
  })

  test('slash focuses search, question mark opens the shortcuts dialog; neither acts while typing', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('skip-list').focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await focused(page)).testid).toBe('comment-row')
    const row = (await focused(page)).comment
    await page.keyboard.press('/')
    await expect(page.getByTestId('search')).toBeFocused()
    await page.keyboard.type('a/?j')
    await expect(page.getByTestId('search')).toHaveValue('a/?j')
    await expect(page.getByTestId('shortcuts')).toBeHidden()
    await page.getByTestId('search').fill('')
    // From the list row: ? opens the dialog, focus is trapped in it, Esc closes it and focus returns.
    await page.locator(`[data-comment-id="${row}"]`).focus()
    await page.keyboard.press('?')
    const dialog = page.getByTestId('shortcuts')
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText('Focus the search box')
    for (let k = 0; k < 4; k++) {
      await page.keyboard.press('Tab')
      expect(await inside(page, 'shortcuts'), `Tab ${k + 1}`).toBe(true)
    }
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect.poll(async () => (await focused(page)).comment).toBe(row)
    // Its close button and the skip-link bar button work the same way.
    await page.getByTestId('shortcuts-open').focus()
    await page.keyboard.press('Enter')
    await expect(dialog).toBeVisible()
    await page.getByTestId('shortcuts-close').focus()
    await page.keyboard.press('Enter')
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('shortcuts-open')).toBeFocused()
  })

  test('the paste dialog and the column mapping keep Tab inside and give focus back', async ({ page }) => {
    await openApp(page, 'lang=en')
    await page.getByTestId('paste-open').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('paste-text')).toBeFocused()
    await page.keyboard.type('a,b')
    for (let k = 0; k < 5; k++) {
      await page.keyboard.press('Tab')
      expect(await inside(page, 'paste-dialog'), `Tab ${k + 1}`).toBe(true)
    }
    await page.keyboard.press('Shift+Tab')
    expect(await inside(page, 'paste-dialog')).toBe(true)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('paste-dialog')).toHaveCount(0)
    await expect(page.getByTestId('paste-open')).toBeFocused()

    await page.getByTestId('upload').setInputFiles(fixture('mapping/unknown-headers.csv'))
    const mapper = page.getByTestId('column-mapper')
    await expect(mapper).toBeVisible()
    expect(await inside(page, 'column-mapper')).toBe(true)
    for (let k = 0; k < 12; k++) {
      await page.keyboard.press('Tab')
      expect(await inside(page, 'column-mapper'), `Tab ${k + 1}`).toBe(true)
    }
    await page.keyboard.press('Escape')
    await expect(mapper).toHaveCount(0)
  })

  test('the theme form keeps Tab inside and Esc gives focus back to its opener', async ({ page }) => {
    await openApp(page, 'lang=en')
    const edit = page.getByTestId('theme-edit').first()
    await edit.focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('theme-name-zh')).toBeFocused()
    for (let k = 0; k < 12; k++) {
      await page.keyboard.press('Tab')
      expect(await inside(page, 'theme-form'), `Tab ${k + 1}`).toBe(true)
    }
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('theme-form')).toHaveCount(0)
    await expect(edit).toBeFocused()
  })

  test('phrases, keyword lines and the theme list move by arrow keys inside one Tab stop', async ({ page }) => {
    await openApp(page, 'lang=en')
    // Phrases: → moves to the next button, End to the last, Home back; Tab leaves the group.
    const phraseButtons = page.locator('[data-testid="phrases-group"] button')
    await expect(phraseButtons.first()).toBeVisible()
    const nPhrase = await phraseButtons.count()
    expect(nPhrase).toBeGreaterThan(2)
    await phraseButtons.first().focus()
    await page.keyboard.press('ArrowRight')
    await expect(phraseButtons.nth(1)).toBeFocused()
    await expect(phraseButtons.nth(1)).toHaveAttribute('tabindex', '0')
    await expect(phraseButtons.first()).toHaveAttribute('tabindex', '-1')
    await page.keyboard.press('End')
    await expect(phraseButtons.nth(nPhrase - 1)).toBeFocused()
    await page.keyboard.press('Home')
    await expect(phraseButtons.first()).toBeFocused()
    await page.keyboard.press('Tab')
    expect(await inside(page, 'phrases-group')).toBe(false)
    // Keyword in context: ↓ / ↑; Enter opens the comment.
    const lines = page.getByTestId('kwic-line')
    await lines.first().focus()
    await page.keyboard.press('ArrowDown')
    await expect(lines.nth(1)).toBeFocused()
    await page.keyboard.press('ArrowUp')
    await expect(lines.first()).toBeFocused()
    // Theme list: ↓ keeps the column (checkbox → checkbox, edit → edit), → crosses a row.
    const rows = page.getByTestId('theme-row')
    await rows.first().getByTestId('theme-toggle').focus()
    await page.keyboard.press('ArrowDown')
    await expect(rows.nth(1).getByTestId('theme-toggle')).toBeFocused()
    await page.keyboard.press('ArrowRight')
    await expect(rows.nth(1).getByTestId('theme-edit')).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(rows.nth(2).getByTestId('theme-edit')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('theme-form')).toBeVisible()
    await page.keyboard.press('Escape')
  })

  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ]) {
    test(`the keyboard journey at ${w}x${h}: skip to the list, search, filter by a chart mark, open, next, share, back`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h })
      await openApp(page, 'lang=en')
      expect(await tabToList(page)).toBe(3)
      // Search: / then type and Enter.
      await page.keyboard.press('/')
      await expect(page.getByTestId('search')).toBeFocused()
      await page.keyboard.type('加餐')
      await page.keyboard.press('Enter')
      await expect(page).toHaveURL(/q=%E5%8A%A0%E9%A4%90/)
      // 加餐 is in 6 comments (likes 14, 6, 5, 2, 0, 0; replies 2, 1, 1, 0, 0, 0).
      await expect(page.getByTestId('kpi-comments')).toHaveText('6')
      // Filter by a chart mark: Tab to the likes chart, → to the 5–9 bar (bars 0, 1, 2–4, 5–9), Enter.
      let toChart = false
      for (let k = 0; k < 40 && !toChart; k++) {
        await page.keyboard.press('Tab')
        toChart = (await focused(page)).testid === 'chart-likes-focus'
      }
      expect(toChart).toBe(true)
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight')
      await expect(page.getByTestId('chart-likes-mark')).toHaveText('Comments · 5–9: 2')
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('kpi-comments')).toHaveText('2')
      await expect(page.getByTestId('kpi-likes')).toHaveText('11')
      await expect(page).toHaveURL(/likes=5-9(&|$)/)
      await expect(page.getByTestId('live-status')).toHaveText('2 comments · 11 likes · 2 replies')
      const ids = await rowIds(page)
      expect(ids).toHaveLength(2)
      // On to the list (one Tab stop); Home is its first row.
      let toList = false
      for (let k = 0; k < 40 && !toList; k++) {
        await page.keyboard.press('Tab')
        toList = (await focused(page)).testid === 'comment-row'
      }
      expect(toList).toBe(true)
      await page.keyboard.press('Home')
      await expect.poll(async () => (await focused(page)).comment).toBe(ids[0])
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('comment-detail')).toBeVisible()
      expect(await inside(page, 'comment-detail')).toBe(true)
      // Next comment.
      await page.keyboard.press('j')
      await expect(page).toHaveURL(new RegExp(`c=${ids[1]}`))
      // Share: Tab to the comment's own link button, Enter.
      let reached = false
      for (let k = 0; k < 10 && !reached; k++) {
        await page.keyboard.press('Tab')
        reached = (await focused(page)).testid === 'detail-copy-link'
      }
      expect(reached).toBe(true)
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('detail-copy-link-url')).toHaveValue(new RegExp(`c=${ids[1]}`))
      // Back: Esc closes the detail, focus is on the row of the comment last shown.
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')
      await expect(page.getByTestId('comment-detail')).toHaveCount(0)
      await expect.poll(async () => (await focused(page)).comment).toBe(ids[1])
    })
  }

  test('axe: no violations of any impact in every state', async ({ page }) => {
    test.setTimeout(300_000)
    const found: string[] = []
    await openApp(page, 'lang=zh-CN')
    found.push(...(await violations(page, 'default')))
    await page.getByTestId('comment-row').first().click()
    await expect(page.getByTestId('comment-detail')).toBeVisible()
    found.push(...(await violations(page, 'detail open')))
    await page.keyboard.press('Escape')
    await page.getByTestId('theme-new').click()
    await expect(page.getByTestId('theme-form')).toBeVisible()
    found.push(...(await violations(page, 'theme editor')))
    await page.keyboard.press('Escape')
    await page.getByTestId('paste-open').click()
    found.push(...(await violations(page, 'paste dialog')))
    await page.keyboard.press('Escape')
    await page.getByTestId('export-open').click()
    await expect(page.getByTestId('export-csv')).toBeVisible()
    found.push(...(await violations(page, 'export menu')))
    await page.keyboard.press('Escape')
    await page.locator('body').click({ position: { x: 1, y: 1 } })
    await page.keyboard.press('?')
    await expect(page.getByTestId('shortcuts')).toBeVisible()
    found.push(...(await violations(page, 'shortcuts dialog')))
    await page.keyboard.press('Escape')
    await page.getByTestId('upload').setInputFiles(fixture('mapping/unknown-headers.csv'))
    await expect(page.getByTestId('column-mapper')).toBeVisible()
    found.push(...(await violations(page, 'column mapping')))
    await openApp(page, 'lang=en')
    found.push(...(await violations(page, 'en')))
    await page.emulateMedia({ colorScheme: 'dark' })
    await openApp(page, 'lang=en')
    found.push(...(await violations(page, 'dark')))
    await page.getByTestId('comment-row').first().click()
    found.push(...(await violations(page, 'dark, detail open')))
    await page.goto('./?ds=abcdefabcdefabcd&lang=en')
    await expect(page.getByTestId('error').first()).toBeVisible()
    found.push(...(await violations(page, 'missing dataset')))
    expect(found).toEqual([])
  })
})
