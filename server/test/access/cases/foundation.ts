import { expect } from 'vitest';
import { uniqueIdNumber } from '../../factories';
import type { MatrixCases, MatrixFixture } from '../fixture';

/** Organisations, registrations, admins, roles, 工作部门, audit. */
export default function foundationCases(f: MatrixFixture): MatrixCases {
  const { zz } = f;
  return {
    targeted: {
      'GET /api/admin/organisations/:id': () => ({ method: 'GET', url: `/api/admin/organisations/${zz.unit.id}` }),
      'POST /api/admin/registrations/organisations/:id/approve': () => ({ method: 'POST', url: `/api/admin/registrations/organisations/${zz.pendingUnit.id}/approve`, payload: { version: 0 } }),
      'POST /api/admin/registrations/organisations/:id/reject': () => ({ method: 'POST', url: `/api/admin/registrations/organisations/${zz.pendingUnit.id}/reject`, payload: { version: 0, reason: '越权测试' } }),
      'GET /api/admin/organisations/:id/admins': () => ({ method: 'GET', url: `/api/admin/organisations/${zz.unit.id}/admins` }),
      'POST /api/admin/organisations/:id/admins': () => ({ method: 'POST', url: `/api/admin/organisations/${zz.countyBureau.id}/admins`, payload: { idNumber: uniqueIdNumber(), name: '越权', phone: '13800001111', email: 'x@test.cn' } }),
      'PATCH /api/admin/accounts/:id': () => ({ method: 'PATCH', url: `/api/admin/accounts/${zz.unitSecond.accountId}`, payload: { adminRoleId: null, workDepartmentIds: [] } }),
      'POST /api/admin/accounts/:id/reset-password': () => ({ method: 'POST', url: `/api/admin/accounts/${zz.unitAdmin.accountId}/reset-password` }),
      'POST /api/admin/super-admin/handover': () => ({ method: 'POST', url: '/api/admin/super-admin/handover', payload: { toAccountId: zz.unitSecond.accountId, password: 'Test@12345' } }),
      'GET /api/admin/organisations/:id/roles': () => ({ method: 'GET', url: `/api/admin/organisations/${zz.unit.id}/roles` }),
      'POST /api/admin/organisations/:id/roles': () => ({ method: 'POST', url: `/api/admin/organisations/${zz.unit.id}/roles`, payload: { name: '越权角色', permissions: ['org.view'] } }),
      'PUT /api/admin/organisations/:id/roles/:childId': () => ({ method: 'PUT', url: `/api/admin/organisations/${zz.unit.id}/roles/${zz.roleId}`, payload: { name: '越权', permissions: ['org.view'] } }),
      'DELETE /api/admin/organisations/:id/roles/:childId': () => ({ method: 'DELETE', url: `/api/admin/organisations/${zz.unit.id}/roles/${zz.roleId}` }),
      'POST /api/admin/organisations/:id/work-departments': () => ({ method: 'POST', url: `/api/admin/organisations/${zz.unit.id}/work-departments`, payload: { name: '越权系' } }),
      'DELETE /api/admin/organisations/:id/work-departments/:childId': () => ({ method: 'DELETE', url: `/api/admin/organisations/${zz.unit.id}/work-departments/${zz.workDeptId}` }),
    },
    lists: {
      'GET /api/admin/organisations': (res) => {
        const ids = (res.json() as { items: { id: number }[] }).items.map((o) => o.id);
        expect(ids).not.toContain(zz.dept.id);
        expect(ids).not.toContain(zz.unit.id);
      },
      'GET /api/admin/registrations/organisations': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((o) => o.id)).not.toContain(zz.pendingUnit.id);
      },
      'GET /api/admin/audit': (res) => {
        expect(res.body).not.toContain(zz.unit.name);
      },
      'GET /api/admin/audit/chain': (res) => {
        // The whole log's chain: outside the province HRSS it is refused.
        expect(res.statusCode).toBe(403);
      },
      'GET /api/admin/audit/actions': (res) => {
        expect([200, 403]).toContain(res.statusCode);
      },
      'GET /api/admin/summary': (res) => {
        expect(res.statusCode).toBe(200);
      },
    },
  };
}
