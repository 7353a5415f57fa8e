import type { Correction } from '@/insight/corrections'
import type { DatasetColumns, RawComment } from '@/model/dataset'
import { describeValueProblem, type ValueProblem } from '@/model/checks'

/** What a file turned out to be (detected from its content, the extension only breaks ties). */
export type Format = 'lesson-html' | 'lesson-markdown' | 'lesson-text' | 'csv' | 'json' | 'geekbang-api'

export interface SourceFile {
  /** File name as the user sees it. */
  name: string
  /** Relative path inside a picked folder (`webkitRelativePath`), else the name. */
  path?: string
  /** The file's content (a file the page could not read throws here: see import.worker.ts). */
  bytes: ArrayBuffer
  /** The size in bytes, known before the content is read. */
  size?: number
}

/** A source file's size, without reading it. */
export const sizeOf = (f: SourceFile): number => f.size ?? f.bytes.byteLength

/**
 * Machine-readable problems: the UI turns `code` + params into a message in its language.
 * `message` (English) is for logs and tests.
 */
export type ProblemCode =
  | 'noFiles'
  | 'empty'
  | 'binary'
  | 'noComments'
  | 'noRows'
  | 'allRowsSkipped'
  | 'noColumns'
  | 'invalidJson'
  | 'notCommentJson'
  | 'badDatasetFile'
  | 'tooLarge'
  | 'unreadable'
  | 'cancelled'
  | 'internal'
  | 'nothingImported'

export interface Problem {
  code: ProblemCode
  file: string
  /** 1-based line of the problem, when known. */
  line?: number
  /** 1-based column, when known. */
  column?: number
  /** A short extra (the JSON parser's words, the headers found, …); data, never markup. */
  detail?: string
  /** allRowsSkipped: how many rows were read, and the first of them with why each was skipped. */
  count?: number
  skips?: SkippedRow[]
  /** nothingImported: every file of the upload, and why each yielded nothing. */
  files?: Problem[]
  /** badDatasetFile: the field that is out of range, what it should hold and what it held. */
  check?: ValueProblem
}

/** Problems that mean a file holds no comments (an intro page, mkdocs.yml), not that it is broken. */
export const WITHOUT_COMMENTS: ReadonlySet<ProblemCode> = new Set<ProblemCode>(['noComments', 'empty', 'notCommentJson', 'noColumns', 'noRows'])

export class ImportError extends Error {
  readonly problem: Problem
  constructor(problem: Problem) {
    super(describeProblem(problem))
    this.name = 'ImportError'
    this.problem = problem
  }
}

export function describeProblem(p: Problem): string {
  const where = p.line ? ` (line ${p.line}${p.column ? `, column ${p.column}` : ''})` : ''
  const what: Record<ProblemCode, string> = {
    noFiles: 'no files were given',
    empty: 'the file is empty',
    binary: 'the file is binary, not text: expected a lesson export (.md/.html), CSV or JSON',
    noComments: 'no comment block found: expected a heading 精选留言（N） followed by <li> comments',
    noRows: 'no comments: only column names or an empty list, no rows',
    allRowsSkipped: `none of the ${p.count ?? 0} rows could be imported${p.skips?.length ? `; first: line ${p.skips[0].line}, ${p.skips[0].reason}` : ''}`,
    noColumns: 'no recognisable columns: expected at least a text column (text/content/内容/留言内容/comment_content)',
    invalidJson: 'invalid JSON',
    notCommentJson: 'JSON without comments: expected an array of comment objects or a Geekbang API response',
    badDatasetFile: `not a valid Comment Lens dataset file${p.check ? `: ${describeValueProblem(p.check)}` : ''}`,
    tooLarge: 'the file is too large to import',
    unreadable: 'the file could not be read',
    cancelled: 'the import was cancelled',
    internal: 'the importer failed unexpectedly',
    nothingImported: `none of the ${p.count ?? 0} files holds a comment that could be imported`,
  }
  return `${p.file}: ${what[p.code]}${where}${p.detail ? ` — ${p.detail}` : ''}`
}

/** Skipped rows an alert lists (an import's warning, or the error of one that kept none). */
export const MAX_ALERT_SKIPS = 20

/** Why a row was not imported. */
export type SkipReason = 'noText' | 'badNumber' | 'badDate' | 'malformedItem' | 'csvError' | 'nul'

export interface SkippedRow {
  file: string
  /** 1-based line in the decoded file. */
  line: number
  reason: SkipReason
  detail?: string
}

/** A parsed row plus where it came from. */
export interface ParsedRow extends RawComment {
  line: number
}

/** What a parser hands rows to: the orchestrator encodes them straight into columns. */
export interface RowSink {
  row(row: ParsedRow): void
  /**
   * The same row as positional values, when the sink takes them: no object per row on the CSV
   * hot path. Parsers call it instead of `row` when present. `textAt`: where `text` sits, exactly
   * as it is, in the string the parser was given (-1 when it does not).
   */
  values?(
    line: number,
    author: string,
    avatar: string,
    likes: number,
    replies: number,
    day: number,
    time: number,
    text: string,
    reply: string,
    lesson: string,
    textAt: number,
    course: string,
  ): void
  skip(s: Omit<SkippedRow, 'file'>): void
}

export interface ParseOutcome {
  format: Format
  /** Lesson title found in the file (`<title>`, `<h1>`, first Markdown heading), or ''. */
  title: string
  /** A saved page's whole `<title>` ("01 | 开篇 - 某某课 - 极客时间"): it often names the course. */
  pageTitle?: string
  /** Items seen (kept + skipped). */
  rowsRead: number
  /** The count a heading announced (`精选留言（20）`), for the report; never trusted. */
  announced?: number
}

export interface FileReport {
  file: string
  format: Format | null
  encoding: string
  /** A UTF-8 file with GB18030 lines, each decoded by what it is: the first such line and how many. */
  mixedEncoding?: { firstLine: number; lines: number }
  bytes: number
  lesson: string
  rowsRead: number
  rowsKept: number
  /** Set when a file of a multi-file import was skipped. */
  skippedBecause?: Problem
  announced?: number
}

export interface ImportReport {
  files: FileReport[]
  bytes: number
  rowsRead: number
  rowsKept: number
  skipped: SkippedRow[]
  /**
   * Files skipped in a multi-file import, each with why: no comments (index.md, mkdocs.yml) or
   * unreadable (broken JSON, binary, too large). One file never sinks the others.
   */
  notices: Problem[]
  /** Skipped rows beyond this many are counted, not listed. */
  skippedTotal: number
  /** The course's name when the files say it (mkdocs.yml `site_name`, my-geektime's index.md). */
  courseName?: string
}

export interface ImportResult {
  dataset: DatasetColumns
  report: ImportReport
  /** Theme corrections carried by a Comment Lens dataset file, by comment id. */
  corrections?: Record<string, Correction>
}

export interface ImportProgress {
  bytesDone: number
  bytesTotal: number
  rows: number
  file: string
  /**
   * After parsing: 'index' while the worker matches themes and sorts (seconds on a big file, the
   * bar already full), 'open' while the page takes the columns in.
   */
  phase?: 'index' | 'open'
  /** In a multi-file import: files done, of how many. */
  filesDone?: number
  filesTotal?: number
}

/** The largest file that is read at all. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024
