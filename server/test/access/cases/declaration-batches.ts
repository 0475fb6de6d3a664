import { expect } from 'vitest';
import { buildProfessional, login } from '../../factories';
import { batchXlsx, trainingRow, uploadBatchFile, waitForJob } from '../../factories-batches';
import { PNG } from '../../factories-declarations';
import type { MatrixCases, MatrixFixture } from '../fixture';

/** 批量申报: a Zhengzhou unit's imported batch with one evidence file. */
export default function declarationBatchCases(f: MatrixFixture): MatrixCases {
  const t = { batch: 0, evidence: 0, idNumber: '', name: '' };
  let file: Buffer = Buffer.alloc(0);
  const form = () => {
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(file)]), '批量申报.xlsx');
    fd.append('evidence', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '签到表.png');
    return fd;
  };
  return {
    async setup() {
      const { ctx, zz } = f;
      const person = await buildProfessional(ctx, zz.unit);
      const cookie = await login(ctx, zz.unitAdmin);
      // Dates inside the current year, before today, so the default window accepts them.
      const year = new Date().getUTCFullYear();
      const row = trainingRow(person, '越权测试培训', { 计入年度: year, 开始日期: `${year}-01-01`, 结束日期: `${year}-01-01` });
      const res = await uploadBatchFile(ctx, cookie, await batchXlsx([row]));
      const job = await waitForJob(ctx, cookie, res.json().jobId);
      expect(job.state, job.message).toBe('succeeded');
      const detail = (await ctx.app.inject({ method: 'GET', url: `/api/admin/declaration-batches/${job.result.batchId}`, headers: { cookie } })).json();
      Object.assign(t, { batch: job.result.batchId, evidence: detail.evidence[0].id, idNumber: person.idNumber, name: person.name });
      file = await batchXlsx([trainingRow(person, '越权上传', { 计入年度: year, 开始日期: `${year}-01-01`, 结束日期: `${year}-01-01` })]);
    },
    targeted: {
      'GET /api/admin/declaration-batches/:id': () => ({ method: 'GET', url: `/api/admin/declaration-batches/${t.batch}` }),
      'GET /api/admin/declaration-batches/:id/evidence/:fileId': () => ({ method: 'GET', url: `/api/admin/declaration-batches/${t.batch}/evidence/${t.evidence}` }),
      'POST /api/admin/declaration-batches/:id/withdraw': () => ({ method: 'POST', url: `/api/admin/declaration-batches/${t.batch}/withdraw`, payload: {} }),
      'POST /api/admin/declaration-batches/:id/decision': () => ({ method: 'POST', url: `/api/admin/declaration-batches/${t.batch}/decision`, payload: { decision: 'approve' } }),
    },
    lists: {
      'GET /api/admin/declaration-batches': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(t.batch);
      },
    },
    scoped: {
      'GET /api/admin/declaration-batches/template.xlsx': {
        call: () => ({ method: 'GET', url: '/api/admin/declaration-batches/template.xlsx' }),
        check: (res) => expect([200, 403]).toContain(res.statusCode),
      },
      // An intruder's file naming a Zhengzhou person is accepted for checking (the job then refuses
      // the row without saying who it is: declaration-batches.test.ts) or refused for lack of rights.
      'POST /api/admin/declaration-batches': {
        call: () => ({ method: 'POST', url: '/api/admin/declaration-batches', payload: form() }),
        check: (res) => {
          expect([202, 403]).toContain(res.statusCode);
          expect(res.body).not.toContain(t.name);
        },
      },
    },
  };
}
