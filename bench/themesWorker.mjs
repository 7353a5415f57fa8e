// worker_threads do not inherit tsx's loader: register it, then load the TypeScript worker.
import { register } from 'tsx/esm/api'

register({ tsconfig: new URL('../tsconfig.vitest.json', import.meta.url).pathname })
await import('./themesWorker.ts')
