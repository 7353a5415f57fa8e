/**
 * Dates are stored as a day number (days since 1970-01-01) plus an optional second of the day.
 * Geekbang courses live in China, so epoch timestamps are converted in Asia/Shanghai, which has
 * been a fixed UTC+8 since 1991 (no DST): a constant offset is exact and much faster than Intl.
 */
export const NO_DAY = -2147483648
export const NO_TIME = -1
const SHANGHAI_OFFSET_S = 8 * 3600
const DAY_S = 86400

/** Days since 1970-01-01 of a proleptic Gregorian calendar date (month 1–12). */
export function dayFromYmd(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000)
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return false
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

export function ymdFromDay(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * 86_400_000)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n))

/** ISO `YYYY-MM-DD`, or '' for NO_DAY. */
export function formatDay(day: number): string {
  if (day === NO_DAY) return ''
  const { y, m, d } = ymdFromDay(day)
  return `${y}-${pad2(m)}-${pad2(d)}`
}

/** `HH:mm` (with `:ss` when not on the minute), or '' for NO_TIME. */
export function formatTime(sec: number): string {
  if (sec < 0) return ''
  const h = Math.floor(sec / 3600)
  const mi = Math.floor((sec % 3600) / 60)
  const s = sec % 60
  return `${pad2(h)}:${pad2(mi)}` + (s ? `:${pad2(s)}` : '')
}

/** Strict `YYYY-MM-DD` → day number, or null. */
export function parseIsoDay(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return null
  const y = +m[1], mo = +m[2], d = +m[3]
  return isValidYmd(y, mo, d) ? dayFromYmd(y, mo, d) : null
}

export interface DayTime {
  day: number
  /** Second of the day, or NO_TIME when the source gave only a date. */
  time: number
}

/** Unix time in seconds → the Asia/Shanghai calendar day and time of day. */
export function fromEpochSeconds(sec: number): DayTime {
  const local = Math.floor(sec) + SHANGHAI_OFFSET_S
  const day = Math.floor(local / DAY_S)
  return { day, time: local - day * DAY_S }
}

// 1990-01-01 .. 2100-01-01 in seconds: a bare number outside this is not a plausible timestamp.
const MIN_EPOCH_S = 631_152_000
const MAX_EPOCH_S = 4_102_444_800

/**
 * Reads the date forms found in real exports: `YYYY-MM-DD`, `YYYY/M/D`, either with ` H:mm[:ss]`,
 * ISO 8601 with `T` and an optional zone (converted to Asia/Shanghai), `YYYY年M月D日`, and unix
 * seconds or milliseconds. Returns null when the value is not a date.
 */
export function parseDateValue(raw: string | number): DayTime | null {
  if (typeof raw === 'number') return fromEpochNumber(raw)
  const s = raw.trim()
  if (!s) return null
  if (/^\d{9,13}(\.\d+)?$/.test(s)) return fromEpochNumber(Number(s))
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(s)
  if (m) {
    const y = +m[1], mo = +m[2], d = +m[3]
    if (!isValidYmd(y, mo, d)) return null
    if (m[4] === undefined) return { day: dayFromYmd(y, mo, d), time: NO_TIME }
    const h = +m[4], mi = +m[5], se = m[6] ? +m[6] : 0
    if (h > 23 || mi > 59 || se > 59) return null
    if (m[7]) {
      // An explicit zone: convert the instant into Shanghai time.
      const z = m[7].toUpperCase()
      let offMin = 0
      if (z !== 'Z') {
        const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(z)!
        offMin = (zm[1] === '-' ? -1 : 1) * (+zm[2] * 60 + +zm[3])
      }
      const utcSec = Date.UTC(y, mo - 1, d, h, mi, se) / 1000 - offMin * 60
      return fromEpochSeconds(utcSec)
    }
    return { day: dayFromYmd(y, mo, d), time: h * 3600 + mi * 60 + se }
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s)
  if (m) {
    // M/D/YYYY as US spreadsheets write it.
    const y = +m[3], mo = +m[1], d = +m[2]
    return isValidYmd(y, mo, d) ? { day: dayFromYmd(y, mo, d), time: NO_TIME } : null
  }
  return null
}

function fromEpochNumber(n: number): DayTime | null {
  if (!Number.isFinite(n)) return null
  const sec = n > MAX_EPOCH_S ? n / 1000 : n
  if (sec < MIN_EPOCH_S || sec > MAX_EPOCH_S) return null
  return fromEpochSeconds(sec)
}
