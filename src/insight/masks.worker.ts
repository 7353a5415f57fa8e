/// <reference lib="webworker" />
/**
 * Theme masks and question flags for the second half of a big import, beside the import worker:
 * matching every comment against the themes is as long as parsing it, and the two halves run on
 * two cores. It is handed a MessagePort to the import worker and answers on it (see
 * import.worker.ts).
 */
import { unpackColumn, type PackedColumn } from '@/model/packed'
import { compileTheme, themeMasks, type ThemeDef } from './themes'
import { questionFlags } from './questions'

export interface MasksRequest {
  themes: ThemeDef[]
  cues: string[]
  /** The texts of the rows to match, packed. */
  texts: PackedColumn
}
export type MasksResponse = { masks: Uint32Array; question: Uint8Array } | { error: string }

interface WorkerScope {
  onmessage: ((e: MessageEvent<{ port: MessagePort }>) => void) | null
}
const scope = self as unknown as WorkerScope

scope.onmessage = (e) => {
  const port = e.data.port
  port.onmessage = (m: MessageEvent<MasksRequest>) => {
    try {
      const texts = unpackColumn(m.data.texts)
      const masks = themeMasks(
        texts,
        m.data.themes.map((t) => compileTheme(t, m.data.cues)),
      )
      const question = questionFlags(texts)
      port.postMessage({ masks, question } satisfies MasksResponse, [masks.buffer, question.buffer])
    } catch (err) {
      port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies MasksResponse)
    }
  }
}
