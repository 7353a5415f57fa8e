/**
 * The request-theme lexicon — the request cues every theme shares and the default themes — is
 * data (`data/request-lexicon.json`, in the pattern language of `themes.ts`), not code: improving
 * detection edits a data file, and the first screen's script does not carry it. It is loaded once,
 * lazily, in a chunk of its own; the page sends it on to the workers with the themes.
 */
import type { ThemeDef } from './themes'

export interface Lexicon {
  version: number
  /** Request cues shared by every theme (希望, 能否, please …). */
  cues: string[]
  /** The default themes, in display order. */
  themes: ThemeDef[]
}

let loaded: Lexicon | null = null
let pending: Promise<Lexicon> | null = null

const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string')

function isTheme(t: unknown): t is ThemeDef {
  const d = t as ThemeDef
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.id === 'string' &&
    typeof d.name?.zh === 'string' &&
    typeof d.name?.en === 'string' &&
    strings(d.objects) &&
    strings(d.strong) &&
    strings(d.cues) &&
    strings(d.exclude) &&
    typeof d.enabled === 'boolean'
  )
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v)
    Object.freeze(x)
  }
  return x
}

/** Checks the file's shape (a broken build must fail loudly, not match nothing) and freezes it. */
export function checkLexicon(raw: unknown): Lexicon {
  const l = raw as Lexicon
  if (typeof l !== 'object' || l === null || !strings(l.cues) || !Array.isArray(l.themes) || !l.themes.every(isTheme)) {
    throw new Error('request lexicon: unexpected shape')
  }
  const ids = new Set(l.themes.map((t) => t.id))
  if (ids.size !== l.themes.length) throw new Error('request lexicon: duplicate theme id')
  return deepFreeze({ version: l.version, cues: l.cues, themes: l.themes })
}

/** Loads the lexicon (once; a failed load can be retried). */
export function loadLexicon(): Promise<Lexicon> {
  if (loaded) return Promise.resolve(loaded)
  // No `with { type: 'json' }`: Vite's dev server serves JSON as a JavaScript module, which a
  // browser refuses under that attribute (the default themes failed to load in `npm run dev`).
  pending ??= import('./data/request-lexicon.json').then(
    (m) => (loaded = checkLexicon(m.default)),
    (err: unknown) => {
      pending = null
      throw err
    },
  )
  return pending
}

/** Uses the lexicon given (the page, when the file could not be loaded, runs with no default themes). */
export function useLexicon(l: Lexicon): void {
  loaded = deepFreeze(l)
}

/** The loaded lexicon; calling it before `loadLexicon()` has resolved is a programming error. */
export function lexicon(): Lexicon {
  if (!loaded) throw new Error('request lexicon used before loadLexicon() resolved')
  return loaded
}

export const requestCues = (): string[] => lexicon().cues
export const defaultThemes = (): ThemeDef[] => lexicon().themes
