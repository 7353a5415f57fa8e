/**
 * Request themes: what readers ask for. A comment matches a theme when, in one sentence, a
 * request cue (希望, 求, 能否, 有没有, 什么时候, 期待, please …) stands with one of the theme's
 * objects (加餐, 思考题+答案, PDF …), or when it holds an unmistakable object (催更, 勘误) that
 * is a request by itself. A word merely appearing ("慢慢看源码", "这篇加餐很棒") is not a request.
 *
 * Patterns use a small safe language, never user regular expressions (a shared link must not be
 * able to freeze the tab):
 * - a term is literal text, matched case-insensitively;
 * - `*` stands for up to four characters inside one sentence (at most two per alternative);
 * - `a|b` gives alternatives for one part;
 * - `a+b` needs every part in the same sentence, in any order;
 * - `-word` is a decoy: a longer word that merely contains a term (`-集群` for `群`, `-要求` for
 *   `求`). Text a decoy covers never counts as a term of that list; a decoy in `objects` or
 *   `strong` serves both lists.
 * Every term compiles to alternations of literals with bounded gaps, so matching stays linear.
 */

export interface LocalizedName {
  zh: string
  en: string
}

export interface ThemeDef {
  id: string
  name: LocalizedName
  /** What is asked for: matched together with a request cue. */
  objects: string[]
  /** Objects that are a request on their own (催更, 勘误). */
  strong: string[]
  /** Cues that count for this theme only (on top of the shared request cues). */
  cues: string[]
  /** A sentence holding one of these never matches the theme. */
  exclude: string[]
  enabled: boolean
}

/**
 * Cues shared by every theme: ways readers ask, in Chinese and English. Question words that do
 * not ask for anything (请问, 想问) are left out on purpose: "请问源码里的 X 是什么意思" asks
 * about the source, not for it; so are timing and place words (什么时候, 哪里), which each theme
 * that can use them adds as its own cue — "Raft 论文里说的选举什么时候触发" asks about Raft, not for
 * a paper. Decoys keep words that only contain a cue from counting (要求/需求/请求 are not 求;
 * 敬请期待 is the editor's announcement, not a reader's wish).
 */
export const REQUEST_CUES = [
  '希望|期盼|盼望|渴望|想要|想看|想求|同求|跪求|求|蹲一个|蹲个',
  '-要求|需求|追求|请求|诉求|寻求|力求|讲求|谋求|苛求|求和|求职|征求|求证|求值|求同|求是|务求|求解|求出|求得|求助',
  '能否|能不能|可否|可不可以|可以*吗|可以*么|可以*嘛|能*吗|能*么|能*嘛|是否可以|是否能|有没有可能|有机会|有空|有时间',
  '有没有|有无|是否有|是否会有|会不会有|还会有|会有*吗|会*讲*吗',
  '期待|坐等|等着|盼|催',
  '-敬请期待|感谢等待|谢谢等待|等待时间|等待队列|等待超时|锁等待|等待锁|催化',
  '麻烦|建议|最好能|最好可以|最好有|最好给|要是能|要是有|如果能|如果有|如果可以|如果*能|要是*能|是不是应该|应该加上|应该补充|还想|想了解|想听',
  '-很麻烦|太麻烦|比较麻烦|挺麻烦|有点麻烦|更麻烦|最麻烦|好麻烦|麻烦的|麻烦了|麻烦事|怕麻烦|嫌麻烦|会麻烦|就麻烦|非常麻烦|特别麻烦|也麻烦|如果有问题|如果有错|如果有不对|如果能理解|如果能看懂',
  '出一期|出一篇|出一讲|出一门|来一期|来一篇|来一讲|出个|来个|能给|可以给|能出|能提供|可以提供',
  '分享一下|分享下|给一下|发一下|贴一下|提供一下|提供下|给个|给一个|给*个|给一份|发个|发一份|留个|公布|放出来|发出来|补充下|补充一下|呗',
  '-分享一下我|分享下我|给大家分享|分享给大家|我补充|补充一下我|给个赞|给个好评|给个思路|留个脚印|留个言',
  // Long-range asks: 能把课程代码放到 github 上吗, 可否把图补充一下.
  '能把|可以把|能否把|可否把|能不能把|可不可以把|是否可以把|是否能把|麻烦把|请把+吗|么|嘛|一下|下吧|呢',
  // A yes/no question about whether something exists: 有 … 吗 anywhere in the sentence.
  '有+吗|么|嘛',
  'please|pls|plz|could you|would you|can you|will you|would love|i\'d love|would be great|hope|wish|looking forward|look forward|any plan|is there|are there|do you have|is it possible|how can i get|waiting for|can we get|could we get|post the|publish the|release the',
]

