/**
 * npm run gen:sample — prepares the built-in sample at build time (issue #14 point 3): the import
 * worker's own steps (SourceImport, then the indexes with the default themes and request cues)
 * run here in Node, and the result is written to public/sample/prepared.json, which the page
 * opens instead of importing the sample (src/import/preparedSample.ts). `npm run build` runs it
 * first; the file is committed, and a unit test checks it equals a fresh run
 * (tests/unit/import/preparedSample.test.ts), so a change to the pipeline, the lexicon or the
 * themes cannot leave it stale.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { SourceImport } from '@/import/pipeline'
import { loadLexicon } from '@/insight/lexicon'
import { compileTheme } from '@/insight/themes'
import { computeIndexes } from '@/query/computeIndexes'
import { matchedDefs, matchKey } from '@/query/indexes'
import { toPreparedJson, type PreparedSampleJson } from '@/import/preparedSample'

export const SAMPLE_FILE = 'public/sample/000_0307222b755b7cf1.txt'
/** The name the page imports the sample under (src/stores/dataset.ts SAMPLE_FILE_NAME). */
export const SAMPLE_FILE_NAME = 'etcd实战课 · 结束语.md'
export const PREPARED_FILE = 'public/sample/prepared.json'

/** The sample through the import worker's steps, as JSON. */
export async function prepareSample(root = fileURLToPath(new URL('..', import.meta.url))): Promise<PreparedSampleJson> {
  const lexicon = await loadLexicon()
  const b = readFileSync(`${root}/${SAMPLE_FILE}`)
  const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
  // As import.worker.ts: one file, then finish; the themes matched with every one on.
  const run = new SourceImport({ filesTotal: 1, bytesTotal: bytes.byteLength })
  run.add({ name: SAMPLE_FILE_NAME, path: SAMPLE_FILE_NAME, bytes })
  const result = run.finish()
  const defs = lexicon.themes
  const themes = matchedDefs(defs).map((t) => compileTheme(t, lexicon.cues))
  const indexes = computeIndexes(result.dataset, themes)
  return toPreparedJson(SAMPLE_FILE_NAME, bytes.byteLength, matchKey(defs, lexicon.cues), result.dataset, result.report, indexes)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = await prepareSample()
  writeFileSync(PREPARED_FILE, JSON.stringify(json) + '\n')
  console.log(`${PREPARED_FILE}: ${json.columns.n} comments, themes ${json.themes}`)
}
