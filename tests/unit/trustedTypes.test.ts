import { describe, expect, it } from 'vitest'
import { defaultPolicyRules } from '@/trustedTypes'

describe('the Trusted Types default policy', () => {
  const rules = defaultPolicyRules('https://lens.example')

  it('lets libraries clear an element, and nothing else become markup', () => {
    expect(rules.createHTML('')).toBe('')
    expect(rules.createHTML('<b>x</b>')).toBeNull()
    expect(rules.createHTML(' ')).toBeNull()
  })

  it('lets the app start its own workers, from its own origin only', () => {
    expect(rules.createScriptURL('https://lens.example/assets/import.worker-1a2b.js')).toBe('https://lens.example/assets/import.worker-1a2b.js')
    expect(rules.createScriptURL('/sub/assets/x.js')).toBe('/sub/assets/x.js')
    expect(rules.createScriptURL('https://evil.example/x.js')).toBeNull()
    expect(rules.createScriptURL('data:text/javascript,alert(1)')).toBeNull()
    expect(rules.createScriptURL('blob:https://lens.example/3f2a')).toBeNull()
    expect(rules.createScriptURL('javascript:alert(1)')).toBeNull()
  })

  it('never runs a string as script', () => {
    expect(rules.createScript()).toBeNull()
  })
})
