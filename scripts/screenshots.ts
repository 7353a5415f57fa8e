/**
 * Screenshots for the README and for looking at the UI: `npx tsx scripts/screenshots.ts`
 * (expects `npm run build` done; starts `vite preview` itself). Desktop 1440×900, phone 390×844.
 */
import { chromium } from '@playwright/test'
import { spawn } from 'node:child_process'

const PORT = 4174
// Vite's own script under this Node, not `npx`: killing npx would leave the server running.
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
  stdio: 'ignore',
})
const base = `http://127.0.0.1:${PORT}/`

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('preview server did not start')
}

const shots: { name: string; query: string; width: number; height: number; full?: boolean; open?: boolean; dark?: boolean }[] = [
  { name: 'screenshot-desktop', query: 'lang=zh-CN', width: 1440, height: 900 },
  { name: 'screenshot-phone', query: 'lang=zh-CN', width: 390, height: 844 },
  { name: 'screenshot-desktop-filtered', query: 'lang=zh-CN&theme=bonus,answers&likes=1-', width: 1440, height: 900, open: true },
  { name: 'screenshot-phone-filtered', query: 'lang=zh-CN&theme=bonus,answers&likes=1-', width: 390, height: 844, open: true },
  { name: 'screenshot-desktop-en-dark', query: 'lang=en&q=加餐', width: 1440, height: 900, dark: true },
  { name: 'screenshot-phone-full', query: 'lang=zh-CN', width: 390, height: 844, full: true },
]

try {
  await waitForServer()
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  for (const s of shots.filter((x) => !process.argv[2] || x.name.includes(process.argv[2]))) {
    const page = await browser.newPage({ viewport: { width: s.width, height: s.height }, deviceScaleFactor: 1, colorScheme: s.dark ? 'dark' : 'light' })
    await page.goto(`${base}?${s.query}`)
    await page.locator('main[aria-busy="false"] [data-testid="kpi-comments"]').waitFor()
    if (s.open) {
      await page.getByTestId('comment-row').first().click()
      await page.getByTestId('comment-detail').waitFor()
    }
    await page.waitForTimeout(1000)
    await page.screenshot({ path: `docs/${s.name}.png`, fullPage: s.full ?? false })
    console.log(`docs/${s.name}.png`)
    await page.close()
  }
  await browser.close()
} finally {
  server.kill()
}
