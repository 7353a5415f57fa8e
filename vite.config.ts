import { fileURLToPath, URL } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'

/**
 * The Content-Security-Policy of the built app. Only added to the production build: the dev
 * server injects inline HMR styles and websocket connections that a strict policy would block.
 * 'unsafe-inline' for styles only: ECharts renders tooltips with inline style attributes.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src https: data:',
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  'upgrade-insecure-requests',
  // Strings never reach an HTML or script sink unchecked: see src/trustedTypes.ts.
  "require-trusted-types-for 'script'",
  'trusted-types vue default',
].join('; ')

function contentSecurityPolicy(): Plugin {
  return {
    name: 'comment-lens:csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      )
    },
  }
}

export default defineConfig({
  // Relative asset paths: the build works from any host and any sub-path.
  base: './',
  plugins: [
    // Composition API only: the Options API's runtime is dropped from the bundle.
    vue({ features: { optionsAPI: false } }),
    // Messages compiled at build time, so the message compiler stays out of the bundle (issue #14).
    // Unit tests read the locale modules as the strings they are written in (the full build compiles them).
    ...(process.env.VITEST
      ? []
      : [
          VueI18nPlugin({
            include: [fileURLToPath(new URL('./src/i18n/locales/**', import.meta.url))],
            runtimeOnly: true,
            compositionOnly: true,
            fullInstall: false,
            dropMessageCompiler: true,
            // Messages quote markup as text (“<li>”); nothing renders a message as HTML (no v-html).
            strictMessage: false,
          }),
        ]),
    contentSecurityPolicy(),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The built-in sample is fetched, not inlined, so keep small assets as files too
    // (img-src allows data:, but the sample is text and CSP connect-src is 'self').
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        advancedChunks: {
          // The parsers a column preview needs (papaparse, entities) stay out of the first screen's
          // chunks: left alone, Rolldown merged them into a chunk the entry imports (issue #14).
          groups: [
            // What the first screen shares with the parsers (dates, value checks, import errors) stays with it.
            { name: 'checks', test: /src[\\/](model[\\/](dates|checks)|import[\\/]types)\.ts$/, priority: 2 },
            // ECharts and zrender in one chunk of their own but for the legend, which only the trend chart
            // (below the first screen) draws, and the tooltip, which waits for a pointer or focus on a
            // chart: src/charts/echartsLegend.ts and echartsTooltip.ts register them when needed.
            {
              name: 'chartlib',
              priority: 1,
              test: /node_modules[\\/](echarts[\\/](?!lib[\\/]component[\\/](legend|tooltip|axisPointer)[\\/])|zrender[\\/])/,
            },
            {
              name: 'parsers',
              priority: 1,
              test: /node_modules[\\/](papaparse|entities|htmlparser2|domhandler|domutils|dom-serializer)[\\/]|src[\\/]import[\\/](preview|fields|json|decode|csv|csvScan|detect)\.ts$/,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
})
