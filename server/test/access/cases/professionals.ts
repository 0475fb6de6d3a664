import { expect } from 'vitest';
import { maskIdNumber } from '@ce/shared';
import { buildOrg, buildProfessional, bureauOf, login, type TestAccount } from '../../factories';
import { call, submitIdentityChange, xlsxText } from '../../api/professionals-fixtures';
import type { MatrixCases, MatrixFixture } from '../fixture';

type Prof = TestAccount & { certNo: string };

/**
 * Professionals: registrations, change requests (with ID card photos), transfers, people
 * management. Adds two professional intruders: one of a unit in another city and one of the very
 * unit the targets belong to — a professional sees only their own data.
 */
export default function professionalCases(f: MatrixFixture): MatrixCases {
  const { zz } = f;
  const t = { pending: 0, member: 0, changeId: 0, identityId: 0, transferId: 0, toUnitId: 0 };
  let people: Prof[] = [];
  const ids = (res: { json(): { items: { accountId?: number; id?: number }[] } }) => res.json().items.map((i) => i.accountId ?? i.id);
  return {
    async setup() {
      const { ctx } = f;
      const wd = zz.workDeptId;
      const pending = await buildProfessional(ctx, zz.unit, { status: 'pending', workDepartmentId: wd });
      const member = await buildProfessional(ctx, zz.unit, { workDepartmentId: wd });
      const changer = await buildProfessional(ctx, zz.unit, { workDepartmentId: wd });
      const mover = await buildProfessional(ctx, zz.unit, { workDepartmentId: wd });
      people = [pending, member, changer, mover];
      const toUnit = await buildOrg(ctx, { kind: 'unit', parent: zz.dept });

      const changerCookie = await login(ctx, changer);
      t.changeId = (await call(ctx, changerCookie, 'POST', '/api/me/change-requests/title', { titleSeries: '高校教师', titleLevel: 'senior' })).json().id;
      t.identityId = (await submitIdentityChange(ctx, changerCookie, { name: `${changer.name}改` })).json().id;
      t.transferId = (await call(ctx, await login(ctx, mover), 'POST', '/api/me/transfers', { toUnitId: toUnit.id })).json().id;
      Object.assign(t, { pending: pending.accountId, member: member.accountId, toUnitId: toUnit.id });
      expect(Object.values(t).every((v) => typeof v === 'number' && v > 0)).toBe(true);

      const zkUnit = await buildOrg(ctx, { kind: 'unit', parent: await buildOrg(ctx, { kind: 'department', parent: await bureauOf(ctx, '411600') }) });
      f.intruders['a professional of a unit in another city'] = await buildProfessional(ctx, zkUnit);
      f.intruders['a professional of the same unit'] = await buildProfessional(ctx, zz.unit, { workDepartmentId: wd });
    },
    targeted: {
      'POST /api/admin/registrations/professionals/:id/approve': () => ({ method: 'POST', url: `/api/admin/registrations/professionals/${t.pending}/approve`, payload: { version: 0 } }),
      'POST /api/admin/registrations/professionals/:id/reject': () => ({ method: 'POST', url: `/api/admin/registrations/professionals/${t.pending}/reject`, payload: { version: 0, reason: '越权测试' } }),
      'POST /api/admin/registrations/professionals/bulk-review': () => ({ method: 'POST', url: '/api/admin/registrations/professionals/bulk-review', payload: { items: [{ id: t.pending, version: 0 }], approve: true } }),
      'GET /api/admin/professional-changes/:id': () => ({ method: 'GET', url: `/api/admin/professional-changes/${t.identityId}` }),
      'GET /api/admin/professional-changes/:id/photos/:side': () => ({ method: 'GET', url: `/api/admin/professional-changes/${t.identityId}/photos/front` }),
      'POST /api/admin/professional-changes/:id/approve': () => ({ method: 'POST', url: `/api/admin/professional-changes/${t.changeId}/approve`, payload: { version: 0 } }),
      'POST /api/admin/professional-changes/:id/reject': () => ({ method: 'POST', url: `/api/admin/professional-changes/${t.changeId}/reject`, payload: { version: 0, reason: '越权测试' } }),
      'GET /api/admin/transfers/:id': () => ({ method: 'GET', url: `/api/admin/transfers/${t.transferId}` }),
      'POST /api/admin/transfers/:id/approve': () => ({ method: 'POST', url: `/api/admin/transfers/${t.transferId}/approve`, payload: { version: 0 } }),
      'POST /api/admin/transfers/:id/reject': () => ({ method: 'POST', url: `/api/admin/transfers/${t.transferId}/reject`, payload: { version: 0, reason: '越权测试' } }),
      'GET /api/admin/professionals/:id': () => ({ method: 'GET', url: `/api/admin/professionals/${t.member}` }),
      'GET /api/admin/professionals/:id/record': () => ({ method: 'GET', url: `/api/admin/professionals/${t.member}/record` }),
      'POST /api/admin/professionals/:id/transfer-out': () => ({ method: 'POST', url: `/api/admin/professionals/${t.member}/transfer-out`, payload: { toUnitId: t.toUnitId } }),
      'POST /api/admin/professionals/:id/archive': () => ({ method: 'POST', url: `/api/admin/professionals/${t.member}/archive`, payload: { version: 0, reason: '越权测试' } }),
      'POST /api/admin/professionals/:id/restore': () => ({ method: 'POST', url: `/api/admin/professionals/${t.member}/restore`, payload: { version: 0 } }),
      // The professional's own records: nobody else reaches them, not even a colleague.
      'POST /api/me/change-requests/:id/withdraw': () => ({ method: 'POST', url: `/api/me/change-requests/${t.changeId}/withdraw` }),
      'GET /api/me/change-requests/:id/photos/:side': () => ({ method: 'GET', url: `/api/me/change-requests/${t.identityId}/photos/back` }),
      'POST /api/me/transfers/:id/withdraw': () => ({ method: 'POST', url: `/api/me/transfers/${t.transferId}/withdraw` }),
    },
    lists: {
      'GET /api/admin/registrations/professionals': (res) => {
        expect(ids(res)).not.toContain(t.pending);
      },
      'GET /api/admin/professional-changes': (res) => {
        expect(ids(res)).not.toContain(t.changeId);
        expect(ids(res)).not.toContain(t.identityId);
      },
      'GET /api/admin/transfers': (res) => {
        expect(ids(res)).not.toContain(t.transferId);
      },
      'GET /api/admin/professionals': (res) => {
        for (const p of people) expect(ids(res)).not.toContain(p.accountId);
      },
      'GET /api/admin/professionals/export.xlsx': (res) => {
        const text = xlsxText(res.rawPayload);
        expect(text).toContain('证书管理号');
        for (const p of people) {
          expect(text).not.toContain(p.certNo);
          expect(text).not.toContain(maskIdNumber(p.idNumber));
        }
      },
    },
    // The POST variants (conditions in the body, issue 9): searching another subtree's person by
    // ID number finds nobody.
    scoped: {
      'POST /api/admin/professionals/search': {
        call: () => ({ method: 'POST', url: '/api/admin/professionals/search', payload: { q: people[1]!.idNumber } }),
        check(res) {
          expect([200, 403]).toContain(res.statusCode);
          if (res.statusCode === 200) expect(ids(res)).toEqual([]);
        },
      },
      'POST /api/admin/professionals/export.xlsx': {
        call: () => ({ method: 'POST', url: '/api/admin/professionals/export.xlsx', payload: { q: people[1]!.idNumber } }),
        check(res) {
          expect([200, 403]).toContain(res.statusCode);
          if (res.statusCode === 200) expect(xlsxText(res.rawPayload)).not.toContain(maskIdNumber(people[1]!.idNumber));
        },
      },
    },
  };
}
