/**
 * Professionals (专业技术人员): registration and its review, the person's profile and change
 * requests, transfers between units, people management and archive.
 * The schemas themselves live in ../api-professionals.ts (the server's presenters type against them).
 */
import { z } from 'zod';
import { endpoint } from '../endpoint';
import { idParam, okBody, registrationSubmitted, rejectDecision, reviewDecision } from '../api';
import {
  adminChangeRequestItem,
  adminChangeRequestList,
  archiveRequest,
  archiveResponse,
  changeRequestList,
  changeRequestsQuery,
  changeSubmitted,
  identityChangeFields,
  pendingProfessionalsQuery,
  photoSideParam,
  professionalBulkReviewRequest,
  professionalBulkReviewResult,
  professionalDetail,
  professionalExportQuery,
  professionalList,
  professionalListQuery,
  professionalProfile,
  professionalRegistrationList,
  professionalRegistrationRequest,
  profileUpdateRequest,
  titleChangeRequest,
  transferApproval,
  transferItem,
  transferList,
  transferOutRequest,
  transferRequest,
  transfersQuery,
} from '../api-professionals';

/** The answer of a review decision: the record's new status. */
export const reviewStatus = z.object({ status: z.string(), message: z.string().optional() });
export type ReviewStatus = z.infer<typeof reviewStatus>;

const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
const XLSX = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;

const ME = ['个人资料'];
const REVIEW = ['人员审核'];
const TRANSFERS = ['人员调转'];
const PEOPLE = ['人员管理'];

/** 专业技术人员注册 (public) and its review by the unit. */
export const professionalRegistrationsApi = {
  register: endpoint({
    method: 'POST',
    path: '/api/registrations/professionals',
    tags: ['注册'],
    summary: '专业技术人员注册（提交后由所在单位管理员审核；已是本系统用户须输入原密码）',
    body: professionalRegistrationRequest,
    response: registrationSubmitted,
    status: 201,
  }),
  pending: endpoint({
    method: 'GET',
    path: '/api/admin/registrations/professionals',
    tags: REVIEW,
    summary: '待我审核的专业技术人员注册（工作部门范围内；按提交先后，游标分页）',
    query: pendingProfessionalsQuery,
    response: professionalRegistrationList,
  }),
  approve: endpoint({
    method: 'POST',
    path: '/api/admin/registrations/professionals/:id/approve',
    tags: REVIEW,
    summary: '审核通过专业技术人员注册',
    params: idParam,
    body: reviewDecision,
    response: reviewStatus,
  }),
  reject: endpoint({
    method: 'POST',
    path: '/api/admin/registrations/professionals/:id/reject',
    tags: REVIEW,
    summary: '驳回专业技术人员注册（须填写原因；驳回后本人可重新注册）',
    params: idParam,
    body: rejectDecision,
    response: reviewStatus,
  }),
  bulkReview: endpoint({
    method: 'POST',
    path: '/api/admin/registrations/professionals/bulk-review',
    tags: REVIEW,
    summary: '批量审核专业技术人员注册（逐条报告结果；含越权记录时整体拒绝）',
    body: professionalBulkReviewRequest,
    response: professionalBulkReviewResult,
  }),
};

/** The signed-in professional: profile, change requests, transfers. */
export const myProfessionalApi = {
  profile: endpoint({
    method: 'GET',
    path: '/api/me/profile',
    tags: ME,
    summary: '我的资料（含证书管理号）',
    response: professionalProfile,
  }),
  updateProfile: endpoint({
    method: 'PATCH',
    path: '/api/me/profile',
    tags: ME,
    summary: '基本信息修改（手机、邮箱、民族、籍贯、毕业院校、所学专业；直接生效）',
    body: profileUpdateRequest,
    response: professionalProfile,
  }),
  changeRequests: endpoint({
    method: 'GET',
    path: '/api/me/change-requests',
    tags: ME,
    summary: '变更记录（专业技术职务与证件信息修改申请及结果）',
    response: changeRequestList,
  }),
  titleChange: endpoint({
    method: 'POST',
    path: '/api/me/change-requests/title',
    tags: ME,
    summary: '申请修改专业技术职务（单位审核通过后生效）',
    body: titleChangeRequest,
    response: changeSubmitted,
    status: 201,
  }),
  /** multipart: the text fields below plus the files `front` and `back`. */
  identityChange: endpoint({
    method: 'POST',
    path: '/api/me/change-requests/identity',
    tags: ME,
    summary: '证件信息修改（姓名或身份证号，须上传身份证正反面照片，由单位审核；30天内限一次）',
    multipart: true,
    body: identityChangeFields,
    response: changeSubmitted,
    status: 201,
  }),
  withdrawChange: endpoint({
    method: 'POST',
    path: '/api/me/change-requests/:id/withdraw',
    tags: ME,
    summary: '撤回待审核的变更申请',
    params: idParam,
    response: okBody,
  }),
  changePhoto: endpoint({
    method: 'GET',
    path: '/api/me/change-requests/:id/photos/:side',
    tags: ME,
    summary: '查看本人证件信息修改申请的身份证照片',
    params: photoSideParam,
    produces: PHOTO_TYPES,
  }),
  transfers: endpoint({
    method: 'GET',
    path: '/api/me/transfers',
    tags: ME,
    summary: '我的单位调转申请',
    response: transferList,
  }),
  requestTransfer: endpoint({
    method: 'POST',
    path: '/api/me/transfers',
    tags: ME,
    summary: '申请单位调转（原单位同意转出后由新单位同意调入；有待审核事项时不能申请）',
    body: transferRequest,
    response: changeSubmitted,
    status: 201,
  }),
  withdrawTransfer: endpoint({
    method: 'POST',
    path: '/api/me/transfers/:id/withdraw',
    tags: ME,
    summary: '撤回办理中的单位调转申请',
    params: idParam,
    response: okBody,
  }),
};

