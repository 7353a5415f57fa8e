/**
 * Accuracy of the request themes and the question detector against hand labels: shared by the unit
 * tests and by `npm run eval:themes` (which loads this module at run time, see
 * scripts/eval-themes.ts).
 *
 * The labelled courses are listed in data/labels/courses.json, each marked `tune` (rules may be
 * derived from it) or `test` (no rule, word list or weight may come from it: its figures are the
 * accuracy the README states).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { importSources } from '@/import/pipeline'
import { compileTheme, matchThemes, type ThemeDef } from '@/insight/themes'
import { isQuestion } from '@/insight/questions'
import { defaultThemes, loadLexicon } from '@/insight/lexicon'

// The lexicon is data, loaded as the app loads it.
await loadLexicon()

export const THEME_IDS = defaultThemes().map((t) => t.id)
/** A theme's figures count in the targets and the macro-F1 from this many labelled positives. */
export const MIN_SUPPORT = 10

export interface Label {
  /** File path relative to the course's root folder (as the labelling guide writes it). */
  file: string
  /** 0-based position of the comment within the file, in document order. */
  index: number
  themes: string[]
  /** Does the comment ask something? (absent in older label sets) */
  question?: boolean
  /** Written by the course's author, an editor or an assistant. */
  staff?: boolean
}

export interface Scored {
  expected: string[]
  predicted: string[]
}

export interface BinaryScore {
  support: number
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
}

export interface ThemeScore extends BinaryScore {
  id: string
  f1: number
}

const ratio = (a: number, b: number, empty: number) => (b === 0 ? empty : a / b)
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r))

/** Precision is 1 when nothing was predicted, recall is 1 when nothing was labelled. */
export function scoreBinary(cases: { expected: boolean; predicted: boolean }[]): BinaryScore {
  let tp = 0
  let fp = 0
  let fn = 0
  for (const c of cases) {
    if (c.expected && c.predicted) tp++
    else if (c.predicted) fp++
    else if (c.expected) fn++
  }
  return { support: tp + fn, tp, fp, fn, precision: ratio(tp, tp + fp, 1), recall: ratio(tp, tp + fn, 1) }
}

/** Per theme, as a yes/no label of every case. */
export function score(cases: Scored[], ids: string[] = THEME_IDS): ThemeScore[] {
  return ids.map((id) => {
    const b = scoreBinary(cases.map((c) => ({ expected: c.expected.includes(id), predicted: c.predicted.includes(id) })))
    return { id, ...b, f1: f1Of(b.precision, b.recall) }
  })
}

/** Mean F1 over the themes with at least `minSupport` labelled positives (NaN when none has). */
export function macroF1(rows: ThemeScore[], minSupport = MIN_SUPPORT): number {
  const counted = rows.filter((r) => r.support >= minSupport)
  return counted.length ? counted.reduce((s, r) => s + r.f1, 0) / counted.length : NaN
}

