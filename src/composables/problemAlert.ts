/** How an import problem reads as an alert: its message key and params (see AlertList). */
import type { Problem } from '@/import/types'
import type { ValueProblem } from '@/model/checks'
import type { Alert } from '@/stores/alerts'

/** The params of a value out of range: `{field} should be {expected}; found {found}`. */
export function checkParams(c: ValueProblem): Pick<Alert, 'params' | 'paramKeys'> {
  return { params: { field: c.field, found: c.found, min: c.min ?? '', max: c.max ?? '' }, paramKeys: { expected: `check.expected.${c.rule}` } }
}

export function problemMessage(p: Problem): Pick<Alert, 'key' | 'params' | 'paramKeys'> {
  const params: Record<string, string | number> = p.count === undefined ? { file: p.file } : { file: p.file, n: p.count }
  if (!p.check) return { key: `problem.${p.code}`, params }
  const c = checkParams(p.check)
  return { key: 'check.inFile', params: { ...params, ...c.params }, paramKeys: c.paramKeys }
}
