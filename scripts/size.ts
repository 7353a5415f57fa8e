/**
 * The first screen's budgets (issue #14 point 3), counted as a browser fetches: scripts/firstLoad.ts
 * loads the built app (dist/) in Chromium five times and records every JavaScript file the page
 * and its workers request. Part of `npm run size` (after size-limit's own checks of lazy chunks);
 * exits 1 when a size passes its ceiling (scripts/budgets.ts: today's size and a margin, at most the
 * budget). The time to the first KPI is printed against its target
 * but does not fail the run: on a shared machine it measures the machine as much as the app.
 */
import { existsSync } from 'node:fs'
import { kb, measureFirstLoad } from './firstLoad'
import { BUDGETS, CEILINGS, KPI_TARGET_MS } from './budgets'

const outDir = process.env.SIZE_OUT_DIR ?? 'dist'
if (!existsSync(`${outDir}/index.html`)) {
  console.error(`${outDir}/ is missing: run npm run build first`)
  process.exit(1)
}
const r = await measureFirstLoad(outDir, Number(process.env.SIZE_PORT ?? 4176), Number(process.env.SIZE_RUNS ?? 5))
const rows: [string, number, keyof typeof BUDGETS][] = [
  ['entry (script + static imports)', r.entry, 'entry'],
  ['JavaScript before the first KPI', r.beforeKpi, 'beforeKpi'],
  ['JavaScript until network idle', r.untilIdle, 'untilIdle'],
]
let over = 0
for (const [name, bytes, key] of rows) {
  const target = BUDGETS[key]
  const ceiling = CEILINGS[key]
  const limit = ceiling ?? target
  if (bytes <= Math.min(limit, target)) console.log(`✔ ${name}: ${kb(bytes)} gzip (budget ${kb(target)}${limit < target ? `, held at ${kb(limit)}` : ''})`)
  else if (bytes <= limit) console.log(`· ${name}: ${kb(bytes)} gzip — target ${kb(target)} NOT MET; held at ${kb(limit)}`)
  else {
    over++
    console.log(`✖ ${name}: ${kb(bytes)} gzip (held at ${kb(limit)}; budget ${kb(target)})`)
  }
}
console.log(
  `${r.kpiMs <= KPI_TARGET_MS ? '✔' : '·'} first KPI: ${r.kpiMs.toFixed(0)} ms, median of ${r.runs.length} cold loads (target ${KPI_TARGET_MS} ms; not enforced)`,
)
console.log('files (B: before the first KPI, I: until idle):')
for (const f of r.files) console.log(`  ${f.beforeKpi ? 'B' : 'I'} ${kb(f.gzip).padStart(9)} ${f.file}`)
process.exit(over ? 1 : 0)
