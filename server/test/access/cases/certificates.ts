import { expect } from 'vitest';
import { insertAdminFiling, insertSealApplication } from '../../../src/modules/certificates/repo';
import type { MatrixCases, MatrixFixture } from '../fixture';

/** E-seal applications (附件2) and admin filings (附件3) of the Zhengzhou bureau. */
export default function certificateCases(f: MatrixFixture): MatrixCases {
  const { zz } = f;
  let applicationId = 0;
  let filingId = 0;
  const application = { contactName: '越权', contactPhone: '13800001111' };
  const filing = {
    unitName: '越权单位',
    industry: '教育',
    orgCode: '11410100005184376X',
    adminName: '越权',
    gender: '男',
    workDepartment: '办公室',
    title: '科员',
    phone: '13800001111',
    email: 'x@test.cn',
    postCode: '450000',
    address: '郑州市',
  };
  return {
    async setup() {
      const db = f.ctx.deps.db;
      const bureauAdmin = zz.unitAdmin; // any account id will do for the row's author
      const app = await insertSealApplication(db, {
        bureauOrgId: zz.bureau.id,
        status: 'pending',
        sealText: '郑州市专业技术人员继续教育专用章',
        reason: '矩阵测试',
        applicantAccountId: bureauAdmin.accountId,
        applicantName: '矩阵',
        contactName: '矩阵',
        contactPhone: '13800001111',
        submittedAt: new Date(),
      });
      applicationId = app.id;
      const row = await insertAdminFiling(db, {
        orgId: zz.bureau.id,
        filedByAccountId: bureauAdmin.accountId,
        filedAt: new Date(),
        ...filing,
        gender: '男',
        fax: null,
      });
      filingId = row.id;
    },
    targeted: {
      'GET /api/admin/organisations/:id/seal': () => ({
        method: 'GET',
        url: `/api/admin/organisations/${zz.bureau.id}/seal`,
      }),
      'POST /api/admin/organisations/:id/seal-applications': () => ({
        method: 'POST',
        url: `/api/admin/organisations/${zz.bureau.id}/seal-applications`,
        payload: application,
      }),
      'GET /api/admin/organisations/:id/admin-filings': () => ({
        method: 'GET',
        url: `/api/admin/organisations/${zz.bureau.id}/admin-filings`,
      }),
      'POST /api/admin/organisations/:id/admin-filings': () => ({
        method: 'POST',
        url: `/api/admin/organisations/${zz.bureau.id}/admin-filings`,
        payload: filing,
      }),
      'GET /api/admin/seal-applications/:id': () => ({
        method: 'GET',
        url: `/api/admin/seal-applications/${applicationId}`,
      }),
      'POST /api/admin/seal-applications/:id/approve': () => ({
        method: 'POST',
        url: `/api/admin/seal-applications/${applicationId}/approve`,
        payload: { version: 0 },
      }),
      'POST /api/admin/seal-applications/:id/reject': () => ({
        method: 'POST',
        url: `/api/admin/seal-applications/${applicationId}/reject`,
        payload: { version: 0, reason: '越权测试' },
      }),
    },
    lists: {
      'GET /api/admin/seal-applications': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((a) => a.id)).not.toContain(
          applicationId,
        );
      },
      'GET /api/admin/admin-filings': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((a) => a.id)).not.toContain(filingId);
      },
    },
  };
}
