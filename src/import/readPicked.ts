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
 * One picked file's bytes, or why it could not be read: it then fails as that file alone, in the
 * worker (a multi-file import skips it and says so). The page and the worker both read with it.
 */
export async function readFile({ at, name, path, file }: Picked): Promise<WireFile> {
  try {
    return { at, name, path, bytes: await file.arrayBuffer() }
  } catch (err) {
    return { at, name, path, unreadable: err instanceof Error ? err.message : String(err) }
  }
}

/** The buffers of files' bytes, to transfer with the message that carries them. */
export function buffersOf(files: WireFile[]): ArrayBuffer[] {
  return files.flatMap((f) => ('bytes' in f ? [f.bytes] : []))
}

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
      const wire = await readFile(picked[next++])
      if ('bytes' in wire) bytes += wire.bytes.byteLength
      if (bytes > budget) {
        next = picked.length
        throw new ImportError({ code: 'tooLarge', file: picked.length === 1 ? wire.name : `${picked.length} files`, detail: `${bytes} bytes > ${budget}` })
      }
      batch.push(wire)
      if (batch.length >= FILES_PER_MESSAGE) flush()
    }
  }
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, picked.length) }, reader))
  flush()
}
