/**
 * Dates are stored as a day number (days since 1970-01-01) plus an optional second of the day.
 * Geekbang courses live in China, so epoch timestamps are converted in Asia/Shanghai, which has
 * been a fixed UTC+8 since 1991 (no DST): a constant offset is exact and much faster than Intl.
 */
export const NO_DAY = -2147483648
export const NO_TIME = -1
const SHANGHAI_OFFSET_S = 8 * 3600
const DAY_S = 86400

/**
 * The calendar years a stored or imported date may fall in: every importer reads dates in this
 * range only (isValidYmd; epoch numbers are narrower still), and the dataset file and stored
 * datasets are checked against it, so no date code ever sees a span of millennia.
 */
export const MIN_YEAR = 1970
export const MAX_YEAR = 2200

/**
 * Days since 1970-01-01 of a proleptic Gregorian calendar date (month 1–12). Plain arithmetic
 * (H. Hinnant's days_from_civil), exact for any year, where Date gives NaN past ±273,790 years.
 */
export function dayFromYmd(y: number, m: number, d: number): number {
  // Months past 12 or below 1 roll into the year, as Date.UTC does (nextPeriod relies on it).
  y += Math.floor((m - 1) / 12)
  m = ((((m - 1) % 12) + 12) % 12) + 1
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** First and last day numbers of the accepted range (1970-01-01 and 2200-12-31). */
export const MIN_DAY = dayFromYmd(MIN_YEAR, 1, 1)
export const MAX_DAY = dayFromYmd(MAX_YEAR, 12, 31)

/** Whether a day number is a date in the accepted range (NO_DAY is not). */
export function isDayInRange(day: number): boolean {
  return Number.isInteger(day) && day >= MIN_DAY && day <= MAX_DAY
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return false
  return d <= daysInMonth(y, m)
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

/** The calendar date of a day number (H. Hinnant's civil_from_days): any integer, no Date. */
export function ymdFromDay(day: number): { y: number; m: number; d: number } {
  const z = day + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d }
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
  const y = +m[1],
    mo = +m[2],
    d = +m[3]
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
    const y = +m[1],
      mo = +m[2],
      d = +m[3]
    if (!isValidYmd(y, mo, d)) return null
    if (m[4] === undefined) return { day: dayFromYmd(y, mo, d), time: NO_TIME }
    const h = +m[4],
      mi = +m[5],
      se = m[6] ? +m[6] : 0
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
    const y = +m[3],
      mo = +m[1],
      d = +m[2]
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
