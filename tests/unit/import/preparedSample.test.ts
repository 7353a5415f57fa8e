import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { prepareSample } from '../../../scripts/prepare-sample'
import { revivePreparedSample, type PreparedSampleJson } from '@/import/preparedSample'
import { importSources } from '@/import/pipeline'
import { computeIndexes } from '@/query/computeIndexes'
import { compileTheme } from '@/insight/themes'
import { defaultThemes, requestCues } from '@/insight/lexicon'
import { matchedDefs, matchKey } from '@/query/indexes'
import { BUILTIN } from './builtin-expected'
import type { DatasetColumns } from '@/model/dataset'

const committed = JSON.parse(readFileSync(new URL('../../../public/sample/prepared.json', import.meta.url), 'utf8')) as PreparedSampleJson
const sampleBytes = () => {
  const b = readFileSync(new URL('../../../public/sample/000_0307222b755b7cf1.txt', import.meta.url))
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}

describe('the sample prepared at build time', () => {
  it('equals a fresh run of the import pipeline (run npm run gen:sample when this fails)', async () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(await prepareSample())))
  })

  it('revives the columns and indexes an import of the sample makes, batch date aside', () => {
    const at = '2026-01-02T03:04:05.000Z'
    const got = revivePreparedSample(committed, at)
    const fresh = importSources([{ name: 'etcd实战课 · 结束语.md', bytes: sampleBytes() }])
    const plain = ({ batches: _b, ...c }: DatasetColumns) => ({ ...c, id: c.id.toArray(), text: c.text.toArray(), reply: c.reply.toArray() })
    expect(plain(got.dataset)).toEqual(plain(fresh.dataset))
    const { batches } = got.dataset
    const freshBatches = fresh.dataset.batches
    expect(batches).toEqual(freshBatches.map((b) => ({ ...b, at })))
    expect(got.report).toEqual(fresh.report)
    // The strings packed as the worker packs them: one piece each, slices of which are the rows.
    const packed = { id: got.dataset.id.packed(), text: got.dataset.text.packed() }
    expect(packed.id.map((p) => p.joined).join('')).toBe(fresh.dataset.id.toArray().join(''))
    expect(packed.text[0].offsets.length).toBe(21)
    const themes = matchedDefs(defaultThemes()).map((t) => compileTheme(t, requestCues()))
    const indexes = computeIndexes(fresh.dataset, themes)
    expect(got.indexes.themes).toBe(matchKey(defaultThemes(), requestCues()))
    expect(got.indexes.value).toEqual(indexes)
    expect(got.indexes.value.themeMask).toBeInstanceOf(Uint32Array)
    expect(got.indexes.value.question).toBeInstanceOf(Uint8Array)
    expect(got.dataset.likes).toBeInstanceOf(Uint32Array)
    expect(got.dataset.day).toBeInstanceOf(Int32Array)
    expect(got.dataset.batch).toBeInstanceOf(Uint16Array)
  })

  it('holds the 20 comments read off the sample by hand, most liked first', () => {
    const got = revivePreparedSample(committed)
    expect(got.dataset.n).toBe(20)
    expect(got.dataset.text.toArray()).toEqual(BUILTIN.map((c) => c.text))
    expect(Array.from(got.dataset.likes)).toEqual(BUILTIN.map((c) => c.likes))
    expect(Array.from(got.dataset.likes).reduce((a, b) => a + b, 0)).toBe(50)
    expect(Array.from(got.dataset.replies).reduce((a, b) => a + b, 0)).toBe(17)
    expect(got.indexes.value.orders.likes[0]).toBe(0)
    expect(committed.bytes).toBe(sampleBytes().byteLength)
  })

  it('refuses a file of another version or with a short column', () => {
    expect(() => revivePreparedSample({ ...committed, version: 0 })).toThrow('unexpected shape')
    expect(() => revivePreparedSample({ ...committed, columns: { ...committed.columns, likes: [1] } })).toThrow('column likes')
  })
})
