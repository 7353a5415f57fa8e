/**
 * The export worker's path (the page's sendRows → a structured clone, as postMessage makes →
 * the worker's handler → the file behind its object URL) against the direct builders the page runs for small exports:
 * the same bytes, on fixtures and on arbitrary datasets, whatever the piece and block sizes.
 */
import { resolveObjectURL } from 'node:buffer'
import { afterEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { DatasetBuilder, type DatasetColumns } from '@/model/dataset'
import { datasetToFile, type DatasetFileComment } from '@/model/datasetFile'
import { formatDay, formatTime, NO_DAY, NO_TIME } from '@/model/dates'
import { packColumn, packStrings, Strings, unpackColumn } from '@/model/packed'
import { labelsOf } from '@/insight/corrections'
import { commentsToCsv } from '@/export/csv'
import { commentObject, commentsToJson } from '@/export/json'
import { labelsFile } from '@/export/labels'
import { requestsReport, type RequestsReportInput } from '@/export/markdown'
import { exportHandler, themesFromMask } from '@/export/build'
import { NEEDS, sendRows, sendsWhole, WHOLE_FROM, type RowsNeed } from '@/export/payload'
import { cutPiece } from '@/model/packed'
import type { ExportJob, ExportRequest, ExportResponse } from '@/export/protocol'
import { ExportCancelled, exportInWorker } from '@/export/runExport'
import { reportExamples } from '@/export/examples'
import { loadBuiltin } from '../support'
import { tinyDataset } from './helpers'

// Each run of the async property builds three files twice: fewer runs than the suite's default.
const RUNS = Math.min(Number(process.env.PROP_RUNS ?? 100), 300)

interface Sizes {
  pieceChars?: number
  blockRows?: number
  blobChars?: number
}

/** The worker's path in this process: every message cloned (and its buffers transferred) as postMessage does. */
async function viaWorker(ds: DatasetColumns, rows: Uint32Array | null, need: RowsNeed, job: ExportJob, sizes: Sizes = {}): Promise<Uint8Array> {
  let out: ExportResponse | null = null
  const handle = exportHandler((m) => {
    if (m.type !== 'progress') out = m
  }, sizes)
  const post = (msg: ExportRequest, transfer: Transferable[]) => handle(structuredClone(msg, { transfer }))
  await sendRows(ds, rows, need, post, async () => {}, undefined, sizes.pieceChars)
  post({ type: 'build', job, mime: 'text/plain;charset=utf-8' }, [])
  const res = out as ExportResponse | null
  if (res?.type !== 'done') throw new Error(`worker answered ${JSON.stringify(res)}`)
  return fileAt(res.url)
}

/** The bytes behind an object URL the handler made. */
async function fileAt(url: string): Promise<Uint8Array> {
  const blob = resolveObjectURL(url)
  if (!blob) throw new Error(`no file at ${url}`)
  URL.revokeObjectURL(url)
  return new Uint8Array(await blob.arrayBuffer())
}

/** What the direct builder's text becomes when downloaded (downloadText: a Blob of it). */
const bytes = async (s: string) => new Uint8Array(await new Blob([s]).arrayBuffer())

const NAMES = ['学习方法', '-负面', '=x', 'a; b']
/** Theme masks of the tiny dataset: rows 0, 1 and 3 have themes. */
const TINY_MASK = Uint32Array.of(0b0001, 0b0010, 0, 0b1101, 0)

describe('worker path = direct builder', () => {
  const tiny = tinyDataset()
  const sample = loadBuiltin()
  const sampleMask = new Uint32Array(sample.n).map((_, i) => (i * 2654435761) >>> 28)

  it('CSV and JSON of a filtered, reordered view of the tiny fixture, byte for byte', async () => {
    const rows = Uint32Array.of(4, 0, 3, 1)
    const opts = { themes: themesFromMask(TINY_MASK, NAMES) }
    for (const kind of ['csv', 'json'] as const) {
      const direct = (kind === 'csv' ? commentsToCsv : commentsToJson)(tiny, rows, opts)
      for (const sizes of [{}, { pieceChars: 1, blockRows: 1, blobChars: 1 }, { pieceChars: 20, blockRows: 3, blobChars: 200 }]) {
        const got = await viaWorker(tiny, rows, { ...NEEDS.comments, themeMask: TINY_MASK }, { kind, themeNames: NAMES }, sizes)
        expect(got).toEqual(await bytes(direct))
      }
    }
    // The dataset's own arrays stay with the page (copies are transferred, never its buffers).
    expect([tiny.likes.length, tiny.day.length, tiny.source.length]).toEqual([5, 5, 5])
  })

  it('the CSV of the tiny fixture begins as written by hand', async () => {
    const got = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await viaWorker(tiny, Uint32Array.of(1), { ...NEEDS.comments, themeMask: TINY_MASK }, { kind: 'csv', themeNames: NAMES }),
    )
    expect(got).toBe(
      '\uFEFF"id","author","likes","replies","date","time","lesson","course","text","author_reply","themes","avatar","source"\r\n' +
        `"${tiny.id.get(1)}","'+1","0","0","2024-03-06","","开篇词 | 为什么学","","'+1","'-2","'-负面","","a.md"\r\n`,
    )
  })

  it('the sample: CSV and JSON of a view, the dataset file, the labels, with masks given as a function too', async () => {
    const rows = Uint32Array.of(19, 3, 0, 7, 11, 2)
    const names = ['bonus', 'answers', 'materials', 'updates']
    const opts = { themes: themesFromMask(sampleMask, names) }
    expect(await viaWorker(sample, rows, { ...NEEDS.comments, themeMask: sampleMask }, { kind: 'csv', themeNames: names }, { pieceChars: 100 })).toEqual(
      await bytes(commentsToCsv(sample, rows, opts)),
    )
    expect(
      await viaWorker(sample, rows, { ...NEEDS.comments, themeMask: (r) => sampleMask[r] }, { kind: 'json', themeNames: names }, { blockRows: 4 }),
    ).toEqual(await bytes(commentsToJson(sample, rows, opts)))
    const corrections = { [sample.id.get(2)]: { add: ['bonus'], remove: [] } }
    expect(await viaWorker(sample, null, NEEDS.dataset, { kind: 'dataset', name: '样例 "x"', corrections }, { pieceChars: 300, blockRows: 7 })).toEqual(
      await bytes(datasetToFile(sample, { name: '样例 "x"', corrections })),
    )
    const question = new Uint8Array(sample.n).map((_, i) => (i % 3 === 0 ? 1 : 0))
    expect(await viaWorker(sample, null, { ...NEEDS.labels, themeMask: sampleMask, question }, { kind: 'labels', themeIds: names }, { blockRows: 6 })).toEqual(
      await bytes(labelsFile(labelsOf(sample, sampleMask, question, names))),
    )
  })

  it('a dataset sent whole sends the packed pieces it arrived in', async () => {
    const packed: DatasetColumns = {
      ...sample,
      id: Strings.packed(packColumn(sample.id.toArray(), 40)),
      text: Strings.packed(packColumn(sample.text.toArray(), 200)),
      reply: Strings.packed(packColumn(sample.reply.toArray(), 10)),
    }
    const pieces: number[] = []
    await sendRows(
      packed,
      null,
      NEEDS.dataset,
      (m) => void (m.type === 'strings' && pieces.push(m.packed.offsets.length - 1)),
      async () => {},
    )
    expect(pieces).toEqual([...packed.text.packed(), ...packed.reply.packed()].map((p) => p.offsets.length - 1))
    expect(await viaWorker(packed, null, NEEDS.dataset, { kind: 'dataset', name: 's' })).toEqual(await bytes(datasetToFile(sample, { name: 's' })))
  })

  it('a view of a large share of a packed dataset: its pieces whole and the view order go, the worker picks the rows', async () => {
    const packed: DatasetColumns = {
      ...sample,
      id: Strings.packed(packColumn(sample.id.toArray(), 30)),
      text: Strings.packed(packColumn(sample.text.toArray(), 150)),
      reply: Strings.packed(packColumn(sample.reply.toArray(), 10)),
    }
    // 6 of the sample's 20 rows, reordered, one twice: at least 1/WHOLE_FROM of the dataset.
    const rows = Uint32Array.of(19, 3, 0, 7, 3, 2)
    expect(rows.length * WHOLE_FROM).toBeGreaterThanOrEqual(sample.n)
    const need = { ...NEEDS.comments, themeMask: sampleMask }
    const sent: ExportRequest[] = []
    await sendRows(
      packed,
      rows,
      need,
      (m) => void sent.push(m),
      async () => {},
    )
    const strings = sent.flatMap((m) => (m.type === 'strings' ? [m.packed] : []))
    expect(strings).toEqual([...packed.id.packed(), ...packed.text.packed(), ...packed.reply.packed()])
    const wire = sent.flatMap((m) => (m.type === 'rows' ? [m.rows] : []))[0]
    expect(wire.n).toBe(20)
    expect([...wire.order!]).toEqual([19, 3, 0, 7, 3, 2])
    expect([...wire.numbers.likes!]).toEqual([...sample.likes])
    expect([...wire.themeMask!]).toEqual([...sampleMask])
    // The page's own arrays are copied, never transferred away.
    expect(wire.order!.buffer).not.toBe(rows.buffer)
    expect(wire.numbers.likes!.buffer).not.toBe(sample.likes.buffer)
    const names = ['bonus', 'answers', 'materials', 'updates']
    const opts = { themes: themesFromMask(sampleMask, names) }
    for (const kind of ['csv', 'json'] as const)
      expect(await viaWorker(packed, rows, need, { kind, themeNames: names }, { blockRows: 4 })).toEqual(
        await bytes((kind === 'csv' ? commentsToCsv : commentsToJson)(sample, rows, opts)),
      )
  })

  it('sendsWhole: every row; a packed dataset when the view holds 1/WHOLE_FROM of its rows and the masks are at hand; else the rows in view', () => {
    const packed: DatasetColumns = {
      ...sample,
      id: Strings.packed(packColumn(sample.id.toArray())),
      text: Strings.packed(packColumn(sample.text.toArray())),
      reply: Strings.packed(packColumn(sample.reply.toArray())),
    }
    const need = { ...NEEDS.comments, themeMask: sampleMask }
    const five = Uint32Array.of(0, 1, 2, 3, 4)
    const four = Uint32Array.of(0, 1, 2, 3)
    expect(sample.n).toBe(20)
    expect(sendsWhole(sample, null, NEEDS.dataset)).toBe(true)
    expect(sendsWhole(packed, five, need)).toBe(true)
    expect(sendsWhole(packed, four, need)).toBe(false)
    // Not packed: the page packs the rows in view rather than every row.
    expect(sendsWhole(sample, five, need)).toBe(false)
    // Masks computed row by row: only the rows in view are matched.
    expect(sendsWhole(packed, five, { ...need, themeMask: (r) => sampleMask[r] })).toBe(false)
    expect(sendsWhole(packed, five, NEEDS.labels)).toBe(true)
  })

  it('cutPiece: at row boundaries, at most the given characters unless one row has more, the same rows', () => {
    const piece = packStrings(['ab', 'c', '', 'defgh', 'ij', 'k'])
    const cut = (n: number) => cutPiece(piece, n).map((p) => unpackColumn([p]))
    expect(cut(3)).toEqual([['ab', 'c', ''], ['defgh'], ['ij', 'k']])
    expect(cut(1)).toEqual([['ab'], ['c', ''], ['defgh'], ['ij'], ['k']])
    expect(cut(100)).toEqual([['ab', 'c', '', 'defgh', 'ij', 'k']])
    expect([...cutPiece(piece, 3)[1].offsets]).toEqual([0, 5])
    // An empty piece stays one (empty) piece: the worker tells "no rows" from "not sent".
    expect(cutPiece(packStrings([]), 3).map((p) => p.offsets.length)).toEqual([1])
    // The dataset's own offsets are never handed over.
    expect(cutPiece(piece, 100)[0].offsets).not.toBe(piece.offsets)
  })

  it('no rows: a header only, an empty array', async () => {
    const none = new Uint32Array(0)
    expect(new TextDecoder().decode(await viaWorker(tiny, none, NEEDS.comments, { kind: 'json', themeNames: [] }))).toBe('[]\n')
    expect(await viaWorker(tiny, none, NEEDS.comments, { kind: 'csv', themeNames: [] })).toEqual(await bytes(commentsToCsv(tiny, none)))
    const empty = new DatasetBuilder(1).finish()
    expect(await viaWorker(empty, null, NEEDS.dataset, { kind: 'dataset', name: 'e' })).toEqual(await bytes(datasetToFile(empty, { name: 'e' })))
    expect(
      await viaWorker(empty, null, { ...NEEDS.labels, themeMask: new Uint32Array(0), question: new Uint8Array(0) }, { kind: 'labels', themeIds: [] }),
    ).toEqual(await bytes('[\n\n]\n'))
  })

  it('the Markdown report', async () => {
    const input: RequestsReportInput = {
      datasetName: 'etcd | 实战',
      generatedAt: '2026-12-01',
      filters: ['likes ≥ 1'],
      rows: [{ id: 'bonus', index: 0, comments: 3, authors: 3, likes: 9 }],
      names: ['Bonus *content*'],
      rank: 'comments',
      examples: new Map([['bonus', ['希望加餐', '<b>加餐</b>']]]),
      locale: 'en',
    }
    expect(await viaWorker(tiny, new Uint32Array(0), NEEDS.none, { kind: 'report', input })).toEqual(await bytes(requestsReport(input)))
  })

  // Any code point (lone surrogates included: both sides write them as U+FFFD), CSV and JSON
  // metacharacters made common.
  const char = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom('=', '+', '-', '"', ',', ';', '\t', '\r', '\n', '\\', '\u2028', '\uFEFF', '😀'),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  )
  const str = fc.string({ unit: char, maxLength: 10 })
  const row = fc.record({
    author: str,
    avatar: fc.constantFrom('', 'https://a.example/1.png'),
    likes: fc.nat(),
    replies: fc.nat(),
    day: fc.oneof(fc.constant(NO_DAY), fc.integer({ min: -800_000, max: 800_000 })),
    time: fc.oneof(fc.constant(NO_TIME), fc.integer({ min: 0, max: 86_399 })),
    text: str,
    reply: str,
    lesson: str,
    course: str,
    source: str,
    mask: fc.nat(),
  })

  it('property: any dataset, any view of it, any piece, block and Blob sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 15 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 300 }),
        async (raw, picks, pieceChars, blockRows, blobChars) => {
          const b = new DatasetBuilder(4)
          for (const r of raw) b.add({ ...r, course: r.course }, r.source, 'fallback')
          const ds = b.finish()
          const rows = Uint32Array.from(picks, (p) => p % ds.n)
          const mask = Uint32Array.from(raw, (r) => r.mask >>> 0)
          const names = ['t0', '=t1', 't;2']
          const opts = { themes: themesFromMask(mask, names) }
          const sizes = { pieceChars, blockRows, blobChars }
          const need = { ...NEEDS.comments, themeMask: mask }
          // The same dataset with its columns packed as it would arrive from the import: a view
          // of a large share of it goes whole, with its order.
          const packed = {
            ...ds,
            id: Strings.packed(packColumn(ds.id.toArray(), pieceChars)),
            text: Strings.packed(packColumn(ds.text.toArray(), pieceChars)),
            reply: Strings.packed(packColumn(ds.reply.toArray(), pieceChars)),
          }
          const got = [
            await viaWorker(ds, rows, need, { kind: 'csv', themeNames: names }, sizes),
            await viaWorker(ds, rows, need, { kind: 'json', themeNames: names }, sizes),
            await viaWorker(ds, null, NEEDS.dataset, { kind: 'dataset', name: raw[0].author }, sizes),
            await viaWorker(packed, rows, need, { kind: 'csv', themeNames: names }, sizes),
            await viaWorker(packed, rows, need, { kind: 'json', themeNames: names }, sizes),
          ]
          const csv = await bytes(commentsToCsv(ds, rows, opts))
          const json = await bytes(commentsToJson(ds, rows, opts))
          const want = [csv, json, await bytes(datasetToFile(ds, { name: raw[0].author })), csv, json]
          expect(got).toEqual(want)
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('property: the JSON export is exactly JSON.stringify(array, null, 2), and the dataset file its first form', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), fc.array(fc.array(str, { maxLength: 3 }), { maxLength: 6 }), (raw, themes) => {
        const b = new DatasetBuilder(4)
        for (const r of raw) b.add({ ...r, day: r.day === NO_DAY ? NO_DAY : Math.abs(r.day) % 47_000 }, r.source, 'fallback')
        const ds = b.finish()
        const rows = ds.id.toArray().map((_, i) => i)
        const opts = { themes: (r: number) => themes[r] ?? [] }
        expect(commentsToJson(ds, rows, opts)).toBe(
          JSON.stringify(
            rows.map((r) => commentObject(ds, r, opts)),
            null,
            2,
          ) + '\n',
        )
        expect(datasetToFile(ds, { name: 'n', corrections: { x: { add: ['a'], remove: [] } } })).toBe(
          firstDatasetToFile(ds, { name: 'n', corrections: { x: { add: ['a'], remove: [] } } }),
        )
        expect(datasetToFile(ds, { name: 'n' })).toBe(firstDatasetToFile(ds, { name: 'n' }))
      }),
      { numRuns: RUNS },
    )
  })
})

