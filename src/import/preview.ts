/**
 * The first rows of a file, for the column-mapping dialog, decoded with the same encoding
 * detection as an import: a delimited file from its first 64 KB only; a JSON file as its records'
 * keys and first records, which needs the whole document parsed.
 */
import Papa from 'papaparse'
import { decodeBytes } from './decode'
import { headerSignature } from './fields'
import type { ColumnMapping } from './fields'
import { jsonRecords } from './json'

export interface TablePreview {
  headers: string[]
  rows: string[][]
  /** CSV columns are chosen by index (a header may repeat a name), JSON keys by name. */
  kind: 'csv' | 'json'
  /** headerSignature of the header exactly as the parser sees it: a chosen mapping is remembered under it. */
  signature: string
}

/** How much of a file a CSV preview (and the JSON sniff) reads. */
export const PREVIEW_HEAD_BYTES = 64 * 1024
/**
 * A JSON document cannot be cut like CSV rows, so its preview parses the whole file, on the main
 * thread: above this size there is no preview (and no dialog) rather than a frozen tab. 16 MB
 * parses in well under a second; a remembered mapping still applies to bigger files of the same
 * layout, since the import itself runs in the worker.
 */
export const JSON_PREVIEW_MAX_BYTES = 16 * 1024 * 1024
/** A JSON cell is shown stringified and cut to this many characters. */
const JSON_CELL_MAX = 200

/** Nothing to show: the dialog is not offered. */
export const noPreview = (kind: TablePreview['kind']): TablePreview => ({ headers: [], rows: [], kind, signature: '' })

function head(bytes: ArrayBuffer): Uint8Array {
  return new Uint8Array(bytes, 0, Math.min(bytes.byteLength, PREVIEW_HEAD_BYTES))
}

export function previewTable(bytes: ArrayBuffer, maxRows = 5): TablePreview {
  const { text } = decodeBytes(head(bytes), 'preview')
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: maxRows + 1, skipEmptyLines: 'greedy' })
  const [headers = [], ...rows] = parsed.data
  return {
    headers: headers.map((h, i) => h.trim() || `#${i + 1}`),
    rows: rows.slice(0, maxRows),
    kind: 'csv',
    signature: headers.length ? headerSignature(headers) : '',
  }
}

/**
 * Whether the mapping dialog should treat a file as JSON: by its name (.json, .jsonl) or, as the
 * import's format detection does, by a first non-space character `[` or `{`.
 */
export function looksLikeJson(name: string, bytes: ArrayBuffer): boolean {
  if (/\.jsonl?$/i.test(name)) return true
  const { text } = decodeBytes(head(bytes), 'preview')
  return /^\uFEFF?\s*[[{]/.test(text)
}

/** A JSON value as one table cell: strings as they are, anything else as JSON, cut short. */
export function jsonCell(v: unknown): string {
  if (v === undefined || v === null) return ''
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > JSON_CELL_MAX ? s.slice(0, JSON_CELL_MAX - 1) + '…' : s
}

/**
 * The records of a JSON file: their keys as headers (in the order, and with the signature, that
 * parseJson looks a remembered mapping up by) and the first `maxRows` records' values. An empty
 * preview when the bytes are not JSON or hold no array of records.
 */
export function previewJson(bytes: ArrayBuffer, maxRows = 5): TablePreview {
  if (bytes.byteLength > JSON_PREVIEW_MAX_BYTES) return noPreview('json')
  const { text } = decodeBytes(bytes, 'preview')
  let found: ReturnType<typeof jsonRecords>
  try {
    found = jsonRecords(JSON.parse(text.replace(/^\uFEFF/, '')), 'preview', maxRows)
  } catch {
    return noPreview('json') // not JSON after all, or an API error response
  }
  if (!found) return noPreview('json')
  const { keys, rows } = found
  return { headers: keys, rows: rows.map((r) => keys.map((k) => jsonCell(r[k]))), kind: 'json', signature: headerSignature(keys) }
}

/**
 * What to remember under `preview.signature` for a mapping chosen in the dialog (by position): CSV
 * columns as they are, JSON keys by name, which is what a record is read by.
 */
export function mappingToRemember(preview: TablePreview, mapping: ColumnMapping): ColumnMapping {
  if (preview.kind !== 'json') return mapping
  const out: ColumnMapping = {}
  for (const [f, v] of Object.entries(mapping) as [keyof ColumnMapping, number | string | undefined][]) {
    const name = typeof v === 'number' ? preview.headers[v] : v
    if (name !== undefined) out[f] = name
  }
  return out
}

/** The most columns the mapping dialog lists (a 10,950-column file made 150,000 elements: 4 s). */
export const MAPPER_COLUMNS = 200

/**
 * The columns the mapping dialog lists, by index: those whose header contains `find` (case
 * ignored) or whose number (1-based) it is, at most `max`, plus the columns already chosen (a
 * choice stays visible whatever is searched). Linear in the columns, no element per column.
 */
export function mapperColumns(headers: string[], find: string, chosen: number[] = [], max = MAPPER_COLUMNS): { columns: number[]; matched: number } {
  const q = find.trim().toLowerCase()
  const out: number[] = []
  let matched = 0
  for (let i = 0; i < headers.length; i++) {
    if (q && !headers[i].toLowerCase().includes(q) && String(i + 1) !== q) continue
    matched++
    if (out.length < max) out.push(i)
  }
  for (const c of chosen) if (c >= 0 && c < headers.length && !out.includes(c)) out.push(c)
  return { columns: out.sort((a, b) => a - b), matched }
}
