// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { useAlertsStore } from '@/stores/alerts'
import { freshStores } from './helpers'

describe('alerts store', () => {
  beforeEach(() => freshStores())

  it('shows alerts in the order they came, each with its own id', () => {
    const a = useAlertsStore()
    const one = a.push({ kind: 'error', key: 'x.one' })
    const two = a.push({ kind: 'info', key: 'x.two' })
    expect(one).not.toBe(two)
    expect(a.alerts.map((x) => [x.id, x.key])).toEqual([
      [one, 'x.one'],
      [two, 'x.two'],
    ])
  })

  it('dismissing one alert leaves the others', () => {
    const a = useAlertsStore()
    a.push({ kind: 'error', key: 'x.one' })
    const two = a.push({ kind: 'error', key: 'x.two' })
    a.push({ kind: 'error', key: 'x.three' })
    a.dismiss(two)
    expect(a.alerts.map((x) => x.key)).toEqual(['x.one', 'x.three'])
  })

  it('each source replaces only its own alerts: clearing the address alerts keeps the import and theme ones', () => {
    const a = useAlertsStore()
    a.push({ kind: 'error', key: 'import.bad', group: 'import' })
    a.push({ kind: 'warning', key: 'url.bad', group: 'url' })
    a.push({ kind: 'error', key: 'themes.bad', group: 'themes' })
    a.push({ kind: 'info', key: 'free' })
    a.clearGroup('url')
    expect(a.alerts.map((x) => x.key)).toEqual(['import.bad', 'themes.bad', 'free'])
    a.push({ kind: 'warning', key: 'url.next', group: 'url' })
    a.clearGroup('import')
    expect(a.alerts.map((x) => x.key)).toEqual(['themes.bad', 'free', 'url.next'])
  })

  it('clearing one kind keeps the other kinds; clearing without a kind empties the list', () => {
    const a = useAlertsStore()
    a.push({ kind: 'error', key: 'e' })
    a.push({ kind: 'warning', key: 'w' })
    a.push({ kind: 'info', key: 'i' })
    a.clear('warning')
    expect(a.alerts.map((x) => x.key)).toEqual(['e', 'i'])
    a.clear()
    expect(a.alerts).toEqual([])
  })
})
