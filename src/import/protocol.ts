/** Messages between the main thread and the import worker. */
import type { DatasetColumns } from '@/model/dataset'
import type { PackedStrings } from './packStrings'
import type { ColumnMapping } from './fields'
import type { ImportProgress, ImportReport, Problem, SourceFile } from './types'
import type { ThemeDef } from '@/insight/themes'
import type { DatasetIndexes } from '@/query/prepare'

/** The dataset as sent from the worker: the three per-row string columns packed (see packStrings). */
export type WireDataset = Omit<DatasetColumns, 'id' | 'text' | 'reply'> & { id: PackedStrings; text: PackedStrings; reply: PackedStrings }

export interface ImportRequest {
  type: 'import'
  files: SourceFile[]
  mappings?: Record<string, ColumnMapping>
  headerMappings?: Record<string, ColumnMapping>
  /** Themes to compute the per-row indexes with, in the worker. */
  themes?: ThemeDef[]
}

export type ImportResponse =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; dataset: WireDataset; report: ImportReport; fingerprint: string; indexes: DatasetIndexes | null }
  | { type: 'error'; problem: Problem }
