/**
 * npm run bench:paths (also the last part of npm run bench:browser) — every way into a big dataset other than the upload itself (issue #14 point
 * 1), in the built app in Chromium, at 100,000 and 1,000,000 comments (BENCH_SKIP_1M=1 skips 1M):
 * a reload (the dataset comes back from IndexedDB), a shared link to the stored dataset (`ds=`) in
 * a new tab, a theme switched off and on, a theme edited, the themes reset, an edited theme set's
 * link (`tdef`) in a new tab, an author marked as staff, a dataset switch, clearing filters and a
 * merge (the same file added again). For each: time to ready (`aria-busy` cleared with the right
 * count) and the longest main-thread task (Long Tasks API, observed from the page's first script).
 * Peer in the same run: the per-row indexes these paths once computed on the page (`computeIndexes`,
 * one thread, Node) for the same comments — what a main thread would be frozen for without the
 * workers. Prints a table beside the previous run's figures and writes bench/results/paths.json.
 */
import { chromium, type Page, type BrowserContext } from '@playwright/test'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { CHROME, CHROMIUM_ARGS, csvFile, printProfile, revealBelowFold, startPreview } from './kit'
import { importSources } from '../src/import/pipeline'
import { checkLexicon, defaultThemes, useLexicon } from '../src/insight/lexicon'
import { compileTheme } from '../src/insight/themes'
import { computeIndexes } from '../src/query/computeIndexes'

const PORT = Number(process.env.BENCH_PORT ?? 4178)
const OUT_DIR = process.env.BENCH_OUT_DIR ?? '.bench-dist'
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : process.env.BENCH_SKIP_1M ? [100_000] : [100_000, 1_000_000]
const RESULTS = 'bench/results/paths.json'
const BASE = `http://127.0.0.1:${PORT}/`

// Installed before the app's own scripts on every page: long tasks from the very first, the time of
// the last input, and when the dashboard last stopped being busy. (A string: tsx would wrap named
// functions in a `__name` the page lacks.)
const OBSERVERS = `
  window.__paths = { tasks: [], t0: 0, idleAt: 0, busyAt: 0 };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__paths.tasks.push([e.startTime, e.duration]) }).observe({ type: 'longtask', buffered: true });
  for (const type of ['keydown', 'input', 'click', 'change']) document.addEventListener(type, () => { window.__paths.t0 = performance.now() }, true);
  new MutationObserver(() => {
    const m = document.querySelector('main');
    if (!m) return;
    const busy = m.getAttribute('aria-busy') === 'true';
    if (busy) window.__paths.busyAt = performance.now();
    else if (window.__paths.busyAt >= window.__paths.idleAt || !window.__paths.idleAt) window.__paths.idleAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
`

interface Figure {
  ready: number
  task: number
}

/** Waits until the dashboard shows `comments` and has not been busy for 1 s, then reads the figures since `since`. */
async function settle(page: Page, comments: string, since: 'input' | 'navigation' | number): Promise<Figure> {
  // A path first makes the dashboard busy: give it the moment to start.
  await page.waitForTimeout(300)
  await page
    .getByTestId('kpi-comments')
    .filter({ hasText: new RegExp(`^${comments}$`) })
    .waitFor({ timeout: 600_000 })
  for (;;) {
    const quiet = await page.evaluate(() => {
      const m = document.querySelector('main')
      const p = (window as unknown as { __paths: { busyAt: number } }).__paths
      return m?.getAttribute('aria-busy') === 'false' && performance.now() - p.busyAt > 1000
    })
    if (quiet) break
    await page.waitForTimeout(200)
  }
  return page.evaluate((from) => {
    const p = (window as unknown as { __paths: { tasks: [number, number][]; t0: number; idleAt: number } }).__paths
    const t0 = from === 'navigation' ? 0 : from === 'input' ? p.t0 : from
    const task = Math.max(0, ...p.tasks.filter(([s, d]) => s + d >= t0).map(([, d]) => d))
    return { ready: Math.round(p.idleAt - t0), task: Math.round(task) }
  }, since)
}

