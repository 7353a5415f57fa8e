/**
 * The user's theme set ⇄ the `tdef` URL parameter.
 *
 * A shared link carries only what differs from the built-in themes: themes the user edited or
 * added (full definitions), and the ids of built-in themes the user deleted. The receiver applies
 * those changes to its own defaults.
 *
 * Wire format (compact JSON; the URL codec percent-encodes it):
 *
 *     {"v":1,"t":[{"id":"pdf","zh":"PDF","en":"PDF","o":["pdf"],"off":1},{"id":"contact","off":1}],"d":["errata"]}
 *
 * - `v`: format version, always 1.
 * - `t`: themes, in the order of `ThemeChanges.themes`. `o`/`s`/`c`/`x` are objects, strong
 *   terms, cues and exclusions; empty lists are left out, and `off: 1` marks a disabled theme
 *   (left out when enabled).
 *   A built-in theme that differs from its default only in being switched off or on is written as
 *   a reference, `{"id":"contact","off":1}` (no names, no term lists): the receiver takes its own
 *   definition of that theme. Every built-in theme is 500–1,100 characters long, so six full
 *   copies would not fit the 4,000-character budget just to say "hide these".
 * - `d`: ids of built-in themes the user deleted.
 * - Both lists are left out when empty; with no changes at all there is no `tdef`.
 *
 * Decoding reads untrusted input (anyone can craft a link): it never throws, and it keeps what is
 * valid and describes everything it drops in `problems` (short English strings for an alert).
 */
import { sanitizeTerms, type ThemeDef } from './themes'
import { defaultThemes } from './lexicon'

/** The user's theme set relative to the defaults: edited or added themes, and removed default ids. */
export interface ThemeChanges {
  /** Full definitions of every theme that differs from its default or is new. */
  themes: ThemeDef[]
  /** Default ids the user deleted. */
  removed: string[]
}

/** Most themes a decoded set may hold in all (defaults kept plus new ones); see `decodeThemes`. */
export const MAX_THEMES = 32
/** Longest `tdef` value (UTF-16 units), as the URL codec accepts (MAX_TDEF_LENGTH). */
export const MAX_TDEF = 4000
/** Longest theme name, in code points, after control characters are removed. */
export const MAX_NAME = 40
/** Most terms kept per list (objects, strong, cues, exclude), as sanitizeTerms keeps. */
export const MAX_LIST_TERMS = 80

const VERSION = 1
const THEME_ID = /^[a-z0-9_-]{1,40}$/
/** Ids that pass THEME_ID but name Object.prototype members: a hazard as object keys elsewhere. */
const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])
/** A crafted link can hold hundreds of small mistakes; nobody reads more than a few. */
const MAX_PROBLEMS = 50
/** Values quoted in problems are cut to this many characters. */
const MAX_QUOTE = 40

/**
 * Removed from names: C0/C1 controls, lone surrogates, line/paragraph separators and bidi
 * embedding/override/isolate marks (which could make a name display as something else).
 */
const NAME_CONTROL = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu

type ListKey = 'objects' | 'strong' | 'cues' | 'exclude'
type WireListKey = 'o' | 's' | 'c' | 'x'
const LISTS: readonly { key: ListKey; wire: WireListKey; label: string }[] = [
  { key: 'objects', wire: 'o', label: 'objects' },
  { key: 'strong', wire: 's', label: 'strong terms' },
  { key: 'cues', wire: 'c', label: 'cues' },
  { key: 'exclude', wire: 'x', label: 'exclusions' },
]
const TOP_KEYS: ReadonlySet<string> = new Set(['v', 't', 'd'])
const THEME_KEYS: ReadonlySet<string> = new Set(['id', 'zh', 'en', 'o', 's', 'c', 'x', 'off'])
/** Keys of a full definition: an entry for a default id without any of them is a reference. */
const DEFINITION_KEYS = ['zh', 'en', 'o', 's', 'c', 'x'] as const

interface WireTheme {
  id: string
  zh?: string
  en?: string
  o?: string[]
  s?: string[]
  c?: string[]
  x?: string[]
  off?: 1
}

