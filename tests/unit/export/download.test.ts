// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { downloadBlob, downloadText, REVOKE_AFTER_MS, sanitizeFilename } from '@/export/download'

describe('sanitizeFilename', () => {
  it('drops folders, reserved and control characters, keeps CJK and emoji', () => {
    expect(sanitizeFilename('留言/导出:2024-05-01.csv')).toBe('留言_导出_2024-05-01.csv')
    expect(sanitizeFilename('..\\..\\etc\\passwd')).toBe('_.._etc_passwd')
    expect(sanitizeFilename('a\u0000b\u001fc\u007f.txt')).toBe('a_b_c_.txt')
    expect(sanitizeFilename('report\u202Etxt.exe')).toBe('report_txt.exe')
    expect(sanitizeFilename('etcd 实战课 😀 报告.md')).toBe('etcd 实战课 😀 报告.md')
    expect(sanitizeFilename('CON.txt')).toBe('_CON.txt')
    expect(sanitizeFilename(' . ')).toBe('download')
    expect(sanitizeFilename('')).toBe('download')
  })

  it('shortens long names but keeps the extension', () => {
    const s = sanitizeFilename('课'.repeat(200) + '.json')
    expect(s).toBe('课'.repeat(75) + '.json')
  })
})

describe('downloadBlob / downloadText', () => {
  let clicked: HTMLAnchorElement[]
  const { createObjectURL, revokeObjectURL } = URL
  beforeEach(() => {
    vi.useFakeTimers()
    clicked = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      // Checked at click time: the link is in the document then, and removed afterwards.
      expect(document.body.contains(this)).toBe(true)
      clicked.push(this)
    })
    URL.createObjectURL = vi.fn(() => 'blob:mock/1')
    URL.revokeObjectURL = vi.fn()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    Object.assign(URL, { createObjectURL, revokeObjectURL })
  })

  it('clicks a temporary <a download> for an object URL, then removes it and revokes the URL later', () => {
    const blob = new Blob(['x'])
    downloadBlob('a/b.csv', blob)
    expect(URL.createObjectURL).toHaveBeenCalledWith(blob)
    expect(clicked).toHaveLength(1)
    expect(clicked[0].download).toBe('a_b.csv')
    expect(clicked[0].getAttribute('href')).toBe('blob:mock/1')
    expect(document.querySelectorAll('a').length).toBe(0)
    expect(URL.revokeObjectURL).not.toHaveBeenCalled()
    vi.advanceTimersByTime(REVOKE_AFTER_MS)
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:mock/1')
  })

  it('saves text as UTF-8 with the given type', async () => {
    downloadText('报告.md', '# 标题\n', 'text/markdown')
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0][0] as Blob
    expect(blob.type).toBe('text/markdown;charset=utf-8')
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new TextEncoder().encode('# 标题\n'))
    expect(clicked[0].download).toBe('报告.md')
    downloadText('x.bin', 'x', 'application/octet-stream')
    expect((vi.mocked(URL.createObjectURL).mock.calls[1][0] as Blob).type).toBe('application/octet-stream')
  })
})
