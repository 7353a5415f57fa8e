/** Comparing courses: request rates per 100 comments, and the whole dataset as one row. */
import type { CourseRow } from './engine'

/** Comments asking for theme `k` per 100 comments (one decimal); 0 for a course without comments. */
export function per100(count: number, comments: number): number {
  return comments > 0 ? Math.round((count / comments) * 1000) / 10 : 0
}

/** The whole dataset as one row (what each course is compared against). */
export function allCourses(rows: CourseRow[]): CourseRow {
  const n = rows[0]?.themeCounts.length ?? 0
  return rows.reduce<CourseRow>(
    (s, r) => ({
      ...s,
      comments: s.comments + r.comments,
      likes: s.likes + r.likes,
      replies: s.replies + r.replies,
      // Authors who wrote in two courses count once in each: the sum is an upper bound, not shown as the total.
      authors: s.authors + r.authors,
      openQuestions: s.openQuestions + r.openQuestions,
      requests: s.requests + r.requests,
      themeCounts: s.themeCounts.map((c, k) => c + (r.themeCounts[k] ?? 0)),
    }),
    {
      code: -1,
      title: '',
      category: '',
      comments: 0,
      likes: 0,
      replies: 0,
      authors: 0,
      openQuestions: 0,
      requests: 0,
      themeCounts: new Array<number>(n).fill(0),
    },
  )
}
