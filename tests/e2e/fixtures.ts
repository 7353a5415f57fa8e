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
        if (m.type() === 'error' && /\b(TypeError|ReferenceError|RangeError|SyntaxError)\b|Unhandled|\[Vue warn\]/.test(m.text()))
          errors.push(`console: ${m.text().slice(0, 300)}`)
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
  await revealBelowFold(page)
}

/**
 * The parts below the first screen (the trend chart, the insight panels) mount at the reader's
 * first key, click, wheel or touch, or when they come near the viewport (App.vue). A Shift press
 * (no shortcut) is that first key; then the dashboard is busy until they are in.
 */
export async function revealBelowFold(page: Page): Promise<void> {
  await page.keyboard.press('Shift')
  await expect(page.locator('.insights')).toBeAttached()
  await expect(page.locator('main[aria-busy="false"]')).toBeVisible()
}

export async function kpis(page: Page) {
  return {
    comments: await page.getByTestId('kpi-comments').innerText(),
    likes: await page.getByTestId('kpi-likes').innerText(),
    replies: await page.getByTestId('kpi-replies').innerText(),
  }
}

/** Records, from inside the page (no polling gaps), every value and text the import progress bar shows. */
export async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __progress: { values: number[]; texts: string[] } }
    const seen = (w.__progress = { values: [] as number[], texts: [] as string[] })
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"]')
      const v = bar?.getAttribute('aria-valuenow')
      if (v != null && seen.values.at(-1) !== Number(v)) seen.values.push(Number(v))
      const text = bar?.getAttribute('aria-valuetext')
      if (text && seen.texts.at(-1) !== text) seen.texts.push(text)
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow', 'aria-valuetext'] })
  })
}

/** What recordProgress saw so far: each change of the bar's aria-valuenow and aria-valuetext, once. */
export async function progressSeen(page: Page): Promise<{ values: number[]; texts: string[] }> {
  return page.evaluate(() => (window as unknown as { __progress: { values: number[]; texts: string[] } }).__progress)
}

/**
 * What the tests fail on: a freeze (these inputs once froze the tab 4–111 s). The 200 ms target is
 * recorded in each test's annotations and measured on an idle machine, not asserted: the browser tests
 * share two CPUs, and a timed assertion there fails on load, not on the app.
 */
export const LONG_TASK_MS = 2000

/** Starts recording long tasks (PerformanceObserver 'longtask') from now on. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: { start: number; ms: number }[]; __longObs?: PerformanceObserver }
    w.__long = []
    w.__longObs?.disconnect()
    const since = performance.now()
    w.__longObs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime >= since) w.__long.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) })
    })
    w.__longObs.observe({ type: 'longtask', buffered: true })
  })
}

/** The long tasks seen since watchLongTasks (after a frame, so the last ones are reported). */
export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))
    return (window as unknown as { __long: { ms: number }[] }).__long.map((t) => t.ms)
  })
}

export async function expectNoLongTask(page: Page, what: string) {
  const tasks = await longTasks(page)
  test.info().annotations.push({ type: 'long tasks', description: `${what}: ${tasks.length ? tasks.join(', ') + ' ms' : 'none'}` })
  expect(
    tasks.filter((ms) => ms > LONG_TASK_MS),
    `${what}: main-thread tasks over ${LONG_TASK_MS} ms`,
  ).toEqual([])
}

/** A typed array for idbPut's records (they are revived in the page: structured clone keeps the type). */
export const typed = {
  u32: (xs: number[]) => ({ $typed: 'u32', xs }),
  i32: (xs: number[]) => ({ $typed: 'i32', xs }),
  u16: (xs: number[]) => ({ $typed: 'u16', xs }),
}

/**
 * A two-comment dataset record as the first version of the app stored it (plain string arrays, one
 * record holding meta and columns), for idbPut. `days` are the two comments' day numbers.
 */
export function firstVersionRecord(o: { key: string; name: string; file: string; lesson: string; ids: [string, string]; days: [number, number] }) {
  const { u32, i32, u16 } = typed
  const columns = {
    n: 2,
    id: o.ids,
    likes: u32([3, 4]),
    replies: u32([0, 1]),
    day: i32(o.days),
    time: i32([-1, -1]),
    author: u32([0, 1]),
    authors: ['甲', '乙'],
    avatar: u32([0, 0]),
    avatars: [''],
    lesson: u32([0, 0]),
    lessons: [{ title: o.lesson, file: o.file }],
    source: u32([0, 0]),
    sources: [o.file],
    text: ['希望出加餐', '求 PDF'],
    reply: ['', ''],
    batch: u16([1, 1]),
    batches: [{ no: 1, at: '2021-01-01T00:00:00Z', files: [o.file] }],
  }
  const meta = { key: o.key, name: o.name, comments: 2, lessons: 1, bytes: 100, files: [o.file], createdAt: '2021-01-01', updatedAt: '2021-01-01' }
  return { meta, columns }
}

/** The keys of the app's IndexedDB store, sorted. */
export async function idbKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const r = indexedDB.open('comment-lens')
        r.onerror = () => reject(r.error)
        r.onsuccess = () => {
          const q = r.result.transaction('datasets').objectStore('datasets').getAllKeys()
          q.onsuccess = () => {
            resolve((q.result as IDBValidKey[]).map(String).sort())
            r.result.close()
          }
        }
      }),
  )
}

/** Writes records straight into the app's IndexedDB store (as an earlier version, or a broken save, left them). */
export async function idbPut(page: Page, records: [string, unknown][]): Promise<void> {
  await page.evaluate(async (recs) => {
    const ctors: Record<string, (xs: number[]) => unknown> = {
      u32: (xs) => Uint32Array.from(xs),
      i32: (xs) => Int32Array.from(xs),
      u16: (xs) => Uint16Array.from(xs),
    }
    const revive = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(revive)
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>
        if (typeof o.$typed === 'string') return ctors[o.$typed](o.xs as number[])
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, revive(x)]))
      }
      return v
    }
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('comment-lens')
      r.onupgradeneeded = () => r.result.createObjectStore('datasets')
      r.onsuccess = () => resolve(r.result)
      r.onerror = () => reject(r.error)
    })
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('datasets', 'readwrite')
      for (const [key, value] of recs) tx.objectStore('datasets').put(revive(value), key)
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  }, records)
}
