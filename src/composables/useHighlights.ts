/** Highlight spans for a comment: the search terms and the words its request themes matched. */
import { computed } from 'vue'
import { parseSearch, searchSpans } from '@/query/search'
import { matchThemes } from '@/insight/themes'
import type { DatasetColumns } from '@/model/dataset'
import { useViewStore } from '@/stores/view'
import { useQueryStore } from '@/stores/query'

export function useHighlights() {
  const view = useViewStore()
  const q = useQueryStore()
  const search = computed(() => parseSearch(view.view.q))
  return {
    searchSpans: (text: string) => searchSpans(text, search.value),
    /** `row`: the comment's row in the dataset in view; its detected themes narrow what is tried. */
    themeMatches: (text: string, row?: number, ds?: DatasetColumns) => {
      const d = q.detected
      const only = row !== undefined && d && d.ds === ds ? d.themeMask[row] : -1
      return matchThemes(text, q.compiled, only)
    },
  }
}
