/**
 * Accuracy of the default request themes and of the question detector against hand labels.
 *
 *   npm run eval:themes                      every course in data/labels/courses.json: per course,
 *                                            then pooled over the tuning and the test courses
 *   npm run eval:themes -- --check           the same, and exit 1 when a test-course figure is below
 *                                            the one the README states (CI runs this)
 *   npm run eval:themes -- --tune            the tuning courses only (while rules are being written)
 *   npm run eval:themes -- --misses          also list the tuning courses' misses (never the test
 *                                            courses': no rule may come from them)
 *   npm run eval:themes -- <folder> <labels.json>   one folder and one labels file
 *
 * Every labelled file is parsed with the app's importer. Exits 1 when a labelled file is missing or
 * a label points past a file's last comment, 2 on bad arguments or a malformed labels file.
 *
 * The evaluation itself lives in tests/unit/insight/evaluate.ts (the unit tests run the same
 * code). It is loaded at run time with the app's path aliases, because this script's TypeScript
 * project (tsconfig.node.json) does not include the app sources.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

/** The part of tests/unit/insight/evaluate.ts this script uses (its types live in the app's project). */
interface EvLabel {
  file: string
  index: number
  themes: string[]
  question?: boolean
}
interface EvRow {
  id: string
  support: number
  precision: number
  recall: number
  f1: number
}
interface EvBinary {
  precision: number
  recall: number
}
interface EvCase extends EvLabel {
  text: string
  expected: string[]
  predicted: string[]
  questionPredicted: boolean
}
interface EvFolderEvaluation {
  rows: EvRow[]
  question: EvBinary | null
  missing: string[]
  outOfRange: EvLabel[]
  partial: [string, number, number][]
  cases: EvCase[]
}
interface EvCourse {
  id: string
  name: string
  category: string
  dir: string
  labels: string
  split: 'tune' | 'test'
}
interface EvManifest {
  root: string
  courses: EvCourse[]
}
interface EvCourseEvaluation extends EvFolderEvaluation {
  course: EvCourse
}
interface EvModule {
  readLabels(path: string): EvLabel[]
  evaluateFolder(dir: string, labels: EvLabel[]): EvFolderEvaluation
  formatTable(rows: EvRow[], title: string, question?: EvBinary): string
  readManifest(root: string): EvManifest
  evaluateCourse(root: string, manifest: EvManifest, course: EvCourse): EvCourseEvaluation
  pool(evals: EvCourseEvaluation[]): { rows: EvRow[]; question: EvBinary | null; n: number }
  readStatedFigures(readme: string): unknown
  regressions(stated: unknown, rows: EvRow[], question: EvBinary | null): string[]
}

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2).filter((a) => a !== '--')
const flags = new Set(args.filter((a) => a.startsWith('--')))
const positional = args.filter((a) => !a.startsWith('--'))

const ev = (await tsImport('../tests/unit/insight/evaluate.ts', {
  parentURL: import.meta.url,
  tsconfig: resolve(root, 'tsconfig.vitest.json'),
})) as EvModule

function fail(code: number, message: string): never {
  console.error(message)
  process.exit(code)
}

function checkComplete(e: EvFolderEvaluation, where: string) {
  if (e.missing.length) fail(1, `missing in ${where}: ${e.missing.join(', ')}`)
  if (e.outOfRange.length) fail(1, `labels past the last comment: ${e.outOfRange.map((l) => `${l.file}#${l.index}`).join(', ')}`)
  if (e.partial.length) console.log(`note: not every comment labelled in ${e.partial.map(([f, n, t]) => `${f} (${n} of ${t})`).join(', ')}`)
}

function printMisses(cases: EvCase[]) {
  for (const c of cases) {
    const e = [...c.expected].sort().join(',')
    const p = [...c.predicted].sort().join(',')
    const q = c.question !== undefined && c.question !== c.questionPredicted ? ` question ${c.question}→${c.questionPredicted}` : ''
    if (e === p && !q) continue
    if (e === p && !flags.has('--questions')) continue
    console.log(`  ${c.file}#${c.index} expected [${e}] got [${p}]${q}\n    ${c.text.replace(/\s+/g, ' ').slice(0, 300)}`)
  }
}

if (positional.length === 2) {
  const dir = resolve(positional[0])
  const labelsPath = resolve(positional[1])
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(1, `not a folder: ${dir}`)
  if (!existsSync(labelsPath)) fail(1, `labels not found: ${labelsPath}`)
  let labels: EvLabel[]
  try {
    labels = ev.readLabels(labelsPath)
  } catch (e) {
    fail(2, e instanceof Error ? e.message : String(e))
  }
  const result = ev.evaluateFolder(dir, labels)
  checkComplete(result, dir)
  console.log(
    ev.formatTable(
      result.rows,
      `${result.cases.length} labelled comments in ${new Set(labels.map((l) => l.file)).size} files of ${dir}`,
      result.question ?? undefined,
    ),
  )
  process.exit(0)
} else if (positional.length !== 0) {
  fail(2, 'usage: npm run eval:themes [-- --check | --misses | <folder> <labels.json>]')
}

const manifest = ev.readManifest(root)
const dataRoot = resolve(root, manifest.root)
if (!existsSync(dataRoot)) fail(1, `the labelled courses are not here: ${dataRoot} (they live in shared/data/real beside the project)`)
const evals: EvCourseEvaluation[] = []
for (const course of manifest.courses) {
  if (flags.has('--tune') && course.split !== 'tune') continue
  const e = ev.evaluateCourse(root, manifest, course)
  checkComplete(e, course.dir)
  evals.push(e)
  console.log(
    ev.formatTable(
      e.rows,
      `\n## ${course.name} (${course.category}) — ${course.split === 'tune' ? 'tuning' : 'test'} course, ${e.cases.length} comments`,
      e.question ?? undefined,
    ),
  )
  if (flags.has('--misses') && course.split === 'tune') printMisses(e.cases)
}

const summary: Record<string, ReturnType<typeof ev.pool>> = {}
for (const split of ['tune', 'test'] as const) {
  const group = evals.filter((e) => e.course.split === split)
  if (!group.length) continue
  const p = ev.pool(group)
  summary[split] = p
  const names = group.map((e) => e.course.name).join(', ')
  console.log(ev.formatTable(p.rows, `\n# ${split === 'tune' ? 'TUNING' : 'TEST'} courses pooled (${p.n} comments): ${names}`, p.question ?? undefined))
}

if (flags.has('--check')) {
  const test = summary.test
  if (!test) fail(1, 'no test course in the manifest')
  const stated = ev.readStatedFigures(readFileSync(resolve(root, 'README.md'), 'utf8'))
  const bad = ev.regressions(stated, test.rows, test.question)
  if (bad.length) fail(1, `\naccuracy on the test courses dropped below the README's figures:\n  ${bad.join('\n  ')}`)
  console.log("\naccuracy on the test courses holds the README's figures")
}
