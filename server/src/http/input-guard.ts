import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

/** The largest value of a PostgreSQL `integer` (every id, year, version and count column). */
export const PG_INT_MAX = 2_147_483_647;

export type UnsafeInput = { path: string; kind: 'range' | 'nul' };

/**
 * The first value of a parsed request (params, query or body, after Zod) that the database cannot
 * take: a number outside the `integer` range, or text holding a NUL character (PostgreSQL text
 * cannot store U+0000). Buffers (uploaded files) are not text and are skipped.
 */
export function findUnsafeInput(value: unknown, path = ''): UnsafeInput | null {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= PG_INT_MAX ? null : { path, kind: 'range' };
  if (typeof value === 'bigint') return { path, kind: 'range' };
  if (typeof value === 'string') return value.includes('\u0000') ? { path, kind: 'nul' } : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Date) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findUnsafeInput(value[i], `${path}/${i}`);
      if (bad) return bad;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return { path: `${path}/${key}`, kind: 'nul' };
    const bad = findUnsafeInput(v, `${path}/${key}`);
    if (bad) return bad;
  }
  return null;
}

/**
 * One guard for every route, after validation and before any handler: numbers beyond the database's
 * integer range and NUL characters in any text are a 400 in Chinese, never a database error.
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('onRequest', async (req) => {
    // A NUL in the path or the query string, also on routes that declare no schema (and on 404s).
    if (/%00/i.test(req.url) || req.url.includes('\u0000')) {
      throw new AppError('VALIDATION', '请求中含有不允许的字符', { issues: [{ path: 'url', message: '含有空字符' }] });
    }
  });
  app.addHook('preHandler', async (req) => {
    for (const [part, value] of [['params', req.params], ['query', req.query], ['body', req.body]] as const) {
      const bad = findUnsafeInput(value);
      if (!bad) continue;
      const where = `${part}${bad.path.replace(/\//g, '.')}`;
      throw new AppError(
        'VALIDATION',
        bad.kind === 'range' ? `${where}：数值超出允许范围` : `${where}：含有不允许的空字符`,
        { issues: [{ path: `${part}${bad.path}`, message: bad.kind === 'range' ? '数值超出允许范围' : '含有空字符' }] },
      );
    }
  });
}

/**
 * Writes the guard's integer range into the request schemas of the OpenAPI document (JSON Schema
 * of params, query and body): every number's bounds are clamped to ±PG_INT_MAX.
 */
export function clampNumberBounds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(clampNumberBounds);
  if (node === null || typeof node !== 'object') return;
  const s = node as Record<string, unknown>;
  if (s.type === 'integer' || s.type === 'number') {
    s.maximum = typeof s.maximum === 'number' ? Math.min(s.maximum, PG_INT_MAX) : PG_INT_MAX;
    s.minimum = typeof s.minimum === 'number' ? Math.max(s.minimum, -PG_INT_MAX) : -PG_INT_MAX;
  }
  for (const v of Object.values(s)) clampNumberBounds(v);
}
