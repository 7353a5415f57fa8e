/**
 * Trusted Types: the built app's CSP says `require-trusted-types-for 'script'`, so the browser
 * refuses every string written to an HTML or script sink (`innerHTML`, `new Worker(url)`, …)
 * unless a policy allowed it. Two policies are allowed by the CSP (`trusted-types vue default`):
 *
 * - `vue`: Vue's own, for the static parts of our compiled templates (v-html is banned by lint);
 * - `default` (here): what libraries write without a policy. ECharts and zrender only *clear*
 *   elements (`innerHTML = ''`: tooltips are DOM nodes, see charts/tooltip.ts), and our workers
 *   are same-origin scripts. Anything else — markup from a string, a script URL elsewhere — is
 *   refused and reported as a CSP violation: a data string can never become markup.
 *
 * Imported first by main.ts, before any library can write to a sink.
 */
interface PolicyFactory {
  createPolicy(
    name: string,
    rules: { createHTML?: (s: string) => string | null; createScriptURL?: (s: string) => string | null; createScript?: (s: string) => string | null },
  ): unknown
}

/** The default policy's rules, pure so they are unit-tested. */
export const defaultPolicyRules = (origin: string) => ({
  createHTML: (s: string): string | null => (s === '' ? s : null),
  createScriptURL: (s: string): string | null => {
    try {
      const u = new URL(s, origin)
      return u.origin === origin && (u.protocol === 'http:' || u.protocol === 'https:') ? s : null
    } catch {
      return null
    }
  },
  createScript: (): null => null,
})

const tt = typeof window !== 'undefined' ? (window as unknown as { trustedTypes?: PolicyFactory }).trustedTypes : undefined
if (tt) {
  try {
    tt.createPolicy('default', defaultPolicyRules(window.location.origin))
  } catch {
    // A second `default` (a hot reload in dev) is refused by the browser; the first one stands.
  }
}
