import { readFileSync } from 'node:fs'
import { importSources } from '@/import/pipeline'
import type { DatasetColumns } from '@/model/dataset'

/** The built-in sample through the real import path. */
export function loadBuiltin(): DatasetColumns {
  const b = readFileSync(new URL('../../public/sample/000_0307222b755b7cf1.txt', import.meta.url))
  return importSources([{ name: 'etcd实战课 · 结束语.md', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) }]).dataset
}
