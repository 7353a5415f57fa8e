import type { DatasetColumns, Lesson } from './dataset'
import { formatDay, formatTime, NO_DAY } from './dates'

/**
 * A comment is a row view over the columns: nothing is copied until a field is read, so the
 * list and the detail can look at any row of a million without materialising objects.
 */
export class Comment {
  constructor(
    readonly ds: DatasetColumns,
    readonly index: number,
  ) {}
  get id(): string {
    return this.ds.id.get(this.index)
  }
  get author(): string {
    return this.ds.authors[this.ds.author[this.index]]
  }
  /** An http(s) URL or ''. */
  get avatar(): string {
    return this.ds.avatars[this.ds.avatar[this.index]]
  }
  get likes(): number {
    return this.ds.likes[this.index]
  }
  get replies(): number {
    return this.ds.replies[this.index]
  }
  get day(): number {
    return this.ds.day[this.index]
  }
  /** `YYYY-MM-DD`, or '' when unknown. */
  get date(): string {
    return formatDay(this.ds.day[this.index])
  }
  /** `HH:mm`, or '' when the export gives only the date. */
  get time(): string {
    return formatTime(this.ds.time[this.index])
  }
  get hasDate(): boolean {
    return this.ds.day[this.index] !== NO_DAY
  }
  get text(): string {
    return this.ds.text.get(this.index)
  }
  /** The course author's reply, '' when none. */
  get reply(): string {
    return this.ds.reply.get(this.index)
  }
  get lesson(): Lesson {
    return this.ds.lessons[this.ds.lesson[this.index]]
  }
  /** Import batch in which the comment was first seen (1 = the first import). */
  get batch(): number {
    return this.ds.batch[this.index]
  }
  get source(): string {
    return this.ds.sources[this.ds.source[this.index]]
  }
  /** A plain object (for export, JSON, tests). */
  toJSON() {
    return {
      id: this.id,
      author: this.author,
      avatar: this.avatar,
      likes: this.likes,
      replies: this.replies,
      date: this.date,
      time: this.time,
      text: this.text,
      reply: this.reply,
      lesson: this.lesson.title,
      source: this.source,
    }
  }
}

export function commentAt(ds: DatasetColumns, index: number): Comment {
  return new Comment(ds, index)
}

export function indexOfId(ds: DatasetColumns, id: string): number {
  return ds.id.indexOf(id)
}
