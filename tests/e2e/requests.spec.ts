import { test, expect, openApp } from './fixtures'
import { chartTable } from './charts'
import type { Page } from '@playwright/test'

const count = (page: Page) => page.getByTestId('kpi-comments')

test.describe('recurring requests', () => {
  test('open questions have a KPI and a filter', async ({ page }) => {
    await openApp(page, 'lang=en')
    await expect(page.getByTestId('kpi-open-questions')).toHaveText('2')
    await page.getByTestId('filter-questions').selectOption('open')
    await expect(count(page)).toHaveText('2')
    await page.getByTestId('filter-questions').selectOption('all')
    await expect(count(page)).toHaveText('7')
    await expect(page).toHaveURL(/questions=all/)
  })

  test('marking an author as staff takes their comments out of request and question counts', async ({ page }) => {
    await openApp(page, 'lang=en')
    await expect(page.getByTestId('kpi-open-questions')).toHaveText('2')
    // 川川 asks for the teacher's WeChat (contact) and got no reply: an open question.
    await page.getByTestId('search').fill('川川')
    await page.getByTestId('comment-row').first().click()
    await page.getByTestId('detail-staff').click()
    await expect(page.getByTestId('detail-author')).toContainText('staff')
    await page.keyboard.press('Escape')
    await page.getByTestId('search').fill('')
    await expect(count(page)).toHaveText('20')
    await expect(page.getByTestId('kpi-open-questions')).toHaveText('1')
    expect((await chartTable(page, 'requests')).find((r) => r[0] === 'Contact & community')).toEqual(['Contact & community', '0', '0', '0'])
    // The switch counts them again, and says so in a pill.
    await page.getByTestId('filter-staff').check()
    await expect(page.getByTestId('kpi-open-questions')).toHaveText('2')
    await expect(page.getByTestId('filter-pill')).toHaveText([/Staff included/])
    await expect(page).toHaveURL(/staff=include/)
    // Staff marks are remembered for this dataset.
    await page.reload()
    await expect(page.getByTestId('staff-panel')).toContainText('川川')
  })

  test('keyword in context lists each match with its surroundings and opens the comment', async ({ page }) => {
    await openApp(page, 'lang=en')
    const kwic = page.getByTestId('kwic')
    await page.getByTestId('kwic-theme').selectOption({ label: 'Contact & community' })
    await expect(kwic.getByTestId('kwic-line')).toHaveCount(1)
    await expect(kwic.getByTestId('kwic-line')).toContainText('微信多少')
    await kwic.getByTestId('kwic-line').click()
    await expect(page.getByTestId('detail-author')).toContainText('川川')
  })

  test('each theme’s trend over time, as a table', async ({ page }) => {
    await openApp(page, 'lang=en')
    const t = await chartTable(page, 'trend')
    expect(t[0][0]).toBe('Period')
    expect(t[0][1]).toBe('Bonus content')
    expect(t[1]).toEqual(['2021-03', '4', ...t[1].slice(2)])
    expect(t.slice(1).reduce((s, r) => s + Number(r[1]), 0)).toBe(6)
  })
})
