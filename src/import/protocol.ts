import type { Correction } from '@/insight/corrections'
/** Messages between the main thread and the import worker. */
import type { PackedColumns, PackedStrings, StringColumn } from '@/model/packed'
import type { ColumnMapping } from './fields'
import type { ImportProgress, Problem, SourceFile } from './types'
import type { ThemeDef } from '@/insight/themes'
import type { DatasetIndexes } from '@/query/prepare'

/** Fewer rows are matched in well under 100 ms: not worth a second worker. */
export const MASKS_IN_TWO_FROM_ROWS = 20_000
/**
 * The import worker's share of the rows it matches itself: it also computes the fingerprint
 * meanwhile, and the masks worker starts on its share at once.
 */
export const HEAD_SHARE = 0.45

/**
 * A file of the import as the worker receives it, at its place (`at`) among the import's files:
 * its bytes (read by the page and transferred), or why the page could not read it.
 */
export type WireFile =
  | (SourceFile & { at: number })
  | { at: number; name: string; path: string; unreadable: string }
  /** A single picked file, unread: the worker reads it (a 200 MB read on the page is a long task there). */
  | { at: number; name: string; path: string; file: File }

export interface ImportRequest {
  type: 'import'
  /** How many files the import has: those below and those sent after it (FilesRead). */
  filesTotal: number
  /** The files in hand when the import starts. */
  files: WireFile[]
  /** The import's bytes when known before reading (a single file); 0 for a folder, counted in files. */
  bytesTotal: number
  mappings?: Record<string, ColumnMapping>
  headerMappings?: Record<string, ColumnMapping>
  /** Themes to compute the per-row indexes with, in the worker. */
  themes?: ThemeDef[]
  /** The request cues the themes share (the lexicon is loaded by the page, not by each worker). */
  cues?: string[]
  /** A port to a masks worker (insight/masks.worker.ts) that matches half of a big import's rows. */
  masks?: MessagePort
  /**
   * Add the import to the dataset sent ahead of this request (BasePiece, BaseRest) rather than
   * replace it: the merge, its fingerprint and indexes are computed here, not on the page.
   */
  merge?: { at: string }
  /**
   * Save the result in IndexedDB before handing it over (persist/datasets.ts), with its indexes
   * under this match key: the dataset is durable when it appears, and the page never clones it.
   */
  save?: { themes: string; createdAt: string; name: string }
}

/** The columns of the dataset in view sent as pieces ahead of a merging import. */
export const BASE_PIECE_COLUMNS = ['id', 'text', 'reply', 'authors', 'avatars'] as const
export type BasePieceColumn = (typeof BASE_PIECE_COLUMNS)[number]

/** One piece of one of the base dataset's string columns or big dictionaries, a message each. */
export interface BasePiece {
  type: 'basePiece'
  column: BasePieceColumn
  index: number
  packed: PackedStrings
}

/** The rest of the base dataset (typed arrays transferred, small lists cloned), after its pieces. */
export interface BaseRest {
  type: 'baseRest'
  columns: Omit<PackedColumns, BasePieceColumn>
}

/**
 * Picked files as the page reads them, a few dozen per message, in any order (see WireFile.at):
 * the worker parses each as soon as the ones before it are in.
 */
export interface FilesRead {
  type: 'read'
  files: WireFile[]
}

/** The masks worker failed: the import worker matches every row itself. */
export interface MasksFailed {
  type: 'masksFailed'
}

/** The lists sent ahead of `done` (see ImportResponse). */
export const LIST_KEYS = ['authors', 'avatars', 'lessons', 'sources', 'batches', 'report'] as const
export type ListKey = (typeof LIST_KEYS)[number]

export type ImportResponse =
  | { type: 'progress'; progress: ImportProgress }
  /** One piece of a packed string column, in a message of its own: the page takes one per task. */
  | { type: 'strings'; column: StringColumn; index: number; packed: PackedStrings }
  /**
   * One of a dataset's lists of plain values, or the report, in a message of its own: ten thousand
   * files make each a list of ten thousand entries, and the page deserialises one per task.
   */
  | { type: 'list'; key: ListKey; value: unknown }
  /** Everything else; the string columns and the lists came before it. */
  | {
      type: 'done'
      dataset: Omit<PackedColumns, StringColumn | Exclude<ListKey, 'report'>>
      fingerprint: string
      indexes: DatasetIndexes | null
      timings: Record<string, number>
      corrections?: Record<string, Correction>
      /** A merging import: how many comments were new and how many had newer counts. */
      merged?: { added: number; updated: number }
      /** With `save`: the key it was saved under, or why it could not be saved. */
      saved?: { key: string } | { error: string }
    }
  | { type: 'error'; problem: Problem }
