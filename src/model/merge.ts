/**
 * Adding a new export to the dataset in view. A comment already present (same id) is kept once,
 * with the newer like and reply counts; comments not seen before join as a new import batch, so
 * "new since the previous import" can be marked and filtered.
 */
import { DatasetBuilder, type DatasetColumns } from './dataset'
import { commentAt } from './comment'

export interface MergeResult {
  dataset: DatasetColumns
  added: number
  updated: number
}

export function mergeDatasets(base: DatasetColumns, incoming: DatasetColumns, at: string): MergeResult {
  const byId = new Map<string, number>()
  for (let i = 0; i < base.n; i++) byId.set(base.id.get(i), i)
  const newLikes = base.likes.slice()
  const newReplies = base.replies.slice()
  let updated = 0
  const fresh: number[] = []
  for (let j = 0; j < incoming.n; j++) {
    const i = byId.get(incoming.id.get(j))
    if (i === undefined) fresh.push(j)
    else {
      if (newLikes[i] !== incoming.likes[j] || newReplies[i] !== incoming.replies[j]) updated++
      newLikes[i] = incoming.likes[j]
      newReplies[i] = incoming.replies[j]
    }
  }
  const batchNo = base.batches.length + 1
  const b = new DatasetBuilder(base.n + fresh.length)
  // Lessons are identified within their course; registered first, so that each keeps its category.
  for (const ds of [base, incoming]) for (const l of ds.lessons) b.lessonCode(l.title, l.file, l.course ?? '', l.category ?? '')
  const add = (ds: DatasetColumns, i: number, likes: number, replies: number, batch: number) => {
    const c = commentAt(ds, i)
    b.add(
      {
        author: c.author,
        avatar: c.avatar,
        likes,
        replies,
        day: ds.day[i],
        time: ds.time[i],
        text: c.text,
        reply: c.reply,
        lesson: c.lesson.title,
        course: c.lesson.course ?? '',
      },
      c.source,
      c.lesson.title,
      batch,
    )
  }
  for (let i = 0; i < base.n; i++) add(base, i, newLikes[i], newReplies[i], base.batch[i])
  for (const j of fresh) add(incoming, j, incoming.likes[j], incoming.replies[j], batchNo)
  const dataset = b.finish([...base.batches, { no: batchNo, at, files: incoming.sources.slice() }])
  return { dataset, added: fresh.length, updated }
}
