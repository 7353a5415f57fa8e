/**
 * Bytes → text. Encoding is detected from the bytes (BOM, UTF-16 zero patterns, UTF-8 validity),
 * falling back to GB18030, which is what Excel on a Chinese Windows saves (a superset of GBK).
 * Decoding is streamed in chunks with `stream: true`, so a multi-byte character split across a
 * chunk boundary is never broken, and progress can be reported per chunk.
 */
import { ImportError } from './types'

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

// 4 MB pieces: Node decodes a 19 MB export in ~50 ms this way against ~62 ms in 1 MB pieces and ~110 ms
// whole; Chromium takes the same ~53 ms for 1, 2 or 4 MB (measured on this machine).
const CHUNK = 1 << 22

export interface Decoded {
  text: string
  encoding: Encoding
  /**
   * A file that is mostly UTF-8 with lines in GB18030/GBK (rows pasted from another export, a
   * file appended to by another program): each line was decoded by what it is, and these are the
   * GB18030 lines (the first, 1-based, and how many), for the import report.
   */
  mixed?: { firstLine: number; lines: number }
}

/** A run of whole lines [from, to) of the bytes, all in one encoding. */
interface Run {
  from: number
  to: number
  encoding: 'utf-8' | 'gb18030'
}

/**
 * Splits bytes that are not valid UTF-8 as a whole into runs of lines by encoding. A line is UTF-8
 * when it is valid UTF-8 holding a three- or four-byte sequence (a CJK character) and no more
 * two-byte ones than those: GBK text is almost never valid UTF-8, and when a short line happens to
 * be, it reads as two-byte sequences (Latin, Greek, Cyrillic), which Chinese text does not hold. A
 * line that is not valid UTF-8 is GB18030; any other line (ASCII, or too short to tell) goes with
 * the run it is in. Null when no line is UTF-8: the whole file is GB18030.
 */
function runsByLine(bytes: Uint8Array, start: number): { runs: Run[]; firstLine: number; lines: number } | null {
  const n = bytes.length
  const runs: Run[] = []
  let utf8Lines = 0
  let gbLines = 0
  let firstGb = 0
  let line = 1
  let lineStart = start
  let need = 0
  let lo = 0x80
  let hi = 0xbf
  let valid = true
  let seq2 = 0
  let seq3 = 0
  let high = false
  let classified = false
  for (let i = start; i <= n; i++) {
    const b = i < n ? bytes[i] : 0x0a
    if (b === 0x0a) {
      const end = i < n ? i + 1 : n
      let kind: Run['encoding'] | null = null
      if (high && (!valid || need > 0)) kind = 'gb18030'
      else if (high && seq3 > 0 && seq3 >= seq2) kind = 'utf-8'
      if (kind === 'gb18030' && gbLines++ === 0) firstGb = line
      if (kind === 'utf-8') utf8Lines++
      const last = runs[runs.length - 1]
      if (!last) runs.push({ from: lineStart, to: end, encoding: kind ?? 'utf-8' })
      else if (kind === null || kind === last.encoding) last.to = end
      // Unclassified lines at the start take the encoding of the first line that has one.
      else if (!classified) {
        last.encoding = kind
        last.to = end
      } else runs.push({ from: lineStart, to: end, encoding: kind })
      if (kind) classified = true
      line++
      lineStart = end
      need = 0
      lo = 0x80
      hi = 0xbf
      valid = true
      high = false
      seq2 = 0
      seq3 = 0
      continue
    }
    if (!valid) continue
    if (need > 0) {
      if (b < lo || b > hi) valid = false
      else {
        need--
        lo = 0x80
        hi = 0xbf
      }
      continue
    }
    if (b < 0x80) continue
    high = true
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1
      seq2++
    } else if (b >= 0xe0 && b <= 0xf4) {
      need = b < 0xf0 ? 2 : 3
      if (b === 0xe0) lo = 0xa0
      else if (b === 0xed) hi = 0x9f
      else if (b === 0xf0) lo = 0x90
      else if (b === 0xf4) hi = 0x8f
      seq3++
    } else valid = false
  }
  if (utf8Lines === 0) return null
  return { runs, firstLine: firstGb, lines: gbLines }
}