/** Whether `id` may name a theme (in `tdef` and in the `theme` URL parameter). */
export function isValidThemeId(id: string): boolean {
  return THEME_ID.test(id) && !RESERVED_IDS.has(id)
}

const cloneTheme = (t: ThemeDef): ThemeDef => ({
  id: t.id,
  name: { zh: t.name.zh, en: t.name.en },
  objects: [...t.objects],
  strong: [...t.strong],
  cues: [...t.cues],
  exclude: [...t.exclude],
  enabled: t.enabled,
})

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** Same names and terms; `enabled` is not compared. */
function sameDefinition(a: ThemeDef, b: ThemeDef): boolean {
  return a.id === b.id && a.name.zh === b.name.zh && a.name.en === b.name.en && LISTS.every(({ key }) => sameList(a[key], b[key]))
}

/** Defaults by id (the first of a repeated id wins). */
function defaultsById(defaults: readonly ThemeDef[]): Map<string, ThemeDef> {
  const m = new Map<string, ThemeDef>()
  for (const d of defaults) if (!m.has(d.id)) m.set(d.id, d)
  return m
}

// ---------------------------------------------------------------------------------------------
// Diff and apply

/**
 * What `current` changes relative to `defaults`: every theme of `current` that is new or differs
 * from its default in any field (names, terms, `enabled`), in `current`'s order, and the default
 * ids `current` lacks, in the defaults' order. A repeated id in `current` counts once (the first).
 * Returned themes are copies.
 */
export function diffThemes(defaults: readonly ThemeDef[], current: readonly ThemeDef[]): ThemeChanges {
  const byId = defaultsById(defaults)
  const seen = new Set<string>()
  const themes: ThemeDef[] = []
  for (const t of current) {
    if (seen.has(t.id)) continue
    seen.add(t.id)
    const d = byId.get(t.id)
    if (!d || !sameDefinition(d, t) || d.enabled !== t.enabled) themes.push(cloneTheme(t))
  }
  const removed = [...byId.keys()].filter((id) => !seen.has(id))
  return { themes, removed }
}

/**
 * Ids of the themes that could be mistaken for a default one counting differently: a default
 * redefined (its name or any word list changed), and a new theme that takes a default's name. A new
 * theme under a name of its own, a theme switched off or removed, are visible as what they are. The
 * UI marks these names, so the reader of a shared link sees that "加餐与番外 12" counts by someone
 * else's definition.
 */
export function redefinedThemes(defaults: readonly ThemeDef[], current: readonly ThemeDef[]): Set<string> {
  const byId = defaultsById(defaults)
  const names = new Set(defaults.flatMap((d) => [d.name.zh, d.name.en]))
  const out = new Set<string>()
  for (const t of current) {
    const d = byId.get(t.id)
    if (d ? !sameDefinition(d, t) : names.has(t.name.zh) || names.has(t.name.en)) out.add(t.id)
  }
  return out
}

/**
 * The theme set `changes` describes: the defaults in their order (an edited one replaced by its
 * new definition, a removed one dropped), then the new themes in the order of `changes.themes`.
 * Order is normalised that way: a set where a new theme sat between defaults comes back with the
 * defaults first. An id both edited and removed is kept (the definition wins, as in
 * `decodeThemes`); a repeated id counts once (the first). Returns copies; does not cap the count
 * (`decodeThemes` does).
 */
export function applyThemeChanges(defaults: readonly ThemeDef[], changes: ThemeChanges): ThemeDef[] {
  const byId = defaultsById(defaults)
  const edited = new Map<string, ThemeDef>()
  for (const t of changes.themes) if (!edited.has(t.id)) edited.set(t.id, t)
  const removed = new Set(changes.removed)
  const out: ThemeDef[] = []
  for (const [id, d] of byId) {
    const e = edited.get(id)
    if (e) out.push(cloneTheme(e))
    else if (!removed.has(id)) out.push(cloneTheme(d))
  }
  for (const [id, t] of edited) if (!byId.has(id)) out.push(cloneTheme(t))
  return out
}

