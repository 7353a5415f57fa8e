/**
 * npm run bench:folderhandles — issue #13: can a directory handle (showDirectoryPicker) read a platform
 * folder faster than the folder input? The same 10,000-file tree (scripts/gen-platform.ts) read two
 * ways in one run: the input (Chromium builds the FileList, then the page reads 16 files at a time),
 * and, after copying it into the origin-private file system (untimed), a worker that walks the
 * directory handles and reads 16 files at a time. The app uses the input (README, Performance).
 * BENCH_PLATFORM_FILES sets the tree's size.
 */
import { createServer } from 'node:http'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { generatePlatform } from '../scripts/gen-platform'
import { launchChromium, pickAndReadFolder } from './kit'

const server = createServer((req, res) => {
  res.setHeader('content-type', 'text/html')
  res.end('<input type="file" webkitdirectory multiple>')
})
await new Promise<void>((r) => server.listen(4299, '127.0.0.1', () => r()))
const dir = join(tmpdir(), 'comment-lens-platform')
const made = generatePlatform(dir, Number(process.env.BENCH_PLATFORM_FILES ?? 10000))
console.log('made', made)
const browser = await launchChromium()
const page = await browser.newPage()
await page.goto('http://127.0.0.1:4299/')
const { list, read } = await pickAndReadFolder(page, dir)
console.log(`folder input (peer): FileList ${list} ms + read ${read} ms = ${list + read} ms`)
// Copy into OPFS (untimed)
const c0 = Date.now()
await page.evaluate(async () => {
  const files = Array.from(document.querySelector('input')!.files!)
  const root = await navigator.storage.getDirectory()
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < files.length) {
        const f = files[next++]
        const parts = (f.webkitRelativePath || f.name).split('/')
        let d = root
        for (const p of parts.slice(0, -1)) d = await d.getDirectoryHandle(p, { create: true })
        const fh = await d.getFileHandle(parts[parts.length - 1], { create: true })
        const w = await fh.createWritable()
        await w.write(f)
        await w.close()
      }
    }),
  )
})
console.log('copied to OPFS in', Date.now() - c0)
for (let run = 0; run < 3; run++) {
  const r = await page.evaluate(async () => {
    const src = `
      self.onmessage = async (e) => {
        const t0 = performance.now()
        const files = []
        const walk = async (d, path) => {
          const subs = []
          for await (const [name, h] of d.entries()) {
            if (h.kind === 'directory') subs.push(walk(h, path + name + '/'))
            else files.push({ path: path + name, h })
          }
          await Promise.all(subs)
        }
        await walk(e.data, '')
        const walked = performance.now() - t0
        let next = 0, bytes = 0
        await Promise.all(Array.from({ length: 16 }, async () => {
          while (next < files.length) { const f = files[next++]; const file = await f.h.getFile(); const n = (await file.arrayBuffer()).byteLength; bytes += n }
        }))
        postMessage({ files: files.length, bytes, walk: Math.round(walked), total: Math.round(performance.now() - t0) })
      }`
    const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })))
    const root = await navigator.storage.getDirectory()
    const t0 = performance.now()
    const out = await new Promise<{ files: number; bytes: number; walk: number; total: number }>((res) => {
      w.onmessage = (e) => res(e.data)
      w.postMessage(root)
    })
    w.terminate()
    return { ...out, wall: Math.round(performance.now() - t0) }
  })
  console.log(
    `directory handles in a worker, run ${run + 1}: walk ${r.walk} ms, walk + read ${r.total} ms (${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB)`,
  )
}
await browser.close()
server.close()
