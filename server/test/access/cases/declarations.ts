import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../../src/db';
import { chinaYear } from '@ce/shared';
import { buildAdmin, buildProfessional, login, type TestAccount } from '../../factories';
import { buildDeclaration } from '../../factories-declarations';
import type { MatrixCases, MatrixFixture } from '../fixture';

/**
 * Hour declarations: reviews, evidence, settings, openings, sampling. Decisions made here:
 * - out of subtree or 工作部门 scope → 404; on the chain but not yet one's turn → 409 NOT_YOUR_TURN
 *   (tested in declarations.test.ts): the record is visible in the reviewer's subtree.
 * - the province-wide settings belong to the province bureau: every other admin gets 404.
 * - a professional's own endpoints answer 404 to anyone but the owner, admins included.
 */
export default function declarationCases(f: MatrixFixture): MatrixCases {
  const { zz } = f;
  const t = {} as {
    person: TestAccount;
    pendingId: number;
    pendingVersion: number;
    draftId: number;
    attachmentId: number;
    draftAttachmentId: number;
    approvedId: number;
    sampleId: number;
    openingId: number;
  };
  return {
    async setup() {
      const { ctx } = f;
      const year = chinaYear(ctx.deps.now());
      t.person = await buildProfessional(ctx, zz.unit, { workDepartmentId: zz.workDeptId });
      const pending = await buildDeclaration(ctx, t.person, { year, outcome: 'pending', level: 0, attachments: 1 });
      const draft = await buildDeclaration(ctx, t.person, { year, outcome: 'draft', attachments: 1 });
      const approved = await buildDeclaration(ctx, t.person, { year, outcome: 'approved' });
      Object.assign(t, { pendingId: pending.id, pendingVersion: pending.version, draftId: draft.id, approvedId: approved.id });
      const files = await ctx.deps.db.select().from(schema.declarationAttachments).where(eq(schema.declarationAttachments.declarationId, pending.id));
      const draftFiles = await ctx.deps.db.select().from(schema.declarationAttachments).where(eq(schema.declarationAttachments.declarationId, draft.id));
      t.attachmentId = files[0]!.id;
      t.draftAttachmentId = draftFiles[0]!.id;
      const bureauCookie = await f.cookieOf(await buildAdmin(ctx, zz.bureau));
      const sample = await ctx.app.inject({ method: 'POST', url: '/api/admin/declaration-samples', headers: { cookie: bureauCookie }, payload: { year, count: 1 } });
      expect(sample.statusCode).toBe(201);
      t.sampleId = sample.json().id;
      const opening = await ctx.app.inject({
        method: 'POST',
        url: '/api/admin/declaration-openings',
        headers: { cookie: bureauCookie },
        payload: { idNumber: t.person.idNumber, year: year - 1, reason: '矩阵测试', expiresOn: `${year + 1}-01-31` },
      });
      expect(opening.statusCode).toBe(201);
      t.openingId = opening.json().id;
      // The professional's own routes really work for the owner (the matrix is not vacuous).
      const own = await ctx.app.inject({ method: 'GET', url: `/api/me/declarations/${pending.id}`, headers: { cookie: await login(ctx, t.person) } });
      expect(own.statusCode).toBe(200);
    },
    targeted: {
      // reviewers
      'GET /api/admin/declarations/:id': () => ({ method: 'GET', url: `/api/admin/declarations/${t.pendingId}` }),
      'GET /api/admin/declarations/:id/attachments/:attachmentId': () => ({ method: 'GET', url: `/api/admin/declarations/${t.pendingId}/attachments/${t.attachmentId}` }),
      'POST /api/admin/declarations/:id/approve': () => ({ method: 'POST', url: `/api/admin/declarations/${t.pendingId}/approve`, payload: { version: t.pendingVersion } }),
      'POST /api/admin/declarations/:id/reject': () => ({ method: 'POST', url: `/api/admin/declarations/${t.pendingId}/reject`, payload: { version: t.pendingVersion, reason: '越权测试' } }),
      'POST /api/admin/declarations/bulk-review': () => ({ method: 'POST', url: '/api/admin/declarations/bulk-review', payload: { decision: 'approve', items: [{ id: t.pendingId, version: t.pendingVersion }] } }),
      // province settings and a bureau's openings
      'PUT /api/admin/declaration-windows/:year': () => ({ method: 'PUT', url: `/api/admin/declaration-windows/2025`, payload: { opensOn: '2025-01-01', closesOn: '2025-12-31' } }),
      'DELETE /api/admin/declaration-windows/:year': () => ({ method: 'DELETE', url: `/api/admin/declaration-windows/2025` }),
      'PUT /api/admin/declaration-caps/:form': () => ({ method: 'PUT', url: '/api/admin/declaration-caps/conference', payload: { maxHours: 1 } }),
      'POST /api/admin/declaration-openings': () => ({ method: 'POST', url: '/api/admin/declaration-openings', payload: { idNumber: t.person.idNumber, year: 2020, reason: '越权测试', expiresOn: '2099-01-01' } }),
      'POST /api/admin/declaration-openings/:id/cancel': () => ({ method: 'POST', url: `/api/admin/declaration-openings/${t.openingId}/cancel` }),
      // sampling
      'POST /api/admin/declaration-samples': () => ({ method: 'POST', url: '/api/admin/declaration-samples', payload: { bureauId: zz.bureau.id, year: 2026, count: 1 } }),
      'GET /api/admin/declaration-samples/:id': () => ({ method: 'GET', url: `/api/admin/declaration-samples/${t.sampleId}` }),
      'GET /api/admin/declaration-samples/:id/verify': () => ({ method: 'GET', url: `/api/admin/declaration-samples/${t.sampleId}/verify` }),
      'POST /api/admin/declaration-samples/:id/items/:declarationId/confirm': () => ({ method: 'POST', url: `/api/admin/declaration-samples/${t.sampleId}/items/${t.approvedId}/confirm` }),
      'POST /api/admin/declaration-samples/:id/items/:declarationId/revoke': () => ({ method: 'POST', url: `/api/admin/declaration-samples/${t.sampleId}/items/${t.approvedId}/revoke`, payload: { reason: '越权测试' } }),
      // the professional's own routes: nobody else, admins included
      'GET /api/me/declarations/:id': () => ({ method: 'GET', url: `/api/me/declarations/${t.pendingId}` }),
      'PUT /api/me/declarations/:id': () => ({ method: 'PUT', url: `/api/me/declarations/${t.draftId}`, payload: { year: 2026, subject: 'professional', form: 'training', title: '越权', organiser: '越权', startDate: '2026-01-01', endDate: '2026-01-02', assessmentResult: '合格', params: {}, claimedHours: 1, version: 0 } }),
      'DELETE /api/me/declarations/:id': () => ({ method: 'DELETE', url: `/api/me/declarations/${t.draftId}?version=0` }),
      'POST /api/me/declarations/:id/submit': () => ({ method: 'POST', url: `/api/me/declarations/${t.draftId}/submit`, payload: { version: 0 } }),
      'POST /api/me/declarations/:id/revoke': () => ({ method: 'POST', url: `/api/me/declarations/${t.pendingId}/revoke`, payload: { version: t.pendingVersion } }),
      'POST /api/me/declarations/:id/attachments': () => ({ method: 'POST', url: `/api/me/declarations/${t.draftId}/attachments`, payload: {} }),
      'GET /api/me/declarations/:id/attachments/:attachmentId': () => ({ method: 'GET', url: `/api/me/declarations/${t.pendingId}/attachments/${t.attachmentId}` }),
      'DELETE /api/me/declarations/:id/attachments/:attachmentId': () => ({ method: 'DELETE', url: `/api/me/declarations/${t.draftId}/attachments/${t.draftAttachmentId}` }),
    },
    lists: {
      'GET /api/admin/declarations': (res) => {
        const ids = (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
        expect(ids).not.toContain(t.pendingId);
        expect(res.body).not.toContain(t.person.name);
      },
      'GET /api/admin/declaration-windows': (res) => expect(res.statusCode).toBe(200),
      'GET /api/admin/declaration-caps': (res) => expect(res.statusCode).toBe(200),
      'GET /api/admin/declaration-openings': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(t.openingId);
      },
      'GET /api/admin/declaration-samples': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(t.sampleId);
      },
    },
    scoped: {
      // The POST variant of the queue (conditions in the body, issue 9).
      'POST /api/admin/declarations/search': {
        call: () => ({ method: 'POST', url: '/api/admin/declarations/search', payload: { idNumber: t.person.idNumber, status: 'pending' } }),
        check(res) {
          expect([200, 403]).toContain(res.statusCode);
          if (res.statusCode === 200) {
            expect((res.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(t.pendingId);
            expect(res.body).not.toContain(t.person.name);
          }
        },
      },
    },
  };
}
