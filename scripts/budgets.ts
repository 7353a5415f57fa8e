/** The first screen's budgets (issue #14 point 3), gzip bytes (kB of 1,000), and the first KPI's target. */
export const BUDGETS = { entry: 120_000, beforeKpi: 150_000, untilIdle: 330_000 } as const
export const KPI_TARGET_MS = 600
/**
 * What the check enforces where a target is not met yet: no growth past today's size (2026-12-05, after
 * the keyboard, security and first-screen work met): the entry 121.6 kB (target 120), JavaScript until
 * idle 375 kB (target 330; ECharts alone 193 kB). Each is printed as NOT MET and held here.
 */
export const CEILINGS: Partial<Record<keyof typeof BUDGETS, number>> = { entry: 123_000, untilIdle: 380_000 }
