/**
 * The costliest theme sets a `tdef` link can carry that the work budget still admits (issue #18):
 * every default theme deleted, then themes filled with alternatives that start with a comma or
 * the commonest character and hold `*` gaps — the shape of the 50-second link — one at a time
 * until the budget refuses the next. Used by `npm run bench:themecost` and written as the browser
 * test's fixture (tests/fixtures/links/worst-tdef.txt; a unit test checks it is current).
 */
import { planThemes } from '../src/insight/themeCost'
import type { ThemeDef } from '../src/insight/themes'

const COMMON = '的是了我不在有这个们中来上大为和到说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现'

export const SHAPES: Record<string, (i: number) => string> = {
  'comma, one gap (，*的)': (i) => `，*${COMMON[i % COMMON.length]}`,
  'comma, two gaps (，*的*，)': (i) => `，*${COMMON[i % COMMON.length]}*，`,
  'common character, two gaps (的*的*了)': (i) => `的*${COMMON[i % COMMON.length]}*了`,
  // Shapes the prefix tree of alternatives (patterns.ts) cannot fold into one class: after the
  // shared start and gap, a different character each with a different rest.
  'comma, gaps between two varying characters (，*的*是)': (i) => `，*${COMMON[i % COMMON.length]}*${COMMON[(i * 7 + 3) % COMMON.length]}`,
  'varying first character, gap, varying character (的*是)': (i) => `${COMMON[i % COMMON.length]}*${COMMON[(i * 13 + 5) % COMMON.length]}`,
}

const theme = (id: string, objects: string[]): ThemeDef => ({ id, name: { zh: id, en: id }, objects, strong: [], cues: [], exclude: [], enabled: true })

/** The fullest set of one shape within the budget, as themes (defaults deleted). */
export function worstSet(shape: (i: number) => string, cues: string[]): ThemeDef[] {
  const themes: { id: string; terms: string[][] }[] = []
  const build = () =>
    themes.map((t) =>
      theme(
        t.id,
        t.terms.map((a) => a.join('|')),
      ),
    )
  let i = 0
  for (let k = 0; k < 4; k++) {
    const t = { id: `w${k}`, terms: [[]] as string[][] }
    themes.push(t)
    for (;;) {
      let term = t.terms[t.terms.length - 1]
      // Forty alternatives per term (as the pattern language keeps), eighty terms per list.
      if (term.length === 40) {
        if (t.terms.length === 80) break
        t.terms.push((term = []))
      }
      term.push(shape(i++))
      if (!planThemes(build(), cues).ok) {
        term.pop()
        break
      }
    }
    t.terms = t.terms.filter((x) => x.length > 0)
    if (t.terms.length === 0) themes.pop()
  }
  return build()
}

/** The set as a `tdef` value: the default themes deleted, the worst themes added. */
export function worstTdef(set: ThemeDef[], defaultIds: string[]): string {
  return JSON.stringify({ v: 1, t: set.map((t) => ({ id: t.id, zh: t.id, en: t.id, o: t.objects })), d: defaultIds })
}
