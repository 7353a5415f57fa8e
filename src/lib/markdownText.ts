/**
 * Data text inside Markdown we write (the requests report, the import report): one home for the
 * escaping, so a file name, a lesson title or a comment never becomes a link, an image, a heading or
 * raw HTML in whatever renders the file.
 */

// Characters CommonMark/GFM give a meaning inline: emphasis, code, links, table cells, strikethrough.
const INLINE_SPECIAL = /[\\`*_[\]|~]/g
// An HTML entity a renderer would decode (`&lt;`): its `&` is escaped so the text shows as typed.
const ENTITY = /&(?=#\d+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;)/gi
// What starts a block at the beginning of a line: heading, list item, ordered list item, setext/rule.
const BLOCK_START = /^(#|[-+=]|\d+[.)])/

/**
 * Data text as one line of inert Markdown: whitespace runs (line breaks included) become one
 * space, Markdown punctuation is backslash-escaped, `<`/`>` become entities (so neither HTML nor a
 * blockquote can start), and a block marker at the start is escaped.
 */
export function escapeMarkdown(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim()
  const out = one
    .replace(ENTITY, '&amp;')
    .replace(INLINE_SPECIAL, (c) => '\\' + c)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
  return out.replace(BLOCK_START, (m) => (m.length === 1 ? '\\' + m : m.slice(0, -1) + '\\' + m.slice(-1)))
}
