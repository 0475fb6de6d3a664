/** Background jobs (CONTRACT "Bulk channels"): progress polling and the result file. */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { jobStatusSchema } from '../api-jobs';

const jobParams = z.object({ jobId: z.string().uuid('任务编号格式不正确') });

export const jobsApi = {
  status: endpoint({
    method: 'GET',
    path: '/api/jobs/:jobId',
    tags: ['任务'],
    summary: '查询任务进度（导入、导出等后台任务）：仅任务发起人及其上级机构管理员可见',
    params: jobParams,
    response: jobStatusSchema,
  }),
  file: endpoint({
    method: 'GET',
    path: '/api/jobs/:jobId/file',
    tags: ['任务'],
    summary: '下载任务的结果文件（如错误报告）',
    params: jobParams,
    produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'],
  }),
};
