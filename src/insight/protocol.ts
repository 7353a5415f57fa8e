/** Messages between the main thread and the insight worker (phrase discovery, near-duplicates). */
import type { PackedStrings } from '@/model/packed'
import type { Phrase } from './phrases'

/** The rows to look at: their texts packed, and their authors' codes and likes, row by row. */
export interface InsightRows {
  texts: PackedStrings
  authors: Uint32Array
  likes: Uint32Array
}

export type InsightRequest = ({ type: 'phrases'; limit: number } | { type: 'duplicates'; threshold: number }) & InsightRows

export type InsightResponse =
  | { type: 'phrases'; phrases: Phrase[] }
  /** Groups as positions into the rows sent. */
  | { type: 'duplicates'; groups: number[][] }
  | { type: 'error'; message: string }