export const DEFAULT_THEMES: ThemeDef[] = [
  {
    id: 'bonus',
    name: { zh: '加餐与番外', en: 'Bonus content' },
    objects: [
      '加餐|番外|彩蛋|续集|进阶篇|特别篇|专题|直播|返场|bonus|extra episode|extra lesson|extra chapter|live stream|livestream|follow-up|sequel|special episode',
      '后面*课程|以后*课程|将来*课程|后续文章|后续*文章|后面的文章|以后的文章|后续*章节|后续*课程|最后几讲|后面几讲|后几讲',
      '新专栏|新的专栏|新课|新的课|新课程|新作品|新的作品|新作|下一部|杰作|新书|一门课|下一门|第二季|下一季|续作|进阶*课|高阶*课|进阶版|高级篇|更多*课程|更多的课|更多*专栏|更多*作品|多*课程|new course|new column|another course|next course|advanced course|more courses',
      'q&a session|live q&a|live session|ama',
      '出个课|出门课|开个课|开门课|写些*课|写一些*课|出一些*课|讲一节|讲一篇|一节课|抽一点*篇幅|抽点篇幅|抽出一节|抽一节|图文并茂|多配图|多一些图|配些图',
      '实战*项目|项目实战',
      // More courses: 再出/多出 … 课程.
      '再出|多出|还出|再开|多开|推出|出一门|开一门+课|专栏|系列|一期|第二季',
      // A topic the teacher is asked to cover: 能否介绍下 X, 有空讲讲 X, 后面会讲 X 吗.
      '讲讲|讲一讲|讲一下|讲下|讲解一下|说说|说一下|说下|介绍下|介绍一下|分析下|分析一下|聊聊|谈谈|谈一谈|谈一下|剖析一下|梳理一下|展开讲|展开说|展开*讲|深入讲|单独讲|专门讲|开一篇|写一篇|出一篇|补一篇|来一篇|加一篇',
      // Content added to the course: 希望增加一些例子, 配上源码讲解.
      '增加|添加|加入|加上|配上|补充|多举|多一些|多一点|多给|多放+例子|案例|示例|实例|内容|知识|章节|图|讲解|源码|执行结果|背景|实践|实战|练习',
      // An example wished for (希望能举例说明), not asked about a point (这里能举个例子吗).
      '举例|举个例子|为例|多举+希望|建议|如果*能|要是*能|最好',
      '后面|后续|以后|之后|接下来+多加|加一下|多讲|多介绍|多补充|增加|补充|加入|讲讲|讲一下|介绍一下',
      '多讲|再讲|多举|多补充|多介绍|多分享|专门*一篇|单独*一篇|多一些*例子|多一些*案例|多点*例子|more examples|cover more|go deeper',
      '-直播推广|直播间|直播带货',
    ],
    strong: [
      '缺少|缺乏|缺+实战|案例|例子|实例|实践',
      '求加餐|求番外|加个餐|加一期|加一讲|加一篇|再讲讲|多讲讲|再来一期|出个番外|来个番外|来个加餐|再开一期|再出一期|再开一门|再出一门|出续集|出个续集|开第二季|出第二季',
      '后面|后续|以后|之后|将来|接下来|下一讲|下篇|下次|课程中|课程里|专栏里|专栏中+会讲|会讲到|会介绍|会涉及|会说到|会分析|会提到|会*讲解|会*介绍|会有*案例|会有*例子|会有*实战|会有关于|会不会有|会有*章节|会有*专题|会有*一讲|会有*一篇|有没有*章节|讲不讲|提不提+吗|么|嘛|呢|是否|会不会',
      '课程中|课程里|专栏里|专栏中|后面|后续+会不会提到|会不会讲|会不会涉及|会不会介绍|有没有讲',
    ],
    cues: ['我觉得*可以', '可以考虑', '可以多', '能多', '应该多', '还会', '可以|不如|最好|应当|应适当|会在*讲|会不会', '可以|能|能否+吗|么|嘛'],
    exclude: [
      // Praise of, or news about, a bonus episode that exists.
      '这篇加餐|这次加餐|本篇加餐|这期加餐|这个加餐|这一篇加餐|最后的加餐|上一篇加餐',
      '加餐很|加餐太|加餐真|加餐非常|加餐写得|加餐讲得|加餐不错|加餐精彩|加餐棒|加餐干货|加餐收获',
      '看了加餐|看完加餐|学完加餐|读完加餐|看了*加餐|看完*加餐|准备加餐|正在*加餐',
      // Asking to explain a point of this lesson again is a question for the reply, not content.
      '这里|这块|这段|这句|这一点|这个地方|这部分|这个问题|这个例子|刚才|为什么|为啥|什么意思|是什么|解答一下|得到解答|解惑|我的问题|我的理解|我的答案|对不对|帮我|帮忙|帮*分析|帮*看|看不懂|没看懂|不太懂|没懂|不明白|面试官|面试题|稍微',
    ],
    enabled: true,
  },
  {
    id: 'answers',
    name: { zh: '思考题答案', en: 'Exercise answers' },
    objects: [
      '思考题|课后题|课后问题|课后习题|课后作业|课后练习|习题|作业题|练习题|留的问题|留的题|小作业|exercise|exercises|homework|quiz+答案|答疑|解答|讲解|解析|揭晓|讲一下|讲讲|说一下|过一遍|分析一下|answer|answers|solution|solutions',
      '答案+公布|揭晓|给出|放出|贴出|贴一下|附上|附一下|出一下|对一下|核对',
      '参考答案|标准答案|答疑篇|答案篇|答疑课',
      '-没有标准答案|没有固定答案|没有唯一答案|没有统一答案',
    ],
    strong: ['求答案|答案呢|答案在哪|答案什么时候|答案啥时候|公布答案|公布一下答案|揭晓答案|催*答案|坐等*答案|等*答案|没有答案吗|答案去哪|催更*思考题|思考题*催更'],
    cues: ['什么时候|啥时候|何时|在哪|哪里|哪儿|哪看|when will|when is|where can|where is|anywhere|published'],
    // A reader posting an own answer is not asking for one.
    exclude: ['我的答案|我的回答|我的思考|我的理解|我的想法|我的看法|我的解答|我理解是|个人理解|答案是|答案应该是|答案如下|答：|答:|答案：|答案:|回答一下|回答问题|回答思考题|试着回答|尝试回答|尝试性|试着答|来答一下|再答一下|我答一下|试答一下|作答|思考题：|思考题:|课后题：|my answer'],
    enabled: true,
  },
  {
    id: 'materials',
    name: { zh: '资料与源码', en: 'Materials & source code' },
    objects: [
      'pdf|课件|讲义|ppt|slides|脑图|思维导图|电子书|电子版|文字版|文字稿|离线版|markdown|高清版|高清图|原图|大图|源文件|配套资料|参考资料|参考文献|纸质书|纸质版|打印版|book version',
      'demo|示例代码|样例代码|实例代码|完整代码|完整的代码|配套代码|配套的代码|示例工程|样例工程|示例项目|代码库|代码仓库|源码|源代码|git地址|git仓库|git项目|git链接|项目地址|仓库地址|source code|sample code|example code|github repo|git repo|code repo',
      // 代码 alone is everywhere in a programming course: it counts when it is to be handed over.
      '代码|code+github|git|gitee|仓库|地址|链接|下载|放出|发出|贴出|贴一下|上传|开源|公开|放到|放上|给个|给一个|附上|提供一下|提供下|分享一下|分享下',
      'github|gitee|git+地址|链接|仓库|项目|工程|代码|源码|demo|放到|放上|上传|开源|公开|贴出|发出|放出',
      // The document behind a statement of the lesson.
      '论文|文档|资料|博客|视频+链接|地址|出处|下载|原文',
      '代码例子|代码示例|可运行的代码|能跑的代码|能跑起来的|跑起来的代码',
      '出处|来源|原文链接|参考链接|参考文档|官方文档|哪篇论文|哪份文档|文档地址|资料链接',
      // A tool or file the lesson uses, that the reader cannot get.
      '工具|命令|脚本|镜像|安装包|数据集|数据文件|测试数据|样本数据|软件+在哪|哪里|哪儿|下载|获取|找不到|没找到|找不着|装不上|安装不了|下载不了|clone不下来',
      '-看源码|读源码|翻源码|撸源码|啃源码|源码分析|源码解读|源码剖析|源码里|源码中|看了*源码|看过*源码|分析*源码|源码学习|源码级',
      '画图工具|作图工具|绘图工具|画图软件|作图软件',
      '-我的*demo|写些demo|写点demo|写了*demo|自己写|我的*代码|我们的*代码|我写的|我整理的|下载了|已下载|下载好|下载量|下载次数|下载速度|代码里|代码中|代码的',
    ],
    // Complaints that code is missing ask for it as plainly as a question does.
    strong: [
      'show me the code|show the code',
      '没有|缺少|缺乏|缺+demo|示例代码|样例代码|代码示例|代码例子|完整*代码|配套*代码|代码库|源码|实战代码|具体代码|可运行*代码',
      '找不到|没找到|找不着|哪里下载|在哪下载|在哪里下载|怎么下载|如何下载|哪里获取|在哪获取|怎么获取+课程*代码|示例代码|源码|工具|课件|pdf|ppt|镜像|脚本',
      '从哪里学到|从哪学的|在哪里学到|哪里学的|从哪里看到|在哪里看到的',
    ],
    cues: ['可以提供|能提供|在哪|哪里|哪儿|哪能|怎么获取|如何获取|怎么下载|如何下载|从哪|来自哪|出自哪|哪里来|哪来|叫什么|什么时候|啥时候|何时|where can|where is|anywhere', '-放在哪|放哪|在哪个|在哪一|在哪层|在哪里调用|在哪里处理|在哪里用'],
    exclude: ['我整理了|我的思维导图|我的笔记|需要的*自取|自取|分享给大家|给大家分享|推荐大家|推荐给|推荐一下|推荐一本|推荐阅读|推荐看|有兴趣的可以|大家可以参考|可供参考|供参考'],
    enabled: true,
  },
  {
    id: 'updates',
    name: { zh: '更新进度', en: 'Update pace' },
    objects: [
      // Waiting and urging words make 更新 the course's, not a database's.
      '更新|两更|一更|周更|日更|next update|new lesson|new episode+什么时候|啥时候|何时|多久|快点|快些|尽快|赶紧|加快|坐等|等着|催|太慢|好慢|when|waiting',
      '下一讲|下一篇|下一期|下一节|下一章|下一课|下讲|下篇|新一讲|后续*课程|后续*内容|后续*文章|后续*章节|后面*课程|后面*章节|后面*内容|next lesson|next episode|next chapter|next part|next article+什么时候|啥时候|何时|多久|快点|尽快|坐等|催|when|can\'t wait|cannot wait',
      // Data that gets updated: 缓存什么时候更新 asks about the system, not the course.
      '-数据*更新|缓存*更新|状态*更新|版本*更新|索引*更新|库存*更新|配置*更新|列表*更新|副本*更新|字段*更新|记录*更新|视图*更新|值*更新|页*更新|表*更新|key*更新',
      '-更新数据|更新缓存|更新状态|更新库存|更新索引|更新配置|更新操作|更新时|更新的时候|更新一次|更新成功|更新失败|同时更新|更新完|已更新|已经更新|更新到|更新后|更新之后|更新为|更新字段|更新记录|更新了|会更新|才更新|再更新|去更新',
      '-实时更新|异步更新|批量更新|增量更新|全量更新|更新表|更新语句|更新请求|更新接口|数据库更新|更新一下答案|更新下答案',
    ],
    strong: [
      // Urging the release of promised material sets its timing too (as for exercise answers).
      '代码|源码|demo|项目地址|github|git地址|课件+什么时候|啥时候|何时|整理好了吗|好了吗|还没放|还没发',
      '好久没更|很久没更|好久没有更新|很久没有更新|一直没更新|还没更新吗|还没有更新吗|怎么还不更|怎么不更', '催更|求更|快更|更新太慢|更新好慢|更新慢|更新*太慢|更新*好慢|什么时候更新|啥时候更新|何时更新|还更新吗|还会*更新吗|继续更新吗|停更|断更|不更了|还更吗|坐等更新|求更新'],
    cues: ['什么时候|啥时候|何时|多久|快点|快些|尽快|赶紧|加快|太慢|好慢|when will|when is'],
    exclude: [],
    enabled: true,
  },
  {
    id: 'contact',
    name: { zh: '联系方式与社群', en: 'Contact & community' },
    objects: [
      '微信|微信号|vx|wx|联系方式|邮箱|e-mail|email|qq|公众号|好友|私聊|私信|联系老师|联系你|联系您|微博|wechat|slack|discord|telegram|mailing list|contact',
      '交流群|读者群|学习群|技术群|讨论群|微信群|qq群|社群|群|community|group chat|discussion group',
      // 集群 (cluster) and friends are not reader groups; a product's WeChat features are not contact.
      '-集群|群集|群组|羊群|群体|人群|族群|群里|在群|群发|群众|机群|加群组|增加群|建群组|群聊功能|群聊的',
      '-微信支付|微信登录|微信小程序|微信红包|微信读书|微信朋友圈|朋友圈|微信的|微信有|小程序|添加微信|成为好友|互为好友|组了个|组了一个|建了个|微信这样|微信这种|微信那样|像微信|比如微信|例如微信|公众号端|微信端|qq音乐|公众号文章|公众号上|公众号里|公众号的文章|好友关系|好友列表|好友功能|好友请求|好友的|qq的',
    ],
    strong: ['加个好友|加好友|加个微信|加微信|加下微信|加你微信|加您微信|留个微信|留个联系方式|拉个群|拉群|建个群|建群|进群|加群|求拉|拉我|组队学习'],
    cues: ['多少|是什么|是啥|怎么联系|如何联系|怎么加|如何加|加一下|加个|留个|拉我|求拉|有*群|在哪|哪里'],
    exclude: [],
    enabled: true,
  },
  {
    id: 'errata',
    name: { zh: '勘误', en: 'Errata' },
    objects: [],
    // A report is the request: a word for a slip, or a place in the lesson next to "wrong".
    strong: [
      '勘误|笔误|错别字|错字|写错|画错|打错|标错|写反|画反|标反|弄反|说反|说错|讲错|读错|念错|typo|erratum|errata|misprint',
      '-我写错|我说错|我打错|我画错|我*写错|自己写错|容易写错|会写错|不要写错|避免写错|防止写错|别写错|写错了吗我',
      // A place in the lesson next to a word for "wrong" (each part ≤ 40 alternatives).
      '文中|文章|原文|正文|本文|这篇|图中|图里|图上|图*中|图*下方|图*上方|图*里|这张图|这个图|表格|第*段|第*行|第*句|第*张图|第*个例子|第*题|上文|这句|那句|这一句|这句话|这段话|此处|这个地方|上面的代码|上面代码|下面的代码|上面的例子|上图|下图|例子+有误|错了|不对吧|不正确|不准确|不严谨|有偏差|有些偏差|有点偏差|反了|反过来|不符|有出入|应该改成|应改为|应该改为|应该为|应为|应该是*吧|应该是*才对|过时|不成立|存疑|有问题吧|是不是有问题',
      '文中|文章|原文|正文|本文|这篇|图中|图里|图上|图*中|图*下方|图*上方|图*里|这张图|这个图|表格|第*段|第*行|第*句|第*张图|第*个例子|第*题|上文|这句|那句|这一句|这句话|这段话|此处|这个地方|上面的代码|上面代码|下面的代码|上面的例子|上图|下图|例子+有点问题|有些问题|说的不对|讲的不对|写的不对|不太对|值得商榷|是不是少了|是不是漏了|是不是缺了|少了一个|漏了一个|多了一个|是不是有点问题|是不是又点问题|不再有效|已被取消|被废弃|已废弃|已经过时|不再适用|wrong|mistake|incorrect|inconsistent|should be|an error|a typo|reversed|swapped',
      '示例|公式|结论|描述|说法|总结|注释|老师说|老师讲|老师写|作者说|您说|你说|音频|语音|读音|链接|答案|选项|“|「|『|in the article|in the text|in the figure|in the diagram|paragraph|figure|diagram|sample code|code sample|snippet+有误|错了|不对吧|不正确|不准确|不严谨|有偏差|有些偏差|有点偏差|反了|反过来|不符|有出入|应该改成|应改为|应该改为|应该为|应为|应该是*吧|应该是*才对|过时|不成立|存疑|有问题吧|是不是有问题',
      '示例|公式|结论|描述|说法|总结|注释|老师说|老师讲|老师写|作者说|您说|你说|音频|语音|读音|链接|答案|选项|“|「|『|in the article|in the text|in the figure|in the diagram|paragraph|figure|diagram|sample code|code sample|snippet+有点问题|有些问题|说的不对|讲的不对|写的不对|不太对|值得商榷|是不是少了|是不是漏了|是不是缺了|少了一个|漏了一个|多了一个|是不是有点问题|是不是又点问题|不再有效|已被取消|被废弃|已废弃|已经过时|不再适用|wrong|mistake|incorrect|inconsistent|should be|an error|a typo|reversed|swapped',
      '文中|文章|原文|正文|本文|这篇|图中|图里|图上|图*中|图*下方|图*上方|图*里|这张图|这个图|表格|第*段|第*行|第*句|第*张图|第*个例子|第*题|上文|这句|那句|这一句|这句话|这段话|此处|这个地方|上面的代码|上面代码|下面的代码|上面的例子|上图|下图|例子+应该是|应该为|应为|应该写|应写+吧|才对',
      // Set against the lesson: 跟这里的说法不一致, 和老师画的图有些出入, 与文章上的是否有冲突.
      '跟这里|和这里|与这里|跟文章|和文章|与文章|跟文中|和文中|与文中|跟本文|和本文|跟老师|和老师|与老师|跟作者|和作者|与作者|跟您|和您|和图|跟图|与图|和表格|跟表格|与表格|和原文|跟原文|与原文|跟课程|和课程+不一致|相反|冲突|有出入|有些出入|有点出入|不一样|不太一样|不符|对不上',
      '并不是像|不是像|并非像|并不像+说的|讲的|写的|所说|说得|讲得',
      '描述有点问题|描述有问题|描述有误|描述不准确|表述有问题|表述不准确|表述有误|说法不准确|说法有问题|说法不对|说法有误|讲的不够严谨|讲得不够严谨|写得不够严谨|写的不够严谨|解释的不对|解释得不对|讲得不对|说得不对|写得不对|不对吧|值得商榷|有待商榷',
      '少了|多了|漏了|缺了+应该为|应该是|应为|应改为|应该改为',
      '应该叫|应叫|应该称为|应称为|应该称作|应该算作+吧|才对|而不是',
      // Corrections that name the fix: 应该是 X 才对, 不应该是 X 吗, 是不是应该改为 X.
      '应该是*才对|应该*才对吧|才对吧|是不是应该改为|是不是应该改成|是不是应该写成|应该改为|应该改成|矛盾吧|矛盾了|自相矛盾|前后矛盾|让人*误解|容易误解|引起误解|容易误导',
      // Running the lesson's code and getting another result.
      '执行结果|运行结果|打印结果|输出结果|打印出来|输出的是|跑出来|跑了一下|实测|实际测试|测试了一下|自己试了|亲测|试了一下|执行出来+不一样|不太一样|不一致|不同|而不是|并不是|不符|并不能|没有*效果|不生效',
      '和老师|跟老师|与老师|和文中|跟文中|与文中|和文章|跟文章|与文章|和图|跟图|与图|和原文|跟原文+不一样|不太一样|不大一样|不一致|不同|不符|有出入|对不上|没有*一样|没*一样',
      // A broken link in the lesson.
      '链接|地址|网址|wiki|页面+打不开|失效|404|挂了|not found|无法访问|访问不了|进不去',
      '-对不对|对不|报错|出错|错误码|错误处理|错误日志|错误信息|理解错|想错|记错|看错|搞错|弄错|用错|做错|选错|我错了|理解有误|不对劲|哪里不对|为什么*不对|为啥*不对|留言说错|留言*有误|描述有点问题|描述有问题|我*说错|我*有点问题|可能写的不对|可能说的不对|面试官说错',
    ],
    cues: [],
    exclude: ['如有错误|如果有错误|如有不对|欢迎指正|请指正|还请指正|望指正|如有错漏|不对的地方|哪里不对'],
    enabled: true,
  },
]

