import { expect } from 'vitest';
import ExcelJS from 'exceljs';
import { chinaYear } from '@ce/shared';
import { createBureauKey, signingKeyVault } from '../../../src/modules/certificates/keys';
import { buildProfessional, login, type TestAccount } from '../../factories';
import { buildDeclaration } from '../../factories-declarations';
import type { MatrixCases, MatrixFixture } from '../fixture';

/** Rows of an xlsx answer (first worksheet), header first, as arrays of cell values. */
export async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  // row.values is 1-based and sparse: empty cells become null.
  workbook.worksheets[0]!.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
  return rows;
}

/** An upload of ID numbers as the batch query takes it. */
export async function idNumbersXlsx(ids: readonly string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('证书批量查询');
  sheet.addRow(['身份证号']);
  for (const id of ids) sheet.addRow([id]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function fileForm(data: Buffer, name = '身份证号.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  return form;
}

/**
 * Certificates of people, 学时转登 and the requirement table. Decisions:
 * - a person outside the admin's subtree (or 工作部门 scope) is 404, as if unknown;
 * - the batch query answers every admin, and names only people of their scope (others: 不在管理范围内);
 * - the requirement table is read by every admin; adding to it is the province's alone (404 elsewhere).
 */
export default function certificateRecordCases(f: MatrixFixture): MatrixCases {
  const { zz } = f;
  const t = {} as { holder: TestAccount & { certNo: string }; entryId: number; upload: Buffer };
  return {
    async setup() {
      const { ctx } = f;
      t.holder = await buildProfessional(ctx, zz.unit, { workDepartmentId: zz.workDeptId });
      // 郑州's bureau can issue; the holder passed last year (the query below issues the certificate).
      await ctx.deps.db.transaction((tx) => createBureauKey(tx, zz.bureau.id, ctx.deps.now(), signingKeyVault(ctx.deps.config)));
      const last = chinaYear(ctx.deps.now()) - 1;
      await buildDeclaration(ctx, t.holder, { year: last, subject: 'public', claimedHours: 30 });
      await buildDeclaration(ctx, t.holder, { year: last, subject: 'professional', claimedHours: 60 });
      const cookie = await f.cookieOf(zz.unitAdmin);
      const entry = await ctx.app.inject({
        method: 'POST',
        url: '/api/admin/historical-hours',
        headers: { cookie },
        payload: {
          idNumber: t.holder.idNumber,
          year: chinaYear(ctx.deps.now()) - 1,
          subject: 'professional',
          hours: 20,
          title: '矩阵测试转登',
          paperCertificateNo: 'ZZ-0001',
        },
      });
      expect(entry.statusCode, entry.body).toBe(201);
      t.entryId = entry.json().id;
      t.upload = await idNumbersXlsx([t.holder.idNumber]);
      // The right admin reaches the targets (the matrix is not vacuous).
      const own = await ctx.app.inject({ method: 'GET', url: `/api/admin/certificates?certNo=${t.holder.certNo}`, headers: { cookie } });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().years).toHaveLength(1);
      const batch = await ctx.app.inject({ method: 'POST', url: '/api/admin/certificates/batch', headers: { cookie }, payload: fileForm(t.upload) });
      expect(batch.statusCode, batch.body).toBe(200);
      expect((await xlsxRows(batch.rawPayload))[1]).toContain('有效');
      // The unit prints the person's certificate, alone or in a ZIP (issue 8 item 3).
      const pdf = await ctx.app.inject({ method: 'GET', url: `/api/admin/certificates/${t.holder.certNo}/certificate.pdf?from=${last}&to=${last}`, headers: { cookie } });
      expect(pdf.statusCode, pdf.body).toBe(200);
      const zip = await ctx.app.inject({ method: 'POST', url: '/api/admin/certificates/print-jobs', headers: { cookie }, payload: { certNos: [t.holder.certNo], from: last, to: last } });
      expect(zip.statusCode, zip.body).toBe(202);
      // A professional's own completion page is theirs alone (no id in the URL to aim at).
      const mine = await ctx.app.inject({ method: 'GET', url: '/api/me/completion', headers: { cookie: await login(ctx, t.holder) } });
      expect(mine.statusCode).toBe(200);
    },
    targeted: {
      'GET /api/admin/certificates': () => ({ method: 'GET', url: `/api/admin/certificates?certNo=${t.holder.certNo}` }),
      'POST /api/admin/certificates/search': () => ({ method: 'POST', url: '/api/admin/certificates/search', payload: { idNumber: t.holder.idNumber } }),
      'GET /api/admin/certificates/:certNo/certificate.pdf': () => {
        const last = chinaYear(f.ctx.deps.now()) - 1;
        return { method: 'GET', url: `/api/admin/certificates/${t.holder.certNo}/certificate.pdf?from=${last}&to=${last}` };
      },
      'POST /api/admin/certificates/print-jobs': () => {
        const last = chinaYear(f.ctx.deps.now()) - 1;
        return { method: 'POST', url: '/api/admin/certificates/print-jobs', payload: { certNos: [t.holder.certNo], from: last, to: last } };
      },
      'POST /api/admin/historical-hours/with-scan': () => {
        const form = new FormData();
        const fields = { idNumber: t.holder.idNumber, year: chinaYear(f.ctx.deps.now()) - 1, subject: 'public', hours: 10, title: '越权转登', paperCertificateNo: 'X-2' };
        for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
        form.append('scan', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))]), '证书.pdf');
        return { method: 'POST', url: '/api/admin/historical-hours/with-scan', payload: form };
      },
      'POST /api/admin/historical-hours': () => ({
        method: 'POST',
        url: '/api/admin/historical-hours',
        payload: {
          idNumber: t.holder.idNumber,
          year: chinaYear(f.ctx.deps.now()) - 1,
          subject: 'public',
          hours: 10,
          title: '越权转登',
          paperCertificateNo: 'X-1',
        },
      }),
      'POST /api/admin/requirement-rules': () => ({
        method: 'POST',
        url: '/api/admin/requirement-rules',
        payload: { fromYear: 2099, toYear: null, publicHours: 1, professionalHours: 1, basis: '越权测试' },
      }),
    },
    lists: {
      'GET /api/admin/certificates/batch-template.xlsx': (res) => {
        expect(res.headers['content-type']).toContain('spreadsheetml');
      },
      'GET /api/admin/historical-hours': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(t.entryId);
      },
      'GET /api/admin/requirement-rules': (res) => {
        const items = (res.json() as { items: { source: string; basis: string }[] }).items;
        expect(items.some((i) => i.basis === '越权测试')).toBe(false);
      },
    },
    scoped: {
      'POST /api/admin/certificates/batch': {
        call: () => ({ method: 'POST', url: '/api/admin/certificates/batch', payload: fileForm(t.upload) }),
        async check(res) {
          expect(res.statusCode).toBe(200);
          const rows = await xlsxRows(res.rawPayload);
          expect(rows.slice(1)).toEqual([[t.holder.idNumber, null, null, null, '不在管理范围内']]);
        },
      },
    },
  };
}
