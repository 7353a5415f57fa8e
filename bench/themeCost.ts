/**
 * npm run bench:themecost — the theme-set work budget (issue #18). For the default themes (the
 * peer, in the same run), the costliest sets the budget admits (bench/worstThemes.ts) and the
 * crafted 50-second link (refused), prints the estimated cost, then matches 100,000 real comments
 * (shared/data/real/mirror, repeated) on one core and reports ns per character and the time.
 * Target: every admitted set ≤ 2 s for 100k comments in the workers (two of them share the rows).
 */
import { mirrorTexts } from './mirror'
import { compileTheme, themeMasks, type ThemeDef } from '../src/insight/themes'
import { defaultThemes, loadLexicon, requestCues } from '../src/insight/lexicon'
import { planThemes, SET_BUDGET } from '../src/insight/themeCost'
import { applyThemeChanges, decodeThemes } from '../src/insight/themeCodec'
import { SHAPES, worstSet } from './worstThemes'

await loadLexicon()
const N = Number(process.env.BENCH_ROWS ?? 100_000)
const texts = mirrorTexts(N)

// The link of the issue, rebuilt: as many `，*x*y` alternatives as `tdef` holds (refused: timed on 10% of the rows).
const COMMON = '的是了我不在有这个们中来上大为和到说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现'
const crafted = (() => {
  const terms: string[] = []
  for (let i = 0, len = 40; len < 3700;) {
    const t = Array.from({ length: 40 }, () => `，*${COMMON[i++ % COMMON.length]}*，`).join('|')
    terms.push(t)
    len += t.length + 3
  }
  return applyThemeChanges(defaultThemes(), decodeThemes(JSON.stringify({ v: 1, t: [{ id: 'x', zh: 'x', en: 'x', o: terms }] })).changes)
})()

/** Name, themes, and whether the budget refuses them (then timed on a tenth of the rows). */
const sets: [string, ThemeDef[], boolean][] = [
  ['default themes (peer)', defaultThemes(), false],
  ...Object.entries(SHAPES).map(([name, shape]): [string, ThemeDef[], boolean] => [`worst admitted: ${name}`, worstSet(shape, requestCues()), false]),
  ['the 50-second link (refused)', crafted, true],
]

/** Comments made of what the sets start and never finish: a comma before every fifth character (the e2e's). */
const commaTexts = Array.from(
  { length: N },
  (_, i) =>
    [
      '希望老师出一篇加餐，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯',
      '思考题的答案，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯？',
      '讲得很清楚，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯，嗯嗯嗯嗯',
    ][i % 3],
)

function table(rowsOf: string[], what: string, shareOfRows: (set: string) => number) {
  const chars = rowsOf.reduce((s, t) => s + Math.min(t.length, 10_000), 0)
  console.log(
    `\ntheme matching, ${N.toLocaleString('en')} ${what} (${(chars / 1e6).toFixed(1)} M characters), one core; budget ${SET_BUDGET} steps per character`,
  )
  console.log(
    'set'.padEnd(60) +
      'estimate'.padStart(10) +
      'admitted'.padStart(10) +
      'ns/char'.padStart(10) +
      '1 core ms'.padStart(12) +
      '2 workers ms'.padStart(14) +
      '× peer'.padStart(9),
  )
  let peer = 0
  for (const [name, defs, refused] of sets) {
    const share = refused ? 0.1 : shareOfRows(name)
    const plan = planThemes(defs, requestCues())
    const compiled = defs.map((t) => compileTheme(t))
    const rows = rowsOf.slice(0, Math.round(N * share))
    themeMasks(rows.slice(0, 500), compiled)
    const t0 = performance.now()
    themeMasks(rows, compiled)
    const ms = (performance.now() - t0) / share
    const ns = (ms * 1e6) / chars
    if (!peer) peer = ms
    console.log(
      name.padEnd(60) +
        plan.steps.toFixed(0).padStart(10) +
        (plan.ok ? 'yes' : 'no').padStart(10) +
        ns.toFixed(0).padStart(10) +
        ms.toFixed(0).padStart(12) +
        (ms / 2).toFixed(0).padStart(14) +
        (ms / peer).toFixed(1).padStart(9),
    )
  }
}

table(texts, 'real comments', () => 1)
// (Before alternatives were merged into a prefix tree, the worst sets took seconds per 10,000 of these.)
table(commaTexts, 'comments thick with commas', () => 0.2)
