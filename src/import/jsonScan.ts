/**
 * One JSON scanner over the text, for what `JSON.parse` does not tell: where the first invalid
 * character is (engines word their errors differently, some give no position), and where each item
 * of a comment array starts (for line numbers in skipped-row reports). Iterative, so deep nesting
 * cannot overflow the stack.
 */
/** Where a comment array sits: object keys and, for pages saved as one array, an index. */
export type Path = (string | number)[]

const WS = (c: number) => c === 32 || c === 10 || c === 13 || c === 9
const HEX = /[0-9a-fA-F]/

/** Set by a scan that returned -1: the offset of the first invalid character (s.length for a premature end). */
let errorAt = -1

/** Skips whitespace from i. */
export function skipWs(s: string, i: number): number {
  while (i < s.length && WS(s.charCodeAt(i))) i++
  return i
}

/** End of the string whose opening quote is at i (index after the closing quote), or -1 (see errorAt). */
function scanString(s: string, i: number): number {
  const n = s.length
  i++
  for (;;) {
    if (i >= n) return fail(n)
    const c = s.charCodeAt(i)
    if (c === 34) return i + 1
    if (c < 32) return fail(i)
    if (c === 92) {
      if (i + 1 >= n) return fail(n)
      const e = s[i + 1]
      if (e === 'u') {
        for (let k = 2; k < 6; k++) {
          if (i + k >= n) return fail(n)
          if (!HEX.test(s[i + k])) return fail(i + k)
        }
        i += 6
      } else if ('"\\/bfnrt'.includes(e)) i += 2
      else return fail(i + 1)
    } else i++
  }
}

function fail(at: number): -1 {
  errorAt = at
  return -1
}

function scanDigits(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++
  return i
}

/** End of the number at i, or -1. */
function scanNumber(s: string, i: number): number {
  if (s[i] === '-') i++
  if (s[i] === '0') i++
  else {
    const d = scanDigits(s, i)
    if (d === i) return fail(Math.min(i, s.length))
    i = d
  }
  if (s[i] === '.') {
    const d = scanDigits(s, i + 1)
    if (d === i + 1) return fail(Math.min(d, s.length))
    i = d
  }
  if (s[i] === 'e' || s[i] === 'E') {
    i++
    if (s[i] === '+' || s[i] === '-') i++
    const d = scanDigits(s, i)
    if (d === i) return fail(Math.min(i, s.length))
    i = d
  }
  return i
}

/** After `{`: the first key and its colon, or `}`. Returns the offset of the member's value, of `}`, or -1. */
function scanKey(s: string, i: number): number {
  i = skipWs(s, i)
  if (s[i] !== '"') return fail(Math.min(i, s.length))
  i = scanString(s, i)
  if (i < 0) return -1
  i = skipWs(s, i)
  if (s[i] !== ':') return fail(Math.min(i, s.length))
  return i + 1
}

/**
 * End of the JSON value that starts at i (after whitespace): the offset just past it, or -1 when
 * the text is not valid JSON there (errorAt says where).
 */
export function scanValue(s: string, i: number): number {
  const n = s.length
  const stack: number[] = [] // 0 = in an array, 1 = in an object
  for (;;) {
    i = skipWs(s, i)
    if (i >= n) return fail(n)
    const c = s[i]
    if (c === '{') {
      i = skipWs(s, i + 1)
      if (s[i] === '}') i++
      else {
        i = scanKey(s, i)
        if (i < 0) return -1
        stack.push(1)
        continue
      }
    } else if (c === '[') {
      i = skipWs(s, i + 1)
      if (s[i] === ']') i++
      else {
        stack.push(0)
        continue
      }
    } else if (c === '"') {
      i = scanString(s, i)
      if (i < 0) return -1
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      i = scanNumber(s, i)
      if (i < 0) return -1
    } else if (c === 't' || c === 'f' || c === 'n') {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null'
      for (let k = 0; k < word.length; k++) {
        if (i + k >= n) return fail(n)
        if (s[i + k] !== word[k]) return fail(i + k)
      }
      i += word.length
    } else return fail(i)
    // After a complete value: close containers or move to the next member.
    for (;;) {
      if (stack.length === 0) return i
      i = skipWs(s, i)
      if (i >= n) return fail(n)
      const top = stack[stack.length - 1]
      const d = s[i]
      if (d === ',') {
        i++
        if (top === 1) {
          i = scanKey(s, i)
          if (i < 0) return -1
        }
        break
      }
      if ((top === 0 && d === ']') || (top === 1 && d === '}')) {
        stack.pop()
        i++
        continue
      }
      return fail(i)
    }
  }
}

/**
 * Offset of the first character that makes `s` invalid JSON (s.length for a premature end), or -1
 * when it is valid.
 */
export function jsonErrorOffset(s: string): number {
  const end = scanValue(s, 0)
  if (end < 0) return errorAt
  const rest = skipWs(s, end)
  return rest < s.length ? rest : -1
}

/** Offsets of the elements of the array that starts at i, or null when no valid array starts there. */
export function elementStarts(s: string, i: number): number[] | null {
  if (s.charCodeAt(i) !== 91) return null
  const offs: number[] = []
  let p = skipWs(s, i + 1)
  while (p < s.length && s.charCodeAt(p) !== 93) {
    offs.push(p)
    const end = scanValue(s, p)
    if (end < 0) return null
    p = skipWs(s, end)
    if (s.charCodeAt(p) === 44) p = skipWs(s, p + 1)
    else break
  }
  return offs
}

/** Offsets of the elements of the array found by following object keys `path` from offset i. */
export function itemOffsets(s: string, path: Path, i: number): number[] | null {
  for (const key of path) {
    if (typeof key !== 'string' || s.charCodeAt(i) !== 123) return null
    // JSON.parse keeps the last of duplicate keys, so look at all of them.
    let at = -1
    let p = skipWs(s, i + 1)
    while (p < s.length && s.charCodeAt(p) === 34) {
      const end = scanString(s, p)
      if (end < 0) return null
      const raw = s.slice(p + 1, end - 1)
      const k = raw.includes('\\') ? (JSON.parse(s.slice(p, end)) as string) : raw
      p = skipWs(s, skipWs(s, end) + 1) // past the colon
      if (k === key) at = p
      const next = scanValue(s, p)
      if (next < 0) return null
      p = skipWs(s, next)
      if (s.charCodeAt(p) === 44) p = skipWs(s, p + 1)
    }
    if (at < 0) return null
    i = at
  }
  return elementStarts(s, i)
}
