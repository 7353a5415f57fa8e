/**
 * Prints every comment of one or more lesson files (or a course folder) as the importer reads them,
 * numbered as the labels file numbers them (file relative to the root, 0-based index), for
 * labelling by reading:
 *
 *   npx tsx scripts/dump-comments.ts <root> <course folder or file>…
 *
 * One block per comment: `file#index  author  👍likes 💬replies`, then the text; the course
 * author's reply, when the export holds one, follows after `↳`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

interface Columns {
  n: number
  authors: string[]
  author: Uint32Array
  likes: Uint32Array
  replies: Uint32Array
  /** The app's Strings columns (model/packed.ts): a row is read with get(i). */
  text: { get(i: number): string }
  reply: { get(i: number): string }
}
// The importer is loaded with the app's path aliases (this script's TypeScript project does not hold the app).
const { importSources } = (await tsImport('../src/import/pipeline.ts', {
  parentURL: import.meta.url,
  tsconfig: fileURLToPath(new URL('../tsconfig.vitest.json', import.meta.url)),
})) as { importSources(files: { name: string; bytes: ArrayBuffer }[]): { dataset: Columns } }

const [rootArg, ...targets] = process.argv.slice(2).filter((a) => a !== '--')
if (!rootArg || targets.length === 0) {
  console.error('usage: dump-comments.ts <root> <folder or file>…')
  process.exit(2)
}
const root = resolve(rootArg)

function lessonFiles(p: string): string[] {
  if (statSync(p).isFile()) return [p]
  return readdirSync(p)
    .sort((a, b) => a.localeCompare(b, 'zh'))
    .flatMap((n) => {
      const q = join(p, n)
      if (statSync(q).isDirectory()) return lessonFiles(q)
      return /\.(md|html?|txt)$/i.test(n) ? [q] : []
    })
}

for (const t of targets) {
  for (const path of lessonFiles(resolve(root, t))) {
    const b = readFileSync(path)
    const file = relative(root, path)
    let ds: Columns
    try {
      ds = importSources([{ name: file, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) }]).dataset
    } catch {
      continue
    }
    for (let i = 0; i < ds.n; i++) {
      console.log(`=== ${file}#${i}  ${ds.authors[ds.author[i]]}  👍${ds.likes[i]} 💬${ds.replies[i]}`)
      console.log(ds.text.get(i))
      if (ds.reply.get(i)) console.log(`↳ ${ds.reply.get(i).replace(/\n/g, '\n  ')}`)
    }
  }
}