export interface ThemeMatch {
  /** Index of the theme in the list the matcher was built from. */
  theme: number
  /** Spans [start, end) in the text to highlight: the object(s) and the cue. */
  spans: [number, number][]
}

// ---------------------------------------------------------------------------------------------
// The pattern language

const MAX_TERM = 600
const MAX_ALT = 40
const MAX_ALTS = 40
const MAX_PARTS = 4
const MAX_WILDCARDS = 2
const MAX_TERMS = 80

interface ParsedTerm {
  decoy: boolean
  /** Parts that must all occur; each a list of alternatives (literal text with `*`). */
  parts: string[][]
}

function cleanAlt(raw: string): string | null {
  // A sentence end inside a term could never match within one sentence: it is dropped. Wildcards
  // at the ends add nothing but a longer highlight.
  const a = raw
    .replace(/[。！？!?；;\n\r…]/g, '')
    .replace(/\*+/g, '*')
    .replace(/^[\s*]+|[\s*]+$/g, '')
  if (!a || a.length > MAX_ALT) return null
  // A term must hold some literal text: `*` alone would match anything.
  if (a.replace(/[*\s]/g, '') === '') return null
  if ((a.match(/\*/g)?.length ?? 0) > MAX_WILDCARDS) return null
  return a
}

function parseTerm(raw: string): ParsedTerm | null {
  let s = raw.trim()
  // A lone '-' is a decoy marker with nothing to hide.
  if (!s || s === '-' || s.length > MAX_TERM) return null
  const decoy = s[0] === '-'
  if (decoy) s = s.slice(1)
  const parts: string[][] = []
  for (const p of s.split('+')) {
    const alts: string[] = []
    for (const a of p.split('|')) {
      const c = cleanAlt(a)
      if (c && !alts.includes(c)) alts.push(c)
      if (alts.length >= MAX_ALTS) break
    }
    if (alts.length) parts.push(alts)
  }
  if (parts.length === 0 || parts.length > MAX_PARTS) return null
  // A decoy is one word; "a+b" as a decoy means nothing.
  if (decoy && parts.length > 1) return null
  // '*-x' would come out as '-x', a decoy: such a term is ambiguous, drop it.
  if (!decoy && parts[0][0].startsWith('-')) return null
  return { decoy, parts }
}

