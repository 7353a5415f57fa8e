/**
 * Precision/recall of the request themes against hand labels: shared by the unit tests and by
 * `npm run eval:themes` (which loads this module at run time, see scripts/eval-themes.ts).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { importSources } from '@/import/pipeline'
import { compileTheme, DEFAULT_THEMES, matchThemes, type ThemeDef } from '@/insight/themes'

export const THEME_IDS = DEFAULT_THEMES.map((t) => t.id)

export interface Label {
  /** File name inside the labelled folder. */
  file: string
  /** 0-based position of the comment within the file, in document order. */
  index: number
  themes: string[]
}

export interface Scored {
  expected: string[]
  predicted: string[]
}

export interface ThemeScore {
  id: string
  support: number
  tp: number
  fp: number
  fn: number
  precision: number
  recall: number
}

/** Per theme: precision is 1 when nothing was predicted, recall is 1 when nothing was labelled. */
export function score(cases: Scored[], ids: string[] = THEME_IDS): ThemeScore[] {
  return ids.map((id) => {
    let tp = 0
    let fp = 0
    let fn = 0
    for (const c of cases) {
      const e = c.expected.includes(id)
      const p = c.predicted.includes(id)
      if (e && p) tp++
      else if (p) fp++
      else if (e) fn++
    }
    return { id, support: tp + fn, tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) }
  })
}

export function formatTable(rows: ThemeScore[], title: string): string {
  const head = ['theme', 'support', 'TP', 'FP', 'FN', 'precision', 'recall', '']
  const body = rows.map((r) => [
    r.id,
    String(r.support),
    String(r.tp),
    String(r.fp),
    String(r.fn),
    r.precision.toFixed(3),
    r.recall.toFixed(3),
    r.support === 0 ? '(no support: recall not meaningful)' : r.support < 5 ? '(little support)' : '',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd()
  return [title, line(head), ...body.map(line)].join('\n')
}

/** The themes the default (or given) definitions assign to each text. */
export function predictor(defs: ThemeDef[] = DEFAULT_THEMES): (text: string) => string[] {
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

/** Comment texts of one saved lesson page, in document order, through the app's importer. */
export function lessonComments(path: string, name: string): string[] {
  const b = readFileSync(path)
  const { dataset } = importSources([{ name, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) }])
  return dataset.text
}

export interface FolderEvaluation {
  rows: ThemeScore[]
  /** Labelled files that are not in the folder. */
  missing: string[]
  /** Labels whose index is past the file's last comment. */
  outOfRange: Label[]
  cases: (Scored & Label)[]
}

export function evaluateFolder(dir: string, labels: Label[], defs: ThemeDef[] = DEFAULT_THEMES): FolderEvaluation {
  const predict = predictor(defs)
  const files = [...new Set(labels.map((l) => l.file))]
  const missing = files.filter((f) => !existsSync(join(dir, f)))
  const texts = new Map<string, string[]>()
  for (const f of files) if (!missing.includes(f)) texts.set(f, lessonComments(join(dir, f), f))
  const outOfRange: Label[] = []
  const cases: (Scored & Label)[] = []
  for (const l of labels) {
    const t = texts.get(l.file)
    if (!t) continue
    if (l.index >= t.length) {
      outOfRange.push(l)
      continue
    }
    cases.push({ ...l, expected: l.themes, predicted: predict(t[l.index]) })
  }
  return { rows: score(cases, THEME_IDS), missing, outOfRange, cases }
}
