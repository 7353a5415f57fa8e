/**
 * Query benchmark: one suite of views run through Comment Lens's `runQuery`, crossfilter2 and
 * arquero on the same generated dataset, with the same aggregates and the same ordered list.
 *
 *   npx tsx --tsconfig tsconfig.vitest.json bench/query.ts
 *   BENCH_SIZES=10000,100000 BENCH_RUNS=5 npx tsx --tsconfig tsconfig.vitest.json bench/query.ts
 *
 * Each engine's load (prepare / crossfilter dimensions / arquero table) is timed once, outside
 * the suite. One warm-up pass of the suite per engine doubles as the correctness check: for
 * every view the three must agree on comments, likes, replies, distinct authors and the first 10
 * rows of the list, or the script exits non-zero. Writes bench/results/query.json.
 */
import { writeFileSync, mkdirSync } from 'node:fs'
import { generateComments } from './generate'
import { arqueroEngine, crossfilterEngine, haystackOf, sortKeys, type Engine, type PeerResult } from './queryPeers'
import { DatasetBuilder, type DatasetColumns } from '../src/model/dataset'
import { parseIsoDay } from '../src/model/dates'
import { compileTheme } from '../src/insight/themes'
import type { PreparedDataset } from '../src/query/prepare'
import { prepareComputed } from '../src/query/computeIndexes'
import { runQuery } from '../src/query/engine'
import { matchesSearch, parseSearch } from '../src/query/search'
import { defaultThemes, loadLexicon } from '../src/insight/lexicon'
import { type QueryView, unfilteredView } from '../src/model/view'

// The lexicon is data, loaded as the app loads it.
await loadLexicon()

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
/** Appended by the generator to ~10% of comments, and found in no author name or lesson title. */
const SEARCH_WORD = '补充说明'

const base: QueryView = unfilteredView()

/** The suite, defined once; every engine runs exactly these views in this order. */
const SUITE: { name: string; view: QueryView }[] = [
  { name: 'likes range', view: { ...base, likes: { min: 5, max: 99 } } },
  { name: 'replies range', view: { ...base, replies: { min: 1, max: 3 } } },
  { name: 'date range', view: { ...base, from: '2021-03-01', to: '2021-06-30' } },
  { name: 'one lesson', view: { ...base, lessons: ['04 | 第 4 讲'] } },
  { name: 'one theme', view: { ...base, themes: ['materials'] } },
  { name: 'questions only', view: { ...base, questions: 'all' } },
  { name: 'combined (3)', view: { ...base, likes: { min: 1, max: null }, from: '2021-01-01', to: '2021-12-31', themes: ['bonus'] } },
  { name: 'text search', view: { ...base, q: SEARCH_WORD } },
  { name: 'clear filters', view: base },
  { name: 'sort date asc', view: { ...base, sort: { key: 'date', dir: 'asc' } } },
]

/**
 * A drill-down, each view narrowing the one before (a theme, then likes, then a year, then a word,
 * then another sort): timed step by step, from the unfiltered view, through every engine. Comment
 * Lens runs it twice: cold (forgetting each previous query) and as the app does (starting from it).
 */
const DRILL: { name: string; view: QueryView }[] = [
  { name: 'theme', view: { ...base, themes: ['bonus'] } },
  { name: '+ likes ≥ 1', view: { ...base, themes: ['bonus'], likes: { min: 1, max: null } } },
  { name: '+ year 2021', view: { ...base, themes: ['bonus'], likes: { min: 1, max: null }, from: '2021-01-01', to: '2021-12-31' } },
  { name: '+ search', view: { ...base, themes: ['bonus'], likes: { min: 1, max: null }, from: '2021-01-01', to: '2021-12-31', q: SEARCH_WORD } },
  {
    name: 'sort by date',
    view: {
      ...base,
      themes: ['bonus'],
      likes: { min: 1, max: null },
      from: '2021-01-01',
      to: '2021-12-31',
      q: SEARCH_WORD,
      sort: { key: 'date', dir: 'desc' },
    },
  },
]

function buildDataset(n: number): DatasetColumns {
  const b = new DatasetBuilder(n)
  for (const r of generateComments(n, 42)) {
    b.add(
      {
        author: r.author,
        avatar: '',
        likes: r.likes,
        replies: r.replies,
        day: parseIsoDay(r.date) ?? NaN,
        time: -1,
        text: r.text,
        reply: '',
        lesson: r.lesson,
      },
      'bench.csv',
      r.lesson,
    )
  }
  return b.finish()
}

