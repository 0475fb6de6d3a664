/**
 * Catalogues a professional picks from at registration (SPEC R-6) and in the profile.
 * The stored value is the Chinese name itself, like the other form vocabularies (INDUSTRIES).
 */
import type { TitleLevel } from './rules/yearRequirement';

/** 民族: the 56 ethnic groups of China, in the order of GB/T 3304. */
// prettier-ignore
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/**
 * 职称系列: the professional title series of the national title system (the 27 series of 人社部,
 * with 科学研究 split into its natural-science and social-science branches as Henan evaluates them),
 * plus the series added since (审计, 社会工作, 知识产权, 党校教师) and 群众文化, which Henan evaluates
 * on its own. FAQ (seed 003): "请按照您所获得职称证书上面的职称系列进行填写".
 */
// prettier-ignore
export const TITLE_SERIES = [
  '高校教师', '中等职业学校教师', '技工院校教师', '中小学教师', '党校教师',
  '卫生技术', '工程技术', '农业技术', '实验技术', '自然科学研究', '哲学社会科学研究',
  '会计', '审计', '统计', '经济', '翻译',
  '新闻', '出版', '播音主持', '图书资料', '文物博物', '档案', '群众文化', '工艺美术', '艺术', '体育教练',
  '律师', '公证', '船舶', '民用航空飞行', '社会工作', '知识产权',
] as const;
export type TitleSeries = (typeof TITLE_SERIES)[number];

/** 专业技术职务等级, by the codes the yearly requirement rules use. */
export const TITLE_LEVEL_LABELS: Record<TitleLevel, string> = {
  junior: '初级',
  intermediate: '中级',
  deputy_senior: '副高级',
  senior: '正高级',
};

/**
 * 所学专业: the 门类 and 专业类 of the 普通高等学校本科专业目录 (FAQ: "所学专业选择大类或者相近专业即可").
 * The stored value is the 专业类 name, which is unique across the catalogue.
 */
export const MAJOR_CATALOGUE: readonly { category: string; classes: readonly string[] }[] = [
  { category: '哲学', classes: ['哲学类'] },
  { category: '经济学', classes: ['经济学类', '财政学类', '金融学类', '经济与贸易类'] },
  { category: '法学', classes: ['法学类', '政治学类', '社会学类', '民族学类', '马克思主义理论类', '公安学类'] },
  { category: '教育学', classes: ['教育学类', '体育学类'] },
  { category: '文学', classes: ['中国语言文学类', '外国语言文学类', '新闻传播学类'] },
  { category: '历史学', classes: ['历史学类'] },
  {
    category: '理学',
    classes: ['数学类', '物理学类', '化学类', '天文学类', '地理科学类', '大气科学类', '海洋科学类', '地球物理学类', '地质学类', '生物科学类', '心理学类', '统计学类'],
  },
  {
    category: '工学',
    classes: [
      '力学类', '机械类', '仪器类', '材料类', '能源动力类', '电气类', '电子信息类', '自动化类', '计算机类', '土木类',
      '水利类', '测绘类', '化工与制药类', '地质类', '矿业类', '纺织类', '轻工类', '交通运输类', '海洋工程类', '航空航天类',
      '兵器类', '核工程类', '农业工程类', '林业工程类', '环境科学与工程类', '生物医学工程类', '食品科学与工程类', '建筑类',
      '安全科学与工程类', '生物工程类', '公安技术类', '交叉工程类',
    ],
  },
  { category: '农学', classes: ['植物生产类', '自然保护与环境生态类', '动物生产类', '动物医学类', '林学类', '水产类', '草学类'] },
  {
    category: '医学',
    classes: ['基础医学类', '临床医学类', '口腔医学类', '公共卫生与预防医学类', '中医学类', '中西医结合类', '药学类', '中药学类', '法医学类', '医学技术类', '护理学类'],
  },
  {
    category: '管理学',
    classes: ['管理科学与工程类', '工商管理类', '农业经济管理类', '公共管理类', '图书情报与档案管理类', '物流管理与工程类', '工业工程类', '电子商务类', '旅游管理类'],
  },
  { category: '艺术学', classes: ['艺术学理论类', '音乐与舞蹈学类', '戏剧与影视学类', '美术学类', '设计学类'] },
  { category: '其他', classes: ['其他专业'] },
];

/** Every selectable 所学专业 (专业类). */
export const MAJORS: readonly string[] = MAJOR_CATALOGUE.flatMap((c) => c.classes);
