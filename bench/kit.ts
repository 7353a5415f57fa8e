/**
 * What the browser benchmarks share: the generated CSV files they upload, the tab's memory, a
 * garbage collection before reading it, and percentiles.
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateComments, toCsv } from './generate'

/** A generated CSV of `rows` comments (bench/generate.ts), written once to the temp folder. */
export function csvFile(rows: number, seed: number): string {
  const file = join(tmpdir(), `comment-lens-bench-${rows}-${seed}.csv`)
  if (!existsSync(file)) writeFileSync(file, toCsv(generateComments(rows, seed)))
  return file
}

/** Proportional set size (MB) of the browser's renderer processes: the tab and its workers. */
export function rendererMemoryMb(): number {
  const parent = new Map<number, number>()
  const cmd = new Map<number, string>()
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
      parent.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
      cmd.set(Number(p), readFileSync(`/proc/${p}/cmdline`, 'utf8'))
    } catch {
      // The process ended while we read it.
    }
  }
  const root = [...cmd].find(([, c]) => c.includes('--comment-lens-bench') && !c.includes('--type='))?.[0]
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid); p; p = parent.get(p)) if (p === root) return true
    return false
  }
  let kb = 0
  for (const [pid, c] of cmd) {
    if (!c.includes('--type=renderer') || !under(pid)) continue
    try {
      const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))
      if (m) kb += Number(m[1])
    } catch {
      // Gone.
    }
  }
  return kb / 1024
}

/** Collects garbage in the page (all isolates of its renderer) before memory is read. */
export async function collectGarbage(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.detach()
  await page.waitForTimeout(500)
}

export const p95 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)] ?? NaN

export const p50 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]

export const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium'
/** Chromium's flags here; `--comment-lens-bench` marks the processes rendererMemoryMb reads. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--comment-lens-bench',
]

/**
 * Serves the build in `outDir` with `vite preview` on `port` and waits until it answers. Refuses a
 * port already in use: a server left there would serve another build.
 */
