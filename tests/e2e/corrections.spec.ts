import { readFileSync } from 'node:fs'
import { test, expect, openApp, waitReady } from './fixtures'
import { chartTable } from './charts'
import type { Page } from '@playwright/test'

const count = (page: Page) => page.getByTestId('kpi-comments')
const requestsRow = async (page: Page, name: string) => (await chartTable(page, 'requests')).find((r) => r[0] === name)

async function openComment(page: Page, author: string) {
  await page.getByTestId('search').fill(author)
  await expect(count(page)).toHaveText('1')
  await page.getByTestId('comment-row').first().click()
  await expect(page.getByTestId('detail-author')).toContainText(author)
}

test.describe('correcting request themes', () => {
  test('a wrong theme removed and a missing one added count everywhere, survive a reload, undo, and download as labels', async ({ page }) => {
    await openApp(page, 'lang=en')
    expect(await requestsRow(page, 'Bonus content')).toEqual(['Bonus content', '6', '6', '27'])
    // jeffery's "希望加餐" is a real request; the correction is a test of the mechanism.
    await openComment(page, 'jeffery')
    const detail = page.getByTestId('comment-detail')
    await expect(detail.getByTestId('detail-theme')).toHaveText([/Bonus content/])
    await detail.getByTestId('detail-theme-remove').click()
    await expect(detail.getByTestId('detail-theme')).toHaveCount(0)
    await expect(page.getByTestId('detail-corrected')).toContainText('removed Bonus content')
    await detail.getByTestId('detail-theme-add').selectOption({ label: 'Errata' })
    await expect(detail.getByTestId('detail-theme')).toHaveText([/Errata.*added by hand/])
    await expect(page.getByTestId('corrections-count')).toHaveText('1 corrected by hand')
    await page.keyboard.press('Escape')
    await page.getByTestId('search').fill('')
    await expect(count(page)).toHaveText('20')
    expect(await requestsRow(page, 'Bonus content')).toEqual(['Bonus content', '5', '5', '13'])
    expect(await requestsRow(page, 'Errata')).toEqual(['Errata', '1', '1', '14'])

    // Filters see the corrected themes; the corrections are kept for this dataset across a reload.
    await page.goto('./?theme=bonus&lang=en')
    await waitReady(page)
    await expect(count(page)).toHaveText('5')
    await expect(page.getByTestId('corrections-count')).toHaveText('1 corrected by hand')
    await page.goto('./?theme=errata&lang=en')
    await waitReady(page)
    await expect(count(page)).toHaveText('1')

    // Download labels: every comment, in file order, with the corrected themes.
    await page.getByTestId('export-open').click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-labels').click()])
    const labels = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { file: string; index: number; themes: string[]; question: boolean }[]
    expect(labels).toHaveLength(20)
    expect(labels[0]).toEqual({ file: 'etcd实战课 · 结束语.md', index: 0, themes: ['errata'], question: true })
    expect(labels[16]).toEqual({ file: 'etcd实战课 · 结束语.md', index: 16, themes: ['contact'], question: true })

    // The dataset file carries them.
    await page.getByTestId('export-open').click()
    const [dsFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-dataset').click()])
    const file = JSON.parse(readFileSync((await dsFile.path())!, 'utf8')) as { corrections: Record<string, { add: string[]; remove: string[] }> }
    expect(Object.values(file.corrections)).toEqual([{ add: ['errata'], remove: ['bonus'] }])

    // Undo steps back one change at a time (only changes of this visit can be undone).
    await page.goto('./?lang=en')
    await waitReady(page)
    await openComment(page, 'jeffery')
    await page.getByTestId('comment-detail').getByTestId('detail-theme-remove').click()
    await expect(page.getByTestId('corrections-count')).toHaveText('1 corrected by hand')
    await expect(page.getByTestId('comment-detail').getByTestId('detail-theme')).toHaveCount(0)
    await page.getByTestId('detail-correction-undo').click()
    await expect(page.getByTestId('comment-detail').getByTestId('detail-theme')).toHaveText([/Errata/])
    await expect(page.getByTestId('corrections-undo')).toHaveCount(0)
    // Setting the detector's themes back by hand leaves no correction at all.
    await page.getByTestId('comment-detail').getByTestId('detail-theme-remove').click()
    await page.getByTestId('comment-detail').getByTestId('detail-theme-add').selectOption({ label: 'Bonus content' })
    await expect(page.getByTestId('comment-detail').getByTestId('detail-theme')).toHaveText([/Bonus content.*希望加餐/])
    await expect(page.getByTestId('corrections-count')).toHaveCount(0)
    expect(await requestsRow(page, 'Bonus content')).toEqual(['Bonus content', '1', '1', '14'])
  })
})
