import { describe, expect, it } from 'vitest'
import { memoryBudget } from '@/import/importFiles'

describe('memory budget', () => {
  it('is a quarter of the device memory, never more than 1 GB', () => {
    expect(memoryBudget(8)).toBe(1024 ** 3)
    expect(memoryBudget(2)).toBe(512 * 1024 ** 2)
    expect(memoryBudget(0.5)).toBe(128 * 1024 ** 2)
  })
})