/** datasetToFile as first written, in one piece (before it was split for the worker), for days of 1970–2098 (written as YYYY-MM-DD). */
function firstDatasetToFile(ds: DatasetColumns, meta: { name: string; corrections?: Record<string, unknown> }): string {
  const lessons = ds.lessons.map((l) =>
    JSON.stringify({ title: l.title, file: l.file, ...(l.course ? { course: l.course } : {}), ...(l.category ? { category: l.category } : {}) }),
  )
  const comments = new Array<string>(ds.n)
  for (let i = 0; i < ds.n; i++) {
    const c: DatasetFileComment = {
      author: ds.authors[ds.author[i]],
      avatar: ds.avatars[ds.avatar[i]],
      likes: ds.likes[i],
      replies: ds.replies[i],
      date: ds.day[i] === NO_DAY ? '' : formatDay(ds.day[i]),
      time: formatTime(ds.time[i]),
      text: ds.text.get(i),
      reply: ds.reply.get(i),
      lesson: ds.lessons[ds.lesson[i]].title,
      source: ds.sources[ds.source[i]],
    }
    const course = ds.lessons[ds.lesson[i]].course
    if (course) c.course = course
    comments[i] = JSON.stringify(c)
  }
  const list = (items: string[]) => (items.length ? `[\n    ${items.join(',\n    ')}\n  ]` : '[]')
  return [
    '{',
    '  "format": "comment-lens-dataset",',
    '  "version": 1,',
    `  "name": ${JSON.stringify(meta.name)},`,
    `  "lessons": ${list(lessons)},`,
    ...(meta.corrections && Object.keys(meta.corrections).length ? [`  "corrections": ${JSON.stringify(meta.corrections)},`] : []),
    `  "comments": ${list(comments)}`,
    '}',
    '',
  ].join('\n')
}

