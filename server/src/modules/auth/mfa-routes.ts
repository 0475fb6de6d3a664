import type { FastifyRequest } from 'fastify';
import type { FastifyInstance } from 'fastify';
import { mfaApi as api } from '@ce/shared';
import { route } from '../../http/route';
import { currentSession, metaOf, requireActor, requireAdmin, type Deps } from '../../http/context';
import { AppError } from '../../errors';
import { SESSION_COOKIE } from './sessions';
import {
  confirmEnrolment,
  mfaStatusOf,
  regenerateRecoveryCodes,
  startEnrolment,
  useRecoveryCode,
  verifyTotp,
  type MfaSession,
} from './mfa';
import { getSecuritySettings, setSecuritySettings } from './security-settings';
import { resetAdminMfa } from '../admins/mfa-reset';

/** The session an MFA endpoint acts on (a pending one is allowed here: http/context.ts). */
async function mfaSession(req: FastifyRequest, deps: Deps): Promise<MfaSession> {
  await requireActor(req, deps);
  const resolved = await currentSession(req, deps);
  const token = req.cookies[SESSION_COOKIE];
  if (!resolved || !token) throw new AppError('UNAUTHENTICATED', '登录已过期或尚未登录，请重新登录');
  return { token, resolved };
}

export function mfaRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.status, async (req) => mfaStatusOf(deps, await mfaSession(req, deps)));
  route(app, api.verify, async (req) => verifyTotp(deps, metaOf(req, deps), await mfaSession(req, deps), req.body.code));
  route(app, api.recover, async (req) => useRecoveryCode(deps, metaOf(req, deps), await mfaSession(req, deps), req.body.code));
  route(app, api.startEnrolment, async (req) => startEnrolment(deps, metaOf(req, deps), await mfaSession(req, deps)));
  route(app, api.confirmEnrolment, async (req) => confirmEnrolment(deps, metaOf(req, deps), await mfaSession(req, deps), req.body.code));
  route(app, api.regenerateRecoveryCodes, async (req) =>
    regenerateRecoveryCodes(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body.code),
  );
  route(app, api.reset, async (req) => {
    const { message } = await resetAdminMfa(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id);
    return { ok: true as const, message };
  });
  route(app, api.settings, async (req) => getSecuritySettings(deps, await requireAdmin(req, deps)));
  route(app, api.setSettings, async (req) => setSecuritySettings(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));
}