// ---------------------------------------------------------------------------------------------
// Encoding

function toWire(t: ThemeDef, def: ThemeDef | undefined): WireTheme {
  const w: WireTheme = { id: t.id }
  if (!def || !sameDefinition(def, t)) {
    w.zh = t.name.zh
    w.en = t.name.en
    for (const { key, wire } of LISTS) if (t[key].length) w[wire] = t[key]
  }
  if (!t.enabled) w.off = 1
  return w
}

export interface EncodedThemes {
  /** The `tdef` value, or null when nothing is left to say (no changes). */
  tdef: string | null
  /** What was left out to stay within MAX_TDEF characters and MAX_THEMES themes. */
  dropped: { themes: string[]; removed: string[] }
}

/**
 * Encodes `changes` (against `defaults`, to tell new themes and references from edits), keeping
 * within MAX_TDEF characters and MAX_THEMES themes: when the JSON is too long it leaves out new
 * themes from the end, then edited defaults from the end (the receiver then sees its own
 * default), and only then removed ids; ids left out are reported in `dropped` so the UI can say
 * so. New themes past MAX_THEMES in all are left out the same way. `changes` is written as given:
 * it is the editor's job to keep ids valid and terms sanitised (decoding drops what is not).
 */
export function encodeThemesReport(changes: ThemeChanges, defaults: readonly ThemeDef[] = defaultThemes()): EncodedThemes {
  const byId = defaultsById(defaults)
  const dropped: EncodedThemes['dropped'] = { themes: [], removed: [] }
  let frags = changes.themes.map((t) => ({ id: t.id, isNew: !byId.has(t.id), json: JSON.stringify(toWire(t, byId.get(t.id))) }))
  const removed = [...changes.removed]

  // The count the decoder checks: defaults kept (a removal of a defined id does not count)…
  const defined = new Set(changes.themes.map((t) => t.id))
  const keptDefaults = [...byId.keys()].filter((id) => defined.has(id) || !removed.includes(id)).length
  let room = MAX_THEMES - keptDefaults
  frags = frags.filter((f) => {
    if (!f.isNew) return true
    if (room-- > 0) return true
    dropped.themes.push(f.id)
    return false
  })

  // {"v":1,"t":[a,b],"d":[...]}
  const length = () => {
    let n = `{"v":${VERSION}}`.length
    if (frags.length) n += ',"t":[]'.length + frags.reduce((s, f) => s + f.json.length, 0) + frags.length - 1
    if (removed.length) n += ',"d":'.length + JSON.stringify(removed).length
    return n
  }
  while (length() > MAX_TDEF) {
    if (frags.length) {
      let i = frags.findLastIndex((f) => f.isNew)
      if (i < 0) i = frags.length - 1
      dropped.themes.push(frags[i].id)
      frags.splice(i, 1)
    } else {
      dropped.removed.push(removed.pop() as string)
    }
  }
  if (!frags.length && !removed.length) return { tdef: null, dropped }
  let s = `{"v":${VERSION}`
  if (frags.length) s += `,"t":[${frags.map((f) => f.json).join(',')}]`
  if (removed.length) s += `,"d":${JSON.stringify(removed)}`
  return { tdef: s + '}', dropped }
}

/**
 * The `tdef` value for `changes`, or null when there are none (the URL then omits `tdef`).
 * Never longer than MAX_TDEF: see `encodeThemesReport` for what is left out when it would be.
 */
export function encodeThemes(changes: ThemeChanges, defaults: readonly ThemeDef[] = defaultThemes()): string | null {
  return encodeThemesReport(changes, defaults).tdef
}

// ---------------------------------------------------------------------------------------------
// Decoding

type JsonObject = Record<string, unknown>

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)
const has = (o: JsonObject, k: string) => Object.prototype.hasOwnProperty.call(o, k)

function clip(s: string): string {
  if (s.length <= MAX_QUOTE) return s
  const code = s.charCodeAt(MAX_QUOTE - 1)
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_QUOTE - 1 : MAX_QUOTE) + '…'
}

