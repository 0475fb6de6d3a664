import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CERTIFICATE_BATCH_LIMITS,
  adminCertificateAnswer,
  adminCertificateQuery,
  certificatePdfParam,
  completionDetail as completionDetailSchema,
  completionList,
  completionYearParam,
  errorBody,
  historicalHoursItem,
  historicalHoursList as historicalHoursListSchema,
  historicalHoursQuery,
  historicalHoursRequest,
  mergedPdfQuery,
  publicCertificateAnswer,
  publicCertificateQuery as publicQuerySchema,
  requirementRuleItem,
  requirementRuleList as requirementRuleListSchema,
  requirementRuleRequest,
} from '@ce/shared';
import { metaOf, requireActor, requireAdmin, type Deps } from '../../http/context';
import { multipartRoutes, uploadedFile } from '../files/multipart';
import { completionDetail, completionYears } from './completion';
import { enterHistoricalHours, historicalHoursList } from './historical';
import { printCertificate } from './printing';
import {
  XLSX_TYPE,
  adminCertificateQuery as adminQuery,
  batchQuery,
  batchTemplate,
  publicCertificateQuery,
  readBatchFile,
} from './queries';
import { addRequirementRule, requirementRuleList } from './requirements';
import { pdfDisposition } from './rules';
import { publicLimit } from '../ratelimit/public-limits';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const binary = (description: string) => z.any().meta({ type: 'string', format: 'binary', description });
const ME = ['年度完成情况与电子证书（专业技术人员）'];
const QUERY = ['证书查询'];
const ADMIN = ['证书管理'];

