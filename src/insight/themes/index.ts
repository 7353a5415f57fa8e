/**
 * Request themes: their definition (model), the safe pattern language and compiling (patterns),
 * matching one text (matcher), the prefilter for many texts (prefilter) and the per-comment masks
 * with their time bound (masks). This file is the folder's public face: import from
 * `@/insight/themes`; the modules import each other directly.
 */
export type { LocalizedName, ThemeDef, ThemeMatch } from './model'
export * from './patterns'
export { matchThemes } from './matcher'
export * from './masks'
