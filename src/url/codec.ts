/**
 * View state ⇄ URL query string. Parameter names are fixed by the UI test contract
 * (ui-contract.md, section "URL"); see viewState.ts for the fields.
 *
 * decodeView never throws: a shared link is user input, and a bad one must still open a view
 * (the rest of the parameters apply, the bad ones are reported for an `error` alert).
 * encodeView writes one canonical form, so that decode → encode is a fixed point and the
 * address bar does not change when the app re-encodes the view it just read.
 */
import { parseIsoDay } from '@/model/dates'
import { defaultView, type ViewState } from './viewState'
import type { NumRange } from '@/model/view'

export interface UrlProblem {
  param: string
  value: string
  reason: 'unknown' | 'invalid' | 'duplicate' | 'tooMany' | 'tooLong'
}

/** Longest accepted value (decoded UTF-16 length) for most parameters. */
export const MAX_VALUE_LENGTH = 2000
export const MAX_Q_LENGTH = 500
export const MAX_TDEF_LENGTH = 4000
/** Param names and values in problems are cut to this many chars: they end up in alerts. */
export const MAX_PROBLEM_TEXT = 100
/** A garbage URL can hold thousands of bad pairs; nobody reads more than a few alerts. */
export const MAX_PROBLEMS = 50
/**
 * Most values one repeatable parameter (author, lesson, course) or `theme` list keeps. A real view
 * picks a handful; a crafted link with 10,000 `lesson=` froze the tab for seconds (issue #18).
 */
export const MAX_REPEATS = 200
/** Longest query string read (UTF-16 units); the rest is ignored and reported. */
export const MAX_QUERY_LENGTH = 64 * 1024

const THEME_ID = /^[a-z0-9_-]{1,40}$/
const COMMENT_ID = /^[0-9a-z-]{1,40}$/
const FINGERPRINT = /^[0-9a-f]{8,64}$/
const RANGE = /^(\d*)-(\d*)$/
const SORT = /^(likes|replies|date|length)(?:\.(asc|desc))?$/

const isDate = (s: string) => parseIsoDay(s) !== null

function parseCount(s: string): number | null {
  const n = Number(s)
  return Number.isSafeInteger(n) ? n : null
}

/** `3`, `5-`, `-10`, `5-10` → range; null when unreadable or min > max. */
function parseRange(s: string): NumRange | null {
  if (/^\d+$/.test(s)) {
    const n = parseCount(s)
    return n === null ? null : { min: n, max: n }
  }
  const m = RANGE.exec(s)
  if (!m || (m[1] === '' && m[2] === '')) return null
  const min = m[1] === '' ? null : parseCount(m[1])
  const max = m[2] === '' ? null : parseCount(m[2])
  if ((m[1] !== '' && min === null) || (m[2] !== '' && max === null)) return null
  if (min !== null && max !== null && min > max) return null
  return { min, max }
}

function formatRange(r: NumRange | null): string {
  if (!r || (r.min === null && r.max === null)) return ''
  if (r.min !== null && r.min === r.max) return String(r.min)
  return `${r.min ?? ''}-${r.max ?? ''}`
}

function parseLang(s: string): ViewState['lang'] {
  // Hand-typed links use any case; only ASCII is compared, so no Unicode case folding surprises.
  if (!/^[A-Za-z-]+$/.test(s)) return null
  const l = s.toLowerCase()
  return l === 'zh' || l === 'zh-cn' ? 'zh-CN' : l === 'en' ? 'en' : null
}

type SingleParam =
  | 'q'
  | 'from'
  | 'to'
  | 'likes'
  | 'replies'
  | 'theme'
  | 'questions'
  | 'staff'
  | 'new'
  | 'dsf'
  | 'tdef'
  | 'rank'
  | 'lmeasure'
  | 'cmeasure'
  | 'lorder'
  | 'sort'
  | 'c'
  | 'ds'
  | 'lang'

/** Applies a (non-empty, readable, not too long) value; calls invalid() for what it rejects. */
type Apply = (value: string, view: ViewState, invalid: (value: string) => void) => void

