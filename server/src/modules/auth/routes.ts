import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordRequest,
  errorBody,
  forgotPasswordRequest,
  loginRequest,
  meResponse,
  okBody,
  resetWithCodeRequest,
  roleSchema,
} from '@ce/shared';
import { clientCookieOptions, currentSession, metaOf, requireActor, type Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { CAPTCHA_COOKIE, createCaptcha, verifyCaptcha } from '../captcha/captcha';
import { deleteSession, SESSION_COOKIE } from './sessions';
import { switchRole } from './switch-role';
import { changePassword, describeMe, login, requestPasswordCode, resetPasswordWithCode } from './service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 423: errorBody, 429: errorBody };

export function authRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/captcha',
    {
      schema: {
        tags: ['认证'],
        summary: '获取图形验证码（SVG），答案与 Cookie 绑定；同一地址每分钟最多120次，新图替换旧图',
        produces: ['image/svg+xml'],
        response: { 200: z.any().meta({ type: 'string', description: 'SVG 图片' }), 429: errorBody },
      },
    },
    async (req, reply) => {
      const meta = metaOf(req, deps);
      const { id, svg } = await createCaptcha(deps.db, { now: meta.now, ip: meta.ip, previousId: req.cookies[CAPTCHA_COOKIE] });
      reply.setCookie(CAPTCHA_COOKIE, id, { ...clientCookieOptions(deps), maxAge: 300 });
      reply.header('cache-control', 'no-store').type('image/svg+xml');
      return svg;
    },
  );

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['认证'],
        summary: '登录（角色 + 身份证号 + 密码 + 验证码）',
        body: loginRequest,
        response: {
          200: z.object({
            accountId: z.number(),
            mustChangePassword: z.boolean(),
            /** verify: enter the authenticator's code next; enrol: bind an authenticator first; null: signed in. */
            secondFactor: z.enum(['verify', 'enrol']).nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const result = await login(deps, metaOf(req, deps), { ...req.body, captchaId: req.cookies[CAPTCHA_COOKIE] });
      reply.clearCookie(CAPTCHA_COOKIE, { path: '/' });
      reply.setCookie(SESSION_COOKIE, result.token, clientCookieOptions(deps));
      return { accountId: result.accountId, mustChangePassword: result.mustChangePassword, secondFactor: result.secondFactor };
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['认证'], summary: '退出登录', response: { 200: okBody } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const actor = await requireActor(req, deps).catch(() => null);
        await deleteSession(deps.db, token);
        if (actor) await writeAudit(deps.db, { actor, meta: metaOf(req, deps) }, { action: 'auth.logout', objectType: 'account', objectId: actor.accountId });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/switch-role',
    {
      schema: {
        tags: ['认证'],
        summary: '切换登录角色（同一人持有多个角色时，无需退出重新登录）',
        body: z.object({ role: roleSchema }),
        response: {
          200: z.object({ role: roleSchema, accountId: z.number(), secondFactor: z.enum(['verify', 'enrol']).nullable() }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const actor = await requireActor(req, deps);
      const session = (await currentSession(req, deps))!;
      const result = await switchRole(deps, metaOf(req, deps), actor, req.body.role, req.cookies[SESSION_COOKIE]!, session.mfaVerifiedAt);
      reply.setCookie(SESSION_COOKIE, result.token, clientCookieOptions(deps));
      return { role: result.role, accountId: result.accountId, secondFactor: result.secondFactor };
    },
  );

  r.get(
    '/api/auth/me',
    { schema: { tags: ['认证'], summary: '当前登录账号', response: { 200: meResponse, 401: errorBody } } },
    async (req) => describeMe(deps, await requireActor(req, deps)),
  );

  r.post(
    '/api/auth/password',
    { schema: { tags: ['认证'], summary: '修改密码（需原密码）', body: changePasswordRequest, response: { 200: okBody, ...errors } } },
    async (req) => {
      const actor = await requireActor(req, deps);
      await changePassword(deps, metaOf(req, deps), actor, { ...req.body, currentToken: req.cookies[SESSION_COOKIE]! });
      return { ok: true as const, message: '密码修改成功' };
    },
  );

  r.post(
    '/api/auth/password-reset/code',
    {
      schema: {
        tags: ['认证'],
        summary: '忘记密码：向注册手机或邮箱发送一次性验证码',
        body: forgotPasswordRequest,
        response: { 200: z.object({ sentTo: z.string(), message: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      const meta = metaOf(req, deps);
      if (deps.config.captcha) {
        await verifyCaptcha(deps.db, req.cookies[CAPTCHA_COOKIE], req.body.captcha, meta.now);
        reply.clearCookie(CAPTCHA_COOKIE, { path: '/' });
      }
      const { sentTo } = await requestPasswordCode(deps, meta, req.body);
      return { sentTo, message: `验证码已发送至 ${sentTo}，10分钟内有效` };
    },
  );

  r.post(
    '/api/auth/password-reset',
    { schema: { tags: ['认证'], summary: '忘记密码：用验证码设置新密码', body: resetWithCodeRequest, response: { 200: okBody, ...errors } } },
    async (req) => {
      await resetPasswordWithCode(deps, metaOf(req, deps), req.body);
      return { ok: true as const, message: '密码已重置，请使用新密码登录' };
    },
  );
}
