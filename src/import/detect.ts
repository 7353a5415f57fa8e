/**
 * Format detection from content; the file extension only breaks ties. A `.txt` may be a lesson
 * export or a CSV, a `.json` may be a page saved with the wrong name, and so on.
 */
import type { Format } from './types'
import { looksLikeLessonExport } from './lessonExport'
import { mapHeaders, SEP_LINE } from './fields'

export type DetectedKind = 'lesson-html' | 'lesson-markdown' | 'csv' | 'json' | 'none'

function extension(name: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(name)
  return m ? m[1].toLowerCase() : ''
}

const LESSON_EXTENSIONS = new Set(['md', 'markdown', 'html', 'htm'])

export function detectFormat(text: string, fileName: string): DetectedKind {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart()
  const ext = extension(fileName)
  // A first line that names a comment-text column is a CSV header: no lesson export starts so,
  // and the lesson test below reads the whole file (two regex scans of a 100k-row CSV, and a
  // comment quoting a lesson's `<li>…👍（3）` must not turn the CSV into a lesson).
  if (!/^[{[<#]/.test(head) && namesTextColumn(head)) return 'csv'
  // A lesson page's extension is a strong hint: a Markdown lesson may begin with `[a link](…)`.
  const lessonExt = LESSON_EXTENSIONS.has(ext)
  if (!lessonExt && (head.startsWith('{') || head.startsWith('['))) {
    // A lesson block inside something JSON-looking is still a lesson (rare, but cheap to check).
    if (!looksLikeLessonExport(text)) return 'json'
  }
  if (looksLikeLessonExport(text)) {
    const isHtml = /^<(!doctype html|html|head|body|meta|article)\b/i.test(head) || ext === 'html' || ext === 'htm'
    return isHtml ? 'lesson-html' : 'lesson-markdown'
  }
  if (ext === 'json') return 'json'
  if (lessonExt) return 'none'
  if (looksLikeDelimited(head) || ext === 'csv' || ext === 'tsv') return 'csv'
  return 'none'
}

/** Whether the first line, split at some delimiter, has a column header for the comment text. */
function namesTextColumn(head: string): boolean {
  const sep = SEP_LINE.exec(head)
  const rest = sep ? head.slice(sep[0].length) : head
  const line = rest.slice(0, rest.search(/\r|\n|$/))
  for (const d of [',', '\t', ';', '|']) {
    const cells = line.split(d)
    if (cells.length >= 2 && mapHeaders(cells).text !== undefined) return true
  }
  return false
}

/** A header line with a delimiter and a second line with the same number of fields, roughly. */
function looksLikeDelimited(head: string): boolean {
  const lines = head.split(/\r?\n/, 3)
  const first = lines[0] ?? ''
  if (/^\s*</.test(first) || /^#/.test(first)) return false
  for (const d of [',', '\t', ';', '|']) {
    const n = first.split(d).length
    if (n >= 2 && (lines.length < 2 || (lines[1] ?? '').split(d).length >= 2)) return true
  }
  return false
}

export function isLessonFormat(f: Format | null): boolean {
  return f === 'lesson-html' || f === 'lesson-markdown' || f === 'lesson-text'
}