async function now(page: Page): Promise<number> {
  return page.evaluate(() => performance.now())
}

/** BENCH_PROFILE=<a regular expression matching paths' names>: a CPU profile of each, its longest stretches printed. */
const PROFILE = process.env.BENCH_PROFILE

/** Runs `act` on `page` and measures it as path `name` (profiled when BENCH_PROFILE names it). */
async function step(
  out: Record<string, Figure>,
  name: string,
  page: Page,
  act: () => Promise<void>,
  comments: string,
  since: 'input' | 'navigation' | 'now',
): Promise<void> {
  const cdp = PROFILE && new RegExp(PROFILE).test(name) ? await page.context().newCDPSession(page) : null
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
  }
  const t0 = since === 'now' ? await now(page) : since
  await act()
  out[name] = await settle(page, comments, t0)
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile, name)
}

async function measureSize(ctx: BrowserContext, rows: number, file: string): Promise<Record<string, Figure>> {
  const out: Record<string, Figure> = {}
  const n = rows.toLocaleString('en')
  // (BENCH_SIZES=1000000 measures one size only.)
  const page = await ctx.newPage()
  await page.goto(`${BASE}?lang=en`)
  await settle(page, '20', 'navigation')
  await revealBelowFold(page)
  await page.getByTestId('upload').setInputFiles(file)
  await settle(page, n, 'navigation')
  // Stored (listed in the switcher) before the reload.
  await page
    .getByTestId('dataset-switcher')
    .locator('option', { hasText: /comment-lens-bench/ })
    .waitFor({ state: 'attached', timeout: 600_000 })
  await page.waitForTimeout(2000)
  const key = /ds=([0-9a-f]{16})/.exec(page.url())![1]

  await step(out, 'reload', page, () => page.reload().then(() => undefined), n, 'navigation')
  // The theme list and the rest below the first screen mount at the first key.
  await revealBelowFold(page)

  const tab = await ctx.newPage()
  await tab.goto(`${BASE}?lang=en`)
  await settle(tab, '20', 'navigation')
  await step(out, 'shared link (ds=) in a new tab', tab, () => tab.goto(`${BASE}?ds=${key}&lang=en`).then(() => undefined), n, 'navigation')
  await tab.close()

  const bonus = page.locator('[data-testid="theme-row"][data-theme-id="bonus"]').getByTestId('theme-toggle')
  await step(out, 'a theme switched off', page, () => bonus.uncheck(), n, 'input')
  await step(out, 'a theme switched on', page, () => bonus.check(), n, 'input')

  await page.locator('[data-testid="theme-row"][data-theme-id="answers"]').getByTestId('theme-edit').click()
  await page.getByTestId('theme-strong').fill('谢谢老师')
  await step(out, 'a theme edited (rematched)', page, () => page.getByTestId('theme-save').click(), n, 'input')
  const edited = page.url()
  await step(out, 'themes reset to the defaults', page, () => page.getByTestId('theme-reset').click(), n, 'input')

  const tdef = await ctx.newPage()
  await tdef.goto(`${BASE}?lang=en`)
  await settle(tdef, '20', 'navigation')
  await step(out, "an edited theme set's link (tdef) in a new tab", tdef, () => tdef.goto(edited).then(() => undefined), n, 'navigation')
  await tdef.close()

  await page.getByTestId('comment-row').first().click()
  await step(out, 'an author marked as staff', page, () => page.getByTestId('detail-staff').click(), n, 'input')
  await page.getByTestId('detail-staff').click()
  await settle(page, n, 'input')
  await page.keyboard.press('Escape')

  await page.getByTestId('filter-questions').selectOption('all')
  await page.locator('main[aria-busy="false"]').waitFor()
  await page.waitForTimeout(1000)
  await step(out, 'clear filters', page, () => page.getByTestId('clear-filters').click(), n, 'input')

  await page.getByTestId('dataset-switcher').selectOption('sample')
  await settle(page, '20', 'input')
  await step(
    out,
    'dataset switch (sample → this one)',
    page,
    () =>
      page
        .getByTestId('dataset-switcher')
        .selectOption(key)
        .then(() => undefined),
    n,
    'input',
  )

  await page.getByTestId('upload-add').check()
  await step(
    out,
    'merge (the same file added again)',
    page,
    async () => {
      await page.getByTestId('upload').setInputFiles(file)
      // The import runs with the view in place (not busy): wait for the merge's notice.
      await page
        .getByTestId('notice')
        .filter({ hasText: /Merged/ })
        .first()
        .waitFor({ timeout: 600_000 })
    },
    n,
    'now',
  )
  await page.close()
  return out
}

