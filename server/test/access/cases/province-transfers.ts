import { expect } from 'vitest';
import { buildProfessional, login } from '../../factories';
import { PDF } from '../../factories-declarations';
import type { MatrixCases, MatrixFixture } from '../fixture';

/** 外省学时转入 (issue 14): a Zhengzhou professional's application; reviewers use the declarations rows. */
export default function provinceTransferCases(f: MatrixFixture): MatrixCases {
  const t = { transferId: 0 };
  return {
    async setup() {
      const { ctx, zz } = f;
      const person = await buildProfessional(ctx, zz.unit);
      const cookie = await login(ctx, person);
      const form = new FormData();
      form.append('province', '420000');
      form.append('entries', JSON.stringify([{ year: 2024, publicHours: 30, professionalHours: 60 }]));
      form.append('evidence', new Blob([new Uint8Array(PDF)]), '湖北省继续教育证书.pdf');
      const res = await ctx.app.inject({ method: 'POST', url: '/api/me/province-transfers', headers: { cookie }, payload: form });
      expect(res.statusCode, res.body).toBe(201);
      t.transferId = res.json().id;
      // The owner really reaches both (the matrix is not vacuous).
      const own = await ctx.app.inject({ method: 'GET', url: `/api/me/province-transfers/${t.transferId}/evidence`, headers: { cookie } });
      expect(own.statusCode).toBe(200);
    },
    targeted: {
      // the professional's own routes: nobody else, admins included
      'POST /api/me/province-transfers/:id/withdraw': () => ({ method: 'POST', url: `/api/me/province-transfers/${t.transferId}/withdraw` }),
      'GET /api/me/province-transfers/:id/evidence': () => ({ method: 'GET', url: `/api/me/province-transfers/${t.transferId}/evidence` }),
    },
    lists: {},
  };
}
