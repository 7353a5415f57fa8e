/**
 * Focus appearance (issue #15 point 5; WCAG 2.2 2.4.13): every control reached by Tab shows a solid
 * ring at least 2 CSS px thick whose colour contrasts at least 3:1 with what it is drawn on, in light
 * and dark, at a desk and on a phone. Measured from the computed styles of each element as it has
 * focus: the ring is the element's outline, drawn on the element's own background when it is inset
 * (negative offset), else on the nearest painted background around it.
 */
import type { Page } from '@playwright/test'
import { test, expect, openApp } from './fixtures'

interface Ring {
  /** Whether this element had focus before in this walk (marked on the element). */
  again: boolean
  what: string
  style: string
  width: number
  ring: string
  behind: string
}

/** The focused element's ring and the colour behind it (CSS colour strings as computed). */
async function ringOfFocused(page: Page): Promise<Ring | null> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null
    if (!active || active === document.body) return null
    // A visually hidden file input is seen through its label (the button), which draws the ring.
    const box = active.getBoundingClientRect()
    const el = box.width < 4 || box.height < 4 ? (active.closest('label') ?? active) : active
    const cs = getComputedStyle(el)
    const painted = (e: Element | null): string => {
      for (let n = e; n; n = n.parentElement) {
        const bg = getComputedStyle(n).backgroundColor
        if (!/^rgba\(0, 0, 0, 0\)$|transparent/.test(bg)) return bg
      }
      return getComputedStyle(document.documentElement).backgroundColor
    }
    const inset = parseFloat(cs.outlineOffset) < 0
    const again = active.dataset.focusWalk === '1'
    active.dataset.focusWalk = '1'
    return {
      again,
      what: `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}${el.id ? `#${el.id}` : ''} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 24)}`,
      style: cs.outlineStyle,
      width: parseFloat(cs.outlineWidth),
      ring: cs.outlineColor,
      behind: painted(inset ? el : el.parentElement),
    }
  })
}

/** sRGB channels 0–255 and alpha of a computed colour (`rgb()`, `rgba()` or `color(srgb …)`). */
function parse(c: string): [number, number, number, number] {
  const m = c.match(/rgba?\(([^)]+)\)/)
  if (m) {
    const [r, g, b, a = '1'] = m[1].split(/[ ,/]+/).filter(Boolean)
    return [Number(r), Number(g), Number(b), Number(a)]
  }
  const s = c.match(/color\(srgb ([^)]+)\)/)
  if (s) {
    const [r, g, b, a = '1'] = s[1].split(/[ /]+/).filter(Boolean)
    return [Number(r) * 255, Number(g) * 255, Number(b) * 255, Number(a)]
  }
  throw new Error(`unknown colour ${c}`)
}
const luminance = ([r, g, b]: number[]) => {
  const lin = (v: number) => {
    const x = v / 255
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(parse(a)), luminance(parse(b))]
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

test('the contrast helper agrees with hand-checked pairs', () => {
  expect(contrast('rgb(0, 0, 0)', 'rgb(255, 255, 255)')).toBeCloseTo(21, 5)
  // #2456d6 on #ffffff: L = 0.1189, (1.05) / (0.1689) = 6.22:1.
  expect(contrast('rgb(36, 86, 214)', 'rgb(255, 255, 255)')).toBeCloseTo(6.22, 2)
  expect(contrast('color(srgb 1 1 1)', 'rgb(255, 255, 255)')).toBeCloseTo(1, 5)
})

for (const scheme of ['light', 'dark'] as const) {
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    test(`every Tab stop shows a 2 px ring at 3:1 or more, ${scheme}, ${w}×${h}`, async ({ page }) => {
      test.setTimeout(120_000)
      await page.setViewportSize({ width: w, height: h })
      await page.emulateMedia({ colorScheme: scheme })
      await openApp(page, 'lang=en')
      // The detail's controls too: open the first comment, then Tab from the top of the page.
      await page.getByTestId('comment-row').first().click()
      await expect(page.getByTestId('comment-detail')).toBeVisible()
      await page.locator('body').focus()
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      const bad: string[] = []
      let stops = 0
      for (let i = 0; i < 150; i++) {
        await page.keyboard.press('Tab')
        const r = await ringOfFocused(page)
        if (!r) continue
        if (r.again) break // around the page once
        stops++
        const ratio = contrast(r.ring, r.behind)
        if (r.style === 'none' || r.width < 2 || ratio < 3) bad.push(`${r.what}: ${r.style} ${r.width}px ${r.ring} on ${r.behind} = ${ratio.toFixed(2)}:1`)
      }
      test.info().annotations.push({ type: 'tab stops checked', description: String(stops) })
      expect(stops).toBeGreaterThan(20)
      expect(bad).toEqual([])
    })
  }
}
