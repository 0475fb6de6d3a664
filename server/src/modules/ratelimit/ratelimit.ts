import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db';
import { AppError } from '../../errors';

/**
 * Fixed-window rate limit kept in the database, so every app server counts the same requests.
 * Throws RATE_LIMITED once `limit` requests for `key` fall in the current window.
 */
export async function consumeRateLimit(
  q: Queryable,
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<void> {
  const windowStartCutoff = new Date(now.getTime() - windowSeconds * 1000);
  const result = await q.execute(sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${now}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start < ${windowStartCutoff} then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start < ${windowStartCutoff} then ${now} else rate_limits.window_start end
    returning count`);
  // Both drivers (PGlite, node-postgres) answer raw SQL with { rows }.
  const count = Number((result as unknown as { rows: { count: number }[] }).rows[0]?.count ?? 0);
  if (count > limit) throw new AppError('RATE_LIMITED', '操作过于频繁，请稍后再试');
}
