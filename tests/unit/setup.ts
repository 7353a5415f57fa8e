// The request lexicon is a lazily loaded data file (src/insight/lexicon.ts): load it before any test
// module reads the default themes, as the app does before it mounts.
import { loadLexicon } from '@/insight/lexicon'

await loadLexicon()
