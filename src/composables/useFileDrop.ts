/**
 * Files or whole folders dropped anywhere on the page. Folders are walked with the File and
 * Directory Entries API (webkitGetAsEntry), keeping relative paths like a folder picker does.
 */
import { onBeforeUnmount, onMounted, ref } from 'vue'

interface Entry {
  isFile: boolean
  isDirectory: boolean
  name: string
  fullPath: string
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void
  createReader?(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void }
}

async function walk(entry: Entry, out: File[]): Promise<void> {
  if (entry.isFile && entry.file) {
    const f = await new Promise<File>((ok, fail) => entry.file!(ok, fail))
    // Keep the folder path, as <input webkitdirectory> does, so a dropped course folder is one course.
    const rel = entry.fullPath.replace(/^\//, '')
    out.push(rel.includes('/') ? new File([f], f.name, { type: f.type, lastModified: f.lastModified }) : f)
    if (rel.includes('/')) Object.defineProperty(out[out.length - 1], 'webkitRelativePath', { value: rel })
    return
  }
  if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader()
    for (;;) {
      const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail))
      if (batch.length === 0) break
      for (const e of batch) await walk(e, out)
    }
  }
}

export async function filesFromDataTransfer(dt: DataTransfer): Promise<File[]> {
  const items = Array.from(dt.items ?? [])
  const entries = items.map((i) => (i as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.() ?? null)
  if (entries.length && entries.every((e) => e !== null)) {
    const out: File[] = []
    for (const e of entries) await walk(e!, out)
    return out
  }
  return Array.from(dt.files ?? [])
}

export function useFileDrop(onFiles: (files: File[]) => void) {
  const over = ref(false)
  let depth = 0
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files')
  const enter = (e: DragEvent) => {
    if (!hasFiles(e)) return
    e.preventDefault()
    depth++
    over.value = true
  }
  const overHandler = (e: DragEvent) => {
    if (hasFiles(e)) e.preventDefault()
  }
  const leave = () => {
    depth = Math.max(0, depth - 1)
    if (depth === 0) over.value = false
  }
  const drop = async (e: DragEvent) => {
    if (!hasFiles(e) || !e.dataTransfer) return
    e.preventDefault()
    depth = 0
    over.value = false
    const files = await filesFromDataTransfer(e.dataTransfer)
    if (files.length) onFiles(files)
  }
  onMounted(() => {
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', overHandler)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', enter)
    window.removeEventListener('dragover', overHandler)
    window.removeEventListener('dragleave', leave)
    window.removeEventListener('drop', drop)
  })
  return { over }
}
