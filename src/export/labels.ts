/**
 * The labels file (*Download labels*): every comment's themes (as corrected) and question flag in
 * the labelling guide's format (insight/corrections.ts, labelsOf), one label a line.
 */
import type { LabelRecord } from '@/insight/corrections'

/** Labels from..to, each on its own line after the separator it needs (the file opens with `[` and a line break). */
export function labelLines(labels: readonly LabelRecord[], from = 0, to = labels.length): string {
  let out = ''
  for (let i = from; i < to; i++) out += (i === 0 ? '  ' : ',\n  ') + JSON.stringify(labels[i])
  return out
}

export const LABELS_HEAD = '[\n'
export const LABELS_TAIL = '\n]\n'

export function labelsFile(labels: readonly LabelRecord[]): string {
  return LABELS_HEAD + labelLines(labels) + LABELS_TAIL
}
