import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a state-changing request comes from a foreign site, by the headers browsers set and
 * pages cannot forge: an `Origin` other than the platform's own (PUBLIC_URL), or `Sec-Fetch-Site`
 * naming another site. Requests without either header (command-line and server-to-server clients)
 * carry no ambient browser credentials of a victim and pass.
 */
export function isForeignRequest(headers: Record<string, string | string[] | undefined>, allowedOrigin: string): boolean {
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== allowedOrigin) return true;
  const site = headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

/**
 * CSRF defence in depth, next to SameSite=Strict cookies and JSON-only bodies: every POST, PUT,
 * PATCH and DELETE whose Origin or Sec-Fetch-Site is foreign is refused before routing, whatever
 * its body (none, JSON or multipart).
 */
export function registerOriginGuard(app: FastifyInstance, publicUrl: string) {
  const allowedOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method)) return;
    if (isForeignRequest(req.headers, allowedOrigin)) {
      throw new AppError('FORBIDDEN', '请求来源不是本平台，已拒绝；请在本平台页面内操作', { reason: 'CROSS_SITE' });
    }
  });
}