function commentLens(p: PreparedDataset, incremental = false): Engine {
  return {
    name: incremental ? 'Comment Lens (incremental)' : 'Comment Lens',
    run(view) {
      // Cold: forget the previous query and search, so every view pays for a full pass.
      if (!incremental) p.memo = {}
      const r = runQuery(p, view)
      return { comments: r.kpis.comments, likes: r.kpis.likes, replies: r.kpis.replies, authors: r.kpis.authors, order: r.order, aggregates: r }
    },
    dispose() {},
  }
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * q))]
}
const ms = (fn: () => void) => {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

interface EngineStats {
  engine: string
  loadMs: number
  suiteP50: number
  suiteP95: number
  queries: Record<string, { p50: number; p95: number }>
}

/** Runs the drill-down RUNS times from the unfiltered view; per-step times. */
function timeDrill(e: Engine, reset: () => void): number[][] {
  const perStep = DRILL.map(() => [] as number[])
  for (let r = 0; r < RUNS; r++) {
    // Each run starts afresh: no search or query remembered from the run before.
    reset()
    e.run(base)
    DRILL.forEach((s, k) => perStep[k].push(ms(() => e.run(s.view))))
  }
  return perStep
}

/** Runs the suite RUNS times; per-view times and per-run totals. */
function timeSuite(e: Engine): { perView: number[][]; totals: number[] } {
  const perView = SUITE.map(() => [] as number[])
  const totals: number[] = []
  for (let r = 0; r < RUNS; r++) {
    let total = 0
    SUITE.forEach((s, v) => {
      const t = ms(() => e.run(s.view))
      perView[v].push(t)
      total += t
    })
    totals.push(total)
  }
  return { perView, totals }
}

type Check = Pick<PeerResult, 'comments' | 'likes' | 'replies' | 'authors'> & { first: number[]; listLength: number }
const checkOf = (r: PeerResult): Check => ({
  comments: r.comments,
  likes: r.likes,
  replies: r.replies,
  authors: r.authors,
  first: Array.from({ length: Math.min(10, r.order.length) }, (_, j) => r.order[j]),
  listLength: r.order.length,
})

let failed = false
const results: unknown[] = []
const summary: string[] = []

for (const n of SIZES) {
  console.log(`\n=== ${n.toLocaleString('en')} comments, ${RUNS} runs of ${SUITE.length} views per engine (after 1 warm-up/check pass) ===`)
  let ds: DatasetColumns | null = null
  const tGen = ms(() => (ds = buildDataset(n)))
  const themes = defaultThemes().map((t) => compileTheme(t))
  let p!: PreparedDataset
  const tPrep = ms(() => {
    p = prepareComputed(ds!, themes)
    // The text buffer is joined lazily on the first search (an upload brings it ready-made).
    void p.textBuffer.length
  })
  ds = null
  console.log(`generate + build dataset ${tGen.toFixed(0)} ms; Comment Lens prepare (orders, theme masks, questions, text buffer) ${tPrep.toFixed(0)} ms`)

  const makers: [string, () => Engine][] = [
    ['Comment Lens', () => commentLens(p)],
    ['crossfilter2', () => crossfilterEngine(p, sortKeys(p))],
    ['arquero', () => arqueroEngine(p)],
  ]
  const checks: Check[][] = []
  const stats: EngineStats[] = []
  for (const [name, make] of makers) {
    let e!: Engine
    // Comment Lens's load is the prepare above (it also computes the theme masks and question
    // flags the peers reuse); the peers' load is building their own structures on top.
    const loadMs = name === 'Comment Lens' ? tPrep : ms(() => (e = make()))
    if (name === 'Comment Lens') e = make()
    checks.push(SUITE.map((s) => checkOf(e.run(s.view))))
    const { perView, totals } = timeSuite(e)
    e.dispose()
    const queries: EngineStats['queries'] = {}
    SUITE.forEach((s, v) => (queries[s.name] = { p50: pct(perView[v], 0.5), p95: pct(perView[v], 0.95) }))
    stats.push({ engine: name, loadMs, suiteP50: pct(totals, 0.5), suiteP95: pct(totals, 0.95), queries })
    console.log(`  ${name}: load ${loadMs.toFixed(0)} ms, suite p50 ${pct(totals, 0.5).toFixed(1)} ms`)
  }

  // Correctness: every engine against Comment Lens, view by view.
  SUITE.forEach((s, v) => {
    const ref = checks[0][v]
    for (let k = 1; k < checks.length; k++) {
      const got = checks[k][v]
      if (JSON.stringify(got) !== JSON.stringify(ref)) {
        failed = true
        console.error(`\n!!! MISMATCH at ${n} rows, view "${s.name}": ${stats[k].engine} disagrees with Comment Lens`)
        console.error(`    Comment Lens: ${JSON.stringify(ref)}`)
        console.error(`    ${stats[k].engine.padEnd(12)}: ${JSON.stringify(got)}`)
      }
    }
  })
  if (!failed) console.log(`  check: all ${SUITE.length} views agree (comments, likes, replies, authors, list length, first 10 rows)`)

  // Text search alone, next to a bare scan of per-row lower-cased haystacks (what the peers
  // filter on: fast, but a second copy of every text in memory).
  const search = parseSearch(SEARCH_WORD)
  const hay = haystackOf(p)
  const scan = Array.from({ length: RUNS }, () =>
    ms(() => {
      let c = 0
      for (const h of hay) if (matchesSearch(h, search)) c++
      if (c !== checks[0][SUITE.findIndex((s) => s.name === 'text search')].comments) throw new Error('scan count differs')
    }),
  )

  // The drill-down, through every engine (each checked against a fresh Comment Lens query).
  const drillEngines: Engine[] = [commentLens(p), commentLens(p, true), crossfilterEngine(p, sortKeys(p)), arqueroEngine(p)]
  const drill = drillEngines.map((e) => {
    e.run(base)
    for (const s of DRILL) {
      const got = checkOf(e.run(s.view))
      p.memo = {}
      const want = checkOf(commentLens(p).run(s.view))
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        failed = true
        console.error(`\n!!! MISMATCH at ${n} rows, drill-down step "${s.name}": ${e.name}`)
      }
    }
    const t = timeDrill(e, () => (p.memo = {}))
    e.dispose()
    return { engine: e.name, steps: t.map((xs) => pct(xs, 0.5)) }
  })

  const lens = stats[0]
  const pad = (s: string, w: number) => s.padEnd(w)
  const lines: string[] = []
  lines.push(`\n${pad('size', 10)} ${pad('engine', 14)} ${pad('load ms', 9)} ${pad('suite p50', 10)} ${pad('suite p95', 10)} vs Comment Lens`)
  for (const s of stats) {
    lines.push(
      `${pad(n.toLocaleString('en'), 10)} ${pad(s.engine, 14)} ${pad(s.loadMs.toFixed(0), 9)} ${pad(s.suiteP50.toFixed(1), 10)} ${pad(s.suiteP95.toFixed(1), 10)} ${(s.suiteP50 / lens.suiteP50).toFixed(2)}×`,
    )
  }
  lines.push(`\nper-query p50 ms (p95) at ${n.toLocaleString('en')}:`)
  lines.push(`${pad('view', 16)} ${stats.map((s) => pad(s.engine, 20)).join(' ')} matching rows`)
  SUITE.forEach((q, v) => {
    lines.push(
      `${pad(q.name, 16)} ${stats.map((s) => pad(`${s.queries[q.name].p50.toFixed(2)} (${s.queries[q.name].p95.toFixed(2)})`, 20)).join(' ')} ${checks[0][v].comments}`,
    )
  })
  lines.push(
    `text search alone: ${stats.map((s) => `${s.engine} ${s.queries['text search'].p50.toFixed(2)} ms`).join(', ')}; bare haystack scan ${pct(scan, 0.5).toFixed(2)} ms`,
  )
  lines.push(`\ndrill-down at ${n.toLocaleString('en')}, p50 ms per step:`)
  lines.push(`${pad('step', 16)} ${drill.map((d) => pad(d.engine, 28)).join(' ')}`)
  DRILL.forEach((s, k) => lines.push(`${pad(s.name, 16)} ${drill.map((d) => pad(d.steps[k].toFixed(2), 28)).join(' ')}`))
  lines.push(`${pad('whole drill-down', 16)} ${drill.map((d) => pad(d.steps.reduce((a, b) => a + b, 0).toFixed(1), 28)).join(' ')}`)
  for (const l of lines) console.log(l)
  summary.push(...lines)
  results.push({
    size: n,
    generateMs: tGen,
    stats,
    drill,
    checks: SUITE.map((s, v) => ({ view: s.name, comments: checks[0][v].comments })),
    textSearch: { scanP50: pct(scan, 0.5) },
  })
}

mkdirSync('bench/results', { recursive: true })
writeFileSync(
  'bench/results/query.json',
  JSON.stringify(
    { runs: RUNS, suite: SUITE.map((s) => ({ name: s.name, view: s.view })), results, correct: !failed, node: process.version, date: new Date().toISOString() },
    null,
    2,
  ),
)
console.log('\n==== summary ====')
for (const l of summary) console.log(l)
console.log('\nwritten bench/results/query.json')
if (failed) {
  console.error('\n!!! RESULTS DISAGREE between engines — see MISMATCH lines above. Timings are not comparable.')
  process.exit(1)
}
