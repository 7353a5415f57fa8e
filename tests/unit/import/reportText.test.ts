import { describe, expect, it } from 'vitest'
import { importReportText } from '@/import/reportText'
import type { ImportReport } from '@/import/types'

const report: ImportReport = {
  files: [{ file: 'big.csv', format: 'csv', encoding: 'utf-8', bytes: 7_400_000, lesson: '', rowsRead: 40_000, rowsKept: 39_998 }],
  bytes: 7_400_000,
  rowsRead: 40_000,
  rowsKept: 39_998,
  skipped: [{ file: 'big.csv', line: 38465, reason: 'badNumber', detail: 'likes: "lots"' }],
  skippedTotal: 1_502,
  notices: [],
}
// Messages as the English locale has them, with the parameters written in.
const t = (key: string, p: Record<string, unknown> = {}) => `${key}${Object.keys(p).length ? ' ' + JSON.stringify(p) : ''}`

describe('importReportText', () => {
  it('groups counts with the given writer and leaves line numbers plain', () => {
    const text = importReportText(report, t, '2026-11-30T00:00:00Z', (n) => n.toLocaleString('en'))
    expect(text.split('\n')).toEqual([
      '# report.title',
      '',
      'report.when: 2026-11-30T00:00:00Z',
      'report.totals {"read":"40,000","kept":"39,998","skipped":"1,502","files":"1"}',
      '',
      '## report.files',
      '',
      '- big.csv: format.csv, utf-8, report.rows {"read":"40,000","kept":"39,998"}',
      '',
      '## report.skippedRows',
      '',
      '- big.csv:38465 — skip.badNumber (likes: "lots")',
      '- … report.more {"n":"1,501"}',
      '',
    ])
  })

  it('writes file names, lesson titles and row details as text, never as Markdown links, images, HTML or headings', () => {
    const hostile: ImportReport = {
      ...report,
      files: [
        {
          file: '[click](javascript:alert(1)).md',
          format: 'lesson',
          encoding: 'utf-8',
          bytes: 10,
          lesson: '![x](https://evil.example/p.png) <img src=x>',
          rowsRead: 1,
          rowsKept: 1,
        },
        { file: '# big', format: null, encoding: 'utf-8', bytes: 0, lesson: '', rowsRead: 0, rowsKept: 0, skippedBecause: { code: 'noComments' } },
      ],
      skipped: [{ file: 'a|b.csv', line: 2, reason: 'badNumber', detail: '<script>x</script>' }],
      skippedTotal: 1,
    } as ImportReport
    const lines = importReportText(hostile, t, 'now').split('\n')
    expect(lines).toContain(
      '- \\[click\\](javascript:alert(1)).md: format.lesson, utf-8, report.rows {"read":"1","kept":"1"} — !\\[x\\](https://evil.example/p.png) &lt;img src=x&gt;',
    )
    expect(lines).toContain('- \\# big: report.skippedFile: problem.noComments {"file":"\\\\# big"}')
    expect(lines).toContain('- a\\|b.csv:2 — skip.badNumber (&lt;script&gt;x&lt;/script&gt;)')
  })
})
