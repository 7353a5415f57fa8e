// First: the Trusted Types default policy must exist before any library writes to a sink.
import './trustedTypes'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n, browserLocale } from './i18n'
import { usePrefsStore } from './stores/prefs'
import { SAMPLE_KEY, useDatasetStore } from './stores/dataset'
import { useLibraryStore } from './stores/library'
import { useViewStore } from './stores/view'
import { useAlertsStore } from './stores/alerts'
import { useThemesStore } from './stores/themes'
import { MAX_QUERY_LENGTH, MAX_REPEATS, type UrlProblem } from './url/codec'
import { loadLexicon, useLexicon } from './insight/lexicon'
import './assets/main.css'

/** Shows what the address could not apply; replaces the previous address's problems, nothing else. */
function reportUrlProblems(problems: UrlProblem[]) {
  const alerts = useAlertsStore()
  alerts.clearGroup('url')
  for (const p of problems) {
    if (p.reason === 'tooMany' || p.reason === 'tooLong') {
      const max = p.reason === 'tooMany' ? MAX_REPEATS : MAX_QUERY_LENGTH
      alerts.push({ kind: 'warning', group: 'url', key: `url.${p.reason}`, params: { param: p.param, count: Number(p.value), max } })
    } else {
      alerts.push({
        kind: 'warning',
        group: 'url',
        key: 'url.problem',
        params: { param: p.param, value: p.value },
        paramKeys: { reason: `url.reason.${p.reason}` },
      })
    }
  }
}

async function start() {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  app.use(i18n)
  const view = useViewStore(pinia)
  const prefs = usePrefsStore(pinia)
  const problems = view.readUrl()
  // The first screen's data travels beside the locale and the lexicon, not after them.
  if (view.view.ds === SAMPLE_KEY) useDatasetStore(pinia).prefetchSample()
  // The request lexicon is a chunk of its own, fetched beside the locale. Without it the app still
  // works, with no default request themes, and says so.
  const [, lexicon] = await Promise.all([
    prefs.setLocale(view.view.lang ?? browserLocale()),
    loadLexicon().then(
      () => true,
      () => false,
    ),
  ])
  if (!lexicon) {
    useLexicon({ version: 0, cues: [], themes: [] })
    useAlertsStore(pinia).push({ kind: 'error', key: 'themes.lexiconFailed' })
  }
  app.mount('#app')
  reportUrlProblems(problems)
  useThemesStore(pinia).init()
  const dataset = useDatasetStore(pinia)
  const library = useLibraryStore(pinia)
  // Back/Forward: the address bar is the view, the dataset included.
  window.addEventListener('popstate', () => {
    reportUrlProblems(view.readUrl())
    if (view.view.lang && view.view.lang !== prefs.locale) void prefs.setLocale(view.view.lang)
    if (view.view.ds !== dataset.current?.key) void library.open(view.view.ds, view.view.dsf)
  })
  void library.refreshStored()
  await library.open(view.view.ds, view.view.dsf)
  void library.sweepStorage()
}

void start()
