import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { systemApi } from '@ce/shared';
import type { Deps } from '../../http/context';
import { route } from '../../http/route';

export function healthRoutes(app: FastifyInstance, deps: Deps) {
  route(app, systemApi.health, async () => {
    await deps.db.execute(sql`select 1`);
    return { status: 'ok' as const, db: deps.dbKind };
  });
}
