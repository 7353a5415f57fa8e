import type { NumRange } from '@/model/view'

export function sameRange(a: NumRange | null, b: NumRange | null): boolean {
  return !!a && !!b && a.min === b.min && a.max === b.max
}
