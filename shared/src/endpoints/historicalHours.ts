/** 学时转登 with the scan of the paper certificate as evidence (issue 8 item 12). */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { historicalHoursItem, historicalHoursList, historicalHoursQuery, historicalHoursRequest } from '../api-certificates';

/** At most this many scans (pages of the paper certificate) per entry, each at most this large. */
export const HISTORICAL_SCAN_LIMITS = { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 } as const;

/** The text fields of the multipart request: the JSON entry's fields, numbers as text. */
export const historicalHoursFields = historicalHoursRequest.extend({
  year: z.coerce.number({ error: '请填写年度' }).int('年度不正确').min(2000, '年度不正确').max(2100, '年度不正确'),
  hours: z.coerce
    .number({ error: '请填写学时' })
    .gt(0, '学时应大于0')
    .max(999, '学时不能超过999')
    .refine((h) => Math.abs(Math.round(h * 10) - h * 10) < 1e-9, '学时最多保留一位小数'),
});

export const historicalHoursApi = {
  enter: endpoint({
    method: 'POST',
    path: '/api/admin/historical-hours',
    tags: ['证书管理'],
    summary: '学时转登：把原纸质证书记录的往年学时登记为该年度的学时申报，从本机构的上一级开始逐级审核',
    body: historicalHoursRequest,
    response: historicalHoursItem,
    status: 201,
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/admin/historical-hours',
    tags: ['证书管理'],
    summary: '本机构办理的学时转登（按登记时间倒序，游标分页），含审核状态',
    query: historicalHoursQuery,
    response: historicalHoursList,
  }),
  enterWithScan: endpoint({
    method: 'POST',
    path: '/api/admin/historical-hours/with-scan',
    tags: ['证书管理'],
    summary: '学时转登（附原纸质证书扫描件）：扫描件作为该学时记录的证明材料，逐级审核的审核人可查看',
    multipart: true,
    body: historicalHoursFields,
    response: historicalHoursItem,
    status: 201,
  }),
};
