/**
 * The 20 built-in comments (etcd实战课 · 结束语), labelled by hand in file order. These labels are
 * fixed: the query-engine tests count on them.
 */
export const LABELS: { author: string; themes: string[]; question: boolean }[] = [
  { author: 'jeffery', themes: ['bonus'], question: true },
  { author: '江山未', themes: [], question: false },
  { author: 'Geek_daf51a', themes: ['bonus'], question: false },
  { author: '赵先生', themes: ['bonus'], question: false },
  { author: '小鱼儿吐泡泡', themes: ['answers'], question: true },
  { author: '小丢👣', themes: [], question: false },
  { author: '程序员历小冰', themes: [], question: false },
  { author: 'liudu_ec', themes: [], question: false },
  { author: '杰sir', themes: ['answers', 'updates'], question: true },
  { author: '追风筝的人', themes: [], question: true },
  { author: '八台上', themes: ['answers'], question: false },
  { author: 'Geek_7154d8', themes: [], question: false },
  { author: '石小', themes: [], question: true },
  { author: '吃完了饭的人', themes: [], question: false },
  { author: 'mmm', themes: ['bonus'], question: false },
  { author: 'Coder', themes: [], question: false },
  { author: '川川', themes: ['contact'], question: true },
  { author: '幽幽夜', themes: ['bonus', 'answers', 'updates'], question: false },
  { author: '愤叔', themes: ['materials'], question: true },
  { author: '云原生工程师', themes: ['bonus'], question: false },
]
