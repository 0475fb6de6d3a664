/** 通知公告 (SPEC R-32): notices of HRSS bureaus and competent departments. */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { idParam } from '../api';

const TAGS = ['通知公告'];

export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' };

/** Limits of a notice, checked on both sides. */
export const NOTICE_LIMITS = { titleMax: 120, bodyMaxChars: 100_000, attachmentsMax: 10, attachmentMaxBytes: 20 * 1024 * 1024 } as const;

const attachment = z.object({ fileId: z.number(), name: z.string(), contentType: z.string(), size: z.number() });

export const noticeSummary = z.object({
  id: z.number(),
  title: z.string(),
  publisherName: z.string(),
  /** Region of the publishing organisation (e.g. 郑州市). */
  regionName: z.string(),
  pinned: z.boolean(),
  publishedAt: z.string().nullable(),
  attachmentCount: z.number(),
});
export type NoticeSummary = z.infer<typeof noticeSummary>;

export const noticeDetail = noticeSummary.extend({
  /** Sanitised HTML (server-side allowlist): safe to render as is. */
  bodyHtml: z.string(),
  attachments: z.array(attachment),
});
export type NoticeDetail = z.infer<typeof noticeDetail>;

const adminNotice = noticeDetail.extend({
  status: z.enum(NOTICE_STATUSES),
  statusLabel: z.string(),
  version: z.number(),
  authorName: z.string(),
  updatedAt: z.string(),
  withdrawnAt: z.string().nullable(),
});
export type AdminNotice = z.infer<typeof adminNotice>;

const page = { after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) };

export const noticeInput = z.object({
  title: z.string().trim().min(1, '请填写标题').max(NOTICE_LIMITS.titleMax, `标题不能超过${NOTICE_LIMITS.titleMax}个字`),
  bodyHtml: z.string().max(NOTICE_LIMITS.bodyMaxChars, '正文过长，请精简或改为附件'),
});
export type NoticeInput = z.infer<typeof noticeInput>;

const versionBody = z.object({ version: z.number().int().min(1) });
const fileParams = z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });

export const noticesApi = {
  publicList: endpoint({
    method: 'GET',
    path: '/api/public/notices',
    tags: TAGS,
    summary: '门户通知公告：省人社厅发布的通知，以及所选省辖市（含所辖县区）人社部门发布的通知；置顶在前',
    query: z.object({ city: z.string().regex(/^\d{6}$/, '地区代码应为6位数字').optional(), q: z.string().trim().max(50).optional(), ...page }),
    response: z.object({ items: z.array(noticeSummary), nextAfter: z.number().nullable() }),
  }),
  detail: endpoint({
    method: 'GET',
    path: '/api/public/notices/:id',
    tags: TAGS,
    summary: '通知公告详情（人社部门的通知对所有人公开；主管部门的通知仅其所属单位及人员登录后可见）',
    params: idParam,
    response: noticeDetail,
  }),
  attachment: endpoint({
    method: 'GET',
    path: '/api/public/notices/:id/attachments/:fileId',
    tags: TAGS,
    summary: '下载通知公告的附件',
    params: fileParams,
  }),
  mine: endpoint({
    method: 'GET',
    path: '/api/me/notices',
    tags: TAGS,
    summary: '本人所在机构及其各级上级机构发布的通知公告（登录后首页）',
    query: z.object({ limit: z.coerce.number().int().min(1).max(20).default(8) }),
    response: z.object({ items: z.array(noticeSummary) }),
  }),
  adminList: endpoint({
    method: 'GET',
    path: '/api/admin/notices',
    tags: TAGS,
    summary: '本机构的通知公告（草稿、已发布、已撤回）',
    query: z.object({ status: z.enum(NOTICE_STATUSES).optional(), ...page }),
    response: z.object({ items: z.array(adminNotice.omit({ bodyHtml: true, attachments: true })), nextAfter: z.number().nullable() }),
  }),
  adminDetail: endpoint({
    method: 'GET',
    path: '/api/admin/notices/:id',
    tags: TAGS,
    summary: '本机构通知公告详情（编辑用）',
    params: idParam,
    response: adminNotice,
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/admin/notices',
    tags: TAGS,
    summary: '新建通知公告草稿（正文为富文本，服务器按白名单清理）',
    body: noticeInput,
    response: adminNotice,
    status: 201,
  }),
  update: endpoint({
    method: 'PUT',
    path: '/api/admin/notices/:id',
    tags: TAGS,
    summary: '修改草稿或已撤回的通知公告',
    params: idParam,
    body: noticeInput.extend(versionBody.shape),
    response: adminNotice,
  }),
  publish: endpoint({
    method: 'POST',
    path: '/api/admin/notices/:id/publish',
    tags: TAGS,
    summary: '发布通知公告（面向本机构所辖范围）',
    params: idParam,
    body: versionBody,
    response: adminNotice,
  }),
  withdraw: endpoint({
    method: 'POST',
    path: '/api/admin/notices/:id/withdraw',
    tags: TAGS,
    summary: '撤回已发布的通知公告',
    params: idParam,
    body: versionBody,
    response: adminNotice,
  }),
  pin: endpoint({
    method: 'POST',
    path: '/api/admin/notices/:id/pin',
    tags: TAGS,
    summary: '置顶或取消置顶',
    params: idParam,
    body: versionBody.extend({ pinned: z.boolean() }),
    response: adminNotice,
  }),
  addAttachment: endpoint({
    method: 'POST',
    path: '/api/admin/notices/:id/attachments',
    tags: TAGS,
    summary: '为草稿或已撤回的通知上传附件（file；PDF、JPG、PNG，按文件内容识别）',
    params: idParam,
    multipart: true,
    response: adminNotice,
    status: 201,
  }),
  removeAttachment: endpoint({
    method: 'DELETE',
    path: '/api/admin/notices/:id/attachments/:fileId',
    tags: TAGS,
    summary: '删除草稿或已撤回的通知的附件',
    params: fileParams,
    response: adminNotice,
  }),
};
