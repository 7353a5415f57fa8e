/**
 * Reading the files a user picked or dropped, on the page, for the import worker (see readPicked).
 */
import type { WireFile } from './protocol'
import { ImportError } from './types'

/** A file the user picked or dropped, at its place among the import's files. */
export interface Picked {
  at: number
  name: string
  path: string
  file: File
}

/** Reads in flight at once: each read waits on the browser's file system, not on the page. */
const READS_IN_FLIGHT = 16

/** Read files go to the worker in messages of this many (the last may have fewer). */
const FILES_PER_MESSAGE = 32

/**
 * Reads picked files on the page, many at a time, and sends their bytes to the worker as they come
 * (transferred, not copied). Reading here rather than in the worker spares cloning each File into a
 * message: Chromium looks up every cloned file's size and date on the page's thread (two seconds of
 * tasks for ten thousand files), while a read only waits. Rejects when the bytes read pass `budget`.
 */
export async function readPicked(picked: Picked[], budget: number, send: (files: WireFile[]) => void, signal?: AbortSignal): Promise<void> {
  let next = 0
  let bytes = 0
  let batch: WireFile[] = []
  const flush = () => {
    if (batch.length === 0) return
    send(batch)
    batch = []
  }
  const reader = async () => {
    while (next < picked.length && !signal?.aborted) {
      const { at, name, path, file } = picked[next++]
      let wire: WireFile
      try {
        const content = await file.arrayBuffer()
        bytes += content.byteLength
        wire = { at, name, path, bytes: content }
      } catch (err) {
        // Fails as that file alone, in the worker (a multi-file import skips it and says so).
        wire = { at, name, path, unreadable: err instanceof Error ? err.message : String(err) }
      }
      if (bytes > budget) {
        next = picked.length
        throw new ImportError({ code: 'tooLarge', file: picked.length === 1 ? name : `${picked.length} files`, detail: `${bytes} bytes > ${budget}` })
      }
      batch.push(wire)
      if (batch.length >= FILES_PER_MESSAGE) flush()
    }
  }
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, picked.length) }, reader))
  flush()
}
