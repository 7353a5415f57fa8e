/** Picked files are read on the page and reach the worker in batches, each at its place, within the budget. */
import { describe, expect, it } from 'vitest'
import { readPicked, type Picked } from '@/import/readPicked'
import type { WireFile } from '@/import/protocol'
import { ImportError } from '@/import/types'

const picked = (n: number, size = 3): Picked[] =>
  Array.from({ length: n }, (_, i) => ({ at: i + 1, name: `${i}.md`, path: `课/docs/${i}.md`, file: new File(['x'.repeat(size)], `${i}.md`) }))

describe('readPicked', () => {
  it('sends every file once, with its place, in messages of at most 32 (the last with the rest)', async () => {
    const sent: WireFile[][] = []
    await readPicked(picked(70), 1e9, (files) => sent.push(files))
    expect(sent.map((b) => b.length)).toEqual([32, 32, 6])
    const all = sent.flat()
    expect(all.map((f) => f.at).sort((a, b) => a - b)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1))
    const first = all.find((f) => f.at === 1)!
    expect(first).toMatchObject({ name: '0.md', path: '课/docs/0.md' })
    expect('bytes' in first && new TextDecoder().decode(first.bytes)).toBe('xxx')
  })

  it('a file that cannot be read goes as unreadable, with why; the others are read', async () => {
    const files = picked(3)
    const broken = files[1].file
    Object.defineProperty(broken, 'arrayBuffer', { value: () => Promise.reject(new Error('NotReadableError: gone')) })
    const sent: WireFile[] = []
    await readPicked(files, 1e9, (b) => sent.push(...b))
    expect(sent.sort((a, b) => a.at - b.at).map((f) => ('bytes' in f ? 'bytes' : 'unreadable' in f ? f.unreadable : 'unread'))).toEqual([
      'bytes',
      'NotReadableError: gone',
      'bytes',
    ])
  })

  it('stops past the budget with tooLarge naming the file count', async () => {
    const err = await readPicked(picked(100, 1000), 50_000, () => {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ImportError)
    expect((err as ImportError).problem).toMatchObject({ code: 'tooLarge', file: '100 files' })
    // The 51st file of 1,000 bytes is the first past it.
    expect((err as ImportError).problem.detail).toBe('51000 bytes > 50000')
  })

  it('reads nothing more once the signal is aborted', async () => {
    const controller = new AbortController()
    const sent: WireFile[] = []
    const files = picked(200)
    let reads = 0
    for (const p of files) {
      const read = p.file.arrayBuffer.bind(p.file)
      Object.defineProperty(p.file, 'arrayBuffer', {
        value: () => {
          if (++reads === 20) controller.abort()
          return read()
        },
      })
    }
    await readPicked(files, 1e9, (b) => sent.push(...b), controller.signal)
    // The reads already started finish; none starts after the abort.
    expect(reads).toBe(20)
  })
})