/** The peer: the indexes on one thread (what the page once computed on these paths), p50 of 3. */
function peerMs(file: string): number {
  useLexicon(checkLexicon(JSON.parse(readFileSync('src/insight/data/request-lexicon.json', 'utf8'))))
  const bytes = readFileSync(file)
  const { dataset } = importSources([{ name: 'bench.csv', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }])
  const themes = defaultThemes().map((t) => compileTheme(t))
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    computeIndexes(dataset, themes)
    runs.push(performance.now() - t0)
  }
  return runs.sort((a, b) => a - b)[1]
}

async function main() {
  if (!existsSync(`${OUT_DIR}/index.html`)) throw new Error(`${OUT_DIR}/ is missing: run \`npm run bench:paths\` (it builds first)`)
  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { sizes: Record<string, Record<string, Figure>> }) : null
  const server = await startPreview(OUT_DIR, PORT)
  const sizes: Record<string, Record<string, Figure>> = {}
  const peers: Record<string, number> = {}
  try {
    const browser = await chromium.launch({ executablePath: CHROME, args: CHROMIUM_ARGS })
    for (const rows of SIZES) {
      const file = csvFile(rows, 3)
      peers[rows] = peerMs(file)
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } })
      await ctx.addInitScript(OBSERVERS)
      sizes[rows] = await measureSize(ctx, rows, file)
      await ctx.close()
    }
    await browser.close()
  } finally {
    server.kill()
  }
  const fmt = (f?: Figure) => (f ? `${f.ready} / ${f.task}` : '—')
  const paths = Object.keys(sizes[SIZES[0]])
  const w = Math.max(...paths.map((p) => p.length))
  console.log(`\nready ms / longest main-thread task ms (target: task ≤ 100 ms); previous run in brackets`)
  console.log(`${'path'.padEnd(w)}  ${SIZES.map((s) => `${(s / 1000).toFixed(0)}k`.padEnd(28)).join('')}`)
  for (const p of paths) console.log(`${p.padEnd(w)}  ${SIZES.map((s) => `${fmt(sizes[s][p])} (${fmt(previous?.sizes[s]?.[p])})`.padEnd(28)).join('')}`)
  console.log(`${'peer: computeIndexes on one thread (Node)'.padEnd(w)}  ${SIZES.map((s) => `${peers[s].toFixed(0)} ms`.padEnd(28)).join('')}`)
  mkdirSync('bench/results', { recursive: true })
  // A run of one size keeps the other size's last figures (they are the next run's "previous").
  const kept = previous as { sizes: Record<string, Record<string, Figure>>; peers?: Record<string, number> } | null
  writeFileSync(RESULTS, JSON.stringify({ at: new Date().toISOString(), sizes: { ...kept?.sizes, ...sizes }, peers: { ...kept?.peers, ...peers } }, null, 2))
}

// `npm run bench:browser` runs this after bench/browser.ts; BENCH_FIRST_ONLY asks for the first load alone.
if (process.env.BENCH_FIRST_ONLY) console.log('paths: skipped (BENCH_FIRST_ONLY)')
else await main()
