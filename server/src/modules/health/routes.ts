import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { healthResponse } from '@ce/shared';
import type { Deps } from '../../http/context';

export function healthRoutes(app: FastifyInstance, deps: Deps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    { schema: { tags: ['系统'], summary: '健康检查', response: { 200: healthResponse } } },
    async () => {
      await deps.db.execute(sql`select 1`);
      return { status: 'ok' as const, db: deps.dbKind };
    },
  );
}
