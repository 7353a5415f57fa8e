/**
 * npm run gen:platform [-- --files 10000 --out .platform] — a platform-sized folder for the folder
 * import's benchmark and tests: the ten shared courses (../shared/data/real/mirror) copied, renamed,
 * in their category folders, with my-geektime's layout (`<category>/<course>/mkdocs.yml`,
 * `<course>/docs/*.md`), until the tree holds the number of files asked for. Each copy's course
 * folder and its mkdocs.yml `site_name` get a copy number (`MySQL实战45讲 #3`), so every copy is a
 * course of its own.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const MIRROR = fileURLToPath(new URL('../../shared/data/real/mirror', import.meta.url))

function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + (statSync(join(dir, f)).isDirectory() ? countFiles(join(dir, f)) : 1), 0)
}

/** Writes the tree into `out` (emptied first); returns its file count and bytes. */
export function generatePlatform(out: string, files: number, mirror = MIRROR): { files: number; bytes: number; courses: number } {
  if (!existsSync(mirror)) throw new Error(`the shared courses are not at ${mirror}`)
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const courses = readdirSync(mirror)
    .filter((c) => statSync(join(mirror, c)).isDirectory())
    .flatMap((category) => readdirSync(join(mirror, category)).map((course) => ({ category, course, files: countFiles(join(mirror, category, course)) })))
  let written = 0
  let made = 0
  for (let copy = 1; written < files; copy++) {
    for (const c of courses) {
      if (written >= files) break
      const name = copy === 1 ? c.course : `${c.course} #${copy}`
      const dest = join(out, c.category, name)
      cpSync(join(mirror, c.category, c.course), dest, { recursive: true })
      const yml = join(dest, 'mkdocs.yml')
      if (existsSync(yml)) writeFileSync(yml, readFileSync(yml, 'utf8').replace(/^site_name:.*$/m, `site_name: ${name}`))
      written += c.files
      made++
    }
  }
  let bytes = 0
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f)
      const s = statSync(p)
      if (s.isDirectory()) walk(p)
      else bytes += s.size
    }
  }
  walk(out)
  return { files: written, bytes, courses: made }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i >= 0 ? process.argv[i + 1] : fallback
  }
  const out = resolve(arg('out', '.platform'))
  const r = generatePlatform(out, Number(arg('files', '10000')))
  console.log(`${out}: ${r.files.toLocaleString('en')} files, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.courses} courses`)
}
