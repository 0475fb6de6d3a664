/**
 * 年度完成情况 and printing, the certificate queries (R-25, CONTRACT) and the yearly
 * requirement table (SPEC §7); 学时转登 is in historicalHours.ts.
 */
import { endpoint } from '../endpoint';
import {
  CERTIFICATE_BATCH_LIMITS,
  adminCertificateAnswer,
  adminCertificateQuery,
  certificatePdfParam,
  completionDetail,
  completionList,
  completionYearParam,
  mergedPdfQuery,
  publicCertificateAnswer,
  publicCertificateQuery,
  requirementRuleItem,
  requirementRuleList,
  requirementRuleRequest,
} from '../api-certificates';

const ME = ['年度完成情况与电子证书（专业技术人员）'];
const QUERY = ['证书查询'];
const ADMIN = ['证书管理'];

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const completionApi = {
  years: endpoint({
    method: 'GET',
    path: '/api/me/completion',
    tags: ME,
    summary: '年度完成情况：各年度的学时要求、已计入的公需与专业学时、认定结果和电子证书状态（新年度在前）',
    response: completionList,
  }),
  year: endpoint({
    method: 'GET',
    path: '/api/me/completion/:year',
    tags: ME,
    summary: '年度完成情况—详细（教育历程）：该年度的全部学时申报，以及是否计入',
    params: completionYearParam,
    response: completionDetail,
  }),
  /** The path keeps its four-digit constraint: other `/api/me/certificates/…` paths stay free. */
  yearPdf: endpoint({
    method: 'GET',
    path: '/api/me/certificates/:year(^\\d{4}).pdf',
    tags: ME,
    summary: '打印某年度的电子证书（A4 PDF，加盖发证机关电子签章，二维码可验证）；该年度未通过 → 409',
    params: certificatePdfParam,
    produces: ['application/pdf'],
  }),
  mergedPdf: endpoint({
    method: 'GET',
    path: '/api/me/certificates.pdf',
    tags: ME,
    summary: '合并打印：起止年度内每个年度都通过时，一页A4列出全部年度；任一年度未通过 → 409（指明年度）',
    query: mergedPdfQuery,
    produces: ['application/pdf'],
  }),
};

export const certificateQueryApi = {
  /** CONTRACT: `GET /api/public/certificates?certNo=C` or `?idNumber=I&name=N`; rate-limited per client. */
  publicQuery: endpoint({
    method: 'GET',
    path: '/api/public/certificates',
    tags: QUERY,
    summary: '证书查询：按证书管理号，或身份证号加姓名；姓名脱敏，列出有证书的年度（有效或已撤销）',
    query: publicCertificateQuery,
    response: publicCertificateAnswer,
  }),
  /** The same query with the ID number in the body, kept out of URLs and access logs (the web uses it). */
  publicSearch: endpoint({
    method: 'POST',
    path: '/api/public/certificates/search',
    tags: QUERY,
    summary: '证书查询（POST，身份证号放在请求体中，不进入网址与日志）：与 GET /api/public/certificates 相同',
    body: publicCertificateQuery,
    response: publicCertificateAnswer,
  }),
  adminQuery: endpoint({
    method: 'GET',
    path: '/api/admin/certificates',
    tags: QUERY,
    summary: '证书查询（管理端）：按证书管理号或身份证号查询本机构管理范围内人员的各年度证书',
    query: adminCertificateQuery,
    response: adminCertificateAnswer,
  }),
  adminSearch: endpoint({
    method: 'POST',
    path: '/api/admin/certificates/search',
    tags: QUERY,
    summary: '证书查询（管理端，POST，身份证号放在请求体中，不进入网址与日志）',
    body: adminCertificateQuery,
    response: adminCertificateAnswer,
  }),
  batchTemplate: endpoint({
    method: 'GET',
    path: '/api/admin/certificates/batch-template.xlsx',
    tags: QUERY,
    summary: '证书批量查询模板（Excel，一列“身份证号”）',
    produces: [XLSX_CONTENT_TYPE],
  }),
  /** multipart: `file` = the .xlsx of ID numbers; the answer is the result workbook. */
  batch: endpoint({
    method: 'POST',
    path: '/api/admin/certificates/batch',
    tags: QUERY,
    summary: `证书批量查询：上传身份证号 Excel（.xlsx，最多${CERTIFICATE_BATCH_LIMITS.maxRows}行），下载查询结果 Excel`,
    multipart: true,
    produces: [XLSX_CONTENT_TYPE],
  }),
};

export const requirementRulesApi = {
  list: endpoint({
    method: 'GET',
    path: '/api/admin/requirement-rules',
    tags: ADMIN,
    summary: '各年度学时要求（按判定顺序：省人社厅新设定的在前，其后为规定的各年度要求）',
    response: requirementRuleList,
  }),
  add: endpoint({
    method: 'POST',
    path: '/api/admin/requirement-rules',
    tags: ADMIN,
    summary: '省人社厅新增年度学时要求（当年及以后的年度；对其年度优先于原有要求）',
    body: requirementRuleRequest,
    response: requirementRuleItem,
    status: 201,
  }),
};
