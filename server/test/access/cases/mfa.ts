import { expect } from 'vitest';
import type { MatrixCases, MatrixFixture } from '../fixture';
import { bureauOf } from '../../factories';

/**
 * 重置动态口令 of a Zhengzhou unit's super admin (the department above may), and the province's
 * 所有管理员启用双因素认证 switch (nobody below the province reaches it).
 */
export default function mfaCases(f: MatrixFixture): MatrixCases {
  const { zz } = f;
  let provinceId = 0;
  return {
    async setup() {
      provinceId = (await bureauOf(f.ctx, '410000')).id;
      expect(provinceId).toBeGreaterThan(0);
    },
    targeted: {
      'POST /api/admin/accounts/:id/mfa-reset': () => ({ method: 'POST', url: `/api/admin/accounts/${zz.unitAdmin.accountId}/mfa-reset` }),
      'PUT /api/admin/security-settings': () => ({ method: 'PUT', url: '/api/admin/security-settings', payload: { mfaAllAdmins: true } }),
    },
    lists: {
      'GET /api/admin/security-settings': (res) => {
        expect(res.json()).toEqual({ mfaAllAdmins: false, updatedAt: null, updatedByName: null, canEdit: false });
      },
    },
  };
}
