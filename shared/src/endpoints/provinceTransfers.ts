/** 外省学时转入 (issue 14 item 4): the professional's applications. Reviewers use the declarations queue. */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { idParam } from '../api';
import { OTHER_PROVINCE_CODES, PROVINCE_TRANSFER_LIMITS } from '../rules/provinceTransfer';

const TAGS = ['外省学时转入'];

const hours = z.coerce
  .number({ message: '学时请填写数字' })
  .min(0, '学时不能为负数')
  .max(PROVINCE_TRANSFER_LIMITS.maxHoursPerSubject, `学时不能超过${PROVINCE_TRANSFER_LIMITS.maxHoursPerSubject}`);

export const transferYearEntry = z.object({
  year: z.coerce.number({ message: '年度不正确' }).int('年度不正确').min(2000, '年度不正确').max(2100, '年度不正确'),
  publicHours: hours,
  professionalHours: hours,
});

/**
 * The text fields of the multipart request (the file is `evidence`). `entries` is a JSON array of
 * {year, publicHours, professionalHours}: one row per year.
 */
export const provinceTransferFields = z.object({
  province: z.enum(OTHER_PROVINCE_CODES, { message: '请选择转出省份（不含河南省）' }),
  certificateNo: z.string().trim().max(64, '外省证书编号不能超过64个字').default(''),
  note: z.string().trim().max(500, '说明不能超过500个字').default(''),
  entries: z
    .string({ message: '请填写转入的年度和学时' })
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: '年度学时格式不正确' });
        return z.NEVER;
      }
    })
    .pipe(z.array(transferYearEntry, { message: '年度学时格式不正确' }).max(PROVINCE_TRANSFER_LIMITS.maxYears, `一次最多转入${PROVINCE_TRANSFER_LIMITS.maxYears}个年度`)),
});

const transferRow = z.object({
  declarationId: z.number(),
  subject: z.enum(['public', 'professional']),
  subjectLabel: z.string(),
  hours: z.number(),
  status: z.string(),
  statusLabel: z.string(),
  /** Pending: who has it now. */
  currentReviewerName: z.string().nullable(),
  rejectReason: z.string().nullable(),
});

export const provinceTransfer = z.object({
  id: z.number(),
  provinceCode: z.string(),
  provinceName: z.string(),
  certificateNo: z.string(),
  note: z.string(),
  evidence: z.object({ name: z.string(), contentType: z.string(), size: z.number() }),
  createdAt: z.string(),
  withdrawnAt: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected', 'partial', 'withdrawn']),
  statusLabel: z.string(),
  years: z.array(z.object({ year: z.number(), publicHours: z.number(), professionalHours: z.number(), rows: z.array(transferRow) })),
  /** The unit has acted on none of its records yet. */
  canWithdraw: z.boolean(),
});
export type ProvinceTransfer = z.infer<typeof provinceTransfer>;

export const provinceTransfersApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/me/province-transfers',
    tags: TAGS,
    summary: '本人的外省学时转入申请（最新在前）',
    query: z.object({ after: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }),
    response: z.object({ items: z.array(provinceTransfer), nextAfter: z.number().nullable() }),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/me/province-transfers',
    tags: TAGS,
    summary: '提交外省学时转入申请：转出省份、各年度公需/专业学时、外省证书（证明材料），由本人单位和人社部门审核',
    multipart: true,
    body: provinceTransferFields,
    response: provinceTransfer,
    status: 201,
  }),
  withdraw: endpoint({
    method: 'POST',
    path: '/api/me/province-transfers/:id/withdraw',
    tags: TAGS,
    summary: '撤回外省学时转入申请（单位尚未审核时）',
    params: idParam,
    response: provinceTransfer,
  }),
  evidence: endpoint({
    method: 'GET',
    path: '/api/me/province-transfers/:id/evidence',
    tags: TAGS,
    summary: '查看本人外省学时转入申请的证明材料（外省证书）',
    params: idParam,
    produces: ['image/jpeg', 'image/png', 'application/pdf'],
  }),
};
