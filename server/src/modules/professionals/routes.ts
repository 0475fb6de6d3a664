import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType, z } from 'zod';
import {
  identityChangeFields,
  myProfessionalApi as me,
  professionalChangesApi as changes,
  professionalRegistrationsApi as registrations,
  professionalsApi as people,
  unitTransfersApi as transfers,
  type professionalExportQuery,
} from '@ce/shared';
import { metaOf, requireActor, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { decisionRoutes } from '../../http/decision-routes';
import { CAPTCHA_COOKIE, verifyCaptcha } from '../captcha/captcha';
import { multipartRoutes, sendFile, uploadedFile } from '../files/multipart';
import { changeWithdrawn, transferWithdrawn } from './presenters';
import {
  bulkReviewProfessionalRegistrations,
  pendingProfessionalRegistrations,
  registerProfessional,
  reviewProfessionalRegistration,
} from './registration';
import {
  changePhotoForReviewer,
  changeRequestDetail,
  listUnitChangeRequests,
  myChangePhoto,
  myChangeRequests,
  myProfile,
  PHOTO_MAX_BYTES,
  reviewChangeRequest,
  submitIdentityChange,
  submitTitleChange,
  updateMyProfile,
  withdrawChangeRequest,
} from './profile';
import {
  initiateTransferOut,
  listUnitTransfers,
  myTransfers,
  requestTransfer,
  reviewTransfer,
  transferDetail,
  withdrawTransfer,
} from './transfers';
import {
  archiveProfessional,
  exportProfessionals,
  listProfessionalsInScope,
  professionalDetailFor,
  restoreProfessional,
} from './people';
// Its work queues on the admin home page (queues/registry.ts).

const photoNames = { front: '身份证正面', back: '身份证反面' } as const;

/** 证件信息修改's whole multipart body: the text fields and both photos. */
const identityChangeBody = identityChangeFields.extend({
  front: uploadedFile('请上传身份证正面照片'),
  back: uploadedFile('请上传身份证反面照片'),
});

/**
 * Checks a multipart body (text fields and files, as multipartRoutes attached them) exactly as
 * Fastify checks a JSON body against its schema, so a problem gets the same 400 answer.
 */
function validatedBody<S extends ZodType>(schema: S, body: unknown): z.output<S> {
  const check = validatorCompiler({ schema, method: 'POST', url: '', httpPart: 'body' });
  const result = check(body ?? {}) as { value?: z.output<S>; error?: unknown[] };
  if (result.error) throw Object.assign(new Error('body validation'), { statusCode: 400, validation: result.error, validationContext: 'body' });
  return result.value as z.output<S>;
}

export function professionalRoutes(app: FastifyInstance, deps: Deps) {
  // ---------------------------------------------------------------- registration (public)

  route(app, registrations.register, async (req, reply) => {
    const meta = metaOf(req, deps);
    if (deps.config.captcha) {
      await verifyCaptcha(deps.db, req.cookies[CAPTCHA_COOKIE], req.body.captcha, meta.now);
      reply.clearCookie(CAPTCHA_COOKIE, { path: '/' });
    }
    return registerProfessional(deps, meta, req.body);
  });

  // ---------------------------------------------------------------- the professional

  route(app, me.profile, async (req) => myProfile(deps, await requireActor(req, deps)));
  route(app, me.updateProfile, async (req) => updateMyProfile(deps, metaOf(req, deps), await requireActor(req, deps), req.body));
  route(app, me.changeRequests, async (req) => myChangeRequests(deps, await requireActor(req, deps)));
  route(app, me.titleChange, async (req) => submitTitleChange(deps, metaOf(req, deps), await requireActor(req, deps), req.body));

  multipartRoutes(app, { maxFileBytes: PHOTO_MAX_BYTES, maxFiles: 2 }, (scope) => {
    route(
      scope,
      me.identityChange,
      async (req) => {
        const body = validatedBody(identityChangeBody, req.body);
        return submitIdentityChange(deps, metaOf(req, deps), await requireActor(req, deps), body);
      },
      {
        description:
          '请求体为 multipart/form-data：name（新姓名）、idNumber（新身份证号）至少填一项且二者须有一项与原来一致；front、back 为身份证正、反面照片，仅接受 JPG、PNG（按文件内容识别），每张不超过5MB。',
      },
    );
  });

  route(app, me.withdrawChange, async (req) => {
    await withdrawChangeRequest(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id);
    return changeWithdrawn();
  });
  route(app, me.changePhoto, async (req, reply) => {
    const file = await myChangePhoto(deps, await requireActor(req, deps), req.params.id, req.params.side);
    return sendFile(reply, file, photoNames[req.params.side]);
  });
  route(app, me.transfers, async (req) => myTransfers(deps, await requireActor(req, deps)));
  route(app, me.requestTransfer, async (req) => requestTransfer(deps, metaOf(req, deps), await requireActor(req, deps), req.body));
  route(app, me.withdrawTransfer, async (req) => {
    await withdrawTransfer(deps, metaOf(req, deps), await requireActor(req, deps), req.params.id);
    return transferWithdrawn();
  });

  // ---------------------------------------------------------------- registrations (the unit)

  route(app, registrations.pending, async (req) => pendingProfessionalRegistrations(deps, await requireAdmin(req, deps), req.query));
  decisionRoutes(app, deps, registrations, (meta, admin, id, d) => reviewProfessionalRegistration(deps, meta, admin, id, d));
  route(app, registrations.bulkReview, async (req) =>
    bulkReviewProfessionalRegistrations(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body),
  );

  // ---------------------------------------------------------------- change requests (the unit)

  route(app, changes.list, async (req) => listUnitChangeRequests(deps, await requireAdmin(req, deps), req.query));
  route(app, changes.detail, async (req) => changeRequestDetail(deps, await requireAdmin(req, deps), req.params.id));
  route(app, changes.photo, async (req, reply) => {
    const file = await changePhotoForReviewer(deps, await requireAdmin(req, deps), req.params.id, req.params.side);
    return sendFile(reply, file, photoNames[req.params.side]);
  });
  decisionRoutes(app, deps, changes, (meta, admin, id, d) => reviewChangeRequest(deps, meta, admin, id, d));

  // ---------------------------------------------------------------- transfers (the units)

  route(app, transfers.list, async (req) => listUnitTransfers(deps, await requireAdmin(req, deps), req.query));
  route(app, transfers.detail, async (req) => transferDetail(deps, await requireAdmin(req, deps), req.params.id));
  decisionRoutes(app, deps, transfers, (meta, admin, id, d) => reviewTransfer(deps, meta, admin, id, d));
  route(app, transfers.transferOut, async (req) =>
    initiateTransferOut(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body),
  );

  // ---------------------------------------------------------------- people (admins)

  route(app, people.list, async (req) => listProfessionalsInScope(deps, await requireAdmin(req, deps), req.query));
  route(app, people.search, async (req) => listProfessionalsInScope(deps, await requireAdmin(req, deps), req.body));

  const exportXlsx = async (req: FastifyRequest, reply: FastifyReply, query: z.output<typeof professionalExportQuery>) => {
    const stream = await exportProfessionals(deps, metaOf(req, deps), await requireAdmin(req, deps), query);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="professionals.xlsx"; filename*=UTF-8''${encodeURIComponent('专业技术人员.xlsx')}`)
      .header('cache-control', 'private, no-store')
      .send(stream);
  };
  route(app, people.exportXlsx, async (req, reply) => exportXlsx(req, reply, req.query));
  route(app, people.exportXlsxPost, async (req, reply) => exportXlsx(req, reply, req.body));

  route(app, people.detail, async (req) => professionalDetailFor(deps, await requireAdmin(req, deps), req.params.id));
  route(app, people.archive, async (req) => archiveProfessional(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, people.restore, async (req) => restoreProfessional(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
}
