/**
 * Items that arrive in any order, handed on in the order of their place `at` (0, 1, 2, …): a
 * folder's files are read many at a time and finish as they please, but are parsed in the order
 * they were picked, so that the same folder always makes the same dataset.
 */
export class InOrder<T extends { at: number }> {
  private readonly waiting = new Map<number, T>()
  /** The place of the next item to hand on. */
  next = 0

  /** Adds `items`; returns those now next in line, in order (none while one before them is missing). */
  take(items: Iterable<T>): T[] {
    for (const item of items) this.waiting.set(item.at, item)
    const ready: T[] = []
    for (let item = this.waiting.get(this.next); item; item = this.waiting.get(this.next)) {
      this.waiting.delete(this.next)
      this.next++
      ready.push(item)
    }
    return ready
  }
}
