/**
 * Word lists the generated text is assembled from. They are invented for this corpus and
 * only need to look like news and blog prose to a tokenizer, a segmenter and a search index.
 */

export const zh = {
  subjects: [
    '研究团队', '城市居民', '开发者', '新能源车企', '数据中心', '市立博物馆', '年轻用户', '小型企业', '社区图书馆', '气象部门',
    '沿海港口', '高铁线路', '农业合作社', '开源社区', '独立游戏工作室', '动画制作组', '摄影爱好者', '连锁咖啡店', '体育场馆', '天文台',
    '芯片厂商', '出版社', '地下乐队', '背包旅行者', '物流公司', '儿科医院', '大学实验室', '手机品牌', '电池工厂', '家用机器人',
    '在线课堂', '交响乐团', '航空公司', '古籍修复师', '城市规划局', '自行车俱乐部', '直播平台', '云服务商', '翻译志愿者', '社区菜场',
  ],
  verbs: [
    '发布了', '推出了', '完成了', '宣布了', '启动了', '更新了', '测试了', '扩大了', '调整了', '记录了',
    '分享了', '公布了', '暂停了', '重启了', '优化了', '升级了', '展示了', '提交了', '评估了', '整理了',
  ],
  adjectives: [
    '全新的', '开放的', '低成本的', '更安静的', '可回收的', '跨平台的', '实验性的', '轻量级的', '长期的', '区域性的',
    '更透明的', '模块化的', '离线可用的', '面向新手的', '高密度的', '节能的',
  ],
  objects: [
    '新版本', '年度报告', '试点项目', '合作计划', '技术方案', '使用指南', '主题展览', '路线图', '公开数据集', '调查结果',
    '设计草图', '优惠活动', '安全补丁', '招聘计划', '评分规则', '排期表', '维修服务', '会员制度', '配送网络', '训练课程',
    '声音档案', '地图服务', '预约系统', '能耗标准',
  ],
  openers: [
    '今年春季', '上周', '近日', '本月初', '在过去三年里', '据介绍', '与此同时', '此外', '从周一开始', '截至目前',
    '在发布会上', '根据公开资料',
  ],
  tails: [
    '引发了广泛讨论', '受到不少用户关注', '预计明年正式上线', '目前仍在评估之中', '相关细节尚未公开', '首批名额很快被抢完',
    '评论区出现了不同声音', '后续还将公布更多信息', '整体进度比预期更快', '部分地区将率先体验',
  ],
  headingNouns: ['背景', '主要变化', '数据', '影响', '下一步', '争议', '细节', '时间线', '常见问题', '结论', '幕后', '对比'],
  channels: ['快讯', '首页', '深度', '周报', '专栏', '热门', '最新', '评测', '图集', '访谈', '推荐', '排行'],
  siteHeads: ['青', '蓝', '星', '云', '河', '竹', '石', '鹿', '橙', '北', '南', '光', '潮', '松', '雾', '墨'],
  siteTails: ['日报', '观察', '周刊', '科技', '资讯', '研究所', '社', '网', '频道', '实验室', '前线', '笔记'],
  givenNames: ['一鸣', '子涵', '思远', '晓雨', '建国', '雨桐', '明轩', '佳怡', '浩然', '欣然'],
  familyNames: ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'],
  tags: [
    '新能源', '开源', '人工智能', '城市', '旅行', '游戏', '动画', '摄影', '金融', '教育', '健康', '航天',
    '电影', '音乐', '阅读', '设计', '编程', '数码', '美食', '体育', '天气', '交通', '环保', '历史',
  ],
};

export const en = {
  subjects: [
    'The research team', 'City residents', 'Developers', 'An electric carmaker', 'The data centre', 'The city museum',
    'Young readers', 'Small businesses', 'The public library', 'The weather office', 'A coastal port', 'The rail operator',
    'A farming co-op', 'The open source community', 'An indie studio', 'The animation crew', 'Amateur photographers',
    'A coffee chain', 'The stadium', 'The observatory', 'A chip maker', 'The publisher', 'A garage band', 'Backpackers',
    'A courier firm', 'The hospital', 'The lab', 'A phone brand', 'The battery plant', 'Home robots',
  ],
  verbs: [
    'released', 'launched', 'finished', 'announced', 'started', 'updated', 'tested', 'expanded', 'adjusted', 'recorded',
    'shared', 'published', 'paused', 'restarted', 'improved', 'upgraded', 'showed', 'submitted', 'reviewed', 'sorted',
  ],
  adjectives: [
    'a new', 'an open', 'a cheaper', 'a quieter', 'a recyclable', 'a cross-platform', 'an experimental', 'a lightweight',
    'a long-term', 'a regional', 'a clearer', 'a modular', 'an offline-first', 'a beginner-friendly', 'an energy-saving',
  ],
  objects: [
    'version', 'annual report', 'pilot project', 'partnership', 'technical plan', 'user guide', 'exhibition', 'roadmap',
    'public dataset', 'survey', 'design sketch', 'discount', 'security patch', 'hiring plan', 'rating scheme', 'schedule',
    'repair service', 'membership', 'delivery network', 'training course', 'sound archive', 'map service',
  ],
  openers: [
    'This spring', 'Last week', 'Recently', 'Earlier this month', 'Over the past three years', 'According to the team',
    'Meanwhile', 'In addition', 'Starting Monday', 'So far', 'At the launch event', 'Public records show that',
  ],
  tails: [
    'and sparked a lively debate', 'drawing attention from many users', 'with a full launch expected next year',
    'while the review is still ongoing', 'though details remain private', 'and the first places sold out quickly',
    'to mixed reactions in the comments', 'with more news promised soon', 'ahead of schedule',
  ],
  headingNouns: ['Background', 'What changed', 'The numbers', 'Impact', 'Next steps', 'The debate', 'Details', 'Timeline', 'FAQ', "What's next"],
  channels: ['Latest', 'Featured', 'Reviews', 'Weekly', 'Opinion', 'Photos', 'Interviews', 'Top stories'],
  siteHeads: ['Copper', 'Quiet', 'Northern', 'Open', 'Paper', 'Little', 'Bright', 'Harbour', 'Maple', 'Signal'],
  siteTails: ['Lantern', 'Harbor', 'Circuit', 'Ledger', 'Review', 'Gazette', 'Weekly', 'Journal', 'Notes', 'Dispatch'],
  givenNames: ['Alex', 'Sam', 'Jordan', 'Robin', 'Casey', 'Morgan', 'Taylor', 'Riley', 'Jamie', 'Avery'],
  familyNames: ['Walker', 'Hughes', 'Moreno', 'Okafor', 'Lindqvist', 'Novak', 'Tanaka', 'Fischer', 'Brennan', 'Costa'],
  tags: [
    'energy', 'open-source', 'ai', 'cities', 'travel', 'games', 'animation', 'photography', 'finance', 'education',
    'health', 'space', 'film', 'music', 'books', 'design', 'programming', 'gadgets', 'food', 'sports', 'climate', 'C++',
  ],
};

export type Lexicon = typeof zh;

/** Top-level categories, the first level of every hierarchy. */
export const groups = ['资讯', '财经', '技术', '游戏', '动漫', '摄影', '社区', '影视', '科学', '生活'];

/** The group whose feeds post pictures with no text, like photo feeds do. */
export const photoGroup = '摄影';
