/**
 * What a request theme is (its definition, as the editor, the codec and storage hold it) and what
 * matching one reports. The pattern language is described in ./patterns.ts.
 */

export interface LocalizedName {
  zh: string
  en: string
}

export interface ThemeDef {
  id: string
  name: LocalizedName
  /** What is asked for: matched together with a request cue. */
  objects: string[]
  /** Objects that are a request on their own (催更, 勘误). */
  strong: string[]
  /** Cues that count for this theme only (on top of the shared request cues). */
  cues: string[]
  /** A sentence holding one of these never matches the theme. */
  exclude: string[]
  enabled: boolean
}

export interface ThemeMatch {
  /** Index of the theme in the list the matcher was built from. */
  theme: number
  /** Spans [start, end) in the text to highlight: the object(s) and the cue. */
  spans: [number, number][]
}
