/** 在线咨询 and the help centre's FAQ (SPEC R-32). */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { idParam } from '../api';

const TAGS = ['在线咨询'];
const FAQ_TAGS = ['帮助中心'];

export const CONSULTATION_CATEGORIES = [
  { code: 'registration', label: '注册与登录' },
  { code: 'declaration', label: '学时申报与审核' },
  { code: 'certificate', label: '证书打印、查询与共享' },
  { code: 'profile', label: '个人信息与单位调转' },
  { code: 'organisation', label: '单位与管理员' },
  { code: 'other', label: '其他问题' },
] as const;
export type ConsultationCategory = (typeof CONSULTATION_CATEGORIES)[number]['code'];
const CATEGORY_CODES = CONSULTATION_CATEGORIES.map((c) => c.code) as [ConsultationCategory, ...ConsultationCategory[]];
export const CONSULTATION_CATEGORY_LABELS = Object.fromEntries(CONSULTATION_CATEGORIES.map((c) => [c.code, c.label])) as Record<ConsultationCategory, string>;

/** open: waiting for an answer at `handlerName`; answered: the handler answered; closed: finished. */
export const CONSULTATION_STATUSES = ['open', 'answered', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export const CONSULTATION_STATUS_LABELS: Record<ConsultationStatus, string> = { open: '待答复', answered: '已答复', closed: '已关闭' };

export const CONSULTATION_LIMITS = { textMax: 2000, attachmentMaxBytes: 10 * 1024 * 1024 } as const;

const text = (what: string) =>
  z.string().trim().min(1, `请填写${what}`).max(CONSULTATION_LIMITS.textMax, `${what}不能超过${CONSULTATION_LIMITS.textMax}个字`);

/** A phone number (mobile or fixed line) or an e-mail address, for a visitor who has no account. */
export const visitorContact = z
  .string()
  .trim()
  .min(1, '请留下手机号或电子邮箱，以便答复')
  .max(100)
  .refine((v) => /^1\d{10}$/.test(v) || /^0\d{2,3}-?\d{7,8}$/.test(v) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '请填写正确的手机号、固定电话（区号-号码）或电子邮箱');

export const MESSAGE_KINDS = ['question', 'answer', 'followup', 'escalate', 'close'] as const;
export type ConsultationMessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_KIND_LABELS: Record<ConsultationMessageKind, string> = {
  question: '提问',
  answer: '答复',
  followup: '追问',
  escalate: '转上级机构办理',
  close: '关闭',
};

const message = z.object({
  id: z.number(),
  kind: z.enum(MESSAGE_KINDS),
  kindLabel: z.string(),
  /** 提问人 for the asker; the organisation's name for an admin (admins' names are not shown to askers). */
  author: z.string(),
  fromAsker: z.boolean(),
  text: z.string(),
  at: z.string(),
});

export const consultationSummary = z.object({
  id: z.number(),
  category: z.enum(CATEGORY_CODES),
  categoryLabel: z.string(),
  title: z.string(),
  status: z.enum(CONSULTATION_STATUSES),
  statusLabel: z.string(),
  /** The organisation now handling it. */
  handlerName: z.string(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
});
export type ConsultationSummary = z.infer<typeof consultationSummary>;

export const consultationThread = consultationSummary.extend({
  messages: z.array(message),
  attachment: z.object({ name: z.string(), contentType: z.string(), size: z.number() }).nullable(),
});
export type ConsultationThread = z.infer<typeof consultationThread>;

const adminConsultation = consultationThread.extend({
  version: z.number(),
  askerName: z.string(),
  askerKind: z.enum(['professional', 'visitor']),
  /** Masked phone / e-mail of a visitor; the unit and 工作部门 of a professional. */
  askerContact: z.string(),
  originName: z.string(),
  /** The admin's organisation handles it now (may answer, pass it up, close). */
  canHandle: z.boolean(),
  /** There is an organisation above the current handler to pass it to. */
  canEscalate: z.boolean(),
  /** The actor may publish the answer to the help centre's FAQ (province or city bureau). */
  canPublishFaq: z.boolean(),
  faqEntryId: z.number().nullable(),
});
export type AdminConsultation = z.infer<typeof adminConsultation>;

const adminRow = consultationSummary.extend({ askerName: z.string(), originName: z.string(), awaitingMe: z.boolean() });

const page = { after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) };
const versionBody = z.object({ version: z.number().int().min(1) });

export const consultationQuestion = z.object({
  category: z.enum(CATEGORY_CODES, { message: '请选择问题类别' }),
  title: z.string().trim().min(2, '请用一句话概括问题').max(60, '问题概括不能超过60个字'),
  text: text('问题描述'),
});

export const visitorQuestion = consultationQuestion.extend({
  name: z.string().trim().min(1, '请填写您的姓名').max(30),
  contact: visitorContact,
  /** The organisation asked (an approved unit, department or HRSS bureau). */
  orgId: z.coerce.number().int().positive({ message: '请选择咨询的机构' }),
  captcha: z.string().trim().max(10).default(''),
});

export const faqEntry = z.object({
  id: z.number(),
  category: z.enum(CATEGORY_CODES),
  categoryLabel: z.string(),
  question: z.string(),
  answer: z.string(),
  publisherName: z.string(),
  publishedAt: z.string(),
});
export type FaqEntry = z.infer<typeof faqEntry>;

export const faqInput = z.object({
  category: z.enum(CATEGORY_CODES),
  question: z.string().trim().min(4, '请填写问题').max(200, '问题不能超过200个字'),
  answer: z.string().trim().min(4, '请填写解答').max(CONSULTATION_LIMITS.textMax, `解答不能超过${CONSULTATION_LIMITS.textMax}个字`),
});

export const consultationsApi = {
  ask: endpoint({
    method: 'POST',
    path: '/api/me/consultations',
    tags: TAGS,
    summary: '专业技术人员提问：发送给所在单位的管理员（可附一个 PDF/JPG/PNG 附件）',
    multipart: true,
    body: consultationQuestion,
    response: consultationThread,
    status: 201,
  }),
  mine: endpoint({
    method: 'GET',
    path: '/api/me/consultations',
    tags: TAGS,
    summary: '我的咨询',
    query: z.object(page),
    response: z.object({ items: z.array(consultationSummary), nextAfter: z.number().nullable() }),
  }),
  myThread: endpoint({
    method: 'GET',
    path: '/api/me/consultations/:id',
    tags: TAGS,
    summary: '我的一条咨询：往来记录与办理状态',
    params: idParam,
    response: consultationThread,
  }),
  followUp: endpoint({
    method: 'POST',
    path: '/api/me/consultations/:id/messages',
    tags: TAGS,
    summary: '追问（咨询重新变为待答复）',
    params: idParam,
    body: z.object({ text: text('追问内容') }),
    response: consultationThread,
  }),
  closeMine: endpoint({
    method: 'POST',
    path: '/api/me/consultations/:id/close',
    tags: TAGS,
    summary: '问题已解决，关闭咨询',
    params: idParam,
    response: consultationThread,
  }),
  myAttachment: endpoint({
    method: 'GET',
    path: '/api/me/consultations/:id/attachment',
    tags: TAGS,
    summary: '查看本人咨询的附件',
    params: idParam,
  }),
  visitorAsk: endpoint({
    method: 'POST',
    path: '/api/public/consultations',
    tags: TAGS,
    summary: '访客提问（需验证码）：选择咨询的机构，留下手机号或电子邮箱；返回查询码',
    multipart: true,
    body: visitorQuestion,
    response: consultationThread.extend({ code: z.string() }),
    status: 201,
  }),
  visitorThread: endpoint({
    method: 'GET',
    path: '/api/public/consultations/:code',
    tags: TAGS,
    summary: '访客凭查询码查看咨询的答复与状态',
    params: z.object({ code: z.string().trim().regex(/^[A-Za-z0-9]{12}$/, '查询码为12位字母和数字') }),
    response: consultationThread,
  }),
  adminList: endpoint({
    method: 'GET',
    path: '/api/admin/consultations',
    tags: TAGS,
    summary: '在线咨询：待本机构答复的咨询（scope=mine），或本机构及下级机构的全部咨询（scope=subtree）',
    query: z.object({
      scope: z.enum(['mine', 'subtree']).default('mine'),
      status: z.enum(CONSULTATION_STATUSES).optional(),
      ...page,
    }),
    response: z.object({ items: z.array(adminRow), nextAfter: z.number().nullable() }),
  }),
  adminDetail: endpoint({
    method: 'GET',
    path: '/api/admin/consultations/:id',
    tags: TAGS,
    summary: '咨询详情',
    params: idParam,
    response: adminConsultation,
  }),
  adminAttachment: endpoint({
    method: 'GET',
    path: '/api/admin/consultations/:id/attachment',
    tags: TAGS,
    summary: '查看咨询的附件',
    params: idParam,
  }),
  answer: endpoint({
    method: 'POST',
    path: '/api/admin/consultations/:id/answer',
    tags: TAGS,
    summary: '答复咨询',
    params: idParam,
    body: versionBody.extend({ text: text('答复内容') }),
    response: adminConsultation,
  }),
  escalate: endpoint({
    method: 'POST',
    path: '/api/admin/consultations/:id/escalate',
    tags: TAGS,
    summary: '转上级机构办理（本机构无法答复时）',
    params: idParam,
    body: versionBody.extend({ note: z.string().trim().max(500).default('') }),
    response: adminConsultation,
  }),
  close: endpoint({
    method: 'POST',
    path: '/api/admin/consultations/:id/close',
    tags: TAGS,
    summary: '关闭咨询（重复、无效或已办结）',
    params: idParam,
    body: versionBody.extend({ note: z.string().trim().max(500).default('') }),
    response: adminConsultation,
  }),
  publishFaq: endpoint({
    method: 'POST',
    path: '/api/admin/consultations/:id/faq',
    tags: FAQ_TAGS,
    summary: '把好的答复整理后发布到帮助中心的常见问题（人社部门）',
    params: idParam,
    body: faqInput,
    response: faqEntry,
    status: 201,
  }),
  adminFaq: endpoint({
    method: 'GET',
    path: '/api/admin/faq',
    tags: FAQ_TAGS,
    summary: '本机构发布的常见问题',
    query: z.object(page),
    response: z.object({ items: z.array(faqEntry.extend({ withdrawn: z.boolean() })), nextAfter: z.number().nullable() }),
  }),
  withdrawFaq: endpoint({
    method: 'POST',
    path: '/api/admin/faq/:id/withdraw',
    tags: FAQ_TAGS,
    summary: '撤下本机构发布的常见问题',
    params: idParam,
    response: z.object({ ok: z.literal(true), message: z.string() }),
  }),
  publicFaq: endpoint({
    method: 'GET',
    path: '/api/public/faq',
    tags: FAQ_TAGS,
    summary: '帮助中心的常见问题（人社部门由在线咨询整理发布），可按关键字和类别搜索',
    query: z.object({ q: z.string().trim().max(50).optional(), category: z.enum(CATEGORY_CODES).optional(), ...page }),
    response: z.object({ items: z.array(faqEntry), nextAfter: z.number().nullable() }),
  }),
};
