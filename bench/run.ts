/**
 * npm run bench — import throughput of Comment Lens's pipeline against bare `Papa.parse` on the
 * same generated file, in the same run. Prints a table and writes bench/results/import.json.
 * (Query-engine benchmarks against crossfilter2 and arquero join this script with the scale work.)
 */
import { writeFileSync, mkdirSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import Papa from 'papaparse'
import { generateComments, toCsv } from './generate'
import { importSources } from '../src/import/pipeline'

interface Row {
  name: string
  p50: number
  p95: number
  mbps: number
  ratio: string
}

// A full collection before each timed run, so that neither side pays for the other's garbage.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function time(fn: () => void, runs: number): number[] {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    gc()
    const t0 = performance.now()
    fn()
    out.push(performance.now() - t0)
  }
  return out.sort((a, b) => a - b)
}
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))]

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const csv = toCsv(generateComments(ROWS, 1))
const bytes = new TextEncoder().encode(csv)
const mb = bytes.byteLength / 1024 / 1024
console.log(`import benchmark: ${ROWS.toLocaleString('en')} rows, ${mb.toFixed(1)} MB CSV, ${RUNS} runs each (after 1 warm-up)\n`)

// Peer: bare Papa.parse of the decoded string (what a hand-rolled importer would start from).
// Decoding is included for both so the comparison is bytes → rows.
const papa = () => {
  const text = new TextDecoder().decode(bytes)
  const r = Papa.parse<string[]>(text, { skipEmptyLines: true })
  if (r.data.length < ROWS) throw new Error('papa parsed too few rows')
}
// Second peer, for context: Papa as a minimal importer would call it to get typed records.
const papaRecords = () => {
  const text = new TextDecoder().decode(bytes)
  const r = Papa.parse<Record<string, unknown>>(text, { header: true, dynamicTyping: true, skipEmptyLines: true })
  if (r.data.length < ROWS) throw new Error('papa parsed too few records')
}
// The pipeline reads its input and never detaches it: both sides get the same bytes as they are
// (a copy per run was a 19 MB memcpy that only Comment Lens paid).
const buf = bytes.slice().buffer
const lens = () => {
  const { dataset } = importSources([{ name: 'bench.csv', bytes: buf }])
  if (dataset.n !== ROWS) throw new Error(`comment lens imported ${dataset.n} rows`)
}
papa()
papaRecords()
lens()
// Interleaved, so that a noisy moment of the machine falls on all alike.
const tPapa: number[] = []
const tRecords: number[] = []
const tLens: number[] = []
for (let i = 0; i < RUNS; i++) {
  tPapa.push(...time(papa, 1))
  tRecords.push(...time(papaRecords, 1))
  tLens.push(...time(lens, 1))
}
for (const t of [tPapa, tRecords, tLens]) t.sort((a, b) => a - b)
const rows: Row[] = [
  { name: 'Papa.parse (bare, peer)', p50: pct(tPapa, 0.5), p95: pct(tPapa, 0.95), mbps: mb / (pct(tPapa, 0.5) / 1000), ratio: '1.00×' },
  {
    name: 'Papa.parse header+dynamicTyping',
    p50: pct(tRecords, 0.5),
    p95: pct(tRecords, 0.95),
    mbps: mb / (pct(tRecords, 0.5) / 1000),
    ratio: `${(pct(tPapa, 0.5) / pct(tRecords, 0.5)).toFixed(2)}× of Papa throughput`,
  },
  {
    name: 'Comment Lens importSources',
    p50: pct(tLens, 0.5),
    p95: pct(tLens, 0.95),
    mbps: mb / (pct(tLens, 0.5) / 1000),
    ratio: `${(pct(tPapa, 0.5) / pct(tLens, 0.5)).toFixed(2)}× of Papa throughput`,
  },
]
const pad = (s: string, n: number) => s.padEnd(n)
console.log(`${pad('engine', 32)} ${pad('p50 ms', 9)} ${pad('p95 ms', 9)} ${pad('MB/s', 8)} ratio`)
for (const r of rows) console.log(`${pad(r.name, 32)} ${pad(r.p50.toFixed(1), 9)} ${pad(r.p95.toFixed(1), 9)} ${pad(r.mbps.toFixed(1), 8)} ${r.ratio}`)
mkdirSync('bench/results', { recursive: true })
writeFileSync(
  'bench/results/import.json',
  JSON.stringify({ rows: ROWS, megabytes: mb, runs: RUNS, results: rows, node: process.version, date: new Date().toISOString() }, null, 2),
)
console.log('\nwritten bench/results/import.json')