export async function startPreview(outDir: string, port: number): Promise<ChildProcess> {
  if (
    await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is in use: stop that server (or set BENCH_PORT)`)
  // Vite's own script under this Node, not `npx`: killing npx would leave the server running.
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { stdio: 'ignore' },
  )
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break
    } catch {
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  return server
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

/** What the longest busy stretches of a CPU profile ran (BENCH_PROFILE in the browser benchmarks). */
export function printProfile(
  profile: { nodes: (ProfileNode & { children?: number[] })[]; samples?: number[]; timeDeltas?: number[] },
  what = 'the 100k upload',
) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parentOf = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id)
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  // Busy stretches (no idle sample in between) approximate tasks; show what the longest ones ran.
  const stretches: { ms: number; from: number; to: number }[] = []
  let start = -1
  let ms = 0
  for (let i = 0; i <= samples.length; i++) {
    const idle = i === samples.length || byId.get(samples[i])?.callFrame.functionName === '(idle)'
    if (!idle) {
      if (start < 0) {
        start = i
        ms = 0
      }
      ms += (deltas[i + 1] ?? 0) / 1000
    } else if (start >= 0) {
      stretches.push({ ms, from: start, to: i })
      start = -1
    }
  }
  stretches.sort((a, b) => b.ms - a.ms)
  console.log(`\nlongest busy stretches on the main thread during ${what}, with their heaviest frames (inclusive ms):`)
  for (const s of stretches.slice(0, 6)) {
    const incl = new Map<string, number>()
    for (let i = s.from; i < s.to; i++) {
      const d = (deltas[i + 1] ?? 0) / 1000
      const seen = new Set<string>()
      for (let id: number | undefined = samples[i]; id !== undefined; id = parentOf.get(id)) {
        const n = byId.get(id)!
        const k = name(n)
        if (seen.has(k) || k.startsWith('(root)')) continue
        seen.add(k)
        incl.set(k, (incl.get(k) ?? 0) + d)
      }
    }
    console.log(`  stretch ${s.ms.toFixed(0)} ms:`)
    for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_PROFILE_LINES ?? 14)))
      console.log(`    ${v.toFixed(1).padStart(7)}  ${k}`)
  }
}

/** Waits until the dashboard shows `comments` and is no longer busy. */
export async function waitReady(page: Page, comments: string, timeout = 600_000) {
  await page.getByTestId('kpi-comments').filter({ hasText: comments }).waitFor({ timeout })
  await page.locator('main[aria-busy="false"]').waitFor({ timeout })
}

/**
 * The parts below the first screen (the trend chart, the insight panels) mount at the reader's
 * first key, click, wheel or touch (App.vue). A benchmark that opens the page and then uploads (no
 * such event) presses Shift first, so that what it measures includes them, as a reader's session
 * would. (tests/e2e/fixtures.ts has its twin, with Playwright's assertions.)
 */
export async function revealBelowFold(page: Page, timeout = 600_000) {
  await page.keyboard.press('Shift')
  await page.locator('.insights').waitFor({ state: 'attached', timeout })
  await page.locator('main[aria-busy="false"]').waitFor({ timeout })
}

/** Long tasks, the last input and the last DOM change, recorded in the page (see takeTasks, the browser benchmark's latencies). */
export async function installObservers(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { tasks: number[]; t0: number; lastChange: number; lastKpi: number } }
    w.__bench = { tasks: [], t0: 0, lastChange: 0, lastKpi: 0 }
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__bench.tasks.push(e.duration)
    }).observe({ type: 'longtask', buffered: false })
    // `input` too: Playwright types Chinese text as text input, with no keydown.
    for (const type of ['keydown', 'input', 'click', 'change']) document.addEventListener(type, () => (w.__bench.t0 = performance.now()), true)
    new MutationObserver(() => (w.__bench.lastKpi = performance.now())).observe(document.querySelector('[data-testid="kpi-comments"]')!, {
      subtree: true,
      childList: true,
      characterData: true,
    })
    // The dashboard's own changes; the phrases panel fills in later from its worker, by design, and
    // the screen reader's announcement waits until the result has stayed put for 700 ms (LiveStatus).
    // (No named helper functions in here: tsx would wrap them in a `__name` the page lacks.)
    new MutationObserver((records) => {
      const phrasesPanel = document.querySelector('[data-testid="phrases"]')
      const live = document.querySelector('[data-testid="live-status"]')
      if (records.some((r) => !phrasesPanel?.contains(r.target) && !live?.contains(r.target))) w.__bench.lastChange = performance.now()
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
  })
}

/** The long tasks recorded since the last call. */
export async function takeTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: { tasks: number[] } }).__bench
    const t = b.tasks
    b.tasks = []
    return t
  })
}

/** Debian's Chromium with the flags above. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROME, args: CHROMIUM_ARGS })
}

/**
 * The peer of a folder upload: picks `dir` in the page's only `<input webkitdirectory>` and reads
 * every file, 16 at a time, doing nothing else — what Chromium itself takes to build the FileList
 * (`list`) and hand over the bytes (`read`), ms.
 */
export async function pickAndReadFolder(page: Page, dir: string): Promise<{ list: number; read: number }> {
  const t0 = Date.now()
  await page.locator('input').setInputFiles(dir)
  const list = Date.now() - t0
  const read = await page.evaluate(async () => {
    const files = Array.from(document.querySelector('input')!.files!)
    const t0 = performance.now()
    let next = 0
    // (No named helper functions in here: tsx would wrap them in a `__name` the page lacks.)
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < files.length) await files[next++].arrayBuffer()
      }),
    )
    return Math.round(performance.now() - t0)
  })
  return { list, read }
}

/** What a Chromium trace records for printLongTasks: tasks, script, layout, and V8's garbage collections. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8']

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  /** Thread (CPU) time, µs: far below `dur` when the OS kept the thread waiting. */
  tdur?: number
  tid: number
  pid: number
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number; type?: string } }
}

type Trace = { traceEvents: TraceEvent[] }

/** The page's main-thread events of a Chromium trace (TRACE_CATEGORIES) that have a duration, and its tasks among them. */
function mainThread(trace: Trace): { events: TraceEvent[]; tasks: TraceEvent[] } {
  const ev = trace.traceEvents
  const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const events = main ? ev.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined) : []
  return { events, tasks: events.filter((e) => e.name === 'RunTask') }
}

/**
 * The main-thread task that took the most CPU time in a trace, and its wall time (ms). On a busy
 * machine the Long Tasks API's durations are wall time: a task of 15 ms the OS keeps waiting
 * lasts 400; its CPU time is what the page's code decides.
 */
export function mostCpuTask(trace: Trace): { cpu: number; wall: number } {
  let top: TraceEvent | null = null
  for (const t of mainThread(trace).tasks) if (t.tdur !== undefined && (!top || t.tdur > top.tdur!)) top = t
  return { cpu: (top?.tdur ?? 0) / 1000, wall: (top?.dur ?? 0) / 1000 }
}

/**
 * The main thread's tasks over `overMs` in a Chromium trace (TRACE_CATEGORIES), longest first,
 * then the three that took the most CPU time, each with its wall and CPU time and what ran inside
 * it (script, garbage collection, layout…).
 */
export function printLongTasks(trace: Trace, what: string, overMs = 50) {
  const { events: onMain, tasks: all } = mainThread(trace)
  const tasks = all.filter((e) => e.dur! > overMs * 1000).sort((a, b) => b.dur! - a.dur!)
  const byCpu = all.filter((e) => e.tdur !== undefined).sort((a, b) => b.tdur! - a.tdur!)
  const ms = (us: number | undefined) => (us === undefined ? '?' : (us / 1000).toFixed(0))
  const cpuMs = byCpu.reduce((a, t) => a + t.tdur!, 0)
  console.log(
    `\nmain-thread tasks during ${what}: ${all.length}, ${ms(cpuMs)} ms of CPU time; ${tasks.length} over ${overMs} ms; the most CPU time a task took: ${byCpu
      .slice(0, 5)
      .map((t) => `${ms(t.tdur)} ms (wall ${ms(t.dur)})`)
      .join(', ')}`,
  )
  for (const t of [...tasks.slice(0, 6), ...byCpu.slice(0, 3).filter((t) => !tasks.slice(0, 6).includes(t))]) {
    console.log(`  task ${ms(t.dur)} ms (CPU ${ms(t.tdur)} ms):`)
    const inner = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.dur! > 3000 && e.name !== 'RunTask')
    for (const e of inner.sort((a, b) => a.ts - b.ts).slice(0, 25)) {
      const d = e.args?.data
      const where = d?.functionName || d?.url ? `${d.functionName ?? ''} ${(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}` : (d?.type ?? '')
      const cpu = e.tdur === undefined ? '' : ` (CPU ${(e.tdur / 1000).toFixed(1)})`
      console.log(`    +${((e.ts - t.ts) / 1000).toFixed(0).padStart(4)} ms  ${(e.dur! / 1000).toFixed(1).padStart(6)} ms${cpu}  ${e.name} ${where}`)
    }
  }
}
