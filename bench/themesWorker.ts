/**
 * A worker_threads stand-in for the app's workers in `npm run bench:themes`: it matches the texts it
 * is sent against the themes and flags the questions, as import.worker.ts (its head share) and
 * masks.worker.ts (the tail) do in the browser.
 */
import { parentPort } from 'node:worker_threads'
import { compileTheme, themeMasks, type ThemeDef } from '../src/insight/themes'
import { questionFlags } from '../src/insight/questions'

parentPort!.on('message', (m: { texts: string[]; themes: ThemeDef[]; cues: string[] }) => {
  const t0 = performance.now()
  const masks = themeMasks(
    m.texts,
    m.themes.map((t) => compileTheme(t, m.cues)),
  )
  const question = questionFlags(m.texts)
  parentPort!.postMessage({ masks, question, ms: performance.now() - t0 }, [masks.buffer as ArrayBuffer, question.buffer as ArrayBuffer])
})