const SINGLE = new Map<string, Apply>([
  [
    'q',
    (s, v) => {
      v.q = s
    },
  ],
  [
    'from',
    (s, v, bad) => {
      if (isDate(s)) v.from = s
      else bad(s)
    },
  ],
  [
    'to',
    (s, v, bad) => {
      if (isDate(s)) v.to = s
      else bad(s)
    },
  ],
  [
    'likes',
    (s, v, bad) => {
      v.likes = parseRange(s)
      if (!v.likes) bad(s)
    },
  ],
  [
    'replies',
    (s, v, bad) => {
      v.replies = parseRange(s)
      if (!v.replies) bad(s)
    },
  ],
  [
    'theme',
    (s, v, bad) => {
      // One bad id should not drop the good ones next to it; empty items (`a,,b`, trailing comma)
      // carry nothing and are skipped silently, as are repeats.
      for (const id of s.split(',')) {
        if (id === '') continue
        if (!THEME_ID.test(id)) bad(id)
        else if (!v.themes.includes(id)) v.themes.push(id)
      }
    },
  ],
  [
    'questions',
    (s, v, bad) => {
      if (s === 'all' || s === 'open') v.questions = s
      else bad(s)
    },
  ],
  [
    'staff',
    (s, v, bad) => {
      if (s === 'include' || s === 'exclude') v.staff = s
      else bad(s)
    },
  ],
  [
    'new',
    (s, v, bad) => {
      if (/^[1-9]\d{0,4}$/.test(s)) v.new = Number(s)
      else bad(s)
    },
  ],
  [
    'dsf',
    (s, v) => {
      v.dsf = s
    },
  ],
  [
    'tdef',
    (s, v) => {
      v.tdef = s
    },
  ],
  [
    'rank',
    (s, v, bad) => {
      if (s === 'comments' || s === 'authors' || s === 'likes') v.rank = s
      else bad(s)
    },
  ],
  // `comments` is the default: read as unset, so that equal views have equal URLs.
  [
    'cmeasure',
    (s, v, bad) => {
      if (/^(?:comments|likes|replies|authors|openQuestions|theme:[a-z0-9_-]{1,40})$/.test(s)) v.cmeasure = s === 'comments' ? null : s
      else bad(s)
    },
  ],
  [
    'lmeasure',
    (s, v, bad) => {
      if (s === 'comments' || s === 'likes' || s === 'openQuestions' || s === 'requests') v.lmeasure = s
      else bad(s)
    },
  ],
  [
    'lorder',
    (s, v, bad) => {
      if (s === 'course' || s === 'measure') v.lorder = s
      else bad(s)
    },
  ],
  [
    'sort',
    (s, v, bad) => {
      const m = SORT.exec(s)
      if (m) v.sort = { key: m[1] as ViewState['sort']['key'], dir: m[2] === 'asc' ? 'asc' : 'desc' }
      else bad(s)
    },
  ],
  [
    'c',
    (s, v, bad) => {
      if (COMMENT_ID.test(s)) v.c = s
      else bad(s)
    },
  ],
  [
    'ds',
    (s, v, bad) => {
      if (s === 'sample' || FINGERPRINT.test(s)) v.ds = s
      else bad(s)
    },
  ],
  [
    'lang',
    (s, v, bad) => {
      v.lang = parseLang(s)
      if (!v.lang) bad(s)
    },
  ],
] satisfies [SingleParam, Apply][])

const maxLength = (param: string) => (param === 'q' ? MAX_Q_LENGTH : param === 'tdef' ? MAX_TDEF_LENGTH : MAX_VALUE_LENGTH)

/** Cut to n UTF-16 units without leaving half a surrogate pair at the end. */
function clip(s: string, n = MAX_PROBLEM_TEXT): string {
  if (s.length <= n) return s
  const code = s.charCodeAt(n - 1)
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n)
}

// In /u mode a proper surrogate pair is one code point, so \p{Cs} only matches lone halves.
const LONE_SURROGATE = /\p{Cs}/u
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Whether a raw (still percent-encoded) value decodes to real text. URLSearchParams silently
 * turns broken UTF-8 (`%E0%A4%A`) and lone surrogates into U+FFFD; such a value is not what the
 * sender meant, so it is reported instead of applied. A '%' not followed by two hex digits is
 * kept literally (as URLSearchParams does) and is fine. Each maximal run of %XX escapes must be
 * valid UTF-8 on its own: a literal character inside a multi-byte sequence breaks it anyway.
 */
function readable(raw: string): boolean {
  if (LONE_SURROGATE.test(raw)) return false
  if (!raw.includes('%')) return true
  for (const m of raw.matchAll(PERCENT_RUN)) {
    const run = m[0]
    const bytes = new Uint8Array(run.length / 3)
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16)
    try {
      strictUtf8.decode(bytes)
    } catch {
      return false
    }
  }
  return true
}

