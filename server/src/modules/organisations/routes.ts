import type { FastifyInstance } from 'fastify';
import { organisationsApi as api } from '@ce/shared';
import { AppError } from '../../errors';
import type { RequestMeta } from '../../access/actor';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { decisionRoutes } from '../../http/decision-routes';
import { CAPTCHA_COOKIE, verifyCaptcha } from '../captcha/captcha';
import {
  adminSummary,
  listOrganisations,
  organisationDetail,
  pendingRegistrations,
  registerOrganisation,
  registrationProgress,
  reviewOrganisation,
  searchParents,
  withdrawRegistration,
} from './service';
import { registrationWithdrawn } from './presenters';
// Its work queues on the admin home page (queues/registry.ts).
import { publicLimit } from '../ratelimit/public-limits';

export function registrationRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.publicSearch, async (req) => {
    const { kind, regionCode, q, limit } = req.query;
    const kinds = kind === undefined ? undefined : Array.isArray(kind) ? kind : [kind];
    return { items: await searchParents(deps, { kinds, regionCode, name: q, limit }) };
  });

  route(app, api.register, async (req, reply) => {
    const meta = metaOf(req, deps);
    if (deps.config.captcha) {
      await verifyCaptcha(deps.db, req.cookies[CAPTCHA_COOKIE], req.body.captcha, meta.now);
      reply.clearCookie(CAPTCHA_COOKIE, { path: '/' });
    }
    return registerOrganisation(deps, meta, req.body);
  });

  const progress = async (meta: RequestMeta, { idNumber, name, creditCode }: { idNumber?: string; name?: string; creditCode?: string }) => {
    if (creditCode) return { items: await registrationProgress(deps, meta, { creditCode }) };
    if (idNumber && name) return { items: await registrationProgress(deps, meta, { idNumber, name }) };
    throw new AppError('VALIDATION', '请输入姓名和身份证号，或统一社会信用代码');
  };
  route(app, api.progress, async (req) => progress(metaOf(req, deps), req.query), { config: publicLimit('registrationProgress') });
  route(app, api.progressSearch, async (req) => progress(metaOf(req, deps), req.body), { config: publicLimit('registrationProgress') });

  route(app, api.withdraw, async (req) => {
    await withdrawRegistration(deps, metaOf(req, deps), req.params.id, req.body);
    return registrationWithdrawn();
  });

  // ---------------------------------------------------------------- admin console

  route(app, api.adminSummary, async (req) => adminSummary(deps, await requireAdmin(req, deps)));

  route(app, api.pendingRegistrations, async (req) =>
    pendingRegistrations(deps, await requireAdmin(req, deps), req.query),
  );

  decisionRoutes(app, deps, { approve: api.approveRegistration, reject: api.rejectRegistration }, (meta, admin, id, d) =>
    reviewOrganisation(deps, meta, admin, id, d),
  );

  route(app, api.list, async (req) => listOrganisations(deps, await requireAdmin(req, deps), req.query));

  route(app, api.detail, async (req) => organisationDetail(deps, await requireAdmin(req, deps), req.params.id));
}
