/**
 * A fast path for well-formed CSV: finds the fields of a stretch of rows as offsets into the text,
 * so that only the cells the import reads become strings (PapaParse makes a string of every cell
 * and an array of every row: most of a 100k-row parse). It understands exactly RFC 4180 — quoted
 * fields with doubled quotes and line breaks inside, `\n` or `\r\n` row ends — and gives up (null)
 * on anything else: an unclosed quote, text after a closing quote, a stray CR or LF. PapaParse stays
 * the authority: csv.ts parses every stretch the scanner gives up on with it, and a property test
 * checks both paths agree on any input.
 */

/** The fields of scanned rows. Buffers are reused from one call to the next. */
export interface ScannedRows {
  /** Rows scanned. */
  rows: number
  /** Row r's fields are fieldStart/fieldEnd[rowField[r] … rowField[r + 1] - 1]. */
  rowField: Int32Array
  /** Cell content: for a quoted field, between its quotes. */
  fieldStart: Int32Array
  fieldEnd: Int32Array
  /** 0 plain, 1 quoted, 2 quoted with doubled quotes inside (to undo). */
  fieldKind: Uint8Array
  /** Line breaks inside each row's quoted fields (its physical lines beyond the first). */
  rowBreaks: Int32Array
}

const out: ScannedRows = {
  rows: 0,
  rowField: new Int32Array(1024),
  fieldStart: new Int32Array(8192),
  fieldEnd: new Int32Array(8192),
  fieldKind: new Uint8Array(8192),
  rowBreaks: new Int32Array(1024),
}

function growFields(need: number) {
  if (need <= out.fieldStart.length) return
  const size = Math.max(need, out.fieldStart.length * 2)
  const s = new Int32Array(size),
    e = new Int32Array(size),
    k = new Uint8Array(size)
  s.set(out.fieldStart)
  e.set(out.fieldEnd)
  k.set(out.fieldKind)
  out.fieldStart = s
  out.fieldEnd = e
  out.fieldKind = k
}

function growRows(need: number) {
  if (need <= out.rowField.length) return
  const size = Math.max(need, out.rowField.length * 2)
  const f = new Int32Array(size),
    b = new Int32Array(size)
  f.set(out.rowField)
  b.set(out.rowBreaks)
  out.rowField = f
  out.rowBreaks = b
}

const QUOTE = 34
const LF = 10
const CR = 13

/**
 * Scans the rows of s[from, to): `to` is the end of the text or just after a row end. `delimiter`
 * is one character; rows end with `\r\n` when `crlf`, else `\n`. Null when the stretch is not
 * plain RFC 4180 (or starts with a BOM, which PapaParse would drop).
 */
export function scanCsv(s: string, from: number, to: number, delimiter: string, crlf: boolean): ScannedRows | null {
  const delim = delimiter.charCodeAt(0)
  if (delimiter.length !== 1 || delim === QUOTE || delim === LF || delim === CR) return null
  if (s.charCodeAt(from) === 0xfeff) return null
  let pos = from
  let r = 0
  let f = 0
  // The next delimiter, LF and CR at or after `pos` (native indexOf scans; refreshed only once
  // passed): an unquoted field ends at the first of them.
  let nextD = -1,
    nextLf = -1,
    nextCr = -1
  while (pos < to) {
    growRows(r + 2)
    out.rowField[r] = f
    let breaks = 0
    for (;;) {
      growFields(f + 1)
      let next: number
      if (s.charCodeAt(pos) === QUOTE) {
        let q = pos + 1
        let kind = 1
        for (;;) {
          q = s.indexOf('"', q)
          if (q === -1 || q >= to) return null
          if (q + 1 >= to || s.charCodeAt(q + 1) !== QUOTE) break
          kind = 2
          q += 2
        }
        for (let p = s.indexOf('\n', pos + 1); p !== -1 && p < q; p = s.indexOf('\n', p + 1)) breaks++
        out.fieldStart[f] = pos + 1
        out.fieldEnd[f] = q
        out.fieldKind[f] = kind
        next = q + 1
      } else {
        if (nextD < pos) nextD = indexOrInf(s, delimiter, pos)
        if (nextLf < pos) nextLf = indexOrInf(s, '\n', pos)
        if (nextCr < pos) nextCr = indexOrInf(s, '\r', pos)
        let c = nextD < nextLf ? nextD : nextLf
        if (nextCr < c) c = nextCr
        if (c > to) c = to
        out.fieldStart[f] = pos
        out.fieldEnd[f] = c
        out.fieldKind[f] = 0
        next = c
      }
      f++
      if (next >= to) {
        pos = to
        break
      }
      const ch = s.charCodeAt(next)
      if (ch === delim) {
        pos = next + 1
        // A delimiter at the very end of the text still opens one more, empty, field.
        if (pos >= to) {
          growFields(f + 1)
          out.fieldStart[f] = out.fieldEnd[f] = pos
          out.fieldKind[f++] = 0
          break
        }
        continue
      }
      if (crlf ? ch === CR && s.charCodeAt(next + 1) === LF : ch === LF) {
        pos = next + (crlf ? 2 : 1)
        break
      }
      return null
    }
    out.rowBreaks[r] = breaks
    r++
  }
  out.rowField[r] = f
  out.rows = r
  return out
}

function indexOrInf(s: string, what: string, from: number): number {
  const i = s.indexOf(what, from)
  return i === -1 ? 0x7fffffff : i
}

/** Field `k` of the scan as a string (doubled quotes undone). */
export function cellText(s: string, scan: ScannedRows, k: number): string {
  const v = s.slice(scan.fieldStart[k], scan.fieldEnd[k])
  return scan.fieldKind[k] === 2 ? v.replace(/""/g, '"') : v
}