/** Accepts '?a=b', 'a=b' or ''. Never throws. */
export function decodeView(search: string): { view: ViewState; problems: UrlProblem[] } {
  const view = defaultView()
  const problems: UrlProblem[] = []
  const report = (param: string, value: string, reason: UrlProblem['reason']) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ param: clip(param), value: clip(value), reason })
  }
  try {
    let query = typeof search === 'string' ? (search.startsWith('?') ? search.slice(1) : search) : ''
    if (query.length > MAX_QUERY_LENGTH) {
      // Cut at the last whole pair within the cap, so no value is read half.
      const cut = query.lastIndexOf('&', MAX_QUERY_LENGTH)
      const kept = cut > 0 ? cut : 0
      report('', String(query.length - kept), 'tooLong')
      query = query.slice(0, kept)
    }
    // The '&' stops URLSearchParams from stripping a second leading '?'. Its entries are the
    // non-empty '&'-separated pieces, in order, so the raw pieces line up with them one to one.
    const entries = [...new URLSearchParams('&' + query)]
    const pieces = query.split('&').filter((p) => p !== '')
    const aligned = pieces.length === entries.length
    const seen = new Set<string>()
    const multi = new Map([
      ['author', { seen: new Set<string>(), list: view.authors }],
      ['lesson', { seen: new Set<string>(), list: view.lessons }],
      ['course', { seen: new Set<string>(), list: view.courses }],
    ])
    let toAt = -1
    /** Values over MAX_REPEATS per parameter: one problem each, not one per value. */
    const over = new Map<string, number>()

    entries.forEach(([name, value], i) => {
      if (name === '' && value === '') return // a stray '=' carries nothing
      const apply = SINGLE.get(name)
      const repeatable = multi.get(name)
      if (!apply && !repeatable) return report(name, value, 'unknown')
      if (value === '') return // empty is the same as absent
      if (repeatable && repeatable.list.length >= MAX_REPEATS) {
        if (!repeatable.seen.has(value)) over.set(name, (over.get(name) ?? 0) + 1)
        return
      }
      if (apply) {
        if (seen.has(name)) return report(name, value, 'duplicate')
        seen.add(name)
      }
      const piece = aligned ? pieces[i] : ''
      const rawValue = piece.includes('=') ? piece.slice(piece.indexOf('=') + 1) : ''
      if (!readable(rawValue) || value.length > maxLength(name)) return report(name, value, 'invalid')
      if (apply) {
        if (name === 'to') toAt = problems.length // where a later from > to problem belongs
        apply(value, view, (bad) => report(name, bad, 'invalid'))
      } else if (repeatable && !repeatable.seen.has(value)) {
        repeatable.seen.add(value)
        repeatable.list.push(value)
      }
    })

    if (view.themes.length > MAX_REPEATS) over.set('theme', view.themes.splice(MAX_REPEATS).length)
    for (const [name, n] of over) report(name, String(n), 'tooMany')

    // A reversed range is read as a bad end date rather than guessed at (swapping would
    // silently show something else than the sender saw).
    if (view.from !== null && view.to !== null && view.from > view.to) {
      problems.splice(toAt, 0, { param: 'to', value: view.to, reason: 'invalid' })
      problems.length = Math.min(problems.length, MAX_PROBLEMS)
      view.to = null
    }
  } catch {
    // Not reachable as far as we know; the promise is "never throws", so fall back to the
    // default view rather than a blank page.
    return { view: defaultView(), problems: [{ param: '', value: '', reason: 'invalid' }] }
  }
  return { view, problems }
}

const pair = (name: string, value: string) => new URLSearchParams([[name, value]]).toString()

/** Canonical query string ('' or '?…'): fixed order, defaults and empties left out. */
export function encodeView(v: ViewState): string {
  const parts: string[] = []
  const add = (name: string, value: string | null) => {
    if (value) parts.push(pair(name, value))
  }
  if (v.ds !== 'sample') add('ds', v.ds)
  add('dsf', v.dsf)
  add('q', v.q)
  add('from', v.from)
  add('to', v.to)
  add('likes', formatRange(v.likes))
  add('replies', formatRange(v.replies))
  // Theme ids never need escaping; a literal comma keeps `theme=bonus,answers` readable.
  // Lists are capped as decodeView caps them, so that what is written is what a recipient reads.
  const capped = (list: string[]) => list.slice(0, MAX_REPEATS)
  if (v.themes.length) parts.push(pair('theme', capped(v.themes).join(',')).replace(/%2C/g, ','))
  for (const a of capped(v.authors)) add('author', a)
  for (const c of capped(v.courses)) add('course', c)
  for (const l of capped(v.lessons)) add('lesson', l)
  add('questions', v.questions)
  if (v.staff !== 'exclude') add('staff', v.staff)
  add('new', v.new === null ? null : String(v.new))
  add('tdef', v.tdef)
  if (v.rank !== 'comments') add('rank', v.rank)
  if (v.lmeasure !== null) add('lmeasure', v.lmeasure)
  add('cmeasure', v.cmeasure)
  if (v.lorder !== 'course') add('lorder', v.lorder)
  if (v.sort.key !== 'likes' || v.sort.dir !== 'desc') add('sort', v.sort.key + (v.sort.dir === 'asc' ? '.asc' : ''))
  add('c', v.c)
  add('lang', v.lang)
  return parts.length ? '?' + parts.join('&') : ''
}
