import { describe, expect, it } from 'vitest'
import { cellText, scanCsv } from '@/import/csvScan'

/** Rows of a scan as arrays of cell strings, with each row's inner line breaks. */
function rowsOf(text: string, delimiter = ',', crlf = false, from = 0, to = text.length) {
  const scan = scanCsv(text, from, to, delimiter, crlf)
  if (!scan) return null
  const rows: { cells: string[]; breaks: number }[] = []
  for (let r = 0; r < scan.rows; r++) {
    const cells: string[] = []
    for (let k = scan.rowField[r]; k < scan.rowField[r + 1]; k++) cells.push(cellText(text, scan, k))
    rows.push({ cells, breaks: scan.rowBreaks[r] })
  }
  return rows
}

describe('scanCsv', () => {
  it('finds fields, undoes doubled quotes and counts line breaks inside quotes', () => {
    expect(rowsOf('a,b\n"x, ""y""","1\n2"\n\n,')).toEqual([
      { cells: ['a', 'b'], breaks: 0 },
      { cells: ['x, "y"', '1\n2'], breaks: 1 },
      { cells: [''], breaks: 0 },
      { cells: ['', ''], breaks: 0 },
    ])
  })

  it('reads CRLF rows, other delimiters and a stretch of the text', () => {
    expect(rowsOf('h;i\r\n"a\r\nb";c\r\n', ';', true)).toEqual([
      { cells: ['h', 'i'], breaks: 0 },
      { cells: ['a\r\nb', 'c'], breaks: 1 },
    ])
    expect(rowsOf('skip\nx\ty\nz', '\t', false, 5, 9)).toEqual([{ cells: ['x', 'y'], breaks: 0 }])
  })

  it('a quote inside an unquoted field is a character, as in PapaParse', () => {
    expect(rowsOf('a"b,c\n')).toEqual([{ cells: ['a"b', 'c'], breaks: 0 }])
  })

  it.each([
    ['an unclosed quote', '"abc,d\n'],
    ['a quote still open at the end of the stretch', '"abc\n'],
    ['text after a closing quote', '"abc"d,e\n'],
    ['spaces after a closing quote', '"abc" ,e\n'],
    ['a lone CR', 'a\rb,c\n'],
    ['a CRLF in a file of LF rows', 'a,b\r\nc\n'],
    ['a leading BOM', '\uFEFFa,b\n'],
  ])('gives up on %s', (_, text) => {
    expect(scanCsv(text, 0, text === '"abc\n' ? 4 : text.length, ',', false)).toBeNull()
  })

  it('gives up on a lone LF in a file of CRLF rows', () => {
    expect(scanCsv('a,b\nc\r\n', 0, 7, ',', true)).toBeNull()
  })
})