const serialize = (t: ParsedTerm) => (t.decoy ? '-' : '') + t.parts.map((p) => p.join('|')).join('+')

/** Keeps only terms the safe language accepts (bounded length, alternatives and wildcards), normalised. */
export function sanitizeTerms(terms: string[]): string[] {
  const out: string[] = []
  for (const t of terms) {
    if (typeof t !== 'string') continue
    const p = parseTerm(t)
    if (!p) continue
    out.push(serialize(p))
    if (out.length >= MAX_TERMS) break
  }
  return out
}

// Characters that end a sentence; a wildcard never crosses one.
const WILDCARD = '[^。！？!?；;\\n\\r…]{0,4}'
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
// English words match whole: 'repo' must not fire inside 'reporting'.
const WORD = /[a-z0-9]/
function altSource(a: string): string {
  const s = a.toLowerCase()
  const body = s.split('*').map(escape).join(WILDCARD)
  return (WORD.test(s[0]) ? '(?<![a-z0-9])' : '') + body + (WORD.test(s[s.length - 1]) ? '(?![a-z0-9])' : '')
}

/**
 * One part: `(decoys)|alternatives`; group 1 is set when a decoy matched. A decoy can only hide
 * an alternative that starts inside it, so it is left out of parts none of whose alternatives
 * begins with one of its characters (unless a wildcard in it could cover any character).
 */
