/**
 * Electronic certificates (R-24, R-25): the published signing keys, the QR / credential check
 * (CONTRACT), and the bureaus' e-seal applications and certificate-administrator filings (附件2, 附件3).
 */
import { endpoint } from '../endpoint';
import { idParam, rejectDecision, reviewDecision } from '../api';
import {
  adminFiling,
  adminFilingList,
  adminFilingRequest,
  adminFilingsQuery,
  publicJwks,
  sealApplication,
  sealApplicationList,
  sealApplicationRequest,
  sealApplicationsQuery,
  sealStatus,
  verifyCertificateRequest,
  verifyCertificateResponse,
} from '../api-certificates';

const CERT = ['电子证书'];
const SEAL = ['电子签章'];

export const certificatesApi = {
  publicKeys: endpoint({
    method: 'GET',
    path: '/api/public/keys',
    tags: CERT,
    summary: '证书签名公钥（JWKS，含已轮换的旧密钥；kid 为“发证机关机构 id-序号”），用于离线验证证书二维码',
    response: publicJwks,
  }),
  verify: endpoint({
    method: 'POST',
    path: '/api/public/certificates/verify',
    tags: CERT,
    summary:
      '验证电子证书二维码（二维码内容或其中的签名令牌）：签名是否由发证机关签发、内容是否被改动，以及该证书在平台中是否仍然有效（已撤销的年度显示撤销日期）',
    body: verifyCertificateRequest,
    response: verifyCertificateResponse,
  }),
};

export const sealsApi = {
  status: endpoint({
    method: 'GET',
    path: '/api/admin/organisations/:id/seal',
    tags: SEAL,
    summary: '机构的电子签章状态（是否发证机关、是否已启用、最近一次启用申请）',
    params: idParam,
    response: sealStatus,
  }),
  apply: endpoint({
    method: 'POST',
    path: '/api/admin/organisations/:id/seal-applications',
    tags: SEAL,
    summary: '提交《河南省专业技术人员继续教育证书》电子签章启用申请（报省人社厅审批）',
    params: idParam,
    body: sealApplicationRequest,
    response: sealApplication,
    status: 201,
  }),
  applications: endpoint({
    method: 'GET',
    path: '/api/admin/seal-applications',
    tags: SEAL,
    summary: '电子签章启用申请列表（省人社厅：全省；其他：本机构），按提交时间倒序，游标分页',
    query: sealApplicationsQuery,
    response: sealApplicationList,
  }),
  application: endpoint({
    method: 'GET',
    path: '/api/admin/seal-applications/:id',
    tags: SEAL,
    summary: '电子签章启用申请详情',
    params: idParam,
    response: sealApplication,
  }),
  approve: endpoint({
    method: 'POST',
    path: '/api/admin/seal-applications/:id/approve',
    tags: SEAL,
    summary: '省人社厅批准启用电子签章（同时生成该发证机关的证书签名密钥）',
    params: idParam,
    body: reviewDecision,
    response: sealApplication,
  }),
  reject: endpoint({
    method: 'POST',
    path: '/api/admin/seal-applications/:id/reject',
    tags: SEAL,
    summary: '省人社厅不予启用电子签章（须填写原因）',
    params: idParam,
    body: rejectDecision,
    response: sealApplication,
  }),
};

export const adminFilingsApi = {
  ofOrganisation: endpoint({
    method: 'GET',
    path: '/api/admin/organisations/:id/admin-filings',
    tags: SEAL,
    summary: '机构报送的证书管理员信息备案（按报送时间倒序，游标分页）',
    params: idParam,
    query: adminFilingsQuery,
    response: adminFilingList,
  }),
  file: endpoint({
    method: 'POST',
    path: '/api/admin/organisations/:id/admin-filings',
    tags: SEAL,
    summary: '报送河南省专业技术人员继续教育证书管理员信息备案表',
    params: idParam,
    body: adminFilingRequest,
    response: adminFiling,
    status: 201,
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/admin/admin-filings',
    tags: SEAL,
    summary: '证书管理员信息备案列表（省人社厅：全省；其他：本机构）',
    query: adminFilingsQuery,
    response: adminFilingList,
  }),
};
