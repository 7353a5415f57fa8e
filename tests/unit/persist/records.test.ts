import { describe, expect, it } from 'vitest'
import { fromRecords, toRecords, type StoredMeta } from '@/persist/datasets'
import { packColumns } from '@/model/packed'
import { loadBuiltin } from '../support'

const meta: StoredMeta = { key: 'k', name: 'n', comments: 20, lessons: 1, bytes: 1, files: [], createdAt: '', updatedAt: '' }

describe('stored dataset records', () => {
  const ds = loadBuiltin()

  it('stores the columns in a head record and each string column as one joined buffer of its own', () => {
    const { head, strings } = toRecords({ meta, columns: ds })
    expect(head.format).toBe(3)
    expect(Object.keys(head.columns)).not.toContain('text')
    expect(strings.text.offsets).toHaveLength(21)
    expect(strings.id.joined).toBe(ds.id.join(''))
    const back = fromRecords(structuredClone(head), structuredClone(strings))!.columns
    expect(back.text).toEqual(ds.text)
    expect(back.id).toEqual(ds.id)
    expect(back.reply).toEqual(ds.reply)
    expect(Array.from(back.likes)).toEqual(Array.from(ds.likes))
    expect(back.packed?.text.joined).toBe(ds.text.join(''))
  })

  it('treats a dataset with a missing string entry as not stored', () => {
    const { head, strings } = toRecords({ meta, columns: ds })
    expect(fromRecords(head, { id: strings.id, text: strings.text })).toBeNull()
  })

  it('opens records saved by earlier versions: packed strings in one entry, or plain string arrays', () => {
    const packed = fromRecords(structuredClone({ meta, format: 2 as const, columns: packColumns(ds) }))!.columns
    expect(packed.text).toEqual(ds.text)
    const legacy = fromRecords(structuredClone({ meta, columns: ds }))!.columns
    expect(legacy.text).toEqual(ds.text)
    expect(legacy.n).toBe(20)
  })

  it('re-packs an unpacked dataset without joining again', () => {
    const { head, strings } = toRecords({ meta, columns: ds })
    const once = fromRecords(head, strings)!.columns
    expect(toRecords({ meta, columns: once }).strings.text).toBe(once.packed!.text)
  })
})
