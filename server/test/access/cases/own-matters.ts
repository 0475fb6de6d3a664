import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../../src/db';
import { chinaYear } from '@ce/shared';
import { buildAdmin, buildOrg, buildProfessional, login, type TestAccount } from '../../factories';
import { buildDeclaration } from '../../factories-declarations';
import type { MatrixCases, MatrixFixture } from '../fixture';

/**
 * Conflict of interest (issue 9): an admin who is also the person of a matter holds every
 * permission to decide it and still may not; another admin of the organisation must.
 */
export default function ownMatterCases(f: MatrixFixture): MatrixCases {
  const t = {} as {
    declarationAdmin: TestAccount;
    declaration: { id: number; version: number };
    registrationAdmin: TestAccount;
    registration: { accountId: number; version: number };
    changeRequest: { id: number; version: number };
    transferAdmin: TestAccount;
    transfer: { id: number; version: number };
    orgAdmin: TestAccount;
    org: { id: number; version: number };
  };
  return {
    async setup() {
      const { ctx, zz } = f;
      const year = chinaYear(ctx.deps.now());
      // A unit's super admin who is also a professional of the unit: a declaration and a change request.
      const unitA = await buildOrg(ctx, { kind: 'unit', parent: zz.dept });
      t.declarationAdmin = await buildAdmin(ctx, unitA);
      const selfA = await buildProfessional(ctx, unitA, { idNumber: t.declarationAdmin.idNumber });
      const d = await buildDeclaration(ctx, selfA, { year, outcome: 'pending', level: 0, attachments: 1 });
      t.declaration = { id: d.id, version: d.version };
      const change = await ctx.app.inject({
        method: 'POST',
        url: '/api/me/change-requests/title',
        headers: { cookie: await login(ctx, selfA) },
        payload: { titleSeries: '中小学教师', titleLevel: 'senior' },
      });
      expect(change.statusCode, change.body).toBe(201);
      const [cr] = await ctx.deps.db.select().from(schema.professionalChangeRequests).where(eq(schema.professionalChangeRequests.id, change.json().id));
      t.changeRequest = { id: cr!.id, version: cr!.version };
      // The queue marks the admin's own declaration.
      const queue = await ctx.app.inject({ method: 'GET', url: `/api/admin/declarations?year=${year}`, headers: { cookie: await f.cookieOf(t.declarationAdmin) } });
      const mine = queue.json().items.find((i: { id: number }) => i.id === d.id);
      expect(mine).toMatchObject({ ownMatter: true });

      // A registration of a professional who is the unit's admin.
      const unitB = await buildOrg(ctx, { kind: 'unit', parent: zz.dept });
      t.registrationAdmin = await buildAdmin(ctx, unitB);
      const selfB = await buildProfessional(ctx, unitB, { idNumber: t.registrationAdmin.idNumber, status: 'pending' });
      const [acc] = await ctx.deps.db.select().from(schema.accounts).where(eq(schema.accounts.id, selfB.accountId));
      t.registration = { accountId: selfB.accountId, version: acc!.version };

      // A transfer into the unit of which the moving professional is an admin.
      const unitC = await buildOrg(ctx, { kind: 'unit', parent: zz.dept });
      const unitD = await buildOrg(ctx, { kind: 'unit', parent: zz.dept });
      t.transferAdmin = await buildAdmin(ctx, unitD);
      const mover = await buildProfessional(ctx, unitC, { idNumber: t.transferAdmin.idNumber });
      const asked = await ctx.app.inject({ method: 'POST', url: '/api/me/transfers', headers: { cookie: await login(ctx, mover) }, payload: { toUnitId: unitD.id } });
      expect(asked.statusCode, asked.body).toBe(201);
      const [asked0] = await ctx.deps.db.select().from(schema.professionalTransfers).where(eq(schema.professionalTransfers.id, asked.json().id));
      const out = await ctx.app.inject({
        method: 'POST',
        url: `/api/admin/transfers/${asked.json().id}/approve`,
        headers: { cookie: await login(ctx, await buildAdmin(ctx, unitC)) },
        payload: { version: asked0!.version },
      });
      expect(out.statusCode, out.body).toBe(200);
      const [tr] = await ctx.deps.db.select().from(schema.professionalTransfers).where(eq(schema.professionalTransfers.id, asked.json().id));
      t.transfer = { id: tr!.id, version: tr!.version };

      // The registration of a unit whose first admin is an admin of the parent department.
      const deptE = await buildOrg(ctx, { kind: 'department', parent: zz.bureau });
      t.orgAdmin = await buildAdmin(ctx, deptE);
      const pending = await buildOrg(ctx, { kind: 'unit', parent: deptE, status: 'pending' });
      await buildAdmin(ctx, pending, { status: 'pending', idNumber: t.orgAdmin.idNumber });
      t.org = { id: pending.id, version: pending.version };
    },
    targeted: {},
    lists: {},
    ownMatters: {
      'POST /api/admin/declarations/:id/approve': {
        admin: () => t.declarationAdmin,
        call: () => ({ method: 'POST', url: `/api/admin/declarations/${t.declaration.id}/approve`, payload: { version: t.declaration.version } }),
      },
      'POST /api/admin/declarations/:id/reject': {
        admin: () => t.declarationAdmin,
        call: () => ({ method: 'POST', url: `/api/admin/declarations/${t.declaration.id}/reject`, payload: { version: t.declaration.version, reason: '本人审核本人' } }),
      },
      'POST /api/admin/registrations/professionals/:id/approve': {
        admin: () => t.registrationAdmin,
        call: () => ({ method: 'POST', url: `/api/admin/registrations/professionals/${t.registration.accountId}/approve`, payload: { version: t.registration.version } }),
      },
      'POST /api/admin/professional-changes/:id/approve': {
        admin: () => t.declarationAdmin,
        call: () => ({ method: 'POST', url: `/api/admin/professional-changes/${t.changeRequest.id}/approve`, payload: { version: t.changeRequest.version } }),
      },
      'POST /api/admin/transfers/:id/approve': {
        admin: () => t.transferAdmin,
        call: () => ({ method: 'POST', url: `/api/admin/transfers/${t.transfer.id}/approve`, payload: { version: t.transfer.version } }),
      },
      'POST /api/admin/registrations/organisations/:id/approve': {
        admin: () => t.orgAdmin,
        call: () => ({ method: 'POST', url: `/api/admin/registrations/organisations/${t.org.id}/approve`, payload: { version: t.org.version } }),
      },
    },
  };
}