/** A value for a problem text: strings quoted with JSON escapes (so controls show), all clipped. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(clip(v))
  return clip(JSON.stringify(v) ?? String(v))
}

/**
 * Reads a `tdef` value. Never throws. Keeps what is valid, drops the rest and says why:
 * - the whole value: longer than MAX_TDEF, not JSON, not an object, missing or other version;
 * - a theme: not an object, id missing, not valid (/^[a-z0-9_-]{1,40}$/), reserved
 *   (`__proto__`, `constructor`, `prototype`) or repeated, no names or lists for a new id, or no
 *   valid non-decoy object or strong term left; new themes beyond MAX_THEMES in all (defaults
 *   kept plus new);
 * - a part of a theme (the theme stays): an unknown key, a name that is not text, empty or longer
 *   than MAX_NAME (the other language's name, or the id, stands in), a list that is not a list,
 *   a term that is not text or that sanitizeTerms rejects, terms past MAX_LIST_TERMS, a bad `off`;
 * - a removed id that is not text, not a default id, repeated, or also defined in `t` (the
 *   definition wins).
 * Control characters are stripped from names (and reported); names stay plain text, to be
 * rendered as text. Terms are normalised as sanitizeTerms does, silently: that changes no match.
 * An entry with a default id and no names or lists stands for that default (with its `off`).
 */
export function decodeThemes(s: string, defaults: readonly ThemeDef[] = defaultThemes()): { changes: ThemeChanges; problems: string[] } {
  const problems: string[] = []
  let changes: ThemeChanges
  try {
    changes = decode(s, defaultsById(defaults), problems)
  } catch {
    // Not expected; a link must still open.
    changes = { themes: [], removed: [] }
    problems.push('definition could not be read')
  }
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - (MAX_PROBLEMS - 1)
    problems.length = MAX_PROBLEMS - 1
    problems.push(`${more} more problems`)
  }
  return { changes, problems }
}

function decode(s: unknown, byId: Map<string, ThemeDef>, problems: string[]): ThemeChanges {
  const changes: ThemeChanges = { themes: [], removed: [] }
  if (typeof s !== 'string') {
    problems.push('definition is not text')
    return changes
  }
  if (s.length > MAX_TDEF) {
    problems.push(`definition is longer than ${MAX_TDEF} characters`)
    return changes
  }
  let data: unknown
  try {
    data = JSON.parse(s)
  } catch {
    problems.push('definition is not valid JSON')
    return changes
  }
  if (!isObject(data)) {
    problems.push('definition is not a JSON object')
    return changes
  }
  for (const k of Object.keys(data)) if (!TOP_KEYS.has(k)) problems.push(`unknown key ${show(k)}`)
  if (!has(data, 'v')) {
    problems.push('version is missing')
    return changes
  }
  if (data.v !== VERSION) {
    problems.push(`version ${show(data.v)} is not supported`)
    return changes
  }

  const ids = new Set<string>()
  if (has(data, 't')) {
    if (!Array.isArray(data.t)) problems.push('"t" is not a list')
    else
      data.t.forEach((entry: unknown, i) => {
        const t = readTheme(entry, `theme ${i + 1}: `, byId, ids, problems)
        if (t) changes.themes.push(t)
      })
  }

  if (has(data, 'd')) {
    if (!Array.isArray(data.d)) problems.push('"d" is not a list')
    else
      data.d.forEach((id: unknown, i) => {
        if (typeof id !== 'string') problems.push(`removed id ${i + 1} is not text`)
        else if (!byId.has(id)) problems.push(`removed id ${show(id)} is not a default theme`)
        else if (changes.removed.includes(id)) problems.push(`removed id ${show(id)} is repeated`)
        else if (ids.has(id)) problems.push(`removed id ${show(id)} is also defined in "t"`)
        else changes.removed.push(id)
      })
  }

  // A matcher serves at most MAX_THEMES themes: new themes past that are dropped.
  let room = MAX_THEMES - [...byId.keys()].filter((id) => !changes.removed.includes(id)).length
  let over = 0
  changes.themes = changes.themes.filter((t) => {
    if (byId.has(t.id) || room-- > 0) return true
    over++
    return false
  })
  if (over) problems.push(`${over} new ${over === 1 ? 'theme' : 'themes'} over the limit of ${MAX_THEMES} dropped`)
  return changes
}