function partRegex(alts: string[], decoys: string[]): RegExp {
  const body = alts.map(altSource).join('|')
  const firsts = new Set(alts.map((a) => a[0].toLowerCase()))
  const relevant = decoys.filter((d) => d.includes('*') || d.toLowerCase().split('').some((c) => firsts.has(c)))
  const src = relevant.length ? `(${relevant.map(altSource).join('|')})|(?:${body})` : body
  // Equal parts share one regex (and so one memo of the sentences it hit in the current text):
  // a list of places in the lesson combined with two lists of words for "wrong" scans each once.
  let re = regexBySource.get(src)
  if (!re) {
    re = new RegExp(src, 'gi')
    if (regexBySource.size > 4096) regexBySource.clear()
    regexBySource.set(src, re)
  }
  return re
}
const regexBySource = new Map<string, RegExp>()

/**
 * A unit of matching: one regex per part that must all hit in a sentence (a list's single-part
 * terms form one unit with one part). `alts` holds, for each alternative of the first part, its
 * literal chunks: one of them occurs in every text the unit matches (for prefiltering).
 */
export interface Unit {
  parts: RegExp[]
  alts: string[][]
  /** The literal chunks of every part's alternatives (`partAlts[0]` is `alts`): any part can prefilter. */
  partAlts: string[][][]
}

/** A list of terms: single-part terms merged into one regex, compound terms kept as parts. */
export interface TermSet {
  flat: RegExp | null
  compound: RegExp[][]
  units: Unit[]
  /** Memo of the sentences hit in the text being matched (the shared cues serve every theme). */
  memoText: number
  memoAny: boolean
  memo: Uint32Array
}

function parseList(terms: string[]): ParsedTerm[] {
  return sanitizeTerms(terms)
    .map(parseTerm)
    .filter((t): t is ParsedTerm => t !== null)
}

const decoysOf = (list: ParsedTerm[]) => list.filter((t) => t.decoy).flatMap((t) => t.parts[0])
const chunksOf = (alt: string) => alt.toLowerCase().split('*').map((c) => c.trim()).filter(Boolean)

function buildSet(list: ParsedTerm[], decoys: string[]): TermSet {
  const real = list.filter((t) => !t.decoy)
  const single = real.filter((t) => t.parts.length === 1).flatMap((t) => t.parts[0])
  const flat = single.length ? partRegex(single, decoys) : null
  const compoundTerms = real.filter((t) => t.parts.length > 1)
  const compound = compoundTerms.map((t) => t.parts.map((p) => partRegex(p, decoys)))
  const units: Unit[] = []
  if (flat) units.push({ parts: [flat], alts: single.map(chunksOf), partAlts: [single.map(chunksOf)] })
  compoundTerms.forEach((t, i) => units.push({ parts: compound[i], alts: t.parts[0].map(chunksOf), partAlts: t.parts.map((p) => p.map(chunksOf)) }))
  return { flat, compound, units, memoText: -1, memoAny: false, memo: new Uint32Array(0) }
}

const emptySet = (set: TermSet) => !set.flat && set.compound.length === 0

// Shared cues compile once per cue list, so that every theme refers to the same regexes and a
// text is scanned for them once, not once per theme.
const sharedCueSets = new WeakMap<string[], TermSet>()

function sharedCueSet(cues: string[]): TermSet {
  let set = sharedCueSets.get(cues)
  if (!set) {
    const list = parseList(cues)
    set = buildSet(list, decoysOf(list))
    sharedCueSets.set(cues, set)
  }
  return set
}

export interface CompiledTheme {
  def: ThemeDef
  /** Alternatives of objects; each is a list of parts that must all occur. */
  objects: RegExp[][]
  /** Single-part strong terms, the theme's own single-part cues, and exclusions. */
  strong: RegExp | null
  cues: RegExp | null
  exclude: RegExp | null
  /** Literal chunks of which at least one occurs in any matching text (lower-cased). */
  anchors: string[]
  /** Internal: the term sets behind the fields above, with compound (`a+b`) terms. */
  sets: { strong: TermSet; objects: TermSet; cues: TermSet; sharedCues: TermSet; exclude: TermSet }
}

export function compileTheme(def: ThemeDef, sharedCues: string[] = REQUEST_CUES): CompiledTheme {
  const objects = parseList(def.objects ?? [])
  const strong = parseList(def.strong ?? [])
  const cues = parseList(def.cues ?? [])
  const exclude = parseList(def.exclude ?? [])
  const objDecoys = [...decoysOf(objects), ...decoysOf(strong)]
  const o = buildSet(objects, objDecoys)
  const s = buildSet(strong, objDecoys)
  const c = buildSet(cues, decoysOf(cues))
  const e = buildSet(exclude, decoysOf(exclude))
  return {
    def,
    objects: o.units.map((u) => u.parts),
    strong: s.flat,
    cues: c.flat,
    exclude: e.flat,
    anchors: [...s.units, ...o.units].flatMap((u) => u.alts.flat()),
    sets: { strong: s, objects: o, cues: c, sharedCues: sharedCueSet(sharedCues), exclude: e },
  }
}

// ---------------------------------------------------------------------------------------------
// Matching. Each regex runs once over the whole text and marks the sentences it hits in a bit
// set; a theme is then a few AND/OR operations over those sets. Scratch buffers are reused, so a
// text costs no allocation beyond the regex engine's own match objects.

let starts = new Int32Array(64)
let ends = new Int32Array(64)
let capacityWords = 0
let scratch: Uint32Array[] = []
const SCRATCH = 7
/** Identifies the text being matched, for the term-set memos. */
let textSerial = 0

