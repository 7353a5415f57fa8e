/**
 * The comments of the ten real courses beside the project (shared/data/real/mirror), read as the
 * app imports them: what the theme benchmarks match.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importSources } from '../src/import/pipeline'

const MIRROR = fileURLToPath(new URL('../../shared/data/real/mirror', import.meta.url))

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.md') ? [join(dir, n)] : []))

/** `n` comment texts: the real courses' comments, repeated. Exits when the courses are not there. */
export function mirrorTexts(n: number): string[] {
  if (!existsSync(MIRROR)) {
    console.error(`real courses not found at ${MIRROR}`)
    process.exit(1)
  }
  const real: string[] = []
  for (const f of files(MIRROR)) {
    const b = readFileSync(f)
    try {
      real.push(...importSources([{ name: f, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) }]).dataset.text)
    } catch {
      // a file without comments
    }
  }
  return Array.from({ length: n }, (_, i) => real[i % real.length])
}
