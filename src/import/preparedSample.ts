/**
 * The built-in sample, prepared at build time (scripts/prepare-sample.ts): its columns, import
 * report and per-row indexes as JSON (public/sample/prepared.json), so the first screen opens it
 * without the import worker. Typed arrays travel as plain number lists; this module turns the
 * data back into what the import worker hands the page. Pure (runs in Node for the tests).
 */
import type { DatasetColumns } from '@/model/dataset'
import type { DatasetIndexes } from '@/query/prepare'
import { SORT_KEYS, type SortKey } from '@/model/view'
import { packColumn, Strings, type StringColumn } from '@/model/packed'
import type { ImportReport } from './types'

/** Bumped when the shape changes: a stale file is then refused and the sample imported as before. */
export const PREPARED_SAMPLE_VERSION = 1

/** The typed columns of a dataset and the array type each one is. */
const TYPED = {
  likes: Uint32Array,
  replies: Uint32Array,
  day: Int32Array,
  time: Int32Array,
  author: Uint32Array,
  avatar: Uint32Array,
  lesson: Uint32Array,
  source: Uint32Array,
  batch: Uint16Array,
} as const
type TypedKey = keyof typeof TYPED

export interface PreparedSampleJson {
  version: number
  /** The source file's name and size in bytes (checked by the unit test against public/sample). */
  file: string
  bytes: number
  /** matchKey(default themes, request cues) the indexes were made for. */
  themes: string
  columns: Omit<DatasetColumns, TypedKey | StringColumn> & Record<TypedKey, number[]> & Record<StringColumn, string[]>
  report: ImportReport
  indexes: { orders: Record<SortKey, number[]>; themeMask: number[]; question: number[]; length: number[] }
}

export interface PreparedSample {
  dataset: DatasetColumns
  report: ImportReport
  indexes: { themes: string; value: DatasetIndexes }
}

/** The JSON form of an import's result (the generator's half). */
export function toPreparedJson(
  file: string,
  bytes: number,
  themes: string,
  ds: DatasetColumns,
  report: ImportReport,
  indexes: DatasetIndexes,
): PreparedSampleJson {
  const columns = { ...ds, id: ds.id.toArray(), text: ds.text.toArray(), reply: ds.reply.toArray() } as unknown as PreparedSampleJson['columns']
  for (const k of Object.keys(TYPED) as TypedKey[]) columns[k] = Array.from(ds[k])
  // The import's date is the page's (revivePreparedSample): the file stays the same from build to build.
  columns.batches = ds.batches.map((b) => ({ ...b, at: '' }))
  const orders = {} as Record<SortKey, number[]>
  for (const k of SORT_KEYS) orders[k] = Array.from(indexes.orders[k])
  return {
    version: PREPARED_SAMPLE_VERSION,
    file,
    bytes,
    themes,
    columns,
    report,
    indexes: { orders, themeMask: Array.from(indexes.themeMask), question: Array.from(indexes.question), length: Array.from(indexes.length) },
  }
}

/**
 * The prepared sample as the import worker would hand it over (the strings packed as it packs
 * them; the import batch dated now, as an import now would). Throws on a file of another shape.
 */
export function revivePreparedSample(json: PreparedSampleJson, now = new Date().toISOString()): PreparedSample {
  if (!json || json.version !== PREPARED_SAMPLE_VERSION || !json.columns || !json.indexes) throw new Error('prepared sample: unexpected shape')
  const c = json.columns
  const typed = {} as Record<TypedKey, DatasetColumns[TypedKey]>
  for (const k of Object.keys(TYPED) as TypedKey[]) {
    if (!Array.isArray(c[k]) || c[k].length !== c.n) throw new Error(`prepared sample: column ${k}`)
    typed[k] = TYPED[k].from(c[k])
  }
  const dataset: DatasetColumns = {
    ...c,
    ...typed,
    batches: c.batches.map((b) => ({ ...b, at: now })),
    id: Strings.packed(packColumn(c.id)),
    text: Strings.packed(packColumn(c.text)),
    reply: Strings.packed(packColumn(c.reply)),
  } as DatasetColumns
  const ix = json.indexes
  const orders = {} as Record<SortKey, Uint32Array>
  for (const k of SORT_KEYS) orders[k] = Uint32Array.from(ix.orders[k])
  const value: DatasetIndexes = {
    orders,
    themeMask: Uint32Array.from(ix.themeMask),
    question: Uint8Array.from(ix.question),
    length: Uint32Array.from(ix.length),
  }
  return { dataset, report: json.report, indexes: { themes: json.themes, value } }
}
