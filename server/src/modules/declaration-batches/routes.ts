import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { declarationBatchesApi as api } from '@ce/shared';
import { AppError } from '../../errors';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { sendSharedEvidence } from '../files/multipart';
import { batchDetail, batchEvidence, batchList, decideBatch, defineBatchJob, template, uploadBatch, withdrawBatch } from './service';
import { XLSX_TYPE } from './excel';

const download = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** CONTRACT "Bulk channels": batch declarations by Excel. */
export function declarationBatchRoutes(app: FastifyInstance, deps: Deps) {
  defineBatchJob(deps);

  route(app, api.template, async (req, reply) => {
    const data = await template(deps, await requireAdmin(req, deps));
    return reply.headers({ 'content-type': XLSX_TYPE, 'content-disposition': download('学时批量申报模板.xlsx'), 'cache-control': 'no-store' }).send(data);
  });

  void app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) await scope.register(multipart);
    route(
      scope,
      api.upload,
      async (req) => {
        const actor = await requireAdmin(req, deps);
        if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', '请以 multipart/form-data 方式上传文件');
        let file: { name: string; data: Buffer } | null = null;
        const evidence: { name: string; data: Buffer }[] = [];
        try {
          for await (const part of req.parts({ limits: { fileSize: 20 * 1024 * 1024, files: 21, fields: 5, parts: 30 } })) {
            if (part.type !== 'file') continue;
            const data = await part.toBuffer();
            if (part.fieldname === 'file') {
              if (file) throw new AppError('VALIDATION', '一次只能上传一个批量申报文件');
              file = { name: part.filename || '批量申报.xlsx', data };
            } else if (part.fieldname === 'evidence') evidence.push({ name: part.filename || '证明材料', data });
          }
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', '单个文件不能超过20MB');
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('PAYLOAD_TOO_LARGE', '一次上传的文件过多');
          throw err;
        }
        const { jobId } = await uploadBatch(deps, metaOf(req, deps), actor, { file, evidence });
        return { jobId };
      },
      { description: 'multipart/form-data：file = 填好的模板（.xlsx）；evidence = 整批证明材料（通知、签到表、照片；JPG/PNG/PDF，可多个）。返回 202 与任务编号，用 GET /api/jobs/{jobId} 查询进度。' },
    );
  });

  route(app, api.list, async (req) => batchList(deps, await requireAdmin(req, deps), req.query));
  route(app, api.detail, async (req) => batchDetail(deps, await requireAdmin(req, deps), req.params.id));
  route(app, api.evidence, async (req, reply) =>
    sendSharedEvidence(reply, await batchEvidence(deps, await requireAdmin(req, deps), req.params.id, req.params.fileId)),
  );
  route(app, api.withdraw, async (req) => withdrawBatch(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.decide, async (req) => decideBatch(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
}
