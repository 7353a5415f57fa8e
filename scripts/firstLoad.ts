/**
 * What a browser really fetches on the first screen (issue #14 point 3), measured in Chromium on
 * the built app (`vite preview` of a build folder):
 *   - the entry (the `<script type="module">` of index.html and the chunks it imports statically), gzip;
 *   - every JavaScript file requested before the first KPI shows (`kpi-comments` not empty), gzip;
 *   - every JavaScript file requested until the network is idle (page and workers), gzip;
 *   - the time from navigation to the first KPI.
 * Sizes are the built files gzipped at level 9 (what size-limit counts), whatever the preview
 * server sends. Used by `npm run size` (scripts/size.ts: the budgets) and `npm run bench:browser`.
 */
import { chromium, type Browser } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { CHROME, CHROMIUM_ARGS, startPreview } from '../bench/kit'

export interface FirstLoad {
  /** gzip bytes of the entry and its static imports. */
  entry: number
  /** gzip bytes of the JavaScript requested before the first KPI showed. */
  beforeKpi: number
  /** gzip bytes of all JavaScript requested until the network was idle. */
  untilIdle: number
  /** Navigation start → first KPI shown, ms. */
  kpiMs: number
  /** The files requested until idle, in request order, with gzip bytes and whether before the KPI. */
  files: { file: string; gzip: number; beforeKpi: boolean }[]
}

const gzipCache = new Map<string, number>()
export function gzipBytes(path: string): number {
  let n = gzipCache.get(path)
  if (n === undefined) {
    n = gzipSync(readFileSync(path), { level: 9 }).length
    gzipCache.set(path, n)
  }
  return n
}

/**
 * The entry: the module script of index.html and the chunks it imports statically (the
 * modulepreload links Vite writes for them), paths inside the build folder.
 */
export function entryFiles(outDir: string): string[] {
  const html = readFileSync(`${outDir}/index.html`, 'utf8')
  const m = html.match(/<script type="module"[^>]*src="\.?\/?([^"]+\.js)"/)
  if (!m) throw new Error(`no module script in ${outDir}/index.html`)
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.?\/?([^"]+\.js)"/g)].map((x) => x[1])
  return [m[1], ...preloads]
}

/** One cold load (a new browser context: empty cache and storage) of `url`. */
export async function measureOnce(browser: Browser, outDir: string, url: string): Promise<FirstLoad> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  // When the KPI first shows, as epoch milliseconds and as ms since navigation start.
  // (A string, not a function: tsx would wrap named functions in a helper the page does not have.)
  await page.addInitScript(`(() => {
    const observer = new MutationObserver(() => {
      if (window.__firstKpi) return
      const el = document.querySelector('[data-testid="kpi-comments"]')
      if (el && (el.textContent || '').trim() !== '') {
        const ms = performance.now()
        window.__firstKpi = { at: performance.timeOrigin + ms, ms }
        observer.disconnect()
      }
    })
    observer.observe(document, { subtree: true, childList: true, characterData: true })
  })()`)
  const origin = new URL(url).origin
  const requests: { path: string; at: number }[] = []
  // Requests of the page and of its dedicated workers (Chromium reports both to the context).
  context.on('request', (req) => {
    const u = new URL(req.url())
    if (u.origin !== origin || !u.pathname.endsWith('.js')) return
    requests.push({ path: u.pathname.replace(/^\//, ''), at: Date.now() })
  })
  await page.goto(url)
  // (Polled with evaluate: waitForFunction compiles its predicate in the page, which the app's CSP refuses.)
  for (let t = Date.now(); !(await page.evaluate(() => !!(window as unknown as { __firstKpi?: unknown }).__firstKpi));) {
    if (Date.now() - t > 60_000) throw new Error('the first KPI did not show within 60 s')
    await page.waitForTimeout(50)
  }
  await page.waitForLoadState('networkidle')
  // Idle means nothing for a while: lazy chunks started after a pause would still count.
  await page.waitForTimeout(1500)
  await page.waitForLoadState('networkidle')
  const kpi = await page.evaluate(() => (window as unknown as { __firstKpi: { at: number; ms: number } }).__firstKpi)
  await context.close()
  const seen = new Set<string>()
  const files: FirstLoad['files'] = []
  for (const r of requests) {
    if (seen.has(r.path)) continue
    seen.add(r.path)
    files.push({ file: r.path, gzip: gzipBytes(`${outDir}/${r.path}`), beforeKpi: r.at <= kpi.at })
  }
  const sum = (xs: { gzip: number }[]) => xs.reduce((s, f) => s + f.gzip, 0)
  return {
    entry: entryFiles(outDir).reduce((n, f) => n + gzipBytes(`${outDir}/${f}`), 0),
    beforeKpi: sum(files.filter((f) => f.beforeKpi)),
    untilIdle: sum(files),
    kpiMs: kpi.ms,
    files,
  }
}

/** `runs` cold loads of the sample; the medians, and the file list of the run closest to the median KPI. */
export async function measureFirstLoad(outDir: string, port: number, runs = 5): Promise<FirstLoad & { runs: FirstLoad[] }> {
  const server = await startPreview(outDir, port)
  let browser: Browser | null = null
  try {
    browser = await chromium.launch({ executablePath: CHROME, args: CHROMIUM_ARGS })
    const all: FirstLoad[] = []
    // One load first to warm the server and the disk cache (not counted).
    await measureOnce(browser, outDir, `http://127.0.0.1:${port}/?lang=en`)
    for (let i = 0; i < runs; i++) all.push(await measureOnce(browser, outDir, `http://127.0.0.1:${port}/?lang=en`))
    const med = (f: (x: FirstLoad) => number) => all.map(f).sort((a, b) => a - b)[Math.floor((all.length - 1) / 2)]
    const kpiMs = med((x) => x.kpiMs)
    const typical = all.find((x) => x.kpiMs === kpiMs) ?? all[0]
    return { entry: typical.entry, beforeKpi: med((x) => x.beforeKpi), untilIdle: med((x) => x.untilIdle), kpiMs, files: typical.files, runs: all }
  } finally {
    await browser?.close()
    server.kill()
  }
}

/** kB of 1,000 bytes, as size-limit counts. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