/** The unit's review of 专业技术职务 and 证件信息 change requests. */
export const professionalChangesApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/admin/professional-changes',
    tags: REVIEW,
    summary: '本单位的信息变更申请（专业技术职务、证件信息；默认待审核）',
    query: changeRequestsQuery,
    response: adminChangeRequestList,
  }),
  detail: endpoint({
    method: 'GET',
    path: '/api/admin/professional-changes/:id',
    tags: REVIEW,
    summary: '信息变更申请详情（审核单位可见完整身份证号）',
    params: idParam,
    response: adminChangeRequestItem,
  }),
  photo: endpoint({
    method: 'GET',
    path: '/api/admin/professional-changes/:id/photos/:side',
    tags: REVIEW,
    summary: '证件信息修改申请的身份证照片（仅审核单位）',
    params: photoSideParam,
    produces: PHOTO_TYPES,
  }),
  approve: endpoint({
    method: 'POST',
    path: '/api/admin/professional-changes/:id/approve',
    tags: REVIEW,
    summary: '通过信息变更申请（随即生效；证书管理号不变）',
    params: idParam,
    body: reviewDecision,
    response: reviewStatus,
  }),
  reject: endpoint({
    method: 'POST',
    path: '/api/admin/professional-changes/:id/reject',
    tags: REVIEW,
    summary: '驳回信息变更申请（须填写原因）',
    params: idParam,
    body: rejectDecision,
    response: reviewStatus,
  }),
};

/** 人员调转 between units: the lists of both units, their decisions, and a transfer the unit starts. */
export const unitTransfersApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/admin/transfers',
    tags: TRANSFERS,
    summary: '人员调出 / 调入列表（默认为等待本单位处理的）',
    query: transfersQuery,
    response: transferList,
  }),
  detail: endpoint({
    method: 'GET',
    path: '/api/admin/transfers/:id',
    tags: TRANSFERS,
    summary: '单位调转详情',
    params: idParam,
    response: transferItem,
  }),
  approve: endpoint({
    method: 'POST',
    path: '/api/admin/transfers/:id/approve',
    tags: TRANSFERS,
    summary: '同意调转：原单位同意转出，或新单位同意调入（调入时确定工作部门）',
    params: idParam,
    body: transferApproval,
    response: reviewStatus,
  }),
  reject: endpoint({
    method: 'POST',
    path: '/api/admin/transfers/:id/reject',
    tags: TRANSFERS,
    summary: '不同意调转（须填写原因）',
    params: idParam,
    body: rejectDecision,
    response: reviewStatus,
  }),
  transferOut: endpoint({
    method: 'POST',
    path: '/api/admin/professionals/:id/transfer-out',
    tags: TRANSFERS,
    summary: '人员调出：原单位选择调入的新单位，新单位同意后完成',
    params: idParam,
    body: transferOutRequest,
    response: changeSubmitted,
    status: 201,
  }),
};

/** 专技人员信息查询 and management by the admins above them. */
export const professionalsApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/admin/professionals',
    tags: PEOPLE,
    summary: '专技人员信息查询（管理范围内；身份证号、手机号脱敏；游标分页）',
    query: professionalListQuery,
    response: professionalList,
  }),
  search: endpoint({
    method: 'POST',
    path: '/api/admin/professionals/search',
    tags: PEOPLE,
    summary: '专技人员信息查询（POST，查询条件放在请求体中，身份证号不进入网址与日志；与 GET 相同）',
    body: professionalListQuery,
    response: professionalList,
  }),
  exportXlsx: endpoint({
    method: 'GET',
    path: '/api/admin/professionals/export.xlsx',
    tags: PEOPLE,
    summary:
      '按当前查询条件导出 Excel：本单位人员的身份证号、手机号完整，其他单位人员脱敏；每人附所选年度（year，默认当年）的公需、专业学时和认定结果',
    query: professionalExportQuery,
    produces: XLSX,
  }),
  exportXlsxPost: endpoint({
    method: 'POST',
    path: '/api/admin/professionals/export.xlsx',
    tags: PEOPLE,
    summary: '按查询条件导出 Excel（POST，条件放在请求体中，身份证号不进入网址与日志）',
    body: professionalExportQuery,
    produces: XLSX,
  }),
  detail: endpoint({
    method: 'GET',
    path: '/api/admin/professionals/:id',
    tags: PEOPLE,
    summary: '专技人员详情（完整身份证号仅本单位管理员可见）',
    params: idParam,
    response: professionalDetail,
  }),
  archive: endpoint({
    method: 'POST',
    path: '/api/admin/professionals/:id/archive',
    tags: PEOPLE,
    summary: '注销归档（退休、去世；人社部门操作）：不能登录，数据与学时记录全部保留，可恢复',
    params: idParam,
    body: archiveRequest,
    response: archiveResponse,
  }),
  restore: endpoint({
    method: 'POST',
    path: '/api/admin/professionals/:id/restore',
    tags: PEOPLE,
    summary: '恢复已注销归档的账号（人社部门）',
    params: idParam,
    body: reviewDecision,
    response: archiveResponse,
  }),
};
