import type { FastifyInstance } from 'fastify';
import { authApi as api } from '@ce/shared';
import { clientCookieOptions, currentSession, metaOf, requireActor, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { writeAudit } from '../../audit/audit';
import { CAPTCHA_COOKIE, createCaptcha, verifyCaptcha } from '../captcha/captcha';
import { deleteSession, SESSION_COOKIE } from './sessions';
import { switchRole } from './switch-role';
import { changePassword, describeMe, login, requestPasswordCode, resetPasswordWithCode } from './service';
import { loggedOut, loginAnswer, passwordChanged, passwordCodeAnswer, passwordReset, switchRoleAnswer } from './presenters';

export function authRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.captcha, async (req, reply) => {
    const meta = metaOf(req, deps);
    const { id, svg } = await createCaptcha(deps.db, { now: meta.now, ip: meta.ip, previousId: req.cookies[CAPTCHA_COOKIE] });
    reply.setCookie(CAPTCHA_COOKIE, id, { ...clientCookieOptions(deps), maxAge: 300 });
    return reply.header('cache-control', 'no-store').type('image/svg+xml').send(svg);
  });

  route(app, api.login, async (req, reply) => {
    const result = await login(deps, metaOf(req, deps), { ...req.body, captchaId: req.cookies[CAPTCHA_COOKIE] });
    reply.clearCookie(CAPTCHA_COOKIE, { path: '/' });
    reply.setCookie(SESSION_COOKIE, result.token, clientCookieOptions(deps));
    return loginAnswer(result);
  });

  route(app, api.logout, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const actor = await requireActor(req, deps).catch(() => null);
      await deleteSession(deps.db, token);
      if (actor) await writeAudit(deps.db, { actor, meta: metaOf(req, deps) }, { action: 'auth.logout', objectType: 'account', objectId: actor.accountId });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return loggedOut();
  });

  route(app, api.switchRole, async (req, reply) => {
    const actor = await requireActor(req, deps);
    const session = (await currentSession(req, deps))!;
    const result = await switchRole(deps, metaOf(req, deps), actor, req.body.role, req.cookies[SESSION_COOKIE]!, session.mfaVerifiedAt);
    reply.setCookie(SESSION_COOKIE, result.token, clientCookieOptions(deps));
    return switchRoleAnswer(result);
  });

  route(app, api.me, async (req) => describeMe(deps, await requireActor(req, deps)));

  route(app, api.changePassword, async (req) => {
    const actor = await requireActor(req, deps);
    await changePassword(deps, metaOf(req, deps), actor, { ...req.body, currentToken: req.cookies[SESSION_COOKIE]! });
    return passwordChanged();
  });

  route(app, api.passwordResetCode, async (req, reply) => {
    const meta = metaOf(req, deps);
    if (deps.config.captcha) {
      await verifyCaptcha(deps.db, req.cookies[CAPTCHA_COOKIE], req.body.captcha, meta.now);
      reply.clearCookie(CAPTCHA_COOKIE, { path: '/' });
    }
    const { sentTo } = await requestPasswordCode(deps, meta, req.body);
    return passwordCodeAnswer(sentTo);
  });

  route(app, api.passwordReset, async (req) => {
    await resetPasswordWithCode(deps, metaOf(req, deps), req.body);
    return passwordReset();
  });
}
