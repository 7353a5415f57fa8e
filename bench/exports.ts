/**
 * npm run bench:exports — exports in the built app (Chromium via Playwright, `vite preview` of a
 * build in .bench-export-dist): a generated 100,000-comment CSV is uploaded (unless BENCH_SKIP_100K
 * is set), and 1,000,000 (unless BENCH_SKIP_1M is set), then CSV, JSON, the dataset file and the
 * Markdown requests report are exported from the unfiltered view (BENCH_KINDS=csv,json picks some). For each: the time from the click on the menu item to the download, and the longest
 * main-thread task in that time (Long Tasks API, wall time; target ≤ 100 ms), and the most CPU
 * time one main-thread task took (a Chromium trace: on a busy machine the OS stretches the wall
 * time of a task of a few milliseconds to hundreds).
 * Peers, in the same run, in Node on the same rows: `Papa.unparse` of the CSV's cells (every cell
 * quoted, as the export writes them), `JSON.stringify(…, null, 2)` of the JSON export's objects,
 * and `JSON.stringify` of the dataset file's comment objects — each on one thread, with nothing
 * else to do.
 * The phases (User Timing `export:*`): the page sending the rows, the worker assembling them,
 * writing the file, making its Blob. BENCH_RUNS (default 3) runs per export at 100k (one at 1M).
 * BENCH_TRACE=1m (100k, all) lists the main-thread tasks over 50 ms of each export of that size,
 * with their CPU time and what ran in them (a Chromium trace).
 * Prints a table and writes bench/results/exports.json.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import Papa from 'papaparse'
import type { Browser, Page } from '@playwright/test'
import {
  collectGarbage,
  csvFile,
  installObservers,
  launchChromium,
  mostCpuTask,
  p50,
  printLongTasks,
  revealBelowFold,
  startPreview,
  takeTasks,
  TRACE_CATEGORIES,
  waitReady,
} from './kit'
import { importSources } from '@/import/pipeline'
import { csvCells, CSV_HEADER } from '@/export/csv'
import { commentObject } from '@/export/json'
import type { DatasetColumns } from '@/model/dataset'
import { formatTime } from '@/model/dates'

const PORT = Number(process.env.BENCH_PORT ?? 4175)
const OUT_DIR = '.bench-export-dist'
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const ALL_KINDS = ['csv', 'json', 'dataset', 'report'] as const
type Kind = (typeof ALL_KINDS)[number]
/** BENCH_KINDS=csv,json picks some of the exports (all by default). */
const KINDS = ALL_KINDS.filter((k) => !process.env.BENCH_KINDS || process.env.BENCH_KINDS.split(',').includes(k))
/** BENCH_TRACE=1m (or 100k, or all): lists the main-thread tasks over 50 ms of each export of that size. */
const TRACE = process.env.BENCH_TRACE

interface Measured {
  ms: number[]
  longestTask: number[]
  /** The most CPU time a main-thread task took (a Chromium trace), ms. */
  mostCpu: number[]
  bytes: number
  /** User Timing `export:*` of each run: the page's sending, the worker's assembling, writing, Blob. */
  phases: Record<string, number>[]
}

/**
 * Exports `kind` from the view `runs` times: click → download, and the longest task meanwhile,
 * by the Long Tasks API (wall time) and by a Chromium trace of `browser` (CPU time); `print`
 * lists the long tasks.
 */
async function exportRuns(page: Page, kind: Kind, runs: number, browser: Browser, print: boolean): Promise<Measured> {
  const out: Measured = { ms: [], longestTask: [], mostCpu: [], bytes: 0, phases: [] }
  for (let r = 0; r < runs; r++) {
    await page.waitForTimeout(1000)
    await takeTasks(page)
    await page.evaluate(() => performance.clearMeasures())
    await page.getByTestId('export-open').click()
    await browser.startTracing(page, { categories: TRACE_CATEGORIES })
    const t0 = Date.now()
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 900_000 }), page.getByTestId(`export-${kind}`).click()])
    out.ms.push(Date.now() - t0)
    // The tasks up to the download, and the one that handled it.
    await page.waitForTimeout(300)
    out.longestTask.push(Math.max(0, ...(await takeTasks(page))))
    const json = (await browser.stopTracing()).toString()
    // BENCH_TRACE_DIR keeps each trace (for the Performance panel).
    if (process.env.BENCH_TRACE_DIR) writeFileSync(`${process.env.BENCH_TRACE_DIR}/export-${kind}-${r}.json`, json)
    const trace = JSON.parse(json)
    out.mostCpu.push(mostCpuTask(trace).cpu)
    if (print) printLongTasks(trace, `the ${kind} export`)
    out.phases.push(
      await page.evaluate(() => {
        const p: Record<string, number> = {}
        for (const m of performance.getEntriesByType('measure')) if (m.name.startsWith('export:')) p[m.name.slice(7)] = Math.round(m.duration)
        return p
      }),
    )
    out.bytes = statSync(await dl.path()).size
    await dl.delete()
    // The menu is back once the export has ended.
    await page.getByTestId('export-open').and(page.locator(':enabled')).waitFor()
  }
  return out
}