describe('exportInWorker', () => {
  /** A Worker that runs the export handler in this process, a task per message, as a real one would. */
  class FakeWorker {
    static last: FakeWorker | null = null
    onmessage: ((e: { data: ExportResponse }) => void) | null = null
    onerror: ((e: { message: string }) => void) | null = null
    terminated = false
    received = 0
    private readonly handle = exportHandler((m) => setTimeout(() => !this.terminated && this.onmessage?.({ data: m })), { blockRows: 2 })
    constructor() {
      FakeWorker.last = this
    }
    postMessage(msg: ExportRequest, transfer: Transferable[] = []) {
      const copy = structuredClone(msg, { transfer })
      setTimeout(() => {
        if (this.terminated) return
        this.received++
        this.handle(copy)
      })
    }
    terminate() {
      this.terminated = true
    }
  }
  afterEach(() => vi.unstubAllGlobals())

  it('resolves with the file, reporting progress from 0 to 1; release() ends the worker', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const ds = tinyDataset()
    const rows = Uint32Array.of(0, 1, 2, 3, 4)
    const shares: number[] = []
    const file = await exportInWorker(ds, rows, { ...NEEDS.comments, themeMask: TINY_MASK }, { kind: 'csv', themeNames: NAMES }, 'text/csv', {
      onProgress: (s) => shares.push(s),
    })
    const want = await bytes(commentsToCsv(ds, rows, { themes: themesFromMask(TINY_MASK, NAMES) }))
    expect(file.bytes).toBe(want.length)
    expect(await fileAt(file.url)).toEqual(want)
    expect(shares.at(-1)).toBe(1)
    expect(shares.every((s, i) => i === 0 || s >= shares[i - 1])).toBe(true)
    // The URL lives in the worker: it stays until released.
    expect(FakeWorker.last!.terminated).toBe(false)
    file.release()
    expect(FakeWorker.last!.terminated).toBe(true)
  })

  it('Cancel: rejects with ExportCancelled, ends the worker before it builds anything, and never resolves a file', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const ctl = new AbortController()
    const run = exportInWorker(tinyDataset(), Uint32Array.of(0, 1), NEEDS.comments, { kind: 'json', themeNames: [] }, 'application/json', {
      signal: ctl.signal,
    })
    ctl.abort()
    await expect(run).rejects.toBeInstanceOf(ExportCancelled)
    const w = FakeWorker.last!
    expect(w.terminated).toBe(true)
    await new Promise((r) => setTimeout(r, 20))
    expect(w.received).toBe(0)
  })

  it('a worker error rejects with its message', async () => {
    class Failing extends FakeWorker {
      override postMessage() {
        setTimeout(() => this.onerror?.({ message: 'out of memory' }))
      }
    }
    vi.stubGlobal('Worker', Failing)
    await expect(exportInWorker(tinyDataset(), null, NEEDS.dataset, { kind: 'dataset', name: 'x' }, 'application/json')).rejects.toThrow('out of memory')
  })
})

describe('reportExamples', () => {
  const requests = [
    { id: 'a', index: 0, comments: 2, authors: 2, likes: 0 },
    { id: 'b', index: 1, comments: 1, authors: 1, likes: 0 },
    { id: 'c', index: 2, comments: 0, authors: 0, likes: 0 },
  ]
  it('takes up to three rows per theme in likes order, none for a theme without comments in view', async () => {
    const order = [3, 1, 0, 4, 2]
    const mask = Uint32Array.of(0b001, 0b111, 0b010, 0b101, 0b001)
    const got = await reportExamples(order, mask, requests, (row, theme) => `${row}:${theme}`)
    expect([...got]).toEqual([
      ['a', ['3:0', '1:0', '0:0']],
      ['b', ['1:1', '2:1']],
    ])
  })
  it('stops as soon as every theme has three', async () => {
    const order = [0, 1, 2, 3, 4, 5]
    const mask = Uint32Array.of(3, 3, 3, 3, 3, 3)
    const seen: number[] = []
    const got = await reportExamples(order, mask, requests, (row) => (seen.push(row), String(row)))
    expect(got.get('a')).toEqual(['0', '1', '2'])
    expect(seen).toEqual([0, 0, 1, 1, 2, 2])
  })
})
