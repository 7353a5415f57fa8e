/**
 * The import pipeline, pure and synchronous so that it runs the same in the worker and in unit
 * tests: bytes → decoded text → detected format → parser → rows encoded into columns + a report.
 */
import { DatasetBuilder } from '@/model/dataset'
import { decodeBytes } from './decode'
import { detectFormat } from './detect'
import { parseLessonExport } from './lessonExport'
import { parseCsv } from './csv'
import { parseJson } from './json'
import { isDatasetFile, parseDatasetFile, DatasetFileError } from '@/model/datasetFile'
import { cleanName } from '@/model/checks'
import { headerSignature, type ColumnMapping } from './fields'
import { courseFolderOf, FOLDER_MARK, nameCourses, type CourseFolder } from './courses'
import type { FileReport, ImportProgress, ImportReport, ImportResult, ParseOutcome, Problem, RowSink, SkippedRow, SourceFile } from './types'
import { ImportError, MAX_ALERT_SKIPS, sizeOf } from './types'

/** Skipped rows beyond this are counted, not listed (a broken 1M-row file must not flood memory). */
export const MAX_LISTED_SKIPS = 1000
export { MAX_FILE_BYTES } from './types'
import { MAX_FILE_BYTES } from './types'

export interface PipelineOptions {
  onProgress?: (p: ImportProgress) => void
  /** Called between files and every few thousand rows; throw to stop. */
  checkCancelled?: () => void
  /** A column mapping chosen by the user, by file name. */
  mappings?: Record<string, ColumnMapping>
  /** Column mappings remembered per header layout (see headerSignature). */
  headerMappings?: Record<string, ColumnMapping>
}

/** File name without folders and extension: the lesson title of last resort. */
export function baseName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? name
  return last.replace(/\.(md|markdown|txt|html?|csv|tsv|json)$/i, '') || last
}

export function importSources(files: SourceFile[], opts: PipelineOptions = {}): ImportResult {
  if (files.length === 0) throw new ImportError({ code: 'noFiles', file: '' })
  const run = new SourceImport({ ...opts, filesTotal: files.length, bytesTotal: files.reduce((s, f) => s + sizeOf(f), 0) })
  for (const f of files) run.add(f)
  return run.finish()
}

export interface SourceImportOptions extends PipelineOptions {
  /** How many files the import has (more than one: a multi-file import, where no file sinks the others). */
  filesTotal: number
  /** Their bytes, when known before they arrive (a folder read as it is parsed: unknown, 0). */
  bytesTotal?: number
}

/**
 * One import, fed a file at a time (`add`) and closed with `finish`: a folder is parsed while the
 * page is still reading its later files.
 */
export class SourceImport {
  private readonly builder = new DatasetBuilder(1024)
  private readonly reports: FileReport[] = []
  private readonly skipped: SkippedRow[] = []
  private skippedTotal = 0
  private readonly notices: Problem[] = []
  private bytesBefore = 0
  private courseName: string | undefined
  private corrections: ImportResult['corrections']
  private readonly pageTitles: string[] = []
  // Each file's course folder; its name from mkdocs.yml (preferred) or index.md.
  private readonly folders = new Map<string, CourseFolder>()
  private readonly siteNames = new Map<string, string>()
  private readonly indexNames = new Map<string, string>()
  // Progress names files as well as bytes: a folder of ten thousand small files is counted in files.
  private filesDone = 0
  private firstFile = ''
  private readonly multi: boolean
  private readonly bytesTotal: number

  constructor(private readonly opts: SourceImportOptions) {
    this.multi = opts.filesTotal > 1
    this.bytesTotal = opts.bytesTotal ?? 0
  }

  /** Comments kept so far. */
  get rows(): number {
    return this.builder.size
  }

  /** The texts of the comments kept from row `from` on (to match themes while later files arrive). */
  textsFrom(from: number): string[] {
    return this.builder.textsFrom(from)
  }

  private progress(p: ImportProgress) {
    this.opts.onProgress?.(this.multi ? { ...p, filesDone: this.filesDone, filesTotal: this.opts.filesTotal } : p)
  }

