import type { FastifyInstance } from 'fastify';
import { NOTICE_LIMITS, noticesApi as api } from '@ce/shared';
import { metaOf, optionalActor, requireActor, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { multipartRoutes, sendFile, type UploadedFile } from '../files/multipart';
import {
  addNoticeAttachment,
  createNotice,
  listOrgNotices,
  listPublicNotices,
  myNotices,
  noticeAttachment,
  noticeDetail,
  orgNoticeDetail,
  pinNotice,
  publishNotice,
  removeNoticeAttachment,
  updateNotice,
  withdrawNotice,
} from './service';

/** 通知公告: the portal's lists, the signed-in home's chain notices, and publishing. */
export function noticeRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.publicList, async (req) => listPublicNotices(deps, req.query));
  route(app, api.detail, async (req) => noticeDetail(deps, await optionalActor(req, deps), req.params.id));
  route(app, api.attachment, async (req, reply) => {
    const file = await noticeAttachment(deps, await optionalActor(req, deps), req.params.id, req.params.fileId);
    return sendFile(reply, file, file.name);
  });
  route(app, api.mine, async (req) => myNotices(deps, await requireActor(req, deps), req.query.limit));

  route(app, api.adminList, async (req) => listOrgNotices(deps, await requireAdmin(req, deps), req.query));
  route(app, api.adminDetail, async (req) => orgNoticeDetail(deps, await requireAdmin(req, deps), req.params.id));
  route(app, api.create, async (req) => createNotice(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));
  route(app, api.update, async (req) => updateNotice(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.publish, async (req) => publishNotice(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body.version));
  route(app, api.withdraw, async (req) => withdrawNotice(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body.version));
  route(app, api.pin, async (req) => pinNotice(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body.version, req.body.pinned));
  route(app, api.removeAttachment, async (req) =>
    removeNoticeAttachment(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.params.fileId),
  );
  multipartRoutes(app, { maxFileBytes: NOTICE_LIMITS.attachmentMaxBytes, maxFiles: 1 }, (scope) => {
    route(
      scope,
      api.addAttachment,
      async (req) => {
        const actor = await requireAdmin(req, deps);
        const file = (req.body as { file?: UploadedFile } | undefined)?.file;
        return addNoticeAttachment(deps, metaOf(req, deps), actor, req.params.id, file);
      },
      { description: 'multipart/form-data：file = 附件（PDF、JPG、PNG，按文件内容识别，不超过20MB）。' },
    );
  });
}
