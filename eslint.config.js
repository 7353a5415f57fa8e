import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import prettierOff from 'eslint-config-prettier/flat'

export default defineConfigWithVueTs(
  { name: 'app/files-to-lint', files: ['**/*.{ts,mts,vue}'] },
  {
    name: 'app/ignores',
    ignores: ['dist/**', '.bench-*/**', 'scratch/**', 'coverage/**', 'test-results/**', 'playwright-report/**', 'node_modules/**'],
  },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    name: 'app/rules',
    rules: {
      // Comment text is data, never markup.
      'vue/no-v-html': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Comment text is data: use textContent.' },
        { property: 'outerHTML', message: 'Comment text is data.' },
        { property: 'insertAdjacentHTML', message: 'Comment text is data.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[options], ImportDeclaration[attributes.length>0]',
          message: "No import attributes: Vite's dev server serves JSON as JavaScript, which a browser refuses under `with { type: 'json' }`.",
        },
      ],
    },
  },
  {
    // Layers the linter holds: no import cycle anywhere in the app.
    name: 'app/layers',
    files: ['src/**/*.{ts,vue}'],
    plugins: { 'import-x': importX },
    settings: {
      // Cycles are followed through TypeScript modules; components import components in a tree,
      // and no module below them may import one (the layer rules below).
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/ignore': ['\\.vue$'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.app.json', extensions: ['.ts', '.vue', '.js'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-unresolved': 'error',
    },
  },
  {
    // The pure layers know nothing of Vue: they run in workers, in Node (tests, benchmarks) and
    // under any UI. A store, a component, a composable or Vue itself imported here fails the lint.
    name: 'app/pure-layers',
    files: ['src/{model,query,insight,import,url,charts,export,persist,lib}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vue', 'pinia', 'vue-i18n'].map((name) => ({
            name,
            message: 'Pure modules know nothing of Vue: pass values in, or move this to a store or composable.',
          })),
          patterns: [
            {
              group: ['@vueuse/*', '@/stores/*', '@/components/*', '@/composables/*', '*.vue', '**/stores/*', '**/components/*', '**/composables/*'],
              message: 'Pure modules know nothing of Vue, stores, components or composables.',
            },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (`npm run format`); the style rules that would fight it are off.
  prettierOff,
)