export function formatTable(rows: ThemeScore[], title: string, question?: BinaryScore): string {
  const head = ['theme', 'support', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1', '']
  const body = rows.map((r) => [
    r.id,
    String(r.support),
    String(r.tp),
    String(r.fp),
    String(r.fn),
    r.precision.toFixed(3),
    r.recall.toFixed(3),
    r.f1.toFixed(3),
    r.support === 0 ? '(no support)' : r.support < MIN_SUPPORT ? '(support < 10: not in macro-F1)' : '',
  ])
  if (question) {
    const q = question
    body.push([
      'question',
      String(q.support),
      String(q.tp),
      String(q.fp),
      String(q.fn),
      q.precision.toFixed(3),
      q.recall.toFixed(3),
      f1Of(q.precision, q.recall).toFixed(3),
      '',
    ])
  }
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd()
  const m = macroF1(rows)
  return [title, line(head), ...body.map(line), `macro-F1 (themes with support ≥ ${MIN_SUPPORT}): ${Number.isNaN(m) ? '–' : m.toFixed(3)}`].join('\n')
}

/** The themes the default (or given) definitions assign to each text. */
export function predictor(defs: ThemeDef[] = defaultThemes()): (text: string) => string[] {
  const compiled = defs.map((d) => compileTheme(d))
  return (text) => matchThemes(text, compiled).map((m) => defs[m.theme].id)
}

/** Shape errors of a labels file (empty when it is valid). */
export function validateLabels(data: unknown, ids: string[] = THEME_IDS): string[] {
  if (!Array.isArray(data)) return ['labels must be an array']
  const errors: string[] = []
  const seen = new Set<string>()
  data.forEach((l: unknown, i) => {
    const o = l as Partial<Label> | null
    if (!o || typeof o.file !== 'string' || !o.file) errors.push(`#${i}: file must be a non-empty string`)
    if (!o || !Number.isInteger(o.index) || (o.index as number) < 0) errors.push(`#${i}: index must be an integer ≥ 0`)
    if (!o || !Array.isArray(o.themes)) errors.push(`#${i}: themes must be an array`)
    else for (const t of o.themes) if (!ids.includes(t)) errors.push(`#${i}: unknown theme ${JSON.stringify(t)}`)
    if (o && o.question !== undefined && typeof o.question !== 'boolean') errors.push(`#${i}: question must be true or false`)
    if (o && o.staff !== undefined && typeof o.staff !== 'boolean') errors.push(`#${i}: staff must be true or false`)
    const key = `${o?.file}#${o?.index}`
    if (seen.has(key)) errors.push(`#${i}: duplicate label for ${key}`)
    seen.add(key)
  })
  return errors
}

export function readLabels(path: string): Label[] {
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'))
  const errors = validateLabels(data)
  if (errors.length) throw new Error(`${path}: ${errors.slice(0, 5).join('; ')}`)
  return data as Label[]
}

/** Comment texts of one lesson file, in document order, through the app's importer. */
export function lessonComments(path: string, name: string): string[] {
  const b = readFileSync(path)
  const { dataset } = importSources([{ name, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) }])
  return dataset.text.toArray()
}

export interface Case extends Scored, Label {
  text: string
  questionPredicted: boolean
}

export interface FolderEvaluation {
  rows: ThemeScore[]
  question: BinaryScore | null
  /** Labelled files that are not in the folder. */
  missing: string[]
  /** Labels whose index is past the file's last comment. */
  outOfRange: Label[]
  /** Files whose comments are not all labelled: [file, labelled, comments]. */
  partial: [string, number, number][]
  cases: Case[]
}

export function evaluateCases(cases: Case[]): { rows: ThemeScore[]; question: BinaryScore | null } {
  const withQ = cases.filter((c) => c.question !== undefined)
  return {
    rows: score(cases, THEME_IDS),
    question: withQ.length ? scoreBinary(withQ.map((c) => ({ expected: c.question as boolean, predicted: c.questionPredicted }))) : null,
  }
}

export function evaluateFolder(dir: string, labels: Label[], defs: ThemeDef[] = defaultThemes()): FolderEvaluation {
  const predict = predictor(defs)
  const files = [...new Set(labels.map((l) => l.file))]
  const missing = files.filter((f) => !existsSync(join(dir, f)))
  const texts = new Map<string, string[]>()
  for (const f of files) if (!missing.includes(f)) texts.set(f, lessonComments(join(dir, f), f))
  const outOfRange: Label[] = []
  const cases: Case[] = []
  for (const l of labels) {
    const t = texts.get(l.file)
    if (!t) continue
    if (l.index >= t.length) {
      outOfRange.push(l)
      continue
    }
    const text = t[l.index]
    cases.push({ ...l, text, expected: l.themes, predicted: predict(text), questionPredicted: isQuestion(text) })
  }
  const partial: [string, number, number][] = []
  for (const [f, t] of texts) {
    const n = labels.filter((l) => l.file === f).length
    if (n !== t.length) partial.push([f, n, t.length])
  }
  return { ...evaluateCases(cases), missing, outOfRange, partial, cases }
}

