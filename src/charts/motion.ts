/**
 * Whether chart updates may animate on this device. A filter change redraws every chart, and their
 * update animations run in the same frames: each frame repaints them all. Where the charts' paints
 * add up to more than a frame (a phone, a machine painting canvases in software: 40–110 ms frames
 * measured), an animation only makes the page stutter, so updates are drawn at once there.
 */

/** One frame at 60 Hz. */
export const FRAME_MS = 16

export class PaintBudget {
  /** Each chart's last draw (setOption: layout and first paint), ms. */
  private readonly last = new Map<string, number>()

  record(chart: string, ms: number): void {
    this.last.set(chart, ms)
  }

  forget(chart: string): void {
    this.last.delete(chart)
  }

  /** Whether the charts' last draws, painted in one frame, fit in it. */
  allowsAnimation(budgetMs = FRAME_MS): boolean {
    let sum = 0
    for (const ms of this.last.values()) sum += ms
    return sum <= budgetMs
  }
}

/** The dashboard's charts share one budget. */
export const paintBudget = new PaintBudget()
