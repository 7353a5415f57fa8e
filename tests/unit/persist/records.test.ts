import { describe, expect, it } from 'vitest'
import { fromRecords, toRecords, type StoredMeta } from '@/persist/datasets'
import { packColumns, packStrings } from '@/model/packed'
import { loadBuiltin } from '../support'

const meta: StoredMeta = { key: 'k', name: 'n', comments: 20, lessons: 1, bytes: 1, files: [], createdAt: '', updatedAt: '' }

describe('stored dataset records', () => {
  const ds = loadBuiltin()

  it('stores the columns in a head record and the string columns as pieces of their own', () => {
    const { head, strings } = toRecords({ meta, columns: ds })
    if (head.format !== 4) throw new Error('format')
    expect(Object.keys(head.columns)).not.toContain('text')
    expect(head.pieces).toEqual({ id: strings.id.length, text: strings.text.length, reply: strings.reply.length })
    expect(strings.id.map((p) => p.joined).join('')).toBe(ds.id.join(''))
    const back = fromRecords(structuredClone(head), structuredClone(strings))!.columns
    expect(back.text).toEqual(ds.text)
    expect(back.id).toEqual(ds.id)
    expect(back.reply).toEqual(ds.reply)
    expect(Array.from(back.likes)).toEqual(Array.from(ds.likes))
  })

  it('treats a dataset with a missing piece as not stored', () => {
    const { head, strings } = toRecords({ meta, columns: ds })
    expect(fromRecords(head, { id: strings.id, text: strings.text })).toBeNull()
    expect(fromRecords(head, { id: strings.id, text: [undefined], reply: strings.reply })).toBeNull()
  })

  it('opens records saved by earlier versions: one entry per string column, packed strings in the head, or plain arrays', () => {
    const { id: _id, text: _text, reply: _reply, ...columns } = packColumns(ds)
    const [id, text, reply] = [packStrings(ds.id), packStrings(ds.text), packStrings(ds.reply)]
    const v3 = fromRecords({ meta, format: 3, columns }, { id: [id], text: [text], reply: [reply] })!.columns
    expect(v3.text).toEqual(ds.text)
    const v2 = fromRecords(structuredClone({ meta, format: 2 as const, columns: { ...columns, id, text, reply } }))!.columns
    expect(v2.text).toEqual(ds.text)
    const v1 = fromRecords(structuredClone({ meta, columns: ds }))!.columns
    expect(v1.text).toEqual(ds.text)
    expect(v1.n).toBe(20)
  })

  it('re-packs an unpacked dataset without joining again', () => {
    const { head, strings } = toRecords({ meta, columns: ds })
    const once = fromRecords(head, strings)!.columns
    expect(toRecords({ meta, columns: once }).strings.text).toBe(once.packed!.text)
  })
})
