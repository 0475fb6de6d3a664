import type { FastifyInstance, FastifyReply } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CERTIFICATE_BATCH_LIMITS,
  certificateQueryApi as queries,
  completionApi as completion,
  historicalHoursApi as historical,
  requirementRulesApi as requirementRules,
} from '@ce/shared';
import { metaOf, requireActor, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
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

const batchBody = z.object({ file: uploadedFile('请上传填写好身份证号的Excel文件') });

/** The batch upload's fields (multipartRoutes put them in the body), refused as the validator would. */
function validBatchBody(body: unknown): z.output<typeof batchBody> {
  // The Zod validator of fastify-type-provider-zod answers synchronously with { value } or { error }.
  const checked = validatorCompiler({ schema: batchBody, method: 'POST', url: '/api/admin/certificates/batch', httpPart: 'body' })(
    body,
  ) as { error?: unknown };
  if (checked.error) {
    throw Object.assign(new Error('请求参数不正确'), { statusCode: 400, validation: checked.error, validationContext: 'body' });
  }
  return batchBody.parse(body);
}

const sendPdf = (reply: FastifyReply, printed: { pdf: Uint8Array; file: Parameters<typeof pdfDisposition>[0] }) =>
  reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', pdfDisposition(printed.file))
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(printed.pdf));

const xlsxDisposition = (ascii: string, name: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 年度完成情况, printing, certificate queries, 学时转登 and the requirement table (CERT-API.md). */
export function certificateRecordRoutes(app: FastifyInstance, deps: Deps) {
  // ---------------------------------------------------------------- the professional

  route(app, completion.years, async (req) => completionYears(deps, metaOf(req, deps), await requireActor(req, deps)));

  route(app, completion.year, async (req) => completionDetail(deps, await requireActor(req, deps), req.params.year));

  route(app, completion.yearPdf, async (req, reply) => {
    const meta = metaOf(req, deps);
    const printed = await printCertificate(deps, meta, await requireActor(req, deps), {
      from: req.params.year,
      to: req.params.year,
      merged: false,
    });
    req.log.info({ certNo: printed.facts.certNo, years: [req.params.year] }, 'certificate printed');
    return sendPdf(reply, printed);
  });

  route(app, completion.mergedPdf, async (req, reply) => {
    const meta = metaOf(req, deps);
    const printed = await printCertificate(deps, meta, await requireActor(req, deps), { ...req.query, merged: true });
    req.log.info({ certNo: printed.facts.certNo, years: printed.facts.years.map((y) => y.year) }, 'certificate printed');
    return sendPdf(reply, printed);
  });

  // ---------------------------------------------------------------- public (R-25, CONTRACT)

  route(app, queries.publicQuery, async (req) => publicCertificateQuery(deps, metaOf(req, deps), req.query), {
    config: publicLimit('certificateQuery'),
  });

  route(app, queries.publicSearch, async (req) => publicCertificateQuery(deps, metaOf(req, deps), req.body), {
    config: publicLimit('certificateQuery'),
  });

  // ---------------------------------------------------------------- admins

  route(app, queries.adminQuery, async (req) => adminQuery(deps, metaOf(req, deps), await requireAdmin(req, deps), req.query));

  route(app, queries.adminSearch, async (req) => adminQuery(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));

  route(app, queries.batchTemplate, async (req, reply) => {
    const file = await batchTemplate(await requireAdmin(req, deps));
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', xlsxDisposition('certificate-batch-template.xlsx', '证书批量查询模板.xlsx'))
      .header('cache-control', 'private, no-store')
      .send(file);
  });

  multipartRoutes(app, { maxFileBytes: CERTIFICATE_BATCH_LIMITS.maxFileBytes, maxFiles: 1 }, (scope) => {
    route(
      scope,
      queries.batch,
      async (req, reply) => {
        // The file is checked before the sign-in, with the same 400 as a JSON body's schema.
        const { file } = validBatchBody(req.body);
        const actor = await requireAdmin(req, deps);
        const ids = await readBatchFile(file.data);
        const stream = await batchQuery(deps, metaOf(req, deps), actor, ids);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', xlsxDisposition('certificate-batch-result.xlsx', '证书批量查询结果.xlsx'))
          .header('cache-control', 'private, no-store')
          .send(stream);
      },
      {
        description:
          '请求体为 multipart/form-data，file 为 .xlsx 文件（按文件内容识别，不超过5MB）。结果每人每个年度一行：身份证号、姓名、证书管理号、年度、状态（有效/已撤销/无证书/不在管理范围内/身份证号格式不正确）、公需学时、专业学时、发证单位。',
      },
    );
  });

  // ---------------------------------------------------------------- 学时转登

  route(app, historical.enter, async (req) =>
    enterHistoricalHours(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body),
  );

  route(app, historical.list, async (req) => historicalHoursList(deps, await requireAdmin(req, deps), req.query));

  // ---------------------------------------------------------------- yearly requirement (SPEC §7)

  route(app, requirementRules.list, async (req) => requirementRuleList(deps, await requireAdmin(req, deps)));

  route(app, requirementRules.add, async (req) =>
    addRequirementRule(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body),
  );
}
