/**
 * Shared Playwright fixtures: every test fails on a Content-Security-Policy violation, an
 * uncaught page error, or a script error the app caught and logged (Vue logs a render error to
 * the console and carries on), so no spec can pass on a page that quietly broke.
 */
import { test as base, expect, type Page } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures')
export const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts)

export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
      page.on('console', (m) => {
        if (m.type() === 'error' && /\b(TypeError|ReferenceError|RangeError|SyntaxError)\b|Unhandled|\[Vue warn\]/.test(m.text())) errors.push(`console: ${m.text().slice(0, 300)}`)
      })
      await page.addInitScript(() => {
        const w = window as unknown as { __csp: string[] }
        w.__csp = []
        document.addEventListener('securitypolicyviolation', (e) => {
          w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`)
        })
      })
      await use()
      const csp = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [])
      expect(csp, 'Content-Security-Policy violations').toEqual([])
      expect(errors, 'uncaught page errors').toEqual([])
    },
    { auto: true },
  ],
})
export { expect }

/** Opens the app and waits until the dashboard shows a view. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(query ? `./?${query}` : './')
  await waitReady(page)
}

export async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('kpi-comments')).toBeVisible()
  await expect(page.locator('main[aria-busy="false"]')).toBeVisible()
}

export async function kpis(page: Page) {
  return {
    comments: await page.getByTestId('kpi-comments').innerText(),
    likes: await page.getByTestId('kpi-likes').innerText(),
    replies: await page.getByTestId('kpi-replies').innerText(),
  }
}
