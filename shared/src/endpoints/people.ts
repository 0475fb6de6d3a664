/** People of the console (人员管理): what the detail drawer shows beyond the profile (issue 8 item 4). */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { idParam } from '../api';
import { completionYear } from '../api-certificates';
import { submittedDeclarationSummary } from '../api-declarations';

export const personRecord = z.object({
  /** 年度完成情况, newest year first (as the person sees it on their own page). */
  years: z.array(completionYear),
  /** Submitted declarations (drafts are the person's own), newest first. */
  declarations: z.array(submittedDeclarationSummary),
});
export type PersonRecord = z.infer<typeof personRecord>;

export const peopleApi = {
  record: endpoint({
    method: 'GET',
    path: '/api/admin/professionals/:id/record',
    tags: ['专业技术人员'],
    summary: '人员的年度完成情况（各年度学时、要求、认定结果、证书能否打印）与学时申报记录（不含未提交的草稿）',
    params: idParam,
    response: personRecord,
  }),
};
