/** Messages between the main thread and the import worker. */
import type { DatasetColumns } from '@/model/dataset'
import type { ColumnMapping } from './fields'
import type { ImportProgress, ImportReport, Problem, SourceFile } from './types'

export interface ImportRequest {
  type: 'import'
  files: SourceFile[]
  mappings?: Record<string, ColumnMapping>
  headerMappings?: Record<string, ColumnMapping>
}

export type ImportResponse =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; dataset: DatasetColumns; report: ImportReport; fingerprint: string }
  | { type: 'error'; problem: Problem }
