import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db';
import type { Config } from '../config';
import type { Actor, RequestMeta } from '../access/actor';
import type { Notifier } from '../modules/notify/notifier';
import { AppError } from '../errors';
import { resolveSession, SESSION_COOKIE } from '../modules/auth/sessions';

/** What routes hand to services: explicit dependencies, no globals. */
export interface Deps {
  db: Db;
  dbKind: 'pglite' | 'postgres';
  config: Config;
  notifier: Notifier;
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    actorCache?: Promise<Actor | null>;
  }
}

export function metaOf(req: FastifyRequest, deps: Deps): RequestMeta {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null, now: deps.now() };
}

/** The signed-in actor or null; looked up once per request, only by routes that need it. */
export function optionalActor(req: FastifyRequest, deps: Deps): Promise<Actor | null> {
  req.actorCache ??= (async () => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return null;
    const resolved = await resolveSession(deps, token);
    if (!resolved) return null;
    if (resolved.mustChangePassword && !isPasswordChangeRoute(req)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '您的密码已被重置，请先修改密码');
    }
    return resolved.actor;
  })();
  return req.actorCache;
}

const passwordChangeRoutes = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);
function isPasswordChangeRoute(req: FastifyRequest) {
  return passwordChangeRoutes.has(req.routeOptions.url ?? '');
}

export async function requireActor(req: FastifyRequest, deps: Deps): Promise<Actor> {
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
