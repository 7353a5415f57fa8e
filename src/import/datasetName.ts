/**
 * What an upload is called: the course its files name (mkdocs.yml's site_name …), else the one file,
 * else the folder every file sits in, else the first file. Decided where the import ends (the
 * worker names the dataset it saves) and shown by the page alike.
 */
import type { ImportReport } from './types'

/** The top folder every path shares (a picked course folder), or null. */
export function commonFolder(paths: string[]): string | null {
  // A prefix compare per path, stopping at the first that differs (ten thousand paths: no arrays).
  const first = paths[0] ?? ''
  const slash = first.indexOf('/')
  if (slash <= 0) return null
  const top = first.slice(0, slash + 1)
  return paths.every((p) => p.startsWith(top)) ? top.slice(0, -1) : null
}

export interface DatasetName {
  name: string
  /** Several loose files with nothing to name them by: shown as "N files" in the UI language. */
  looseFiles: boolean
}

export function datasetName(report: ImportReport): DatasetName {
  const names = report.files.filter((f) => !f.skippedBecause).map((f) => f.file)
  const folder = commonFolder(names)
  const name = report.courseName ?? (names.length === 1 ? names[0] : (folder ?? names[0] ?? ''))
  return { name, looseFiles: names.length > 1 && !report.courseName && !folder }
}
