/**
 * Precision and recall of the default request themes against hand labels:
 *
 *   npm run eval:themes -- <folder> <labels.json>
 *   npm run eval:themes -- ../shared/data/real/ddd data/labels/ddd-themes.json
 *
 * Every file named in the labels is parsed with the app's importer; the labels give, per comment
 * (0-based position in its file, document order), the themes a careful reader assigns. Prints one
 * row per theme: support (labelled positives), TP, FP, FN, precision (1 when nothing was
 * predicted), recall (1 when nothing was labelled). Exits 1 when a labelled file is missing or a
 * label points past a file's last comment, 2 on bad arguments or a malformed labels file.
 *
 * The evaluation itself lives in tests/unit/insight/evaluate.ts (the unit tests run the same
 * code). It is loaded at run time with the app's path aliases, because this script's TypeScript
 * project (tsconfig.node.json) does not include the app sources.
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

interface Label {
  file: string
  index: number
  themes: string[]
}
interface ThemeScore {
  id: string
  support: number
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
}
/** The part of tests/unit/insight/evaluate.ts this script uses. */
interface Evaluate {
  readLabels(path: string): Label[]
  evaluateFolder(dir: string, labels: Label[]): { rows: ThemeScore[]; missing: string[]; outOfRange: Label[]; cases: unknown[] }
  formatTable(rows: ThemeScore[], title: string): string
}

const root = fileURLToPath(new URL('..', import.meta.url))
const [dirArg, labelsArg] = process.argv.slice(2).filter((a) => a !== '--')
if (!dirArg || !labelsArg) {
  console.error('usage: npm run eval:themes -- <folder> <labels.json>')
  process.exit(2)
}
const dir = resolve(dirArg)
const labelsPath = resolve(labelsArg)
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error(`not a folder: ${dir}`)
  process.exit(1)
}
if (!existsSync(labelsPath)) {
  console.error(`labels not found: ${labelsPath}`)
  process.exit(1)
}

const ev = (await tsImport('../tests/unit/insight/evaluate.ts', {
  parentURL: import.meta.url,
  tsconfig: resolve(root, 'tsconfig.vitest.json'),
})) as Evaluate

let labels: Label[]
try {
  labels = ev.readLabels(labelsPath)
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e))
  process.exit(2)
}

const result = ev.evaluateFolder(dir, labels)
if (result.missing.length) {
  console.error(`missing in ${dir}: ${result.missing.join(', ')}`)
  process.exit(1)
}
if (result.outOfRange.length) {
  console.error(`labels past the last comment: ${result.outOfRange.map((l) => `${l.file}#${l.index}`).join(', ')}`)
  process.exit(1)
}
console.log(ev.formatTable(result.rows, `${result.cases.length} labelled comments in ${new Set(labels.map((l) => l.file)).size} files of ${dir}`))
const none = result.rows.filter((r) => r.support === 0).map((r) => r.id)
if (none.length) console.log(`\nno labelled positives (precision only counts false alarms): ${none.join(', ')}`)