export function sniffEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 }
  // UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte.
  const n = Math.min(bytes.length, 4096) & ~1
  if (n >= 4) {
    let evenZero = 0
    let oddZero = 0
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZero++
      if (bytes[i + 1] === 0) oddZero++
    }
    const pairs = n / 2
    if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return { encoding: 'utf-16le', bom: 0 }
    if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return { encoding: 'utf-16be', bom: 0 }
  }
  return null
}

/**
 * True when the start of the bytes looks like a binary file: NULs (more than one in a hundred bytes,
 * or eight in the first 8 KB) or many control bytes. Every binary format a user might pick by
 * mistake (images, PDF streams, zip/xlsx, SQLite, Office) has dozens of NULs in its first 8 KB; a
 * text file with a stray NUL (one damaged byte) is text, whose damaged row the parser skips.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192)
  let control = 0
  let nul = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i]
    if (b === 0) nul++
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++
  }
  return n > 0 && (nul >= 8 || (nul > 1 && nul * 100 > n) || control / n > 0.1)
}

function decodeWith(
  bytes: Uint8Array,
  start: number,
  encoding: Encoding,
  fatal: boolean,
  onChunk: ((bytesDone: number) => void) | undefined,
  chunk: number,
): string {
  const decoder = new TextDecoder(encoding, { fatal, ignoreBOM: true })
  const parts: string[] = []
  for (let i = start; i < bytes.length; i += chunk) {
    const end = Math.min(i + chunk, bytes.length)
    parts.push(decoder.decode(bytes.subarray(i, end), { stream: end < bytes.length }))
    onChunk?.(end)
  }
  parts.push(decoder.decode())
  return parts.join('')
}

/**
 * Decodes a file's bytes. Throws ImportError `empty` or `binary`. `onChunk` receives the number
 * of bytes decoded so far.
 */
export function decodeBytes(buffer: ArrayBuffer | Uint8Array, file: string, onChunk?: (bytesDone: number) => void, chunk = CHUNK): Decoded {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer)
  const sniffed = sniffEncoding(bytes)
  if (bytes.length - (sniffed?.bom ?? 0) === 0) throw new ImportError({ code: 'empty', file })
  if (sniffed && sniffed.encoding !== 'utf-8') {
    const text = decodeWith(bytes, sniffed.bom, sniffed.encoding, false, onChunk, chunk)
    if (!text.trim()) throw new ImportError({ code: 'empty', file })
    return { text, encoding: sniffed.encoding }
  }
  if (looksBinary(bytes)) throw new ImportError({ code: 'binary', file })
  let text: string
  let encoding: Encoding = 'utf-8'
  try {
    text = decodeWith(bytes, sniffed?.bom ?? 0, 'utf-8', true, onChunk, chunk)
  } catch {
    // Not valid UTF-8. Lines that are (a mixed file) are decoded as UTF-8, the others as GB18030.
    const mixed = runsByLine(bytes, sniffed?.bom ?? 0)
    if (mixed && mixed.lines > 0) {
      const parts: string[] = []
      for (const r of mixed.runs) {
        parts.push(decodeRun(bytes.subarray(r.from, r.to), r.encoding, file))
        onChunk?.(r.to)
      }
      text = parts.join('')
      if (!text.trim()) throw new ImportError({ code: 'empty', file })
      return { text, encoding: 'utf-8', mixed: { firstLine: mixed.firstLine, lines: mixed.lines } }
    }
    // GB18030 decodes every byte sequence GBK/GB2312 writers produce.
    encoding = 'gb18030'
    try {
      text = decodeWith(bytes, 0, 'gb18030', false, onChunk, chunk)
    } catch {
      // Some engines (ICU in Node) throw on malformed GB18030 even when not fatal while
      // streaming: decode in one piece instead, and give up with a clear error if that fails.
      try {
        text = new TextDecoder('gb18030').decode(bytes)
      } catch (e) {
        throw new ImportError({ code: 'unreadable', file, detail: e instanceof Error ? e.message : String(e) })
      }
    }
  }
  if (!text.trim()) throw new ImportError({ code: 'empty', file })
  return { text, encoding }
}

/** One run of lines in its encoding (in one piece: see the GB18030 note in decodeBytes). */
function decodeRun(bytes: Uint8Array, encoding: Run['encoding'], file: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes)
  } catch (e) {
    throw new ImportError({ code: 'unreadable', file, detail: e instanceof Error ? e.message : String(e) })
  }
}