function readTheme(entry: unknown, at: string, byId: Map<string, ThemeDef>, ids: Set<string>, problems: string[]): ThemeDef | null {
  if (!isObject(entry)) {
    problems.push(`${at}not an object`)
    return null
  }
  for (const k of Object.keys(entry)) if (!THEME_KEYS.has(k)) problems.push(`${at}unknown key ${show(k)}`)

  if (!has(entry, 'id')) {
    problems.push(`${at}id is missing`)
    return null
  }
  const id = entry.id
  if (typeof id !== 'string' || !THEME_ID.test(id)) {
    problems.push(`${at}id ${show(id)} is not valid`)
    return null
  }
  if (RESERVED_IDS.has(id)) {
    problems.push(`${at}id ${show(id)} is reserved`)
    return null
  }
  if (ids.has(id)) {
    problems.push(`${at}id ${show(id)} is repeated`)
    return null
  }

  let enabled = true
  if (has(entry, 'off')) {
    const off = entry.off
    if (off === 1 || off === true) enabled = false
    else if (off !== 0 && off !== false) problems.push(`${at}"off" is not 0 or 1`)
  }

  const def = byId.get(id)
  if (!DEFINITION_KEYS.some((k) => has(entry, k))) {
    if (!def) {
      problems.push(`${at}id ${show(id)} is not a default theme and has no definition`)
      return null
    }
    ids.add(id)
    return { ...cloneTheme(def), enabled }
  }

  const zh = readName(entry, 'zh', at, problems)
  const en = readName(entry, 'en', at, problems)
  const t: ThemeDef = {
    id,
    name: { zh: zh ?? en ?? id, en: en ?? zh ?? id },
    objects: readList(entry, 'o', 'objects', at, problems),
    strong: readList(entry, 's', 'strong terms', at, problems),
    cues: readList(entry, 'c', 'cues', at, problems),
    exclude: readList(entry, 'x', 'exclusions', at, problems),
    enabled,
  }
  // A decoy only hides text; a theme needs something that can match.
  if (![...t.objects, ...t.strong].some((term) => !term.startsWith('-'))) {
    problems.push(`${at}no valid objects or strong terms`)
    return null
  }
  ids.add(id)
  return t
}

function readName(entry: JsonObject, key: 'zh' | 'en', at: string, problems: string[]): string | null {
  if (!has(entry, key)) {
    problems.push(`${at}name "${key}" is missing`)
    return null
  }
  const v = entry[key]
  if (typeof v !== 'string') {
    problems.push(`${at}name "${key}" is not text`)
    return null
  }
  const name = v.replace(NAME_CONTROL, '')
  if (name !== v) problems.push(`${at}control characters removed from name "${key}"`)
  if (name.trim() === '') {
    problems.push(`${at}name "${key}" is empty`)
    return null
  }
  if ([...name].length > MAX_NAME) {
    problems.push(`${at}name "${key}" is longer than ${MAX_NAME} characters`)
    return null
  }
  return name
}

function readList(entry: JsonObject, key: WireListKey, label: string, at: string, problems: string[]): string[] {
  if (!has(entry, key)) return []
  const v = entry[key]
  if (!Array.isArray(v)) {
    problems.push(`${at}${label} are not a list`)
    return []
  }
  const out: string[] = []
  for (let j = 0; j < v.length; j++) {
    if (out.length === MAX_LIST_TERMS) {
      problems.push(`${at}${label} have more than ${MAX_LIST_TERMS} terms; the rest were dropped`)
      break
    }
    const term: unknown = v[j]
    if (typeof term !== 'string') {
      problems.push(`${at}term ${j + 1} of ${label} is not text`)
      continue
    }
    const clean = sanitizeTerms([term])
    if (clean.length === 0) problems.push(`${at}term ${show(term)} of ${label} is not valid`)
    else out.push(clean[0])
  }
  return out
}
