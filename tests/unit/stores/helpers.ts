import { createPinia, setActivePinia } from 'pinia'

/**
 * A fresh store world for one test: a new Pinia and the address bar at `/` (+ `search`); this
 * browser's localStorage is emptied unless `keepStorage` (a reload: the same browser, new stores).
 * Stores are created by the test after this, as the app creates them after reading the address.
 */
export function freshStores(search = '', { keepStorage = false } = {}): void {
  if (!keepStorage) localStorage.clear()
  history.replaceState(null, '', `/${search}`)
  setActivePinia(createPinia())
}
