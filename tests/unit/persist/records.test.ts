import { describe, expect, it } from 'vitest'
import { fromRecords, toRecords, type StoredMeta } from '@/persist/datasets'
import { packColumns, packStrings } from '@/model/packed'
import { loadBuiltin } from '../support'
import type { DatasetColumns } from '@/model/dataset'

const meta: StoredMeta = { key: 'k', name: 'n', comments: 20, lessons: 1, bytes: 1, files: [], createdAt: '', updatedAt: '' }

describe('stored dataset records', () => {
  const ds = loadBuiltin()

  it('stores the small columns in a head record, the strings and dictionaries as pieces, each typed array on its own', () => {
    const { head, strings, arrays } = toRecords({ meta, columns: ds })
    if (head.format !== 5) throw new Error('format')
    expect(Object.keys(head.columns).sort()).toEqual(['batches', 'lessons', 'n', 'sources'])
    // Whatever else the object carries stays out of the head (a stray copy of the texts there made every read 200 ms).
    const carrying = { ...ds, packed: { text: ds.text.packed() } } as DatasetColumns
    expect(Object.keys(toRecords({ meta, columns: carrying }).head.columns).sort()).toEqual(['batches', 'lessons', 'n', 'sources'])
    expect(head.pieces).toEqual({ id: strings.id.length, text: strings.text.length, reply: strings.reply.length, authors: 1, avatars: 1 })
    expect(strings.id.map((p) => p.joined).join('')).toBe(ds.id.toArray().join(''))
    expect(strings.authors[0].joined).toBe(ds.authors.join(''))
    expect(arrays.likes).toBe(ds.likes)
    const back = fromRecords(structuredClone(head), structuredClone(strings), structuredClone(arrays))!.columns
    expect(back.text.toArray()).toEqual(ds.text.toArray())
    expect(back.id.toArray()).toEqual(ds.id.toArray())
    expect(back.reply.toArray()).toEqual(ds.reply.toArray())
    expect(Array.from(back.likes)).toEqual(Array.from(ds.likes))
    expect(Array.from(back.batch)).toEqual(Array.from(ds.batch))
    expect(back.authors).toEqual(ds.authors)
    expect(back.avatars).toEqual(ds.avatars)
    expect(back.lessons).toEqual(ds.lessons)
  })

  it('treats a dataset with a missing piece as not stored', () => {
    const { head, strings, arrays } = toRecords({ meta, columns: ds })
    expect(fromRecords(head, { ...strings, reply: [] }, arrays)).toBeNull()
    expect(fromRecords(head, { ...strings, text: [undefined] }, arrays)).toBeNull()
    expect(fromRecords(head, strings, { ...arrays, day: undefined })).toBeNull()
    expect(fromRecords(head, strings, { ...arrays, likes: new Uint32Array(3) })).toBeNull()
    expect(fromRecords(head, strings, arrays)).not.toBeNull()
  })

  it('opens records saved by earlier versions: pieces with plain dictionaries, one entry per string column, packed strings in the head, or plain arrays', () => {
    const { id: _id, text: _text, reply: _reply, ...columns } = packColumns(ds)
    const { strings } = toRecords({ meta, columns: ds })
    const v4 = fromRecords(
      structuredClone({ meta, format: 4 as const, pieces: { id: strings.id.length, text: strings.text.length, reply: strings.reply.length }, columns }),
      structuredClone({ id: strings.id, text: strings.text, reply: strings.reply }),
    )!.columns
    expect(v4.text.toArray()).toEqual(ds.text.toArray())
    expect(v4.authors).toEqual(ds.authors)
    const [id, text, reply] = [packStrings(ds.id.toArray()), packStrings(ds.text.toArray()), packStrings(ds.reply.toArray())]
    const v3 = fromRecords({ meta, format: 3, columns }, { id: [id], text: [text], reply: [reply] })!.columns
    expect(v3.text.toArray()).toEqual(ds.text.toArray())
    const v2 = fromRecords(structuredClone({ meta, format: 2 as const, columns: { ...columns, id, text, reply } }))!.columns
    expect(v2.text.toArray()).toEqual(ds.text.toArray())
    const v1 = fromRecords(structuredClone({ meta, columns: { ...ds, id: ds.id.toArray(), text: ds.text.toArray(), reply: ds.reply.toArray() } }))!.columns
    expect(v1.text.toArray()).toEqual(ds.text.toArray())
    expect(v1.n).toBe(20)
  })

  it('re-packs an unpacked dataset without joining again', () => {
    const { head, strings, arrays } = toRecords({ meta, columns: ds })
    const once = fromRecords(head, strings, arrays)!.columns
    expect(once.text.isPacked).toBe(true)
    expect(toRecords({ meta, columns: once }).strings.text).toBe(once.text.packed())
  })
})
