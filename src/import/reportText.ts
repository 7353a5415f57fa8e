/**
 * The import report as a text file to download: what each file was, how many comments were read
 * and kept, and every skipped row with its line and reason — in the UI language. It is Markdown:
 * file names, lesson titles and row details come from the files and are escaped (a file named
 * `[x](javascript:…).md` is text in the report, not a link).
 */
import { escapeMarkdown as md } from '@/lib/markdownText'
import type { ImportReport } from './types'

export type Translate = (key: string, params?: Record<string, unknown>) => string

/** `num` writes counts (grouped digits in the UI's locale); line numbers stay plain, as editors show them. */
export function importReportText(report: ImportReport, t: Translate, when: string, num: (n: number) => string = String): string {
  const lines: string[] = []
  const totals = { read: num(report.rowsRead), kept: num(report.rowsKept), skipped: num(report.skippedTotal), files: num(report.files.length) }
  lines.push(`# ${t('report.title')}`, '', `${t('report.when')}: ${when}`, t('report.totals', totals), '')
  lines.push(`## ${t('report.files')}`, '')
  for (const f of report.files) {
    const what = f.skippedBecause
      ? `${t('report.skippedFile')}: ${t(`problem.${f.skippedBecause.code}`, { file: md(f.file) })}`
      : `${f.format ? t(`format.${f.format}`) : '?'}, ${f.encoding}, ${t('report.rows', { read: num(f.rowsRead), kept: num(f.rowsKept) })}${f.lesson ? ` — ${md(f.lesson)}` : ''}`
    lines.push(`- ${md(f.file)}: ${what}`)
    if (f.mixedEncoding) lines.push(`  - ${t('report.mixedEncoding', { line: f.mixedEncoding.firstLine, n: num(f.mixedEncoding.lines) })}`)
  }
  if (report.skipped.length) {
    lines.push('', `## ${t('report.skippedRows')}`, '')
    for (const s of report.skipped) lines.push(`- ${md(s.file)}:${s.line} — ${t(`skip.${s.reason}`)}${s.detail ? ` (${md(s.detail)})` : ''}`)
    if (report.skippedTotal > report.skipped.length) lines.push(`- … ${t('report.more', { n: num(report.skippedTotal - report.skipped.length) })}`)
  }
  return lines.join('\n') + '\n'
}
