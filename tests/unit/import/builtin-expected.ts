/**
 * The 20 comments of the built-in sample, read off public/sample/000_0307222b755b7cf1.txt by hand
 * (not produced by the parser). Totals: 20 comments, 50 likes, 17 replies.
 */
const A = 'https://static001.geekbang.org/account/avatar/00/'
export interface Expected {
  author: string
  avatar: string
  likes: number
  replies: number
  date: string
  text: string
}
export const BUILTIN: Expected[] = [
  {
    author: 'jeffery',
    avatar: A + '12/9d/84/171b2221.jpg',
    likes: 14,
    replies: 2,
    date: '2021-03-22',
    text: '真不舍！太清爽了！希望加餐！😀要求是不是太过分了😀多谢唐老师三个月份的付出分享！确实牛',
  },
  {
    author: '江山未',
    avatar: A + '10/a2/94/ae0a60d8.jpg',
    likes: 7,
    replies: 1,
    date: '2021-04-28',
    text: '感谢老师的精彩讲解，在地铁上刷完了课程。师傅领进门，修行在个人。对我来说还有很多有待深挖的点和不清楚的地方，下一步开始慢慢看源码。希望和大家共同进步！',
  },
  {
    author: 'Geek_daf51a',
    avatar: '',
    likes: 6,
    replies: 1,
    date: '2021-03-22',
    text: '辛苦老师，从专栏中学到了很多，有etcd历史、有原理、有重点问题案例、有定位延时、内存等问题方法以及最佳实践、还有有kubernetes、配置服务发现、分布式锁等剖析，过程中大量配图总结，覆盖了etcd方方面面，能感受到老师的用心与认真，值了，期待后面的加餐',
  },
  { author: '赵先生', avatar: A + '0f/ac/50/71c25e34.jpg', likes: 5, replies: 1, date: '2021-06-17', text: '唐老师，etcd 3.5来了，希望加餐！' },
  {
    author: '小鱼儿吐泡泡',
    avatar: A + '0f/be/1e/94886200.jpg',
    likes: 4,
    replies: 1,
    date: '2021-07-27',
    text: '专栏质量确实很高，从整体到细节 读起来很舒服；非常符合学习一个新知识得过程； 结合实践案例，收货颇深； 同时，想问下，唐老师，可以把课后问题得答案补充下吗？',
  },
  {
    author: '小丢👣',
    avatar: A + '0f/be/1f/57c88dd1.jpg',
    likes: 2,
    replies: 1,
    date: '2021-10-06',
    text: '对etcd的应用实践，我几乎为零，看了一遍专栏过后，我觉得我了解的差不多了。在准备给部门小伙伴做一次系列分享时，我发现我懂得太少了，然后我把几篇基础篇至少来回看了5遍，才有勇气分享给小伙伴。当然也仅仅是入门，只是想说一下这就是任务式驱动吧，没有分享的任务，可能就不会去思考各种细节 ，也不会在短时间内对etcd认知有一个较大的提升。感谢老师的精彩讲解，这个专栏我还是会反复看的，太值了！',
  },
  {
    author: '程序员历小冰',
    avatar: A + '10/f0/27/6679da14.jpg',
    likes: 2,
    replies: 1,
    date: '2021-04-26',
    text: '老师学习和讲解etcd的思路很赞，可以用在大多数中间件的学习上.',
  },
  {
    author: 'liudu_ec',
    avatar: 'https://thirdwx.qlogo.cn/mmopen/vi_32/Q0j4TwGTfTJiaeTzf4V8ib4xKcYjWEIflBSqkjbpkscoaedppgnBAD9ZAibjYSz0DNSJQw8icz7xljEgbNQ5hrzPAA/132',
    likes: 2,
    replies: 1,
    date: '2021-03-24',
    text: '终于看完了，意犹未尽',
  },
  {
    author: '杰sir',
    avatar: A + '10/c3/09/dc368335.jpg',
    likes: 1,
    replies: 1,
    date: '2021-12-15',
    text:
      '两周看看这个系列的文章，收获很大。包括etcd读写流程的梳理，各个模块的分析，尤其是boltd的剖析，我再其他etcd相关的文章里几乎没有看到有这块的解读，还有运维层面的总结，使用过程碰到的问题和相关的优化，以及对“一致性”这个中文词语在计算里领域里不同场景的解读（这个也是我到目前为止让我觉得解释的最清楚的）都让我读的大呼过瘾，后面自己有问题看看源码基本都可以搞定了。' +
      '\n\n然后感觉老师写技术文章的能力也可以多学学，其中的思路，框架也可以在自己向别人输出自己所学的时候用到。' +
      '\n\n最后催更一下思考题的答疑，啥时候更新啊。',
  },
  {
    author: '追风筝的人',
    avatar: A + '16/b4/94/2796de72.jpg',
    likes: 1,
    replies: 3,
    date: '2021-11-15',
    text: '老师 什么工具或命令 可以 查看etcd server   RPC调用速率  和磁盘平均延时？',
  },
  { author: '八台上', avatar: A + '15/3a/27/5d218272.jpg', likes: 1, replies: 1, date: '2021-10-29', text: '坐等思考题答案' },
  {
    author: 'Geek_7154d8',
    avatar: '',
    likes: 1,
    replies: 1,
    date: '2021-05-14',
    text: '老师讲的太精彩了，比如分布式锁那一章，令我对分布式锁的技术要点顿时茅塞大开。',
  },
  {
    author: '石小',
    avatar: A + '1b/30/85/14c2f16c.jpg',
    likes: 1,
    replies: 1,
    date: '2021-04-12',
    text: '我问的不太明白哈😄，是这样的：mysql可以控制刷日志（通过innodb_flush_log_at_trx_commit），通过这个日志能控制刷磁盘，也会影响到事务提交成败。etcd有类似这样控制日志刷新的控制吗？还是说etcd每次提交必须刷磁盘（写wal日志），保证了事务一定会提交成功（即使boltdb写入失败）,如果是这样的，问什么etcd要这样设计？',
  },
  { author: '吃完了饭的人', avatar: A + '1f/26/ba/92f91744.jpg', likes: 0, replies: 1, date: '2021-03-31', text: '潜水完，冒个泡，反反复复看了两三遍' },
  { author: 'mmm', avatar: A + '12/61/e6/fedd20dc.jpg', likes: 2, replies: 0, date: '2021-03-22', text: '感谢老师 期待加餐' },
  { author: 'Coder', avatar: A + '22/3b/46/3701e908.jpg', likes: 1, replies: 0, date: '2021-03-22', text: '辛苦唐老师，收获满满！' },
  { author: '川川', avatar: '', likes: 0, replies: 0, date: '2022-11-20', text: '老师，你微信多少' },
  {
    author: '幽幽夜',
    avatar: 'https://thirdwx.qlogo.cn/mmopen/vi_32/L19sKxTMAPrPpHibMribicRB2o9LVknHc4GI6icyialvickFsuakY1dlF9SzLnUW4qu4sT6KlVWtZJUYGYYE6fqaBsyA/132',
    likes: 0,
    replies: 0,
    date: '2022-11-01',
    text: '期待加餐，催更思考题...',
  },
  { author: '愤叔', avatar: A + '2a/03/ef/d2fd9d36.jpg', likes: 0, replies: 0, date: '2022-02-09', text: '这些课 ，有没有pdf 数据或者文档可以下载下来' },
  { author: '云原生工程师', avatar: A + '22/3a/de/e5c30589.jpg', likes: 0, replies: 0, date: '2021-03-23', text: '感谢老师，期待加餐' },
]