/** The peers: each export's rows written by a plain library call in Node (p50 of `runs`, ms). */
function peers(file: string, runs: number): Record<Kind, number> {
  const b = readFileSync(file)
  const { dataset: ds } = importSources([{ name: 'x.csv', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer }])
  const rows = Array.from({ length: ds.n }, (_, i) => i)
  const cells = rows.map((i) => csvCells(ds, i))
  const objects = rows.map((i) => commentObject(ds, i))
  const fileObjects = rows.map((i) => datasetFileObject(ds, i))
  const time = (f: () => unknown) => {
    const ms: number[] = []
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now()
      f()
      ms.push(performance.now() - t0)
    }
    return p50(ms)
  }
  return {
    csv: time(() => Papa.unparse({ fields: [...CSV_HEADER], data: cells }, { quotes: true, newline: '\r\n' })),
    json: time(() => JSON.stringify(objects, null, 2)),
    dataset: time(() => JSON.stringify({ comments: fileObjects })),
    // The report is a table and a few excerpts: no library writes it.
    report: NaN,
  }
}

/** A comment as the dataset file writes it (without the rare numeric date). */
function datasetFileObject(ds: DatasetColumns, i: number) {
  const day = ds.day[i]
  return {
    author: ds.authors[ds.author[i]],
    avatar: ds.avatars[ds.avatar[i]],
    likes: ds.likes[i],
    replies: ds.replies[i],
    date: day,
    time: formatTime(ds.time[i]),
    text: ds.text.get(i),
    reply: ds.reply.get(i),
    lesson: ds.lessons[ds.lesson[i]].title,
    source: ds.sources[ds.source[i]],
  }
}

interface Row {
  comments: string
  kind: Kind
  m: Measured
  peerMs: number
}

async function main() {
  const server = await startPreview(OUT_DIR, PORT)
  const rows: Row[] = []
  try {
    const sizes: [number, number, string, number][] = []
    if (!process.env.BENCH_SKIP_100K) sizes.push([100_000, 3, '100,000', RUNS])
    if (!process.env.BENCH_SKIP_1M) sizes.push([1_000_000, 5, '1,000,000', 1])
    const browser = await launchChromium()
    try {
      for (const [n, seed, label, runs] of sizes) {
        const file = csvFile(n, seed)
        const peer = peers(file, runs)
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
        await page.goto(`http://127.0.0.1:${PORT}/?lang=en`)
        await waitReady(page, '20')
        await revealBelowFold(page)
        await page.getByTestId('upload').setInputFiles(file)
        await waitReady(page, label)
        // The upload's after-work (saving the dataset, the phrases panel) is not the export's.
        await page.waitForTimeout(n >= 1_000_000 ? 15_000 : 5000)
        await collectGarbage(page)
        await installObservers(page)
        const print = TRACE === 'all' || TRACE === (n >= 1_000_000 ? '1m' : '100k')
        for (const kind of KINDS) rows.push({ comments: label, kind, m: await exportRuns(page, kind, runs, browser, print), peerMs: peer[kind] })
        await page.close()
      }
    } finally {
      await browser.close()
    }
  } finally {
    server.kill()
  }
  const lines = rows.map((r) => [
    `${r.comments} comments, ${r.kind}`,
    `${(r.m.bytes / 1e6).toFixed(1)} MB`,
    `${p50(r.m.ms).toFixed(0)} ms${r.m.ms.length > 1 ? ` (${r.m.ms.join(', ')})` : ''}`,
    `${Math.max(...r.m.longestTask).toFixed(0)} ms${r.m.longestTask.length > 1 ? ` (${r.m.longestTask.map((t) => t.toFixed(0)).join(', ')})` : ''}`,
    `${Math.max(...r.m.mostCpu).toFixed(0)} ms`,
    Number.isNaN(r.peerMs) ? '—' : `${r.peerMs.toFixed(0)} ms`,
    ['send', 'assemble', 'write', 'blob'].map((k) => `${k} ${p50(r.m.phases.map((p) => p[k] ?? 0)).toFixed(0)}`).join(', '),
  ])
  const head = [
    'export',
    'file',
    'click → download (p50)',
    'longest main-thread task (max)',
    'most CPU time in one task (max)',
    'peer in Node',
    'phases (p50 ms)',
  ]
  const peerNames = 'peers: csv Papa.unparse (quotes: true) · json JSON.stringify(objects, null, 2) · dataset JSON.stringify(comment objects)'
  const widths = head.map((h, k) => Math.max(h.length, ...lines.map((l) => l[k].length)))
  console.log(`\n${head.map((h, k) => h.padEnd(widths[k])).join('  ')}`)
  for (const l of lines) console.log(l.map((c, k) => c.padEnd(widths[k])).join('  '))
  console.log(`(${peerNames}; target for the longest task: ≤ 100 ms)`)
  mkdirSync('bench/results', { recursive: true })
  writeFileSync('bench/results/exports.json', JSON.stringify({ at: new Date().toISOString(), rows }, null, 2))
}

await main()
