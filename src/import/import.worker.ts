/// <reference lib="webworker" />
/**
 * The import worker: parsing never runs on the main thread. Files arrive as transferred
 * ArrayBuffers; the columns go back transferred too. Cancelling terminates the worker.
 */
import { transferables } from '@/model/dataset'
import { importSources, toProblem } from './pipeline'
import { packColumns } from '@/model/packed'
import { datasetFingerprint } from '@/model/fingerprint'
import { compileTheme } from '@/insight/themes'
import { computeIndexes, indexTransferables } from '@/query/prepare'
import type { ImportRequest, ImportResponse } from './protocol'

interface WorkerScope {
  onmessage: ((e: MessageEvent<ImportRequest>) => void) | null
  postMessage(message: ImportResponse, transfer?: Transferable[]): void
}
const scope = self as unknown as WorkerScope

// Progress is throttled: a message per 50 ms is smooth for a bar and cheap for the main thread.
const PROGRESS_EVERY_MS = 50

scope.onmessage = async (e) => {
  const req = e.data
  if (req.type !== 'import') return
  let last = 0
  // Phase durations (ms), reported with the result as User Timing measures (see importFiles).
  const timings: Record<string, number> = {}
  let mark = performance.now()
  const lap = (name: string) => {
    const now = performance.now()
    timings[name] = now - mark
    mark = now
  }
  try {
    const result = importSources(req.files, {
      mappings: req.mappings,
      headerMappings: req.headerMappings,
      onProgress(progress) {
        const now = performance.now()
        if (now - last < PROGRESS_EVERY_MS && progress.bytesDone < progress.bytesTotal) return
        last = now
        scope.postMessage({ type: 'progress', progress })
      },
    })
    lap('parse')
    // The fingerprint (a hash of the sorted ids) is computed here, off the main thread.
    const fingerprint = await datasetFingerprint(result.dataset.id)
    lap('fingerprint')
    // Orderings, theme masks and question flags are computed here too: on the main thread they
    // would block the page for seconds on a big file.
    const indexes = req.themes ? computeIndexes(result.dataset, req.themes.map((t) => compileTheme(t))) : null
    lap('indexes')
    const ds = result.dataset
    const wire = packColumns(ds)
    lap('pack')
    // Each piece of each string column in a message of its own: the page deserialises one per task.
    for (const column of ['id', 'text', 'reply'] as const) {
      wire[column].forEach((packed, index) => scope.postMessage({ type: 'strings', column, index, packed }, [packed.offsets.buffer as ArrayBuffer]))
    }
    const { id: _id, text: _text, reply: _reply, ...rest } = wire
    const transfer = [...transferables(ds), ...(indexes ? indexTransferables(indexes) : [])] as ArrayBuffer[]
    scope.postMessage({ type: 'done', dataset: rest, report: result.report, fingerprint, indexes, timings }, transfer)
  } catch (err) {
    scope.postMessage({ type: 'error', problem: toProblem(err, req.files[0]?.name ?? '') })
  }
}
