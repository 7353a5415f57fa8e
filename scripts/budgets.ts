/** The first screen's budgets (issue #14 point 3), gzip bytes (kB of 1,000), and the first KPI's target. */
export const BUDGETS = { entry: 120_000, beforeKpi: 150_000, untilIdle: 330_000 } as const
export const KPI_TARGET_MS = 600