  add(f: SourceFile): void {
    const { opts, builder, multi, bytesTotal } = this
    const tooLarge = (f: SourceFile): Problem => ({ code: 'tooLarge', file: f.path ?? f.name, detail: `${sizeOf(f)} bytes` })
    // A single file too large fails at once; in a folder it is skipped like any unreadable file.
    if (!multi && sizeOf(f) > MAX_FILE_BYTES) throw new ImportError(tooLarge(f))
    opts.checkCancelled?.()
    const file = f.path ?? f.name
    if (this.reports.length === 0) this.firstFile = file
    const size = sizeOf(f)
    const bytesBefore = this.bytesBefore
    const report: FileReport = { file, format: null, encoding: '', bytes: size, lesson: '', rowsRead: 0, rowsKept: 0 }
    this.reports.push(report)
    const skipped = this.skipped
    try {
      if (size > MAX_FILE_BYTES) throw new ImportError(tooLarge(f))
      // Decoding is the first half of a file's progress, parsing the second.
      const decoded = decodeBytes(f.bytes, file, (done) => this.progress({ bytesDone: bytesBefore + done * 0.5, bytesTotal, rows: builder.size, file }))
      report.encoding = decoded.mixed ? 'utf-8+gb18030' : decoded.encoding
      if (decoded.mixed) report.mixedEncoding = decoded.mixed
      if (multi) {
        const folder = courseFolderOf(file)
        this.folders.set(folder.key, folder)
        builder.setCourse(FOLDER_MARK + folder.key, folder.category)
        const named = courseNameFrom(f.name, decoded.text)
        if (named) (/mkdocs\.ya?ml$/i.test(f.name) ? this.siteNames : this.indexNames).set(folder.key, named)
      }
      const kind = detectFormat(decoded.text, f.name)
      const rowsBefore = builder.size
      const pending: { row: Parameters<RowSink['row']>[0] }[] = []
      let lessonTitle = ''
      const sink: RowSink = {
        row(r) {
          if (lessonTitle) builder.add(r, file, lessonTitle)
          else pending.push({ row: r })
        },
        values(line, author, avatar, likes, replies, day, time, text, reply, lesson, textAt, course) {
          if (lessonTitle) builder.addValues(author, avatar, likes, replies, day, time, text, reply, lesson, file, lessonTitle, 1, textAt, course)
          else pending.push({ row: { line, author, avatar, likes, replies, day, time, text, reply, lesson, course } })
        },
        skip: (s) => {
          this.skippedTotal++
          if (skipped.length < MAX_LISTED_SKIPS) skipped.push({ file, ...s })
        },
      }
      let outcome: ParseOutcome
      const fallbackTitle = baseName(f.name)
      switch (kind) {
        case 'lesson-html':
        case 'lesson-markdown':
          outcome = parseLessonExport(decoded.text, file, sink, kind === 'lesson-html' ? 'html' : 'markdown')
          break
        case 'csv':
          lessonTitle = fallbackTitle
          builder.textIn(decoded.text)
          outcome = parseCsv(decoded.text, file, sink, {
            mapping: opts.mappings?.[f.name],
            mappingFor: (h) => opts.headerMappings?.[headerSignature(h)],
            onRows: (n, share) => {
              opts.checkCancelled?.()
              this.progress({ bytesDone: bytesBefore + size * (0.5 + 0.5 * share), bytesTotal, rows: rowsBefore + n, file })
            },
          })
          break
        case 'json': {
          const datasetFile = readDatasetFile(decoded.text, file)
          if (datasetFile) {
            // A file Comment Lens wrote ("Download dataset"): rows keep their lessons and sources,
            // so the dataset, and its fingerprint, come back exactly.
            for (const l of datasetFile.lessons) builder.lessonCode(l.title, l.file, l.course ?? '', l.category ?? '')
            for (const r of datasetFile.rows) builder.add(r.row, r.source, r.row.lesson)
            this.courseName ??= cleanName(datasetFile.name)
            if (Object.keys(datasetFile.corrections).length) this.corrections = { ...this.corrections, ...datasetFile.corrections }
            outcome = { format: 'json', title: '', rowsRead: datasetFile.rows.length }
            break
          }
          lessonTitle = fallbackTitle
          outcome = parseJson(decoded.text, file, sink, {
            mapping: opts.mappings?.[f.name],
            mappingFor: (keys) => opts.headerMappings?.[headerSignature(keys)],
          })
          break
        }
        default:
          throw new ImportError({ code: 'noComments', file })
      }
      const title = outcome.title || fallbackTitle
      if (outcome.pageTitle) this.pageTitles.push(outcome.pageTitle)
      for (const p of pending) builder.add(p.row, file, title)
      report.format = outcome.format
      report.lesson = kind === 'csv' || kind === 'json' ? '' : title
      report.rowsRead = outcome.rowsRead
      report.rowsKept = builder.size - rowsBefore
      report.announced = outcome.announced
      if (report.rowsKept === 0 && report.rowsRead === 0 && kind !== 'csv' && kind !== 'json') {
        throw new ImportError({ code: 'noComments', file })
      }
    } catch (e) {
      const problem = toProblem(e, file)
      // In a multi-file import no file sinks the others: one without comments, with columns that
      // need mapping (it can be imported alone to map them) or unreadable is skipped and listed
      // (see WITHOUT_COMMENTS for which is which). A single file's problem fails the import.
      if (multi && problem.code !== 'cancelled') {
        report.skippedBecause = problem
        this.notices.push(problem)
      } else {
        throw e instanceof ImportError ? e : new ImportError(problem)
      }
    }
    this.bytesBefore += size
    this.filesDone++
    this.progress({ bytesDone: this.bytesBefore, bytesTotal, rows: builder.size, file })
  }