// Characters that end a sentence: 。！？!?；;\n\r… (a run of three or more dots too, below).
const END = new Uint8Array(0x10000)
for (const c of '。！？!?；;\n\r…') END[c.charCodeAt(0)] = 1

function pushSentence(n: number, start: number, end: number) {
  if (n === starts.length) {
    const s2 = new Int32Array(n * 2)
    s2.set(starts)
    starts = s2
    const e2 = new Int32Array(n * 2)
    e2.set(ends)
    ends = e2
  }
  starts[n] = start
  ends[n] = end
}

/** Splits into sentence ranges (into `starts`/`ends`); returns their count. */
function splitSentences(text: string): number {
  textSerial++
  let n = 0
  let start = 0
  const len = text.length
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i)
    let skip: number
    if (END[c] === 1) skip = 1
    else if (c === 0x2e && i + 2 < len && text.charCodeAt(i + 1) === 0x2e && text.charCodeAt(i + 2) === 0x2e) {
      skip = 3
      while (i + skip < len && text.charCodeAt(i + skip) === 0x2e) skip++
    } else continue
    if (i > start) pushSentence(n++, start, i)
    i += skip - 1
    start = i + 1
  }
  if (len > start) pushSentence(n++, start, len)
  return n
}

function ensureScratch(words: number) {
  if (words <= capacityWords) return
  capacityWords = Math.max(words, capacityWords * 2, 4)
  scratch = Array.from({ length: SCRATCH }, () => new Uint32Array(capacityWords))
}

/** Marks in `out` the sentences where `re` has a match that is not a decoy; true if any. */
/** Per regex: the sentences it hit in the text `serial` (a part shared by several terms runs once). */
interface MarkMemo {
  serial: number
  any: boolean
  bits: Uint32Array
}
const markMemo = new WeakMap<RegExp, MarkMemo>()

function mark(re: RegExp, text: string, n: number, words: number, out: Uint32Array): boolean {
  const memo = markMemo.get(re)
  if (memo && memo.serial === textSerial) {
    for (let w = 0; w < words; w++) out[w] = memo.bits[w]
    return memo.any
  }
  const any = scan(re, text, n, words, out)
  if (memo) {
    if (memo.bits.length < words) memo.bits = new Uint32Array(Math.max(words, 4))
    memo.bits.set(out.subarray(0, words))
    memo.serial = textSerial
    memo.any = any
  } else markMemo.set(re, { serial: textSerial, any, bits: out.slice(0, Math.max(words, 4)) })
  return any
}

function scan(re: RegExp, text: string, n: number, words: number, out: Uint32Array): boolean {
  out.fill(0, 0, words)
  let any = false
  let si = 0
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = m.index
    const e = s + m[0].length
    if (e === s) {
      re.lastIndex++
      continue
    }
    if (m[1] !== undefined) continue
    while (si < n && ends[si] <= s) si++
    if (si >= n) break
    if (s < starts[si] || e > ends[si]) continue
    out[si >>> 5] |= 1 << (si & 31)
    any = true
    // One hit per sentence is enough: jump to the next sentence.
    if (re.lastIndex < ends[si]) re.lastIndex = ends[si]
  }
  re.lastIndex = 0
  return any
}

/** `out` = sentences where every part matches. */
function markAll(parts: RegExp[], text: string, n: number, words: number, out: Uint32Array, tmp: Uint32Array): boolean {
  if (!mark(parts[0], text, n, words, out)) return false
  for (let p = 1; p < parts.length; p++) {
    if (!mark(parts[p], text, n, words, tmp)) return false
    let any = 0
    for (let w = 0; w < words; w++) any |= out[w] &= tmp[w]
    if (!any) return false
  }
  return true
}

/** `out` = sentences where the set's flat regex or any of its compound terms matches. */
function markSet(set: TermSet, text: string, n: number, words: number, out: Uint32Array, a: Uint32Array, b: Uint32Array): boolean {
  if (set.memoText === textSerial) {
    const memo = set.memo
    for (let w = 0; w < words; w++) out[w] = memo[w]
    return set.memoAny
  }
  out.fill(0, 0, words)
  let any = false
  if (set.flat && mark(set.flat, text, n, words, a)) {
    for (let w = 0; w < words; w++) out[w] |= a[w]
    any = true
  }
  for (const parts of set.compound) {
    if (markAll(parts, text, n, words, a, b)) {
      for (let w = 0; w < words; w++) out[w] |= a[w]
      any = true
    }
  }
  if (set.memo.length < words) set.memo = new Uint32Array(Math.max(words, 4))
  const memo = set.memo
  for (let w = 0; w < words; w++) memo[w] = out[w]
  set.memoAny = any
  set.memoText = textSerial
  return any
}

const [S_EXCL, S_STRONG, S_CUE, S_OBJ, S_A, S_B, S_RESULT] = [0, 1, 2, 3, 4, 5, 6]

const ALL_UNITS = -1
/** Unit `k` may match: its bit is set in `on` (units past 30 are always tried). */
const unitOn = (on: number, k: number) => k > 30 || ((on >>> k) & 1) === 1

/** `out` = sentences where any unit of the list that is switched on in `on` matches. */
function markUnits(units: Unit[], on: number, text: string, n: number, words: number, out: Uint32Array, a: Uint32Array, b: Uint32Array): boolean {
  out.fill(0, 0, words)
  let any = false
  for (let k = 0; k < units.length; k++) {
    if (!unitOn(on, k) || !markAll(units[k].parts, text, n, words, a, b)) continue
    for (let w = 0; w < words; w++) out[w] |= a[w]
    any = true
  }
  return any
}

/**
 * Sentences of the current text (split into `n` sentences) where theme `t` matches, into
 * scratch[S_RESULT]; false when none. `strongOn`/`objectsOn` say which units the prefilter left
 * possible. With `all` false it stops at the first hit.
 */
function evalTheme(t: CompiledTheme, text: string, n: number, all: boolean, strongOn = ALL_UNITS, objectsOn = ALL_UNITS): boolean {
  const words = (n + 31) >>> 5
  ensureScratch(words)
  const excl = scratch[S_EXCL]
  const strong = scratch[S_STRONG]
  const cue = scratch[S_CUE]
  const obj = scratch[S_OBJ]
  const a = scratch[S_A]
  const b = scratch[S_B]
  const result = scratch[S_RESULT]
  result.fill(0, 0, words)
  let found = false
  if (strongOn !== 0 && markUnits(t.sets.strong.units, strongOn, text, n, words, strong, a, b)) {
    // Every term set memoises its sentences per text, so asking twice costs a copy.
    markSet(t.sets.exclude, text, n, words, excl, a, b)
    for (let w = 0; w < words; w++) if ((result[w] = strong[w] & ~excl[w])) found = true
    if (found && !all) return true
  }
  // Objects first (most texts hold none), then the cues, which are memoised per text.
  if (objectsOn === 0 || !markUnits(t.sets.objects.units, objectsOn, text, n, words, obj, a, b)) return found
  let anyCue = markSet(t.sets.sharedCues, text, n, words, cue, a, b)
  if (!emptySet(t.sets.cues) && markSet(t.sets.cues, text, n, words, a, b, excl)) {
    for (let w = 0; w < words; w++) cue[w] |= a[w]
    anyCue = true
  }
  if (!anyCue) return found
  let hit = 0
  for (let w = 0; w < words; w++) hit |= obj[w] &= cue[w]
  if (!hit) return found
  markSet(t.sets.exclude, text, n, words, excl, a, b)
  for (let w = 0; w < words; w++) {
    const h = obj[w] & ~excl[w]
    if (h) found = true
    result[w] |= h
  }
  return found
}

