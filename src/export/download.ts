/**
 * Saving a file from the browser: a Blob behind an object URL, clicked through a temporary
 * `<a download>`. No server is involved, so nothing leaves the machine.
 */

/** Longest name kept (in code points): file systems allow 255 bytes, and CJK is 3 bytes a character. */
const MAX_NAME = 80

// Path separators, characters Windows forbids, control characters (C0, DEL, C1) and bidi controls
// (an RLO can make `txt.exe` display as `exe.txt`).
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g
// Device names Windows will not create as files, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i

/**
 * A file name safe on Windows, macOS and Linux: no folders, no control or bidi characters,
 * no leading/trailing dots or spaces, not a device name, not too long (the extension is kept).
 * CJK and emoji are kept as they are. Never returns ''.
 */
export function sanitizeFilename(name: string, fallback = 'download'): string {
  let s = name.normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ')
  s = s.replace(/^[\s.]+|[\s.]+$/g, '')
  if (RESERVED.test(s)) s = '_' + s
  const cps = Array.from(s)
  if (cps.length > MAX_NAME) {
    const dot = s.lastIndexOf('.')
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : ''
    const keep = MAX_NAME - Array.from(ext).length
    s =
      cps
        .slice(0, keep)
        .join('')
        .replace(/[\s.]+$/, '') + ext
  }
  return s || fallback
}

/**
 * How long the object URL outlives the click. Revoking it at once can cancel the download in
 * some browsers (the click only schedules it); FileSaver.js waits 40 s for the same reason.
 */
export const REVOKE_AFTER_MS = 40_000

export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  downloadUrl(filename, url)
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
}

/** Saves what an object URL holds (the caller revokes it, REVOKE_AFTER_MS later at the earliest). */
export function downloadUrl(filename: string, url: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = sanitizeFilename(filename)
  a.rel = 'noopener'
  a.style.display = 'none'
  // Firefox only follows clicks on links that are in the document.
  document.body.appendChild(a)
  try {
    a.click()
  } finally {
    a.remove()
  }
}

/**
 * The type of a file of UTF-8 text: a text MIME type without a charset gets `charset=utf-8`, so
 * that a browser opening the file instead of saving it does not guess the encoding.
 */
export function textMime(mime: string): string {
  return /^text\/|\+json|\/json|\/xml/i.test(mime) && !/charset=/i.test(mime) ? `${mime};charset=utf-8` : mime
}

/** Saves text as UTF-8 (see textMime). */
export function downloadText(filename: string, text: string, mime: string): void {
  downloadBlob(filename, new Blob([text], { type: textMime(mime) }))
}
