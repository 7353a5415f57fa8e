/// <reference lib="webworker" />
/**
 * The export worker: builds a CSV, JSON, dataset, labels or report file from the rows the page
 * sends (see protocol.ts) and hands the file back as a Blob. A big export takes seconds; here it
 * never blocks the page, and Cancel is terminating this worker.
 */
import { exportHandler } from './build'
import type { ExportRequest, ExportResponse } from './protocol'

interface WorkerScope {
  onmessage: ((e: MessageEvent<ExportRequest>) => void) | null
  postMessage(message: ExportResponse): void
}
const scope = self as unknown as WorkerScope

const handle = exportHandler((msg) => scope.postMessage(msg))
scope.onmessage = (e) => handle(e.data)
