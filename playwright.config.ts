import { defineConfig, devices } from '@playwright/test'

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium'
// E2E_PORT lets several checkouts run their browser tests at once.
const PORT = Number(process.env.E2E_PORT) || 4173

/**
 * Browser tests run against the production build (`vite preview`), in Debian's Chromium:
 * Playwright cannot download its own browsers here.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROME,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    // Node's default 16 KB header limit would answer a long shared link (a `tdef`, 200 lessons) with
    // 431 before the app sees it; static hosts are set up with room for such links.
    command: `NODE_OPTIONS=--max-http-header-size=262144 npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
})
