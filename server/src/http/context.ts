import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db';
import type { Config } from '../config';
import type { Actor, RequestMeta } from '../access/actor';
import type { Notifier } from '../modules/notify/notifier';
import type { JobQueue } from '../jobs/queue';
import { AppError } from '../errors';
import { resolveSession, SESSION_COOKIE, type ResolvedSession } from '../modules/auth/sessions';

/** What routes hand to services: explicit dependencies, no globals. */
export interface Deps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  notifier: Notifier;
  now: () => Date;
  /** Background jobs and scheduled tasks (server/src/jobs/queue.ts); modules define their kinds in their routes(). */
  jobs: JobQueue;
  /**
   * A streaming replica (DATABASE_READ_URL) for reads that need not see this request's own writes:
   * the public certificate query and verification, shared pages, statistics and exports. Unset: `db`.
   */
  readDb?: Db;
}

/** Where a read that may lag the primary by a moment goes (issue 13 item 2). */
export const readerOf = (deps: Deps): Db => deps.readDb ?? deps.db;

declare module 'fastify' {
  interface FastifyRequest {
    sessionCache?: Promise<ResolvedSession | null>;
  }
}

export function metaOf(req: FastifyRequest, deps: Deps): RequestMeta {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null, now: deps.now() };
}

/** The request's session (cookie → sessions row → actor), looked up once per request. */
export function currentSession(req: FastifyRequest, deps: Deps): Promise<ResolvedSession | null> {
  req.sessionCache ??= (async () => {
    const token = req.cookies[SESSION_COOKIE];
    return token ? resolveSession(deps, token) : null;
  })();
  return req.sessionCache;
}

/**
 * The signed-in actor or null; looked up once per request, only by routes that need it. A session
 * still waiting for its second factor is nobody here (public pages treat it as signed out).
 */
export async function optionalActor(req: FastifyRequest, deps: Deps): Promise<Actor | null> {
  const resolved = await currentSession(req, deps);
  if (!resolved) return null;
  if (resolved.mfaPending) {
    if (isMfaRoute(req)) return resolved.actor;
    return null;
  }
  if (resolved.mustChangePassword && !isPasswordChangeRoute(req)) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', '您的密码已被重置，请先修改密码');
  }
  return resolved.actor;
}

const passwordChangeRoutes = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);
function isPasswordChangeRoute(req: FastifyRequest) {
  return passwordChangeRoutes.has(req.routeOptions.url ?? '');
}

/** What a session waiting for its second factor may call (issue 9 item 7). */
const mfaRoutes = new Set([
  '/api/auth/mfa',
  '/api/auth/mfa/verify',
  '/api/auth/mfa/recovery',
  '/api/auth/mfa/enrolment',
  '/api/auth/mfa/enrolment/confirm',
  '/api/auth/logout',
]);
function isMfaRoute(req: FastifyRequest) {
  return mfaRoutes.has(req.routeOptions.url ?? '');
}

export const MFA_REQUIRED_MESSAGE = '请先完成动态口令验证（双因素认证）后再使用管理功能';

export async function requireActor(req: FastifyRequest, deps: Deps): Promise<Actor> {
  const resolved = await currentSession(req, deps);
  if (resolved?.mfaPending && !isMfaRoute(req)) throw new AppError('MFA_REQUIRED', MFA_REQUIRED_MESSAGE);
  const actor = await optionalActor(req, deps);
  if (!actor) throw new AppError('UNAUTHENTICATED', '登录已过期或尚未登录，请重新登录');
  return actor;
}

export async function requireAdmin(req: FastifyRequest, deps: Deps): Promise<Actor> {
  const actor = await requireActor(req, deps);
  if (actor.role === 'professional') throw new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
  return actor;
}

export function clientCookieOptions(deps: Deps) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.config.cookieSecure };
}

export type Reply = FastifyReply;
