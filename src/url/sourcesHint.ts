import type { DatasetColumns } from '@/model/dataset'

/** The longest file list a share link carries, URL-encoded. */
export const MAX_DSF_ENCODED = 1000

/**
 * The file names a recipient needs, for the URL's `dsf` — only while the list is short: a link is
 * pasted into chats and mail, and a ten-course upload's 600 names would make it 8,000 characters.
 * A longer list is left out (null): the fingerprint alone names the dataset, and a recipient
 * without it is told to upload the same files or the dataset file.
 */
export function sourcesHint(ds: Pick<DatasetColumns, 'sources'>): string | null {
  // Newlines separate names: lesson titles hold '|' (`01 | 开篇词`), never a line break.
  // Measured a name at a time, stopping past the limit: encoding ten thousand paths at once took 250 ms.
  let encoded = 0
  for (const [i, name] of ds.sources.entries()) {
    encoded += encodeURIComponent(name).length + (i > 0 ? 3 : 0)
    if (encoded > MAX_DSF_ENCODED) return null
  }
  return ds.sources.join('\n') || null
}
