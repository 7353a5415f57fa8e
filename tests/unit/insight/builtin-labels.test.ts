import { describe, expect, it } from 'vitest'
import { isQuestion } from '@/insight/questions'
import { predictor } from './evaluate'
import { loadBuiltin } from '../support'
import { LABELS } from './builtin-labels'

describe('built-in sample, hand-labelled', () => {
  const ds = loadBuiltin()
  const predict = predictor()

  it('has the 20 comments in file order', () => {
    expect(ds.n).toBe(20)
    expect(Array.from(ds.author, (a) => ds.authors[a])).toEqual(LABELS.map((l) => l.author))
  })

  it.each(LABELS.map((l, i) => [i + 1, l.author, l] as const))('#%i %s: themes and question flag', (i, _author, label) => {
    const text = ds.text.get(i - 1)
    expect(predict(text).sort()).toEqual([...label.themes].sort())
    expect(isQuestion(text)).toBe(label.question)
  })
})
