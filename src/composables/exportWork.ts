/**
 * What an export builds files with (the builders, the download helpers, the export worker's client),
 * in one chunk fetched at the first export (useExports.ts): none of it is first-load code (issue #14).
 */
export { datasetToFile } from '@/model/datasetFile'
export { labelsOf } from '@/insight/corrections'
export { excerptAround } from '@/charts/excerpt'
export { commentsToCsv } from '@/export/csv'
export { commentsToJson } from '@/export/json'
export { labelsFile } from '@/export/labels'
export { requestsReport } from '@/export/markdown'
export { downloadText, downloadUrl, REVOKE_AFTER_MS, textMime } from '@/export/download'
export { themesFromMask } from '@/export/build'
export { reportExamples } from '@/export/examples'
export { NEEDS } from '@/export/payload'
export { ExportCancelled, exportInWorker } from '@/export/runExport'
