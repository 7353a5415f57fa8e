/**
 * The part of a comment the theme and question readers look at: its first MAX_ANALYSED_CHARS
 * characters. A theme term is searched from a sentence to the term's next occurrence, to the end
 * of the text when there is none, and some question patterns backtrack: nothing for a comment
 * (real ones stay under a few thousand characters), quadratic for a 5 MB one (a 680,000-character
 * text took 90 s to highlight). What a reader asks for is said near the start.
 */
export const MAX_ANALYSED_CHARS = 10_000

export const analysedPart = (text: string): string => (text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text)
