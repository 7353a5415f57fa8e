import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n, browserLocale, parseLocale } from './i18n'
import { usePrefsStore } from './stores/prefs'
import { useDatasetStore } from './stores/dataset'
import './assets/main.css'

async function start() {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  app.use(i18n)
  const params = new URLSearchParams(location.search)
  const prefs = usePrefsStore(pinia)
  await prefs.setLocale(parseLocale(params.get('lang')) ?? browserLocale())
  app.mount('#app')
  await useDatasetStore(pinia).loadSample()
}

void start()
