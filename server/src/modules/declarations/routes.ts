import type { FastifyInstance } from 'fastify';
import { ATTACHMENT_LIMITS, declarationReviewApi as review, myDeclarationsApi as mine } from '@ce/shared';
import { metaOf, requireActor, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { decisionRoutes } from '../../http/decision-routes';
import { EVIDENCE_UPLOAD, checkCanUpload, deleteAttachment, openAttachment, uploadAttachments } from './attachments';
import { readFiles, streamedMultipartRoutes } from '../files/multipart';
import { attachmentDeleted, attachmentsUploaded, declarationDeleted } from './presenters';
import {
  adminDeclarationDetail,
  bulkDecide,
  createDeclaration,
  decideDeclaration,
  declarationOptions,
  deleteDeclaration,
  listMyDeclarations,
  ownDeclarationDetail,
  reviewQueue,
  revokeDeclaration,
  submitDeclaration,
  updateDeclaration,
} from './service';
import { declarationSettingsRoutes } from './routes-settings';
// Its work queues on the admin home page (queues/registry.ts).

const FILE_ANSWER = { description: '文件内容；Content-Type 为按内容识别的类型，Content-Disposition 带原文件名' };

export function declarationRoutes(app: FastifyInstance, deps: Deps) {
  // ---------------------------------------------------------------- the professional

  route(app, mine.options, async (req) => declarationOptions(deps, await requireActor(req, deps)));
  route(app, mine.list, async (req) => listMyDeclarations(deps, await requireActor(req, deps), req.query));
  route(app, mine.create, async (req) => createDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.body));
  route(app, mine.detail, async (req) => ownDeclarationDetail(deps, await requireActor(req, deps), req.params.id));
  route(app, mine.update, async (req) =>
    updateDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.body),
  );
  route(app, mine.remove, async (req) => {
    await deleteDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.query.version);
    return declarationDeleted();
  });
  route(app, mine.submit, async (req) =>
    submitDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.body.version),
  );
  route(app, mine.revoke, async (req) =>
    revokeDeclaration(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.body.version),
  );

  // Multipart only for the upload route (files/multipart.ts).
  streamedMultipartRoutes(app, (scope) => {
    route(
      scope,
      mine.upload,
      async (req) => {
        const actor = await requireActor(req, deps);
        // Refuse before reading a large body.
        await checkCanUpload(deps, actor, req.params.id);
        const files = await readFiles(req, EVIDENCE_UPLOAD);
        return attachmentsUploaded(await uploadAttachments(deps, metaOf(req, deps), actor, req.params.id, files));
      },
      {
        description: `请求体为 multipart/form-data，文件字段名任意，可一次上传多个。仅接受${ATTACHMENT_LIMITS.typesLabel}（按文件内容识别）；单个文件不超过${ATTACHMENT_LIMITS.maxFileBytes / 1048576}MB，每条申报合计不超过${ATTACHMENT_LIMITS.maxTotalBytes / 1048576}MB、最多${ATTACHMENT_LIMITS.maxFiles}个。`,
      },
    );
  });

  route(
    app,
    mine.attachment,
    async (req, reply) => {
      const file = await openAttachment(deps, await requireActor(req, deps), req.params.id, req.params.attachmentId, false);
      return reply.headers(file.headers).send(file.stream);
    },
    FILE_ANSWER,
  );
  route(app, mine.deleteAttachment, async (req) => {
    await deleteAttachment(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.params.attachmentId);
    return attachmentDeleted();
  });

  // ---------------------------------------------------------------- reviewers

  route(app, review.queue, async (req) => reviewQueue(deps, await requireAdmin(req, deps), req.query));
  route(app, review.search, async (req) => reviewQueue(deps, await requireAdmin(req, deps), req.body));
  route(app, review.bulkReview, async (req) => bulkDecide(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));
  route(app, review.detail, async (req) => adminDeclarationDetail(deps, await requireAdmin(req, deps), req.params.id));
  route(
    app,
    review.attachment,
    async (req, reply) => {
      const file = await openAttachment(deps, await requireAdmin(req, deps), req.params.id, req.params.attachmentId, true);
      return reply.headers(file.headers).send(file.stream);
    },
    FILE_ANSWER,
  );
  decisionRoutes(app, deps, review, (meta, admin, id, d) => decideDeclaration(deps, meta, admin, id, d));

  declarationSettingsRoutes(app, deps);
}
