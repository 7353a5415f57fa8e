import { describe, expect, it } from 'vitest'
import { fromRecord, toRecord, type StoredMeta } from '@/persist/datasets'
import { loadBuiltin } from '../support'

const meta: StoredMeta = { key: 'k', name: 'n', comments: 20, lessons: 1, bytes: 1, files: [], createdAt: '', updatedAt: '' }

describe('stored dataset records', () => {
  const ds = loadBuiltin()

  it('stores the per-row strings as three joined buffers and reads back the same columns', () => {
    const rec = toRecord({ meta, columns: ds })
    expect(rec.format).toBe(2)
    if (rec.format !== 2) throw new Error('format')
    expect(typeof rec.columns.text.joined).toBe('string')
    expect(rec.columns.text.offsets).toHaveLength(21)
    expect(rec.columns.id.joined).toBe(ds.id.join(''))
    const back = fromRecord(structuredClone(rec)).columns
    expect(back.text).toEqual(ds.text)
    expect(back.id).toEqual(ds.id)
    expect(back.reply).toEqual(ds.reply)
    expect(Array.from(back.likes)).toEqual(Array.from(ds.likes))
    expect(back.packed?.text.joined).toBe(ds.text.join(''))
  })

  it('opens a record saved before packing (plain string arrays) unchanged', () => {
    const legacy = structuredClone({ meta, columns: ds })
    const back = fromRecord(legacy).columns
    expect(back.text).toEqual(ds.text)
    expect(back.n).toBe(20)
  })

  it('re-packs an unpacked dataset without joining again', () => {
    const once = fromRecord(toRecord({ meta, columns: ds })).columns
    const again = toRecord({ meta, columns: once })
    if (again.format !== 2) throw new Error('format')
    expect(again.columns.text).toBe(once.packed!.text)
  })
})