// ---------------------------------------------------------------------------------------------
// The labelled courses

export interface CourseEntry {
  id: string
  name: string
  category: string
  /** Folder the labels' file paths are relative to, relative to the manifest's `root`. */
  dir: string
  /** Labels file, relative to the manifest. */
  labels: string
  split: 'tune' | 'test'
}

export interface Manifest {
  /** Where the labelled pages live, relative to the project root (they are not in the repository). */
  root: string
  courses: CourseEntry[]
}

export const MANIFEST = 'data/labels/courses.json'

export function readManifest(projectRoot: string): Manifest {
  return JSON.parse(readFileSync(resolve(projectRoot, MANIFEST), 'utf8')) as Manifest
}

export interface CourseEvaluation extends FolderEvaluation {
  course: CourseEntry
}

export function evaluateCourse(projectRoot: string, manifest: Manifest, course: CourseEntry, defs: ThemeDef[] = defaultThemes()): CourseEvaluation {
  const labelsPath = resolve(projectRoot, dirname(MANIFEST), course.labels)
  const dir = resolve(projectRoot, manifest.root, course.dir)
  return { course, ...evaluateFolder(dir, readLabels(labelsPath), defs) }
}

/** Pooled figures of a group of courses (every labelled comment counts once). */
export function pool(evals: CourseEvaluation[]): { rows: ThemeScore[]; question: BinaryScore | null; n: number } {
  const cases = evals.flatMap((e) => e.cases)
  return { ...evaluateCases(cases), n: cases.length }
}

// ---------------------------------------------------------------------------------------------
// The figures the README states, and the check that they still hold

export interface StatedFigures {
  themes: Record<string, { precision: number; recall: number }>
  macroF1: number
  question: { precision: number; recall: number }
}

const START = '<!-- accuracy:test:start -->'
const END = '<!-- accuracy:test:end -->'

/**
 * Reads the accuracy table between the README's markers: rows `| theme | support | P | R | F1 |`,
 * a `| macro-F1 | | | | x |` row and a `| question | n | P | R | F1 |` row.
 */
export function readStatedFigures(readme: string): StatedFigures {
  const a = readme.indexOf(START)
  const b = readme.indexOf(END)
  if (a < 0 || b < a) throw new Error(`README has no accuracy table between ${START} and ${END}`)
  const out: StatedFigures = { themes: {}, macroF1: NaN, question: { precision: NaN, recall: NaN } }
  for (const line of readme.slice(a + START.length, b).split('\n')) {
    const cells = line.split('|').map((c) => c.trim().replace(/`/g, ''))
    if (cells.length < 6) continue
    const [, id, , p, r, f] = cells
    const num = (s: string) => (/^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN)
    if (id === 'macro-F1') out.macroF1 = num(f)
    else if (id === 'question') out.question = { precision: num(p), recall: num(r) }
    else if (THEME_IDS.includes(id)) out.themes[id] = { precision: num(p), recall: num(r) }
  }
  return out
}

/** Figures below what the README states (rounded to three places, as stated). */
export function regressions(stated: StatedFigures, rows: ThemeScore[], question: BinaryScore | null): string[] {
  const out: string[] = []
  const below = (what: string, now: number, was: number) => {
    if (Number.isNaN(was)) return
    if (Number(now.toFixed(3)) < was) out.push(`${what}: ${now.toFixed(3)} < ${was.toFixed(3)} stated in the README`)
  }
  for (const r of rows) {
    const s = stated.themes[r.id]
    if (!s) continue
    below(`${r.id} precision`, r.precision, s.precision)
    below(`${r.id} recall`, r.recall, s.recall)
  }
  below('macro-F1', macroF1(rows), stated.macroF1)
  if (question) {
    below('question precision', question.precision, stated.question.precision)
    below('question recall', question.recall, stated.question.recall)
  }
  return out
}
