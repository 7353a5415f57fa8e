/**
 * The first rows of a delimited file, for the column-mapping dialog: decoded with the same
 * encoding detection as an import, from the first 64 KB only.
 */
import Papa from 'papaparse'
import { decodeBytes } from './decode'

export interface TablePreview {
  headers: string[]
  rows: string[][]
}

export function previewTable(bytes: ArrayBuffer, maxRows = 5): TablePreview {
  const head = new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 64 * 1024))
  const { text } = decodeBytes(head, 'preview')
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: maxRows + 1, skipEmptyLines: 'greedy' })
  const [headers = [], ...rows] = parsed.data
  return { headers: headers.map((h, i) => h.trim() || `#${i + 1}`), rows: rows.slice(0, maxRows) }
}
