import ExcelJS from 'exceljs';
import type { TestContext } from './helper';
import { ALL_HEADERS, DATA_SHEET } from '../src/modules/declaration-batches/rules';
import { PNG } from './factories-declarations';

export type BatchRowInput = Partial<Record<(typeof ALL_HEADERS)[number], string | number | Date>>;

/** A training row of the template for a person (2026-05 training, 8 hours, 专业科目). */
export const trainingRow = (p: { idNumber: string; name: string }, title = '2026年度单位专业技术人员业务培训', extra: BatchRowInput = {}): BatchRowInput => ({
  身份证号: p.idNumber,
  姓名: p.name,
  计入年度: 2026,
  计入科目: '专业科目',
  学习形式: '用人单位组织的本单位专业科目培训',
  学习内容: title,
  主办单位: '本单位人事处',
  开始日期: new Date(Date.UTC(2026, 4, 10)),
  结束日期: '2026-05-11',
  考核结果: '合格',
  学时: 8,
  ...extra,
});

/** A filled template (the data sheet only, headers in CONTRACT order). */
export async function batchXlsx(rows: BatchRowInput[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(DATA_SHEET);
  ws.addRow([...ALL_HEADERS]);
  for (const r of rows) ws.addRow(ALL_HEADERS.map((h) => r[h as keyof BatchRowInput] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function uploadBatchFile(ctx: TestContext, cookie: string, file: Buffer, evidence = true) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), '批量申报.xlsx');
  if (evidence) form.append('evidence', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '签到表.png');
  return ctx.app.inject({ method: 'POST', url: '/api/admin/declaration-batches', headers: { cookie }, payload: form });
}

export async function waitForJob(ctx: TestContext, cookie: string, jobId: string) {
  for (let i = 0; i < 600; i++) {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: { cookie } });
    const body = res.json();
    if (body.state === 'succeeded' || body.state === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}
