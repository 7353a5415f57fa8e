import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { elementStarts, jsonErrorOffset, scanValue } from '@/import/jsonScan'

/** JSON text of a value with arbitrary whitespace between tokens (JSON.stringify's indentation, varied). */
const jsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n'))
  .map(([v, indent]) => JSON.stringify(v, null, indent as string | number | undefined))

describe('the JSON scanner', () => {
  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          jsonText,
          fc.string(),
          jsonText.map((t) => t.slice(0, -1)),
          jsonText.map((t) => t + ','),
        ),
        (s) => {
          let valid = true
          try {
            JSON.parse(s)
          } catch {
            valid = false
          }
          expect(jsonErrorOffset(s) === -1).toBe(valid)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('ends a value exactly where it ends, and finds where each element of an array starts', () => {
    fc.assert(
      fc.property(fc.array(jsonText, { maxLength: 8 }), fc.constantFrom('', ' ', '\n  '), (items, gap) => {
        const text = `[${gap}${items.join(`,${gap}`)}${gap}]`
        expect(scanValue(text, 0)).toBe(text.length)
        const starts = elementStarts(text, 0)
        expect(starts).not.toBeNull()
        expect(starts!.map((o, k) => text.slice(o, o + items[k].length))).toEqual(items)
      }),
      { numRuns: 300 },
    )
  })
})
