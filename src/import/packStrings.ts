/**
 * Many small strings cost a lot to send between threads: each is cloned and allocated on arrival.
 * One joined string plus offsets crosses as a single copy; the receiver slices it back (cheap).
 */
export interface PackedStrings {
  joined: string
  /** offsets[i]..offsets[i+1] is string i; length n+1. */
  offsets: Uint32Array
}

export function packStrings(list: string[]): PackedStrings {
  const offsets = new Uint32Array(list.length + 1)
  let at = 0
  for (let i = 0; i < list.length; i++) {
    offsets[i] = at
    at += list[i].length
  }
  offsets[list.length] = at
  return { joined: list.join(''), offsets }
}

export function unpackStrings(p: PackedStrings): string[] {
  const n = p.offsets.length - 1
  const out = new Array<string>(n)
  for (let i = 0; i < n; i++) out[i] = p.joined.slice(p.offsets[i], p.offsets[i + 1])
  return out
}
