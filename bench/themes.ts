/**
 * npm run bench:themes — request themes and the question flag for 100,000 real comments (the
 * courses in shared/data/real/mirror, repeated): Comment Lens's matcher (`themeMasks` +
 * `questionFlags`) on one core, and as an import runs it — split between two workers (the import
 * worker's head share and the masks worker's tail, here worker_threads) — against a naive peer
 * that tests one regular expression of each theme's words per comment (what a keyword filter
 * would do, without cues or decoys). Prints a table and writes bench/results/themes.json.
 * Target (issue #12): ≤ 1 s at 100k in the workers.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { mirrorTexts } from './mirror'
import { compileTheme, themeMasks } from '../src/insight/themes'
import { questionFlags } from '../src/insight/questions'
import { HEAD_SHARE } from '../src/import/protocol'
import { Worker } from 'node:worker_threads'
import { defaultThemes, loadLexicon, requestCues } from '../src/insight/lexicon'

// The lexicon is data, loaded as the app loads it.
await loadLexicon()

const N = Number(process.env.BENCH_ROWS ?? 100_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const texts = mirrorTexts(N)

const themes = defaultThemes().map((t) => compileTheme(t))
// The peer: each theme's words (objects and strong terms, without cues, decoys or exclusions).
const words = (list: string[]) =>
  list
    .filter((t) => !t.startsWith('-'))
    .flatMap((t) => t.split('+')[0].split('|'))
    .map((w) => w.replace(/\*/g, '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .filter(Boolean)
const naive = defaultThemes().map((t) => new RegExp([...words(t.objects), ...words(t.strong)].join('|'), 'i'))

async function time(fn: () => unknown): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await fn()
    out.push(performance.now() - t0)
  }
  return out.sort((a, b) => a - b)
}
const p50 = (xs: number[]) => xs[Math.floor((xs.length - 1) / 2)]

let sink = 0
const oneCore = await time(() => {
  const m = themeMasks(texts, themes)
  const q = questionFlags(texts)
  sink += m[0] + q[0]
})

// Two workers, started (and their code compiled) before the clock, as the app starts the masks
// worker while the file is still being parsed. The texts are sent each run, as the app sends them.
const workers = [0, 1].map(() => new Worker(new URL('./themesWorker.mjs', import.meta.url)))
const ask = (w: Worker, part: string[]) =>
  new Promise<{ masks: Uint32Array; question: Uint8Array }>((resolve) => {
    w.once('message', resolve)
    w.postMessage({ texts: part, themes: defaultThemes(), cues: requestCues() })
  })
const cut = Math.floor(N * HEAD_SHARE)
await Promise.all(workers.map((w) => ask(w, texts.slice(0, 2000))))
const twoWorkers = await time(async () => {
  const [head, tail] = await Promise.all([ask(workers[0], texts.slice(0, cut)), ask(workers[1], texts.slice(cut))])
  sink += head.masks.length + tail.question.length
})
await Promise.all(workers.map((w) => w.terminate()))

const peer = await time(() => {
  let hits = 0
  for (const t of texts) for (const re of naive) if (re.test(t)) hits++
  sink += hits
})
const rows = [
  { name: 'Comment Lens, two workers (as imported)', p50: p50(twoWorkers), max: twoWorkers[twoWorkers.length - 1] },
  { name: 'Comment Lens, one core', p50: p50(oneCore), max: oneCore[oneCore.length - 1] },
  { name: 'naive keyword regex per theme (peer)', p50: p50(peer), max: peer[peer.length - 1] },
]
console.log(`request themes + question flags for ${N.toLocaleString('en')} real comments (${new Set(texts).size} distinct, repeated), ${RUNS} runs`)
console.log('engine                                    p50 ms    max ms')
for (const r of rows) console.log(`${r.name.padEnd(41)} ${r.p50.toFixed(0).padStart(6)} ${r.max.toFixed(0).padStart(9)}`)
console.log(
  `ratio to the peer (two workers / one core): ${(rows[0].p50 / rows[2].p50).toFixed(2)}× / ${(rows[1].p50 / rows[2].p50).toFixed(2)}×; target ≤ 1000 ms in the workers: ${rows[0].p50 <= 1000 ? 'met' : 'NOT met'}${sink < 0 ? '' : ''}`,
)
mkdirSync(new URL('./results/', import.meta.url), { recursive: true })
writeFileSync(new URL('./results/themes.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), n: N, rows }, null, 2))
