import { MAX_TDEF } from '@/insight/themeCodec'

const CH = '的是了我不在有这个们中来上大为和到说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现'

/**
 * The crafted link of issue #18 (a page frozen 50 s): one theme with as many alternatives as `tdef`
 * holds, each `，*x*，` (two gaps, a comma first). Far over the work budget: it must be refused.
 */
export function craftedTdef(): string {
  const terms: string[] = []
  let i = 0
  for (let len = 40; len < MAX_TDEF - 300;) {
    const t = Array.from({ length: 40 }, () => `，*${CH[i++ % CH.length]}*，`).join('|')
    terms.push(t)
    len += t.length + 3
  }
  return JSON.stringify({ v: 1, t: [{ id: 'x', zh: 'x', en: 'x', o: terms }] })
}
