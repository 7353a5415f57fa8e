/** The first screen's budgets (issue #14 point 3), gzip bytes (kB of 1,000), and the first KPI's target. */
export const BUDGETS = { entry: 120_000, beforeKpi: 150_000, untilIdle: 330_000 } as const
export const KPI_TARGET_MS = 600
/**
 * What the check enforces: today's sizes and a small margin, so that a regression fails `npm run
 * size` before it eats the budget. Measured 2026-12-06 (session 15: the page never computes
 * indexes, so question detection and theme-mask matching left the first screen's script): entry
 * 106.4 kB, before the first KPI 121.0 kB, until idle 325.4 kB (ECharts for the four charts in view
 * is 181 kB of it).
 */
export const CEILINGS: Partial<Record<keyof typeof BUDGETS, number>> = { entry: 107_500, beforeKpi: 122_000, untilIdle: 327_000 }
