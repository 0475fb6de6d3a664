import { expect } from 'vitest';
import { buildAdmin, buildOrg, login } from '../../factories';
import { PNG, call } from '../../factories-declarations';
import type { MatrixCases, MatrixFixture } from '../fixture';

/**
 * 机构变更: a unit of the Zhengzhou subtree with a pending 修改单位信息 (licence scan) and
 * another with a pending 更换上级部门 to a new department of the same city; 单位合并 of two of them.
 */
export default function orgChangeCases(f: MatrixFixture): MatrixCases {
  const { zz } = f;
  const t = { infoUnit: 0, infoChange: 0, parentUnit: 0, parentChange: 0, mergeFrom: 0, mergeInto: 0 };
  const licenceForm = () => {
    const form = new FormData();
    form.append('name', '越权修改的名称');
    form.append('licence', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'licence.png');
    return form;
  };
  return {
    async setup() {
      const { ctx } = f;
      const infoUnit = await buildOrg(ctx, { kind: 'unit', parent: zz.dept });
      const parentUnit = await buildOrg(ctx, { kind: 'unit', parent: zz.dept });
      const newDept = await buildOrg(ctx, { kind: 'department', parent: zz.bureau });
      const infoCookie = await login(ctx, await buildAdmin(ctx, infoUnit));
      const info = await ctx.app.inject({ method: 'POST', url: `/api/admin/organisations/${infoUnit.id}/changes/info`, headers: { cookie: infoCookie }, payload: licenceForm() });
      const parentCookie = await login(ctx, await buildAdmin(ctx, parentUnit));
      const parent = await call(ctx, parentCookie, 'POST', `/api/admin/organisations/${parentUnit.id}/changes/parent`, { newParentId: newDept.id });
      Object.assign(t, {
        infoUnit: infoUnit.id,
        infoChange: info.json().id,
        parentUnit: parentUnit.id,
        parentChange: parent.json().id,
        mergeFrom: (await buildOrg(ctx, { kind: 'unit', parent: zz.dept })).id,
        mergeInto: (await buildOrg(ctx, { kind: 'unit', parent: zz.dept })).id,
      });
      expect(Object.values(t).every((v) => typeof v === 'number' && v > 0)).toBe(true);
    },
    targeted: {
      'GET /api/admin/organisations/:id/changes': () => ({ method: 'GET', url: `/api/admin/organisations/${t.infoUnit}/changes` }),
      'POST /api/admin/organisations/:id/changes/parent': () => ({ method: 'POST', url: `/api/admin/organisations/${zz.unit.id}/changes/parent`, payload: { newParentId: zz.bureau.id } }),
      'POST /api/admin/organisations/:id/changes/info': () => ({ method: 'POST', url: `/api/admin/organisations/${zz.unit.id}/changes/info`, payload: licenceForm() }),
      'POST /api/admin/org-changes/:id/approve': () => ({ method: 'POST', url: `/api/admin/org-changes/${t.parentChange}/approve`, payload: { version: 0 } }),
      'POST /api/admin/org-changes/:id/reject': () => ({ method: 'POST', url: `/api/admin/org-changes/${t.infoChange}/reject`, payload: { version: 0, reason: '越权测试' } }),
      'POST /api/admin/org-changes/:id/withdraw': () => ({ method: 'POST', url: `/api/admin/org-changes/${t.infoChange}/withdraw` }),
      'GET /api/admin/org-changes/:id/licence': () => ({ method: 'GET', url: `/api/admin/org-changes/${t.infoChange}/licence` }),
      'GET /api/admin/org-merges/preview': () => ({ method: 'GET', url: `/api/admin/org-merges/preview?fromOrgId=${t.mergeFrom}&intoOrgId=${t.mergeInto}` }),
      'POST /api/admin/org-merges': () => ({ method: 'POST', url: '/api/admin/org-merges', payload: { fromOrgId: t.mergeFrom, intoOrgId: t.mergeInto, confirmName: 'x' } }),
    },
    lists: {
      'GET /api/admin/org-changes': (res) => {
        const ids = (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
        expect(ids).not.toContain(t.infoChange);
        expect(ids).not.toContain(t.parentChange);
      },
    },
  };
}
