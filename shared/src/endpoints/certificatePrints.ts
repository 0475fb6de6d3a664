/**
 * Units print their people's certificates (issue 8 item 3; seed 002 "专业技术人员或用人单位可通过
 * '服务平台'自行打印电子证书"): one person's yearly or merged PDF, or many people as one ZIP built by a job.
 */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { mergedPdfQuery } from '../api-certificates';

const TAGS = ['证书管理'];

/** How many people one ZIP holds at most. */
export const CERTIFICATE_ZIP_MAX_PEOPLE = 500;

const certNo = z.string().trim().regex(/^\d{13}$/, '证书管理号应为13位数字');

export const certificatePrintsApi = {
  pdf: endpoint({
    method: 'GET',
    path: '/api/admin/certificates/:certNo/certificate.pdf',
    tags: TAGS,
    summary:
      '打印本机构管理范围内人员的电子证书：起止年度相同为年度证书，不同为合并打印（每个年度都通过才能打印，否则 409 指明年度）',
    params: z.object({ certNo }),
    query: mergedPdfQuery,
    produces: ['application/pdf'],
  }),
  zip: endpoint({
    method: 'POST',
    path: '/api/admin/certificates/print-jobs',
    tags: TAGS,
    summary: `批量打印：所选人员（最多${CERTIFICATE_ZIP_MAX_PEOPLE}人）的证书由后台任务生成一个ZIP压缩包；不能打印的人员列入压缩包中的“未打印名单.txt”`,
    body: mergedPdfQuery.extend({
      certNos: z
        .array(certNo)
        .min(1, '请选择要打印证书的人员')
        .max(CERTIFICATE_ZIP_MAX_PEOPLE, `一次最多打印${CERTIFICATE_ZIP_MAX_PEOPLE}人的证书，请分批打印`),
    }),
    response: z.object({ jobId: z.string() }),
    status: 202,
  }),
};
