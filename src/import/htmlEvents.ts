/**
 * HTML events (open tag, text, close tag) from htmlparser2's Tokenizer, with the element stack
 * kept here, in linear time. htmlparser2's own Parser keeps its stack with `unshift`/`shift` and
 * looks close tags up with `indexOf`: 200,000 unclosed `<li><div>` made that quadratic (minutes in
 * the worker). Here the stack is pushed and popped at its end, and a close tag is looked up only
 * when an element of its name is open (a count per name): every element is pushed and popped
 * once, so a document costs time in proportion to its length, however deep it nests.
 *
 * The events are the Parser's for an HTML document (lower-cased names, entities decoded, void
 * elements, `<li>` closing an open `<li>` and the other implied closes, `</p>` and `</br>` alone),
 * which is what the lesson reader was written against. Foreign content (SVG name casing) is not
 * followed: no comment block is inside an `<svg>`.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2'

export interface HtmlHandler {
  /** `at`: offset of the tag's `<` in the text. */
  onopentag(name: string, attrs: Record<string, string>, at: number): void
  ontext(data: string): void
  onclosetag(name: string, implied: boolean): void
}

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
])

const formTags = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'])
const pTag = new Set(['p'])
const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p'])
const tableSectionTags = new Set(['thead', 'tbody'])
const ddtTags = new Set(['dd', 'dt'])
const rtpTags = new Set(['rt', 'rp'])
/** An opening tag closes these when they are the current element (htmlparser2's table). */
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', pTag],
  ['h1', headingTags],
  ['h2', headingTags],
  ['h3', headingTags],
  ['h4', headingTags],
  ['h5', headingTags],
  ['h6', headingTags],
  ['select', formTags],
  ['input', formTags],
  ['output', formTags],
  ['button', formTags],
  ['datalist', formTags],
  ['textarea', formTags],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', ddtTags],
  ['dt', ddtTags],
  ...[
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t): [string, Set<string>] => [t, pTag]),
  ['rt', rtpTags],
  ['rp', rtpTags],
  ['tbody', tableSectionTags],
  ['tfoot', tableSectionTags],
])

/** Parses a whole HTML (or Markdown-with-HTML) text, calling `h` for each element and text. */
export function parseHtml(text: string, h: HtmlHandler): void {
  const stack: string[] = []
  const open = new Map<string, number>()
  let tagName = ''
  let tagAt = 0
  let attrs: Record<string, string> | null = null
  let attrName = ''
  let attrValue = ''

  const push = (name: string) => {
    stack.push(name)
    open.set(name, (open.get(name) ?? 0) + 1)
  }
  const pop = (implied: boolean) => {
    const name = stack.pop()!
    open.set(name, open.get(name)! - 1)
    h.onclosetag(name, implied)
  }
  const readName = (start: number, end: number) => {
    const name = text.slice(start, end).toLowerCase()
    return name === 'image' ? 'img' : name
  }
  const openTag = (name: string) => {
    tagName = name
    const closes = OPEN_IMPLIES_CLOSE.get(name)
    if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1])) pop(true)
    if (!VOID.has(name)) push(name)
    attrs = {}
  }
  const endOpenTag = () => {
    if (attrs) {
      h.onopentag(tagName, attrs, tagAt)
      attrs = null
    }
    if (VOID.has(tagName)) h.onclosetag(tagName, true)
    tagName = ''
  }

  const cbs: TokenizerCallbacks = {
    ontext(start, end) {
      if (end > start) h.ontext(text.slice(start, end))
    },
    ontextentity(cp) {
      h.ontext(String.fromCodePoint(cp))
    },
    onopentagname(start, end) {
      tagAt = start - 1
      openTag(readName(start, end))
    },
    onattribname(start, end) {
      attrName = text.slice(start, end).toLowerCase()
    },
    onattribdata(start, end) {
      attrValue += text.slice(start, end)
    },
    onattribentity(cp) {
      attrValue += String.fromCodePoint(cp)
    },
    onattribend() {
      if (attrs && !Object.hasOwn(attrs, attrName)) attrs[attrName] = attrValue
      attrValue = ''
    },
    onopentagend() {
      endOpenTag()
    },
    onselfclosingtag() {
      const name = tagName
      endOpenTag()
      if (stack[stack.length - 1] === name) pop(true)
    },
    onclosetag(start, end) {
      const name = readName(start, end)
      if (!VOID.has(name)) {
        // Only when one is open: the elements above it are popped, so each search is paid for once.
        if (open.get(name)) {
          while (stack[stack.length - 1] !== name) pop(true)
          pop(false)
        } else if (name === 'p') {
          // A `</p>` alone: an empty paragraph, as browsers (and htmlparser2) read it.
          tagAt = start - 2
          openTag('p')
          endOpenTag()
          pop(false)
        }
      } else if (name === 'br') {
        h.onopentag('br', {}, start - 2)
        h.onclosetag('br', false)
      }
    },
    oncomment() {},
    oncdata() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {
      while (stack.length > 0) pop(true)
    },
    isInForeignContext: () => false,
  }
  const tokenizer = new Tokenizer({ decodeEntities: true, recognizeSelfClosing: true }, cbs)
  tokenizer.write(text)
  tokenizer.end()
}
