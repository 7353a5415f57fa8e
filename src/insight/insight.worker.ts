/// <reference lib="webworker" />
/**
 * The insight worker: phrase discovery and near-duplicate grouping take from a few hundred
 * milliseconds to seconds on tens of thousands of comments; here they never block the page.
 */
import { unpackStrings } from '@/model/packed'
import { discoverPhrases } from './phrases'
import { askingSentences } from './asks'
import { groupNearDuplicates } from './duplicates'
import type { InsightRequest, InsightResponse } from './protocol'

interface WorkerScope {
  onmessage: ((e: MessageEvent<InsightRequest>) => void) | null
  postMessage(message: InsightResponse): void
}
const scope = self as unknown as WorkerScope

scope.onmessage = (e) => {
  const req = e.data
  try {
    const texts = unpackStrings(req.texts)
    if (req.type === 'phrases') {
      // What readers keep asking for: recurring phrases of the sentences that ask, not topic words.
      scope.postMessage({ type: 'phrases', phrases: discoverPhrases(texts.map(askingSentences), req.authors, req.likes, { limit: req.limit }) })
    } else
      scope.postMessage({
        type: 'duplicates',
        groups: groupNearDuplicates(texts, req.authors, req.likes, undefined, { threshold: req.threshold }).map((g) => g.rows),
      })
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) })
  }
}