/** First non-decoy match of `re` inside [from, to). */
function findIn(re: RegExp, text: string, from: number, to: number): [number, number] | null {
  re.lastIndex = from
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const e = m.index + m[0].length
    if (e === m.index) {
      re.lastIndex++
      continue
    }
    if (m[1] !== undefined) continue
    if (e > to) {
      re.lastIndex = m.index + 1
      continue
    }
    re.lastIndex = 0
    return [m.index, e]
  }
  re.lastIndex = 0
  return null
}

function findAll(parts: RegExp[], text: string, from: number, to: number): [number, number][] | null {
  const spans: [number, number][] = []
  for (const re of parts) {
    const sp = findIn(re, text, from, to)
    if (!sp) return null
    spans.push(sp)
  }
  return spans
}

function findSet(set: TermSet, text: string, from: number, to: number): [number, number][] | null {
  const sp = set.flat && findIn(set.flat, text, from, to)
  if (sp) return [sp]
  for (const parts of set.compound) {
    const s = findAll(parts, text, from, to)
    if (s) return s
  }
  return null
}

/** Highlight spans of one matching sentence: the strong term, or the object parts and the cue. */
function sentenceSpans(t: CompiledTheme, text: string, a: number, b: number): [number, number][] {
  const strong = findSet(t.sets.strong, text, a, b)
  if (strong) return strong
  const cue = findSet(t.sets.cues, text, a, b) ?? findSet(t.sets.sharedCues, text, a, b)
  if (!cue) return []
  for (const parts of t.objects) {
    const spans = findAll(parts, text, a, b)
    if (spans) return spans.concat(cue).sort((x, y) => x[0] - y[0])
  }
  return []
}

/** Themes a text asks for, with spans for highlighting. */
export function matchThemes(text: string, themes: CompiledTheme[]): ThemeMatch[] {
  const out: ThemeMatch[] = []
  if (!text) return out
  const n = splitSentences(text)
  if (n === 0) return out
  for (let ti = 0; ti < themes.length; ti++) {
    const t = themes[ti]
    if (!t.def.enabled || !evalTheme(t, text, n, true)) continue
    const result = scratch[S_RESULT]
    const spans: [number, number][] = []
    for (let si = 0; si < n; si++) {
      if (result[si >>> 5] & (1 << (si & 31))) spans.push(...sentenceSpans(t, text, starts[si], ends[si]))
    }
    out.push({ theme: ti, spans })
  }
  return out
}

/**
 * A prefilter for many texts. Every unit (a term list's single-part terms, or one compound term)
 * gets a bit, or, past 32 units, every theme does. Each alternative of a unit contributes one
 * necessary character pair (the rarest in a sample of the texts) or a single character: single
 * characters sit in a table indexed by code unit, pairs in a small open-addressing hash table
 * keyed by the exact pair, behind a table of possible first characters. One pass over a text
 * ORs the bits of every character and pair it holds; a unit whose bit stays clear cannot match,
 * so its regexes never run.
 */
interface Prefilter {
  /** Bits 0–31 and 32–63 of each table entry (up to 64 units get a bit of their own). */
  uni: Uint32Array
  uniHi: Uint32Array
  first: Uint8Array
  keys: Uint32Array
  vals: Uint32Array
  valsHi: Uint32Array
  mask: number
  /** Bits that are always set (a unit the tables cannot represent). */
  always: number
  alwaysHi: number
  /** Per theme: its first bit, and whether bits are per unit (else one bit for the theme). */
  offset: number[]
  perUnit: boolean
}

// Case folding beyond ASCII (as the regex 'i' flag does) is not modelled by the tables.
const hasNonAsciiCase = (s: string) => [...s].some((ch) => ch.charCodeAt(0) > 0x7f && ch.toLowerCase() !== ch.toUpperCase())
const foldCode = (c: number) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c)
const pairKey = (c0: number, c1: number) => ((c0 << 16) | c1) >>> 0
const pairSlot = (key: number, mask: number) => (Math.imul(key, 0x9e3779b1) >>> 16) & mask
const SAMPLE = 400

const themeUnits = (t: CompiledTheme) => [...t.sets.strong.units, ...t.sets.objects.units]

/** How often each candidate character and pair occurs in a sample of the texts. */
function sampleCounts(texts: string[], alts: string[][]): { single: Map<number, number>; pairs: Map<number, number> } {
  const single = new Map<number, number>()
  const pairs = new Map<number, number>()
  const first = new Uint8Array(0x10000)
  for (const chunks of alts) {
    for (const c of chunks) {
      for (let i = 0; i < c.length; i++) {
        const c0 = foldCode(c.charCodeAt(i))
        single.set(c0, 0)
        if (i + 1 < c.length) {
          pairs.set(pairKey(c0, foldCode(c.charCodeAt(i + 1))), 0)
          first[c0] = 1
        }
      }
    }
  }
  const step = Math.max(1, Math.floor(texts.length / SAMPLE))
  for (let i = 0; i < texts.length; i += step) {
    const text = texts[i] ?? ''
    let c0 = -1
    for (let j = 0; j < text.length; j++) {
      const c1 = foldCode(text.charCodeAt(j))
      const n1 = single.get(c1)
      if (n1 !== undefined) single.set(c1, n1 + 1)
      if (c0 >= 0 && first[c0] === 1) {
        const k = pairKey(c0, c1)
        const n2 = pairs.get(k)
        if (n2 !== undefined) pairs.set(k, n2 + 1)
      }
      c0 = c1
    }
  }
  return { single, pairs }
}

/** The rarest necessary pair (or character) of one alternative, and how often it occurs in the sample. */
function rarest(chunks: string[], single: Map<number, number>, pairCounts: Map<number, number>): { pair: number; char: number; count: number } {
  let bestPair = -1
  let bestCount = Infinity
  let bestChar = -1
  let bestCharCount = Infinity
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      const c0 = foldCode(c.charCodeAt(i))
      const n1 = single.get(c0) ?? 0
      if (n1 < bestCharCount) [bestChar, bestCharCount] = [c0, n1]
      if (i + 1 < c.length) {
        const key = pairKey(c0, foldCode(c.charCodeAt(i + 1)))
        const n2 = pairCounts.get(key) ?? 0
        if (key !== 0 && n2 < bestCount) [bestPair, bestCount] = [key, n2]
      }
    }
  }
  return bestPair >= 0 ? { pair: bestPair, char: -1, count: bestCount } : { pair: -1, char: bestChar, count: bestCharCount }
}

