import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { schema } from '../../../src/db';
import { buildProfessional } from '../../factories';
import { buildDeclaration } from '../../factories-declarations';
import type { MatrixCases, MatrixFixture } from '../fixture';

/** Zhengzhou's waiting items are the oldest of the world: leaked into a count, they would show as its oldest. */
const ZZ_SINCE = new Date('2020-01-02T03:04:05Z');

/**
 * Admin home pages: every admin counts the queues of their own organisation only. Zhengzhou items
 * wait at each of its levels since ZZ_SINCE (a registration under its department, a person's
 * registration and a declaration at its unit); no intruder's queue ever shows that age. The review
 * deadline is read by every admin and set by the province alone.
 */
export default function homeCases(f: MatrixFixture): MatrixCases {
  return {
    async setup() {
      const { ctx, zz } = f;
      const db = ctx.deps.db;
      await db.update(schema.organisations).set({ createdAt: ZZ_SINCE }).where(eq(schema.organisations.id, zz.pendingUnit.id));
      const waiting = await buildProfessional(ctx, zz.unit, { status: 'pending' });
      await db.update(schema.accounts).set({ createdAt: ZZ_SINCE }).where(eq(schema.accounts.id, waiting.accountId));
      await buildDeclaration(ctx, await buildProfessional(ctx, zz.unit), { outcome: 'pending', level: 0, submittedAt: ZZ_SINCE });
      // Not vacuous: the unit's own admin does see them.
      const res = await ctx.app.inject({ method: 'GET', url: '/api/admin/home/queues', headers: { cookie: await f.cookieOf(zz.unitAdmin) } });
      const own = Object.fromEntries((res.json().queues as { key: string; oldestSince: string | null }[]).map((q) => [q.key, q.oldestSince]));
      expect([own['professional-registrations'], own.declarations]).toEqual([ZZ_SINCE.toISOString(), ZZ_SINCE.toISOString()]);
    },
    targeted: {},
    lists: {},
    scoped: {
      'GET /api/admin/home/queues': {
        call: () => ({ method: 'GET', url: '/api/admin/home/queues' }),
        check: (res) => {
          expect(res.statusCode).toBe(200);
          for (const q of res.json().queues) expect({ key: q.key, oldestSince: q.oldestSince }).not.toEqual({ key: q.key, oldestSince: ZZ_SINCE.toISOString() });
        },
      },
      'GET /api/admin/review-deadline': {
        call: () => ({ method: 'GET', url: '/api/admin/review-deadline' }),
        check: (res) => {
          expect(res.statusCode).toBe(200);
          expect(Object.keys(res.json()).sort()).toEqual(['days', 'updatedAt', 'updatedByName']);
        },
      },
      // The province bureau's setting lies above every intruder: as if it did not exist.
      'PUT /api/admin/review-deadline': {
        call: () => ({ method: 'PUT', url: '/api/admin/review-deadline', payload: { days: 20 } }),
        check: (res) => expect(res.statusCode).toBe(404),
      },
    },
  };
}
