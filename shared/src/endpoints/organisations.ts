/** Organisation registration, its review and progress query, and the admin's organisation views. */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import {
  adminSummary,
  idParam,
  okBody,
  orgDetail,
  orgList,
  orgListQuery,
  orgRegistrationRequest,
  orgSummary,
  pendingRegistrationsQuery,
  progressResponse,
  publicOrgList,
  publicOrgQuery,
  registrationSubmitted,
  rejectDecision,
  reviewDecision,
  withdrawRequest,
} from '../api';

const reviewed = z.object({ status: z.string() });

const progressQuery = z.object({
  idNumber: z.string().trim().max(32).optional(),
  name: z.string().trim().max(50).optional(),
  creditCode: z.string().trim().max(18).optional(),
});

export const organisationsApi = {
  publicSearch: endpoint({
    method: 'GET',
    path: '/api/public/organisations',
    tags: ['注册'],
    summary: '按行政区划与名称模糊查找已审核的机构（注册时选择上级单位或所在单位）',
    query: publicOrgQuery,
    response: publicOrgList,
  }),
  register: endpoint({
    method: 'POST',
    path: '/api/registrations/organisations',
    tags: ['注册'],
    summary: '主管部门、用人单位、继续教育基地注册（提交后由上级机构管理员审核）',
    body: orgRegistrationRequest,
    response: registrationSubmitted,
    status: 201,
  }),
  progress: endpoint({
    method: 'GET',
    path: '/api/registrations/progress',
    tags: ['注册'],
    summary: '注册审核进度查询（姓名 + 身份证号，或统一社会信用代码）',
    query: progressQuery,
    response: progressResponse,
  }),
  /** The same query with the ID number in the body, out of URLs and access logs (the web uses this). */
  progressSearch: endpoint({
    method: 'POST',
    path: '/api/registrations/progress',
    tags: ['注册'],
    summary: '注册审核进度查询（POST，身份证号放在请求体中，不进入网址与日志）',
    body: progressQuery,
    response: progressResponse,
  }),
  withdraw: endpoint({
    method: 'POST',
    path: '/api/registrations/:id/withdraw',
    tags: ['注册'],
    summary: '撤回待审核的注册申请（需注册时设置的密码）',
    params: idParam,
    body: withdrawRequest,
    response: okBody,
  }),
  adminSummary: endpoint({
    method: 'GET',
    path: '/api/admin/summary',
    tags: ['管理'],
    summary: '管理首页待办与统计',
    response: adminSummary,
  }),
  pendingRegistrations: endpoint({
    method: 'GET',
    path: '/api/admin/registrations/organisations',
    tags: ['注册审核'],
    summary: '待我审核的机构注册',
    query: pendingRegistrationsQuery,
    response: z.object({ items: z.array(orgSummary), nextAfter: z.number().nullable() }),
  }),
  approveRegistration: endpoint({
    method: 'POST',
    path: '/api/admin/registrations/organisations/:id/approve',
    tags: ['注册审核'],
    summary: '审核通过机构注册',
    params: idParam,
    body: reviewDecision,
    response: reviewed,
  }),
  rejectRegistration: endpoint({
    method: 'POST',
    path: '/api/admin/registrations/organisations/:id/reject',
    tags: ['注册审核'],
    summary: '驳回机构注册（须填写原因）',
    params: idParam,
    body: rejectDecision,
    response: reviewed,
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/admin/organisations',
    tags: ['机构'],
    summary: '本机构下级机构列表（按 id 倒序，游标分页）',
    query: orgListQuery,
    response: orgList,
  }),
  detail: endpoint({
    method: 'GET',
    path: '/api/admin/organisations/:id',
    tags: ['机构'],
    summary: '机构详情',
    params: idParam,
    response: orgDetail,
  }),
};