  finish(): ImportResult {
    const { builder, reports, skipped, skippedTotal, notices, multi } = this
    if (reports.length === 0) throw new ImportError({ code: 'noFiles', file: '' })
    if (builder.size === 0) {
      if (multi && notices.length === reports.length) {
        throw new ImportError({ code: 'nothingImported', file: notices[0].file, count: reports.length, files: notices })
      }
      // Rows were read but none kept: say why, row by row, rather than that no comments were found.
      if (skippedTotal > 0) {
        throw new ImportError({ code: 'allRowsSkipped', file: skipped[0].file, count: skippedTotal, skips: skipped.slice(0, MAX_ALERT_SKIPS) })
      }
      // A table (CSV, JSON records) with its header and nothing under it.
      const table = reports.find((r) => r.format === 'csv' || r.format === 'json')
      throw new ImportError({ code: table ? 'noRows' : 'noComments', file: table?.file ?? this.firstFile })
    }
    // Course titles by folder: mkdocs.yml's site_name over index.md's title.
    const names = new Map([...this.indexNames, ...this.siteNames])
    let courseName = this.courseName
    if (multi) {
      const courseKeys = new Set(builder.courseKeys())
      // One course folder names the dataset; a folder of courses is named by its folder (see the store).
      if (courseKeys.size <= 1) {
        const only = [...courseKeys][0]?.slice(1)
        courseName ??= only === undefined ? undefined : names.get(only)
        // Saved lesson pages of one course end their <title>s alike: "… - 某某课 - 极客时间".
        courseName ??= courseFromPageTitles(this.pageTitles)
      }
    }
    const dataset = builder.finish([{ no: 1, at: new Date().toISOString(), files: reports.filter((r) => !r.skippedBecause).map((r) => r.file) }])
    const report: ImportReport = {
      files: reports,
      bytes: this.bytesBefore,
      rowsRead: reports.reduce((s, r) => s + r.rowsRead, 0),
      rowsKept: dataset.n,
      skipped,
      skippedTotal,
      notices,
      courseName,
    }
    if (multi) nameCourses(dataset.lessons, this.folders, names)
    const corrections = this.corrections
    return corrections ? { dataset, report, corrections } : { dataset, report }
  }
}

/**
 * my-geektime writes a course as mkdocs.yml (`site_name: …`) and docs/index.md (the title alone):
 * either names the dataset better than its first file does.
 */
export function courseNameFrom(name: string, text: string): string | undefined {
  const base = name.split(/[\\/]/).pop()?.toLowerCase()
  if (base === 'mkdocs.yml' || base === 'mkdocs.yaml') {
    const m = /^site_name:\s*['"]?(.+?)['"]?\s*$/m.exec(text)
    return m ? m[1].trim() || undefined : undefined
  }
  if (base === 'index.md') {
    const first = text
      .trim()
      .split(/\r?\n/)[0]
      ?.replace(/^#+\s*/, '')
      .trim()
    return first && first.length <= 80 && !/[<>]/.test(first) ? first : undefined
  }
  return undefined
}

/** Site names that end a page title but name no course. */
const SITE_SUFFIX = /^(极客时间|geekbang|geek time|time\.geekbang\.org|mkdocs)$/i

/**
 * The course named by the common ending of several pages' titles ("01 | 开篇 - 某某课 - 极客时间" and
 * "02 | 原理 - 某某课 - 极客时间" → 某某课), or undefined when the titles share no such ending.
 */
export function courseFromPageTitles(titles: string[]): string | undefined {
  if (titles.length < 2) return undefined
  const parts = titles.map((t) =>
    t
      .split(/\s+[-|–—_·]\s+/)
      .map((p) => p.trim())
      .filter(Boolean),
  )
  if (parts.some((p) => p.length < 2)) return undefined
  // Drop a shared site name at the end, then take the shared last part.
  const last = (p: string[]) => p[p.length - 1]
  const trimmed = parts.map((p) => (SITE_SUFFIX.test(last(p)) && p.length > 2 ? p.slice(0, -1) : p))
  const name = last(trimmed[0])
  if (!name || SITE_SUFFIX.test(name) || name.length > 80) return undefined
  return trimmed.every((p) => p.length >= 2 && last(p) === name) ? name : undefined
}

function readDatasetFile(text: string, file: string) {
  if (!/"format"\s*:\s*"comment-lens-dataset"/.test(text.slice(0, 400))) return null
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch {
    return null // parseJson reports the syntax error with its line and column
  }
  if (!isDatasetFile(root)) return null
  try {
    return parseDatasetFile(root)
  } catch (e) {
    if (e instanceof DatasetFileError) throw new ImportError({ code: 'badDatasetFile', file, check: e.problem })
    throw e
  }
}

export function toProblem(e: unknown, file: string): Problem {
  if (e instanceof ImportError) return e.problem
  if (e && typeof e === 'object' && 'problem' in e) return (e as { problem: Problem }).problem
  return { code: 'internal', file, detail: e instanceof Error ? e.message : String(e) }
}
