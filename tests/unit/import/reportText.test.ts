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
})
