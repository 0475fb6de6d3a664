import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { baseClassesApi as api } from '@ce/shared';
import { AppError } from '../../errors';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { sendSharedEvidence } from '../files/multipart';
import { XLSX_TYPE } from '../declaration-batches/excel';
import {
  addEvidence,
  classDetail,
  classEvidence,
  classTemplate,
  createClass,
  decideClass,
  declareTrainees,
  listOwnClasses,
  removeEvidence,
  updateClass,
  uploadTrainees,
  withdrawTrainees,
} from './service';
// Its review queue on the admin home page (queues/registry.ts).

/** The files of a multipart request, by field name. */
async function filesOf(req: FastifyRequest, limit: number) {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', '请以 multipart/form-data 方式上传文件');
  const out: { field: string; name: string; data: Buffer }[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: 20 * 1024 * 1024, files: limit, fields: 5, parts: limit + 5 } })) {
      if (part.type !== 'file') continue;
      out.push({ field: part.fieldname, name: part.filename || '附件', data: await part.toBuffer() });
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', '单个文件不能超过20MB');
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('PAYLOAD_TOO_LARGE', '一次上传的文件过多');
    throw err;
  }
  return out;
}

/** 继续教育基地申报: training classes and their trainees; the per-class review decision. */
export function baseClassRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.list, async (req) => listOwnClasses(deps, await requireAdmin(req, deps), req.query));
  route(app, api.create, async (req) => createClass(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));
  route(app, api.detail, async (req) => classDetail(deps, await requireAdmin(req, deps), req.params.id));
  route(app, api.update, async (req) => updateClass(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.removeEvidence, async (req) => removeEvidence(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.params.fileId));
  route(app, api.evidence, async (req, reply) =>
    sendSharedEvidence(reply, await classEvidence(deps, await requireAdmin(req, deps), req.params.id, req.params.fileId)),
  );
  route(app, api.template, async (req, reply) => {
    const data = await classTemplate(deps, await requireAdmin(req, deps), req.params.id);
    return reply.headers({ 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('学员批量申报模板.xlsx')}`, 'cache-control': 'no-store' }).send(data);
  });
  route(app, api.declare, async (req) => declareTrainees(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body.trainees));
  route(app, api.withdraw, async (req) => withdrawTrainees(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.decide, async (req) => decideClass(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));

  void app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) await scope.register(multipart);
    route(
      scope,
      api.addEvidence,
      async (req) => {
        const actor = await requireAdmin(req, deps);
        const files = (await filesOf(req, 10)).filter((f) => f.field === 'evidence');
        return addEvidence(deps, metaOf(req, deps), actor, req.params.id, files);
      },
      { description: 'multipart/form-data：evidence = 班次证明材料（培训通知、结业名单；JPG/PNG/PDF，可多个，按文件内容识别）。' },
    );
    route(
      scope,
      api.upload,
      async (req) => {
        const actor = await requireAdmin(req, deps);
        const files = (await filesOf(req, 1)).filter((f) => f.field === 'file');
        const { jobId, batchId } = await uploadTrainees(deps, metaOf(req, deps), actor, req.params.id, files[0] ?? null);
        return { jobId, batchId };
      },
      { description: 'multipart/form-data：file = 填好的批量申报模板（.xlsx），每行一位学员，学习形式、内容、日期、学时须与班次一致。返回 202 与任务编号，用 GET /api/jobs/{jobId} 查询进度。' },
    );
  });
}