const xlsxDisposition = (ascii: string, name: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 年度完成情况, printing, certificate queries, 学时转登 and the requirement table (CERT-API.md). */
export function certificateRecordRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---------------------------------------------------------------- the professional

  r.get(
    '/api/me/completion',
    {
      schema: {
        tags: ME,
        summary: '年度完成情况：各年度的学时要求、已计入的公需与专业学时、认定结果和电子证书状态（新年度在前）',
        response: { 200: completionList, ...errors },
      },
    },
    async (req) => completionYears(deps, metaOf(req, deps), await requireActor(req, deps)),
  );

  r.get(
    '/api/me/completion/:year',
    {
      schema: {
        tags: ME,
        summary: '年度完成情况—详细（教育历程）：该年度的全部学时申报，以及是否计入',
        params: completionYearParam,
        response: { 200: completionDetailSchema, ...errors },
      },
    },
    async (req) => completionDetail(deps, await requireActor(req, deps), req.params.year),
  );

  r.get(
    '/api/me/certificates/:year(^\\d{4}).pdf',
    {
      schema: {
        tags: ME,
        summary: '打印某年度的电子证书（A4 PDF，加盖发证机关电子签章，二维码可验证）；该年度未通过 → 409',
        params: certificatePdfParam,
        produces: ['application/pdf'],
        response: { 200: binary('PDF 文件'), ...errors },
      },
    },
    async (req, reply) => {
      const meta = metaOf(req, deps);
      const printed = await printCertificate(deps, meta, await requireActor(req, deps), {
        from: req.params.year,
        to: req.params.year,
        merged: false,
      });
      req.log.info({ certNo: printed.facts.certNo, years: [req.params.year] }, 'certificate printed');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', pdfDisposition(printed.file))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(printed.pdf));
    },
  );

  r.get(
    '/api/me/certificates.pdf',
    {
      schema: {
        tags: ME,
        summary: '合并打印：起止年度内每个年度都通过时，一页A4列出全部年度；任一年度未通过 → 409（指明年度）',
        querystring: mergedPdfQuery,
        produces: ['application/pdf'],
        response: { 200: binary('PDF 文件'), ...errors },
      },
    },
    async (req, reply) => {
      const meta = metaOf(req, deps);
      const printed = await printCertificate(deps, meta, await requireActor(req, deps), { ...req.query, merged: true });
      req.log.info({ certNo: printed.facts.certNo, years: printed.facts.years.map((y) => y.year) }, 'certificate printed');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', pdfDisposition(printed.file))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(printed.pdf));
    },
  );

  // ---------------------------------------------------------------- public (R-25, CONTRACT)

  r.get(
    '/api/public/certificates',
    {
      config: publicLimit('certificateQuery'),
      schema: {
        tags: QUERY,
        summary: '证书查询：按证书管理号，或身份证号加姓名；姓名脱敏，列出有证书的年度（有效或已撤销）',
        querystring: publicQuerySchema,
        response: { 200: publicCertificateAnswer, 400: errorBody, 404: errorBody, 429: errorBody },
      },
    },
    async (req) => publicCertificateQuery(deps, metaOf(req, deps), req.query),
  );

  // The same query with the ID number in the body, kept out of URLs and access logs (the web uses it).
  r.post(
    '/api/public/certificates/search',
    {
      config: publicLimit('certificateQuery'),
      schema: {
        tags: QUERY,
        summary: '证书查询（POST，身份证号放在请求体中，不进入网址与日志）：与 GET /api/public/certificates 相同',
        body: publicQuerySchema,
        response: { 200: publicCertificateAnswer, 400: errorBody, 404: errorBody, 429: errorBody },
      },
    },
    async (req) => publicCertificateQuery(deps, metaOf(req, deps), req.body),
  );

  // ---------------------------------------------------------------- admins

  r.get(
    '/api/admin/certificates',
    {
      schema: {
        tags: QUERY,
        summary: '证书查询（管理端）：按证书管理号或身份证号查询本机构管理范围内人员的各年度证书',
        querystring: adminCertificateQuery,
        response: { 200: adminCertificateAnswer, ...errors },
      },
    },
    async (req) => adminQuery(deps, metaOf(req, deps), await requireAdmin(req, deps), req.query),
  );

  r.post(
    '/api/admin/certificates/search',
    {
      schema: {
        tags: QUERY,
        summary: '证书查询（管理端，POST，身份证号放在请求体中，不进入网址与日志）',
        body: adminCertificateQuery,
        response: { 200: adminCertificateAnswer, ...errors },
      },
    },
    async (req) => adminQuery(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body),
  );

  r.get(
    '/api/admin/certificates/batch-template.xlsx',
    {
      schema: {
        tags: QUERY,
        summary: '证书批量查询模板（Excel，一列“身份证号”）',
        produces: [XLSX_TYPE],
        response: { 200: binary('xlsx 文件'), ...errors },
      },
    },
    async (req, reply) => {
      const file = await batchTemplate(await requireAdmin(req, deps));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', xlsxDisposition('certificate-batch-template.xlsx', '证书批量查询模板.xlsx'))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );

  multipartRoutes(app, { maxFileBytes: CERTIFICATE_BATCH_LIMITS.maxFileBytes, maxFiles: 1 }, (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/admin/certificates/batch',
      {
        schema: {
          tags: QUERY,
          summary: `证书批量查询：上传身份证号 Excel（.xlsx，最多${CERTIFICATE_BATCH_LIMITS.maxRows}行），下载查询结果 Excel`,
          description:
            '请求体为 multipart/form-data，file 为 .xlsx 文件（按文件内容识别，不超过5MB）。结果每人每个年度一行：身份证号、姓名、证书管理号、年度、状态（有效/已撤销/无证书/不在管理范围内/身份证号格式不正确）、公需学时、专业学时、发证单位。',
          consumes: ['multipart/form-data'],
          body: z.object({ file: uploadedFile('请上传填写好身份证号的Excel文件') }),
          produces: [XLSX_TYPE],
          response: { 200: binary('xlsx 文件'), 413: errorBody, 415: errorBody, ...errors },
        },
      },
      async (req, reply) => {
        const actor = await requireAdmin(req, deps);
        const ids = await readBatchFile(req.body.file.data);
        const stream = await batchQuery(deps, metaOf(req, deps), actor, ids);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', xlsxDisposition('certificate-batch-result.xlsx', '证书批量查询结果.xlsx'))
          .header('cache-control', 'private, no-store')
          .send(stream);
      },
    );
  });

  // ---------------------------------------------------------------- 学时转登

  r.post(
    '/api/admin/historical-hours',
    {
      schema: {
        tags: ADMIN,
        summary: '学时转登：把原纸质证书记录的往年学时登记为该年度的学时申报，从本机构的上一级开始逐级审核',
        body: historicalHoursRequest,
        response: { 201: historicalHoursItem, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await enterHistoricalHours(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body)),
  );

  r.get(
    '/api/admin/historical-hours',
    {
      schema: {
        tags: ADMIN,
        summary: '本机构办理的学时转登（按登记时间倒序，游标分页），含审核状态',
        querystring: historicalHoursQuery,
        response: { 200: historicalHoursListSchema, ...errors },
      },
    },
    async (req) => historicalHoursList(deps, await requireAdmin(req, deps), req.query),
  );

  // ---------------------------------------------------------------- yearly requirement (SPEC §7)

  r.get(
    '/api/admin/requirement-rules',
    {
      schema: {
        tags: ADMIN,
        summary: '各年度学时要求（按判定顺序：省人社厅新设定的在前，其后为规定的各年度要求）',
        response: { 200: requirementRuleListSchema, ...errors },
      },
    },
    async (req) => requirementRuleList(deps, await requireAdmin(req, deps)),
  );

  r.post(
    '/api/admin/requirement-rules',
    {
      schema: {
        tags: ADMIN,
        summary: '省人社厅新增年度学时要求（当年及以后的年度；对其年度优先于原有要求）',
        body: requirementRuleRequest,
        response: { 201: requirementRuleItem, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addRequirementRule(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body)),
  );
}
