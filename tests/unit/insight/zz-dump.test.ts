import { it } from 'vitest'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { importSources } from '@/import/pipeline'
import { compileTheme, DEFAULT_THEMES, matchThemes } from '@/insight/themes'
import { isQuestion } from '@/insight/questions'
import { loadBuiltin } from '/work/main/tests/unit/support'
it('dump', () => {
  const th = DEFAULT_THEMES.map((t) => compileTheme(t))
  const ds = loadBuiltin()
  let out = ''
  for (let i = 0; i < ds.n; i++) out += `#${i + 1} ${ds.authors[ds.author[i]]} [${matchThemes(ds.text[i], th).map((m) => DEFAULT_THEMES[m.theme].id)}] Q=${isQuestion(ds.text[i])}\n${ds.text[i]}\n---\n`
  writeFileSync('/tmp/cl/builtin.txt', out)
  const dir = '/work/shared/data/real/ddd'
  let o2 = ''
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) {
    const b = readFileSync(`${dir}/${f}`)
    try {
      const r = importSources([{ name: f, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) }])
      const d = r.dataset
      for (let i = 0; i < d.n; i++) o2 += `== ${f} ${i} [${matchThemes(d.text[i], th).map((m) => DEFAULT_THEMES[m.theme].id)}]\n${d.text[i]}\n`
    } catch (e) { o2 += `== ${f} ERROR ${String(e)}\n` }
  }
  writeFileSync('/tmp/cl/ddd.txt', o2)
})
