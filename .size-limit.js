// Bundle budgets. The first screen's (entry, JavaScript before the first KPI and until idle) are
// counted as a browser fetches them, in Chromium: scripts/size.ts, which `npm run size` runs after
// this file's checks. Here: lazy chunks with budgets of their own.
export default [
  {
    // The request lexicon (src/insight/data/request-lexicon.json), a lazy chunk of its own (issue #12: ≤ 100 KB).
    name: 'request lexicon (lazy)',
    path: 'dist/assets/request-lexicon-*.js',
    gzip: true,
    limit: '100 KB',
  },
]
