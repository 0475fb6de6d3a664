import type { FastifyInstance } from 'fastify';
import { CONSULTATION_LIMITS, consultationsApi as api } from '@ce/shared';
import { metaOf, requireActor, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { CAPTCHA_COOKIE } from '../captcha/captcha';
import { parseFields } from '../files/fields';
import { multipartRoutes, sendFile, type UploadedFile } from '../files/multipart';
import {
  adminAttachment,
  adminConsultation,
  adminConsultations,
  answerConsultation,
  askAsProfessional,
  askAsVisitor,
  closeConsultation,
  closeMine,
  escalateConsultation,
  followUp,
  listOrgFaq,
  listPublicFaq,
  myAttachment,
  myConsultations,
  myThread,
  publishFaq,
  visitorThread,
  withdrawFaq,
} from './service';
// Its queue on the admin home page (queues/registry.ts).

const fileOf = (body: unknown) => (body as { file?: UploadedFile } | undefined)?.file;
const MULTIPART = 'multipart/form-data：category、title、text 为文字字段，file 为可选附件（PDF、JPG、PNG，按文件内容识别，不超过10MB）。';

/** 在线咨询 (R-32): asking, the thread, the admins' queue and answers, and the help centre's FAQ. */
export function consultationRoutes(app: FastifyInstance, deps: Deps) {
  multipartRoutes(app, { maxFileBytes: CONSULTATION_LIMITS.attachmentMaxBytes, maxFiles: 1 }, (scope) => {
    route(
      scope,
      api.ask,
      async (req) => {
        const actor = await requireActor(req, deps);
        return askAsProfessional(deps, metaOf(req, deps), actor, parseFields(api.ask.body, req.body), fileOf(req.body));
      },
      { description: MULTIPART },
    );
    route(
      scope,
      api.visitorAsk,
      async (req) =>
        askAsVisitor(deps, metaOf(req, deps), parseFields(api.visitorAsk.body, req.body), req.cookies[CAPTCHA_COOKIE], fileOf(req.body)),
      { description: `${MULTIPART} 另有 name、contact（手机号或电子邮箱）、orgId（咨询的机构）、captcha（验证码）。` },
    );
  });
  route(app, api.mine, async (req) => myConsultations(deps, await requireActor(req, deps), req.query));
  route(app, api.myThread, async (req) => myThread(deps, await requireActor(req, deps), req.params.id));
  route(app, api.followUp, async (req) => followUp(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id, req.body.text));
  route(app, api.closeMine, async (req) => closeMine(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id));
  route(app, api.myAttachment, async (req, reply) => sendFile(reply, await myAttachment(deps, await requireActor(req, deps), req.params.id), '咨询附件'));
  route(app, api.visitorThread, async (req) => visitorThread(deps, metaOf(req, deps), req.params.code));

  route(app, api.adminList, async (req) => adminConsultations(deps, await requireAdmin(req, deps), req.query));
  route(app, api.adminDetail, async (req) => adminConsultation(deps, await requireAdmin(req, deps), req.params.id));
  route(app, api.adminAttachment, async (req, reply) => sendFile(reply, await adminAttachment(deps, await requireAdmin(req, deps), req.params.id), '咨询附件'));
  route(app, api.answer, async (req) => answerConsultation(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.escalate, async (req) => escalateConsultation(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.close, async (req) => closeConsultation(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.publishFaq, async (req) => publishFaq(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.adminFaq, async (req) => listOrgFaq(deps, await requireAdmin(req, deps), req.query));
  route(app, api.withdrawFaq, async (req) => withdrawFaq(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id));
  route(app, api.publicFaq, async (req) => listPublicFaq(deps, req.query));
}
