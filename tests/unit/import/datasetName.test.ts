import { describe, expect, it } from 'vitest'
import { commonFolder, datasetName } from '@/import/datasetName'
import type { ImportReport } from '@/import/types'

const report = (files: string[], courseName?: string, skipped: string[] = []) =>
  ({ courseName, files: [...files.map((file) => ({ file })), ...skipped.map((file) => ({ file, skippedBecause: 'noComments' }))] }) as unknown as ImportReport

describe('dataset names', () => {
  it('takes the course name, else the one file, else the shared folder, else the first file', () => {
    expect(datasetName(report(['a/01.md', 'a/02.md'], 'etcd实战课'))).toEqual({ name: 'etcd实战课', looseFiles: false })
    expect(datasetName(report(['export.csv']))).toEqual({ name: 'export.csv', looseFiles: false })
    expect(datasetName(report(['课/docs/01.md', '课/docs/02.md'], undefined, ['other/index.md']))).toEqual({ name: '课', looseFiles: false })
    expect(datasetName(report(['one.md', 'two.md']))).toEqual({ name: 'one.md', looseFiles: true })
  })
  it('finds the folder every path starts with', () => {
    expect(commonFolder(['x/a', 'x/b/c'])).toBe('x')
    expect(commonFolder(['x/a', 'xy/b'])).toBeNull()
    expect(commonFolder(['a'])).toBeNull()
  })
})
