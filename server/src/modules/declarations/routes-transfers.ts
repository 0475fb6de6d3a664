import type { FastifyInstance } from 'fastify';
import { provinceTransferFields, provinceTransfersApi as api } from '@ce/shared';
import { AppError } from '../../errors';
import { metaOf, requireActor, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { multipartRoutes, sendFile, type UploadedFile } from '../files/multipart';
import {
  TRANSFER_EVIDENCE_MAX_BYTES,
  createProvinceTransfer,
  listProvinceTransfers,
  provinceTransferEvidence,
  withdrawProvinceTransfer,
} from './province-transfers';

const isFile = (v: unknown): v is UploadedFile => typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).data);

/** 外省学时转入 (issue 14 item 4): the professional's side; reviewers use the declarations queue. */
export function provinceTransferRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.list, async (req) => listProvinceTransfers(deps, await requireActor(req, deps), req.query));

  multipartRoutes(app, { maxFileBytes: TRANSFER_EVIDENCE_MAX_BYTES, maxFiles: 1 }, (scope) => {
    route(
      scope,
      api.create,
      async (req) => {
        const actor = await requireActor(req, deps);
        // Text fields and the file as @fastify/multipart attached them (keyValues); checked here.
        const body = (req.body ?? {}) as unknown as Record<string, unknown>;
        const fields = provinceTransferFields.safeParse(Object.fromEntries(Object.entries(body).filter(([, v]) => !isFile(v))));
        if (!fields.success) throw new AppError('VALIDATION', fields.error.issues[0]?.message ?? '填写的内容不正确');
        const file = body.evidence;
        const evidence = isFile(file) ? { name: file.filename || null, data: file.data } : null;
        return createProvinceTransfer(deps, metaOf(req, deps), actor, fields.data, evidence);
      },
      {
        description:
          'multipart/form-data：province（转出省份代码，如 420000）、entries（JSON 数组，每个年度一行：{"year":2024,"publicHours":30,"professionalHours":60}）、certificateNo（外省证书编号，可空）、note（说明，可空）、evidence（外省继续教育证书，PDF/JPG/PNG，按文件内容识别，不超过10MB）。',
      },
    );
  });

  route(app, api.withdraw, async (req) => withdrawProvinceTransfer(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id));
  route(app, api.evidence, async (req, reply) => {
    const file = await provinceTransferEvidence(deps, await requireActor(req, deps), req.params.id);
    return sendFile(reply, file, '外省证书');
  });
}
