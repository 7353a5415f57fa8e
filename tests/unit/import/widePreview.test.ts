import { describe, expect, it } from 'vitest'
import { mapperColumns, previewTable } from '@/import/preview'
import { excerpt } from '@/charts/excerpt'

const bytesOf = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer

describe('the column mapper on a file with 10,950 columns', () => {
  const n = 10_950
  // Short names (base 36) and empty cells: header and row fit the preview's first 64 KB.
  const header = Array.from({ length: n }, (_, i) => (i === 7_000 ? 'body_text' : i.toString(36)))
  const row = Array.from({ length: n }, (_, i) => (i === 7_000 ? '希望加餐' : ''))
  const preview = previewTable(bytesOf(`${header.join(',')}\n${row.join(',')}\n`))

  it('previews every column name (the signature needs them all)', () => {
    expect(preview.headers.length).toBe(n)
    expect(preview.rows[0][7_000]).toBe('希望加餐')
  })

  it('lists at most 200 columns, finds any other by name or number, and keeps chosen ones listed', () => {
    const first = mapperColumns(preview.headers, '')
    expect(first.columns).toEqual(Array.from({ length: 200 }, (_, i) => i))
    expect(first.matched).toBe(n)
    expect(mapperColumns(preview.headers, 'BODY')).toEqual({ columns: [7_000], matched: 1 })
    expect(mapperColumns(preview.headers, '7001')).toEqual({ columns: [7_000], matched: 1 })
    // "z" is in many names (z, 1z, 2z, …, z0, …): the first 200 are listed, and the chosen column 7000 stays.
    const some = mapperColumns(preview.headers, 'Z', [7_000])
    expect(some.matched).toBe(header.filter((h) => h.includes('z')).length)
    expect(some.matched).toBeGreaterThan(200)
    expect(some.columns.length).toBe(201)
    expect(some.columns.slice(0, 4)).toEqual([35, 71, 107, 143])
    expect(some.columns.at(-1)).toBe(7_000)
  })

  it('is fast: searching 10,950 names takes milliseconds', () => {
    const t0 = performance.now()
    for (const q of ['c', 'c1', 'c12', 'body', '']) mapperColumns(preview.headers, q)
    expect(performance.now() - t0).toBeLessThan(100)
  })
})

describe('excerpt', () => {
  it('reads only the start of a 50 MB text', () => {
    const long = '长 '.repeat(25_000_000)
    long.indexOf('x') // flat, as texts from the import are
    const t0 = performance.now()
    expect(excerpt(long, 10)).toBe('长 长 长 长 长…')
    expect(performance.now() - t0).toBeLessThan(20)
    expect(excerpt('  a\n\nb  ', 10)).toBe('a b')
    expect(excerpt('x'.repeat(50), 10)).toBe('xxxxxxxxx…')
  })
})
