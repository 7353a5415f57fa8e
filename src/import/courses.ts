/**
 * Courses from a folder upload. my-geektime writes a course as `<course>/mkdocs.yml` and
 * `<course>/docs/<lesson>.md`; a platform mirror puts courses in category folders
 * (`后端-架构/MySQL实战45讲/docs/…`). A file's course folder is the folder above `docs/` (else its
 * own folder); the folder above that is its category.
 */
import type { Lesson } from '@/model/dataset'

export interface CourseFolder {
  /** The course folder's path, as a key. */
  key: string
  /** The course folder's name: the course title when no mkdocs.yml or index.md names it. */
  folder: string
  /** The folder above the course folder, or ''. */
  category: string
}

export function courseFolderOf(path: string): CourseFolder {
  const dirs = path.split(/[\\/]/).slice(0, -1)
  const docs = dirs.lastIndexOf('docs')
  const root = docs >= 0 ? dirs.slice(0, docs) : dirs
  return { key: root.join('/'), folder: root[root.length - 1] ?? '', category: root.length >= 2 ? root[root.length - 2] : '' }
}

/** Marks a folder key in a lesson's course until the course's title is known (see nameCourses). */
export const FOLDER_MARK = '\u0000'

/**
 * Gives lessons read from folders their course titles: the course's mkdocs.yml `site_name`, else
 * its index.md title, else the folder name. When the lessons come from one course folder only,
 * the course is the dataset's own and the lessons carry none (nor a category).
 */
export function nameCourses(lessons: Lesson[], folders: Map<string, CourseFolder>, names: Map<string, string>): void {
  const keys = new Set<string>()
  for (const l of lessons) if (l.course?.startsWith(FOLDER_MARK)) keys.add(l.course.slice(1))
  const one = keys.size <= 1
  for (const l of lessons) {
    if (!l.course?.startsWith(FOLDER_MARK)) continue
    const key = l.course.slice(1)
    if (one) {
      delete l.course
      delete l.category
    } else {
      l.course = names.get(key) ?? folders.get(key)?.folder ?? key
      if (!l.category) delete l.category
    }
  }
}
