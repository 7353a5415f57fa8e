/** The import's progress while parsing follows the rows read through the text, not a guess at the row count. */
import { describe, expect, it } from 'vitest'
import { importSources } from '@/import/pipeline'
import type { ImportProgress } from '@/import/types'
import { generateComments, toCsv } from '../../../bench/generate'

describe('importSources progress', () => {
  it('reports a CSV’s parse by where its rows end: decoding is the first half, parsing the second', () => {
    const bytes = new TextEncoder().encode(toCsv(generateComments(12_000, 3)))
    const seen: ImportProgress[] = []
    importSources([{ name: 'big.csv', bytes: bytes.buffer as ArrayBuffer }], { onProgress: (p) => seen.push(p) })
    const parsing = seen.filter((p) => p.rows > 0)
    expect(parsing.map((p) => p.rows)).toEqual([5000, 10000, 12000, 12000])
    const share = (p: ImportProgress) => p.bytesDone / p.bytesTotal
    // Rows of this generator are of similar length: 5,000 of 12,000 rows end about 5/12 into the text.
    expect(Math.abs(share(parsing[0]) - (0.5 + 0.5 * (5000 / 12000)))).toBeLessThan(0.01)
    expect(Math.abs(share(parsing[1]) - (0.5 + 0.5 * (10000 / 12000)))).toBeLessThan(0.01)
    expect(share(parsing[2])).toBe(1)
    expect(seen.map(share)).toEqual(seen.map(share).sort((a, b) => a - b))
  })

  it('counts files in a multi-file import: files done of files in all, never backwards', () => {
    const lesson = (t: string) =>
      new TextEncoder().encode(`# ${t}\n\n## 精选留言(1)\n\n<li>\n<p>ann</p>\n<p>好</p>\n👍（1） 💬（0）\n</li>\n`).buffer as ArrayBuffer
    const seen: ImportProgress[] = []
    importSources(
      [
        { name: '01.md', bytes: lesson('01') },
        { name: 'intro.md', bytes: new TextEncoder().encode('# x').buffer as ArrayBuffer },
        { name: '02.md', bytes: lesson('02') },
      ],
      { onProgress: (p) => seen.push(p) },
    )
    expect(seen.every((p) => p.filesTotal === 3)).toBe(true)
    const done = seen.map((p) => p.filesDone ?? -1)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    expect(done.at(-1)).toBe(3)
    expect(new Set(done)).toEqual(new Set([0, 1, 2, 3]))
  })
})