const MAX_UNIT_BITS = 64

function buildPrefilter(themes: CompiledTheme[], texts: string[]): Prefilter {
  const units = themes.map(themeUnits)
  const total = units.reduce((s, u) => s + u.length, 0)
  const perUnit = total <= MAX_UNIT_BITS
  const offset: number[] = []
  let next = 0
  for (const u of units) {
    offset.push(next)
    next += perUnit ? u.length : 1
  }
  const { single, pairs: pairCounts } = sampleCounts(texts, units.flat().flatMap((u) => u.partAlts.flat()))
  // Every part of a unit is necessary, so the rarest part in the sample prefilters it, and its regex
  // runs first (a text that lacks it is dismissed after one scan). AND is order-free: reordering
  // the parts changes no result.
  for (const list of units) {
    for (const unit of list) {
      if (unit.parts.length < 2) continue
      const cost = unit.partAlts.map((alts) => alts.reduce((sum, chunks) => sum + (chunks.length === 0 || chunks.some(hasNonAsciiCase) ? Infinity : rarest(chunks, single, pairCounts).count), 0))
      const order = cost.map((c, i) => [c, i] as const).sort((x, y) => x[0] - y[0]).map(([, i]) => i)
      const parts = order.map((i) => unit.parts[i])
      const partAlts = order.map((i) => unit.partAlts[i])
      for (let i = 0; i < order.length; i++) {
        unit.parts[i] = parts[i]
        unit.partAlts[i] = partAlts[i]
      }
    }
  }
  const uni = new Uint32Array(0x10000)
  const uniHi = new Uint32Array(0x10000)
  const first = new Uint8Array(0x10000)
  const pairBits = new Map<number, [number, number]>()
  let always = 0
  let alwaysHi = 0
  units.forEach((list, ti) => {
    list.forEach((unit, k) => {
      const g = perUnit ? offset[ti] + k : ti
      const lo = g < 32 ? (1 << g) >>> 0 : 0
      const hi = g >= 32 ? (1 << (g - 32)) >>> 0 : 0
      for (const chunks of unit.partAlts[0]) {
        if (chunks.length === 0 || chunks.some(hasNonAsciiCase)) {
          always |= lo
          alwaysHi |= hi
          continue
        }
        // The rarest pair of any chunk; a single character only when no chunk has two.
        const r = rarest(chunks, single, pairCounts)
        if (r.pair >= 0) {
          first[r.pair >>> 16] = 1
          const b = pairBits.get(r.pair) ?? [0, 0]
          pairBits.set(r.pair, [(b[0] | lo) >>> 0, (b[1] | hi) >>> 0])
        } else if (r.char >= 0) {
          uni[r.char] |= lo
          uniHi[r.char] |= hi
        } else {
          always |= lo
          alwaysHi |= hi
        }
      }
    })
  })
  let size = 256
  while (size < pairBits.size * 4) size *= 2
  const keys = new Uint32Array(size)
  const vals = new Uint32Array(size)
  const valsHi = new Uint32Array(size)
  const mask = size - 1
  for (const [key, [lo, hi]] of pairBits) {
    let h = pairSlot(key, mask)
    while (keys[h] !== 0) h = (h + 1) & mask
    keys[h] = key
    vals[h] = lo
    valsHi[h] = hi
  }
  return { uni, uniHi, first, keys, vals, valsHi, mask, always: always >>> 0, alwaysHi: alwaysHi >>> 0, offset, perUnit }
}

/** Bits 32–63 of the last `candidates` call. */
let candHi = 0

/** Bits 0–31 of the units (or themes) that may match `text`; bits 32–63 in `candHi`. */
function candidates(text: string, pf: Prefilter): number {
  const { uni, uniHi, first, keys, vals, valsHi, mask } = pf
  let c0 = foldCode(text.charCodeAt(0))
  let m = pf.always | uni[c0]
  let h2 = pf.alwaysHi | uniHi[c0]
  for (let i = 1; i < text.length; i++) {
    const c1 = foldCode(text.charCodeAt(i))
    m |= uni[c1]
    h2 |= uniHi[c1]
    if (first[c0] === 1) {
      const key = pairKey(c0, c1)
      for (let h = pairSlot(key, mask); keys[h] !== 0; h = (h + 1) & mask) {
        if (keys[h] === key) {
          m |= vals[h]
          h2 |= valsHi[h]
          break
        }
      }
    }
    c0 = c1
  }
  candHi = h2 >>> 0
  return m >>> 0
}

/** `n` bits from bit `o` of the 64-bit value (lo, hi). */
function bitsAt(lo: number, hi: number, o: number, n: number): number {
  if (n <= 0) return 0
  const v = o >= 32 ? hi >>> (o - 32) : o === 0 ? lo : ((lo >>> o) | (hi << (32 - o))) >>> 0
  return n >= 32 ? v : v & ((1 << n) - 1)
}

/** Bit mask of matching themes per row (up to 32 themes), for the query engine. */
export function themeMasks(texts: string[], themes: CompiledTheme[]): Uint32Array {
  const masks = new Uint32Array(texts.length)
  const active = themes.slice(0, 32)
  if (!active.some((t) => t.def.enabled)) return masks
  const pf = buildPrefilter(active, texts)
  const counts = active.map((t) => [t.sets.strong.units.length, t.sets.objects.units.length])
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]
    if (!text) continue
    const cand = candidates(text, pf)
    const hi = candHi
    if (cand === 0 && hi === 0) continue
    let n = -1
    let m = 0
    for (let ti = 0; ti < active.length; ti++) {
      if (!active[ti].def.enabled) continue
      let strongOn = ALL_UNITS
      let objectsOn = ALL_UNITS
      const [ns, no] = counts[ti]
      if (pf.perUnit) {
        // Units past 31 in one list are always tried (unitOn), so at most 31 bits are read each.
        strongOn = ns > 31 ? ALL_UNITS : bitsAt(cand, hi, pf.offset[ti], ns)
        objectsOn = no > 31 ? ALL_UNITS : bitsAt(cand, hi, pf.offset[ti] + ns, no)
        if (strongOn === 0 && objectsOn === 0) continue
      } else if (bitsAt(cand, hi, ti, 1) === 0) continue
      // Split only when some theme may match.
      if (n < 0) n = splitSentences(text)
      if (n > 0 && evalTheme(active[ti], text, n, false, strongOn, objectsOn)) m |= 1 << ti
    }
    masks[i] = m >>> 0
  }
  return masks
}
