/**
 * Chart helpers for the browser tests: read a chart's table alternative, and find the pixel of a
 * mark through ECharts' own API (the app's lazily loaded ECharts chunk), then click it with the
 * real mouse, as a user would.
 */
import type { Page } from '@playwright/test'
import { expect } from '@playwright/test'

export async function chartTable(page: Page, name: string): Promise<string[][]> {
  const chart = page.getByTestId(`chart-${name}`)
  const table = chart.locator('table')
  if (!(await table.isVisible())) await page.getByTestId(`chart-${name}-table`).click()
  await expect(table).toBeVisible()
  const rows = await table.locator('tr').all()
  const out: string[][] = []
  for (const r of rows) out.push((await r.locator('th, td').allInnerTexts()).map((s) => s.trim()))
  await page.getByTestId(`chart-${name}-table`).click()
  return out
}

/** Page coordinates of data item `dataIndex` of series `seriesId` in chart `name`. */
export async function markPosition(page: Page, name: string, seriesId: string, dataIndex: number): Promise<{ x: number; y: number }> {
  // Layout settles after resizes (a scrollbar appearing) and animations: wait until it is stable.
  let last = await rawPosition(page, name, seriesId, dataIndex)
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(150)
    const next = await rawPosition(page, name, seriesId, dataIndex)
    if (Math.abs(next.x - last.x) < 0.5 && Math.abs(next.y - last.y) < 0.5) return next
    last = next
  }
  return last
}

async function rawPosition(page: Page, name: string, seriesId: string, dataIndex: number): Promise<{ x: number; y: number }> {
  const canvas = page.getByTestId(`chart-${name}`).locator('canvas').first()
  await expect(canvas).toBeVisible()
  // Mouse clicks land only inside the viewport.
  await page.getByTestId(`chart-${name}`).scrollIntoViewIfNeeded()
  return page.evaluate(
    async ([name, seriesId, dataIndex]) => {
      const url = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .find((n) => /\/echarts-[^/]+\.js$/.test(n))
      if (!url) throw new Error('ECharts chunk not loaded')
      const mod = (await import(/* @vite-ignore */ url)) as { getInstanceByDom: (el: Element) => unknown }
      const el = document.querySelector(`[data-testid="chart-${name}"] .canvas`)!
      type Chart = {
        getOption(): { series: { id?: string }[] }
        getModel(): { getSeriesByIndex(i: number): { getData(): { getItemLayout(i: number): unknown } } }
        convertToPixel(finder: object, value: unknown): number[]
      }
      const chart = mod.getInstanceByDom(el) as Chart
      const seriesIndex = chart.getOption().series.findIndex((s) => s.id === seriesId)
      const layout = chart.getModel().getSeriesByIndex(seriesIndex).getData().getItemLayout(dataIndex) as
        { x: number; y: number; width: number; height: number } | number[]
      const rect = el.getBoundingClientRect()
      if (Array.isArray(layout)) return { x: rect.left + layout[0], y: rect.top + layout[1] }
      return { x: rect.left + layout.x + layout.width / 2, y: rect.top + layout.y + layout.height / 2 }
    },
    [name, seriesId, dataIndex] as const,
  )
}

export async function clickMark(page: Page, name: string, seriesId: string, dataIndex: number) {
  const p = await markPosition(page, name, seriesId, dataIndex)
  await page.mouse.click(p.x, p.y)
}
