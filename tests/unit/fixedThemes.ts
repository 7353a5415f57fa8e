import { compileTheme, type CompiledTheme, type ThemeDef } from '@/insight/themes'

/**
 * A small theme set of the tests' own, with the default themes' ids: engine, chart and
 * keyword-in-context tests count with it, so that improving the default lexicon never changes
 * their expected numbers. On the built-in sample it finds what the sample's hand labels say
 * (tests/unit/insight/builtin-labels.test.ts): 6 bonus, 4 answers, 1 materials, 2 updates,
 * 1 contact, no errata.
 */
/** A theme with nothing in it but what `over` sets (id `t`, named 测试/test, enabled). */
export const theme = (over: Partial<ThemeDef>): ThemeDef => ({
  id: 't',
  name: { zh: '测试', en: 'test' },
  objects: [],
  strong: [],
  cues: [],
  exclude: [],
  enabled: true,
  ...over,
})

const fixed = (id: string, zh: string, en: string, strong: string): ThemeDef => theme({ id, name: { zh, en }, strong: [strong] })

export const FIXED_THEMES: readonly ThemeDef[] = Object.freeze([
  fixed('bonus', '加餐与番外', 'Bonus content', '加餐|番外'),
  fixed('answers', '思考题答案', 'Exercise answers', '思考题|课后问题'),
  fixed('materials', '资料与源码', 'Materials & source code', 'pdf'),
  fixed('updates', '更新进度', 'Update pace', '催更'),
  fixed('contact', '联系方式与社群', 'Contact & community', '微信'),
  fixed('errata', '勘误', 'Errata', '勘误'),
])

export const fixedThemes = (): CompiledTheme[] => FIXED_THEMES.map((t) => compileTheme(t))
