import type zh from './zh-CN'

/** English. Same keys as zh-CN.ts (the type below and a unit test keep them in step). */
const en: typeof zh = {
  app: {
    name: 'Comment Lens',
    tagline: 'Understand what readers say',
  },
  dataset: {
    label: 'Dataset',
    sampleName: 'etcd in Practice · Closing lesson (built-in sample)',
    files: '{first} and {n} more files',
    loading: 'Loading…',
  },
  upload: {
    button: 'Upload comment export',
    folder: 'Upload folder',
    hint: 'Markdown from my-geektime, saved lesson pages, CSV and JSON',
    cancel: 'Cancel',
    progress: 'Importing {file}: {done} of {total}, {rows} comments read',
    progressLabel: 'Import progress',
    done: 'Imported {kept} comments ({read} read from {files} files)',
    skippedRows: '{n} rows skipped',
    skippedFile: 'Skipped {file}: {reason}',
  },
  kpi: {
    comments: 'Comments',
    likes: 'Likes',
    replies: 'Replies',
    authors: 'Authors',
    withReplies: 'With replies',
    span: 'Date span',
  },
  lang: {
    label: 'Language',
  },
  theme: {
    toggle: 'Toggle dark/light',
    light: 'Light',
    dark: 'Dark',
  },
  alert: {
    dismiss: 'Dismiss',
  },
  problem: {
    noFiles: 'No file was chosen.',
    empty: '{file} is empty.',
    binary: '{file} is a binary file, not text: expected a lesson export (.md/.html), CSV or JSON.',
    noComments: 'No comment block found in {file}: expected a heading 精选留言（N） followed by <li> comments.',
    noColumns: 'No recognisable columns in {file}: expected at least a comment text column (text / content / comment_content / 内容).',
    invalidJson: '{file} is not valid JSON.',
    notCommentJson: 'No comments in {file}: expected an array of comment objects or a Geekbang comment API response.',
    tooLarge: '{file} is too large to import (the limit is 1 GB).',
    unreadable: '{file} could not be read.',
    cancelled: 'Import cancelled; the data in view is unchanged.',
    internal: 'Importing {file} failed.',
    where: ' (line {line})',
    whereCol: ' (line {line}, column {column})',
    kept: 'The data in view is unchanged.',
  },
  skip: {
    noText: 'no comment text',
    badNumber: 'likes or replies is not a number',
    badDate: 'unreadable date',
    malformedItem: 'incomplete comment item',
    csvError: 'CSV format error',
  },
  format: {
    'lesson-html': 'lesson page',
    'lesson-markdown': 'lesson Markdown',
    'lesson-text': 'lesson text',
    csv: 'CSV',
    json: 'JSON',
    'geekbang-api': 'Geekbang API JSON',
  },
}
export default en
