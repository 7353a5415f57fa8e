// Bundle budget: the JavaScript the first screen loads (the entry script and the chunks
// index.html preloads), gzip. Lazy chunks (locales, charts loaded later, the worker) are not
// counted. The file list is read from the built index.html so it follows Vite's chunking.
import { readFileSync, existsSync } from 'node:fs'

function firstLoadScripts() {
  const html = existsSync('dist/index.html') ? readFileSync('dist/index.html', 'utf8') : ''
  const refs = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => 'dist/' + m[1])
  return refs.length ? refs : ['dist/assets/*.js']
}

export default [
  {
    name: 'first-load JavaScript',
    path: firstLoadScripts(),
    gzip: true,
    limit: '250 KB',
  },
  {
    // The request lexicon (src/insight/data/request-lexicon.json), a lazy chunk of its own (issue #12: ≤ 100 KB).
    name: 'request lexicon (lazy)',
    path: 'dist/assets/request-lexicon-*.js',
    gzip: true,
    limit: '100 KB',
  },
]
