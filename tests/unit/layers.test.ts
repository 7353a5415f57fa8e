/**
 * The layers the linter holds (issue #16): a planted import cycle and a planted Vue import in a pure
 * folder each fail `eslint`, which `npm test` runs first. The planted files live for the test only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ESLint } from 'eslint'

const ROOT = join(__dirname, '../..')
const DIR = join(ROOT, 'src/query/__planted__')
const files = {
  a: join(DIR, 'a.ts'),
  b: join(DIR, 'b.ts'),
  vue: join(DIR, 'usesVue.ts'),
  store: join(DIR, 'usesStore.ts'),
  fine: join(DIR, 'fine.ts'),
}

beforeAll(() => {
  mkdirSync(DIR, { recursive: true })
  writeFileSync(files.a, "import { b } from './b'\nexport const a = (): number => b() + 1\n")
  writeFileSync(files.b, "import { a } from './a'\nexport const b = (): number => (a.length > 0 ? 1 : 0)\n")
  writeFileSync(files.vue, "import { ref } from 'vue'\nexport const count = ref(0)\n")
  writeFileSync(files.store, "import { useViewStore } from '@/stores/view'\nexport const view = () => useViewStore()\n")
  writeFileSync(files.fine, "import { normalizeTitle } from '@/model/view'\nexport const title = (s: string) => normalizeTitle(s)\n")
})
afterAll(() => rmSync(DIR, { recursive: true, force: true }))

async function rulesBroken(file: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: ROOT }).lintFiles([file])
  return result.messages.map((m) => m.ruleId ?? m.message)
}

describe('the linter holds the layers', () => {
  it('fails a cycle between two modules', async () => {
    expect(await rulesBroken(files.a)).toEqual(['import-x/no-cycle'])
    expect(await rulesBroken(files.b)).toEqual(['import-x/no-cycle'])
  })

  it('fails Vue or a store imported by a pure module, and passes a pure import', async () => {
    expect(await rulesBroken(files.vue)).toEqual(['no-restricted-imports'])
    expect(await rulesBroken(files.store)).toEqual(['no-restricted-imports'])
    expect(await rulesBroken(files.fine)).toEqual([])
  })
})
