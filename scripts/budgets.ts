/** The first screen's budgets (issue #14 point 3), gzip bytes (kB of 1,000), and the first KPI's target. */
export const BUDGETS = { entry: 120_000, beforeKpi: 150_000, untilIdle: 330_000 } as const
export const KPI_TARGET_MS = 600
/**
 * What the check enforces where a target is not met yet: no growth past today's size. JavaScript until
 * idle is 368 kB (ECharts alone 193 kB): target 330 kB, named as not met, and held at 375 kB.
 */
export const CEILINGS: Partial<Record<keyof typeof BUDGETS, number>> = { untilIdle: 375_000 }
