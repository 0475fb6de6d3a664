/**
 * Batch declarations by Excel (R-27, CONTRACT "Bulk channels"): template, a 50-row import reaching
 * the right reviewer, all-or-nothing with an error report, out-of-scope ID numbers refused without
 * leaking, the same file twice, withdraw, whole-batch and per-row review, the person cannot revoke.
 * This file also runs against PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, login, type TestAccount } from '../factories';
import { TEST_NOW, buildChain, call, expectStatus, approve, currentVersion, type Chain } from '../factories-declarations';
import { batchXlsx, trainingRow, uploadBatchFile, waitForJob } from '../factories-batches';
import { ALL_HEADERS, ERROR_HEADER } from '../../src/modules/declaration-batches/rules';

let ctx: TestContext;
let c: Chain;
let people: TestAccount[];
let stranger: TestAccount; // a professional of another unit

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  people = [];
  for (let i = 0; i < 50; i++) people.push(await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptA.id }));
  stranger = await buildProfessional(ctx, await buildOrg(ctx, { kind: 'unit' }));
}, 120_000);
afterAll(() => ctx.close());

const rowsOf = (batchId: number) => ctx.deps.db.select().from(schema.declarations).where(eq(schema.declarations.batchId, batchId));

async function readReport(cookie: string, url: string) {
  const res = await call(ctx, cookie, 'GET', url);
  expectStatus(res, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return out;
}

describe('template', () => {
  it('has the CONTRACT headers in order, an instructions sheet and drop-downs', async () => {
    const res = await call(ctx, c.cookies.unit, 'GET', '/api/admin/declaration-batches/template.xlsx');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填写说明', '选项', '批量申报']);
    const data = wb.getWorksheet('批量申报')!;
    expect((data.getRow(1).values as string[]).slice(1, 12)).toEqual(['身份证号', '姓名', '计入年度', '计入科目', '学习形式', '学习内容', '主办单位', '开始日期', '结束日期', '考核结果', '学时']);
    expect(data.getCell('E2').dataValidation).toMatchObject({ type: 'list' });
    expect(data.getColumn(8).numFmt).toBe('yyyy-mm-dd');
    expect(data.getCell('H2').dataValidation).toMatchObject({ type: 'date' });
    expect(data.getCell('K2').dataValidation).toMatchObject({ type: 'decimal' });
    // The forms' own columns follow, from the shared hour-standard rules, typed or with drop-downs.
    const heads = (data.getRow(1).values as string[]).slice(1);
    for (const h of ['天数', '级别', '是否宣读、报告论文', '排名', '专利类别', '考试类别']) expect(heads).toContain(h);
    const cell = (h: string, r = 2) => data.getCell(r, heads.indexOf(h) + 1);
    expect(cell('级别').dataValidation).toMatchObject({ type: 'list' });
    expect(cell('是否宣读、报告论文', 2000).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(cell('天数').dataValidation).toMatchObject({ type: 'whole', formulae: [1, 366] });
    const help = wb.getWorksheet('填写说明')!;
    const helpText = JSON.stringify(help.getSheetValues());
    expect(helpText).toContain('学习形式为“学术会议”、“服务基层活动”时填写');
    // A professional is no admin.
    expectStatus(await call(ctx, c.cookies.person, 'GET', '/api/admin/declaration-batches/template.xlsx'), 404);
  });
});

describe('import', () => {
  let batchId: number;

  it('a 50-row file imports, every record pending at the department with the batch marker', async () => {
    const res = await uploadBatchFile(ctx, c.cookies.unit, await batchXlsx(people.map((p) => trainingRow(p))));
    expectStatus(res, 202);
    const job = await waitForJob(ctx, c.cookies.unit, res.json().jobId);
    expect(job).toMatchObject({ state: 'succeeded', done: 50, total: 50, result: { imported: 50 } });
    expect(job.message).toContain('50');
    batchId = job.result.batchId;
    const rows = await rowsOf(batchId);
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.status === 'pending' && r.currentReviewerOrgId === c.dept.id && r.currentLevel === 1 && r.standardHours === null)).toBe(true);
    // The department sees them in its queue; the unit is skipped (it declared them).
    const queue = await call(ctx, c.cookies.dept, 'GET', '/api/admin/declarations?limit=100');
    expectStatus(queue, 200);
    const mine = queue.json().items.filter((i: { id: number }) => rows.some((r) => r.id === i.id));
    expect(mine).toHaveLength(50);
    // Marked as the unit's batch, with the batch's evidence reachable from the queue item.
    expect(mine[0].batch).toEqual({ id: batchId, marker: '单位批量申报', evidenceCount: 1 });
    const item = await call(ctx, c.cookies.dept, 'GET', `/api/admin/declarations/${mine[0].id}`);
    expectStatus(item, 200);
    expect(item.json().batchEvidence).toEqual([expect.objectContaining({ name: '签到表.png', contentType: 'image/png' })]);
    expectStatus(await call(ctx, c.cookies.dept, 'GET', `/api/admin/declaration-batches/${batchId}/evidence/${item.json().batchEvidence[0].id}`), 200);
    // The person sees the record marked as declared by the unit, without the batch's files.
    const own = await call(ctx, await login(ctx, people[0]!), 'GET', '/api/me/declarations');
    expect(own.json().items[0].batch).toMatchObject({ marker: '单位批量申报' });
    const detail = await call(ctx, c.cookies.dept, 'GET', `/api/admin/declaration-batches/${batchId}`);
    expectStatus(detail, 200);
    expect(detail.json()).toMatchObject({ marker: '单位批量申报', status: 'imported', rowCount: 50, counts: { pending: 50 } });
    expect(detail.json().evidence).toHaveLength(1);
    expectStatus(await call(ctx, c.cookies.dept, 'GET', `/api/admin/declaration-batches/${batchId}/evidence/${detail.json().evidence[0].id}`), 200);
  });

  it('the same file again is refused, naming the earlier batch', async () => {
    const res = await uploadBatchFile(ctx, c.cookies.unit, await batchXlsx(people.map((p) => trainingRow(p))));
    // ExcelJS writes a timestamp into the file: build the identical bytes once and send them twice.
    const file = await batchXlsx([trainingRow(people[0]!, '同一文件测试')]);
    const first = await uploadBatchFile(ctx, c.cookies.unit, file);
    expectStatus(first, 202);
    await waitForJob(ctx, c.cookies.unit, first.json().jobId);
    const again = await uploadBatchFile(ctx, c.cookies.unit, file);
    expectStatus(again, 409);
    expect(again.json().message).toMatch(/该文件已于批量申报（编号 \d+）上传过/);
    expect([202, 409]).toContain(res.statusCode);
  });

  it('one bad row: nothing imported, the error report names the row and the reason', async () => {
    const before = (await ctx.deps.db.select().from(schema.declarations)).length;
    const rows = people.slice(0, 5).map((p) => trainingRow(p, '错误报告测试'));
    rows[3] = trainingRow(stranger, '错误报告测试'); // a person of another unit
    const res = await uploadBatchFile(ctx, c.cookies.unit, await batchXlsx(rows));
    expectStatus(res, 202);
    const job = await waitForJob(ctx, c.cookies.unit, res.json().jobId);
    expect(job.state).toBe('failed');
    expect(job.result).toMatchObject({ imported: 0, errors: 1 });
    expect(job.message).toContain('第 5 行');
    expect((await ctx.deps.db.select().from(schema.declarations)).length).toBe(before);
    const report = await readReport(c.cookies.unit, job.result.errorReportUrl);
    expect(report[0]).toEqual([...ALL_HEADERS, ERROR_HEADER]);
    expect(report).toHaveLength(6);
    const bad = report[4]!;
    expect(bad[0]).toBe(stranger.idNumber);
    // Out of scope: said without revealing who the number belongs to.
    expect(bad[ALL_HEADERS.length]).toBe('该身份证号不是本单位（您管理范围内）已注册的专业技术人员');
    expect(bad.join('')).not.toContain(stranger.name.slice(0, 2) + 'x');
    expect(report[1]![ALL_HEADERS.length] ?? '').toBe('');
  });

  it('row checks: name mismatch, window, dates, duplicates in the file and against existing records', async () => {
    const p = people[0]!;
    const rows = [
      trainingRow(p, '校验测试A', { 姓名: '张冒名' }),
      trainingRow(people[1]!, '校验测试B', { 计入年度: 2027 }),
      trainingRow(people[2]!, '校验测试C', { 结束日期: '2026-02-30' }),
      trainingRow(people[3]!, '校验测试D'),
      trainingRow(people[3]!, '校验测试D'),
      trainingRow(people[4]!), // the 50-row batch already holds this record
      trainingRow(people[5]!, '校验测试E', { 学习形式: '不存在的形式' }),
    ];
    const res = await uploadBatchFile(ctx, c.cookies.unit, await batchXlsx(rows));
    const job = await waitForJob(ctx, c.cookies.unit, res.json().jobId);
    expect(job.state).toBe('failed');
    const reasons = (await readReport(c.cookies.unit, job.result.errorReportUrl)).slice(1).map((r) => r[ALL_HEADERS.length] ?? '');
    expect(reasons[0]).toBe('姓名与身份证号不一致');
    expect(reasons[1]).toContain('2027年度不在学时申报时间内');
    expect(reasons[2]).toBe('结束日期应为日期，格式 YYYY-MM-DD');
    expect(reasons[3]).toBe('');
    expect(reasons[4]).toContain('与第 5 行重复');
    expect(reasons[5]).toBe('该人员已有相同学习形式、学习内容和起止日期的学时记录');
    expect(reasons[6]).toContain('不在可批量申报的学习形式中');
  });

  it('a non-Excel file is refused at once', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('身份证号,姓名\n'))]), 'a.csv');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/admin/declaration-batches', headers: { cookie: c.cookies.unit }, payload: form });
    expectStatus(res, 415);
  });

  it('the person cannot revoke a batch record; the declarer withdraws single rows', async () => {
    const rows = await rowsOf(batchId);
    const mine = rows.find((r) => r.personId === people[0]!.personId)!;
    const cookie = await login(ctx, people[0]!);
    const revoke = await call(ctx, cookie, 'POST', `/api/me/declarations/${mine.id}/revoke`, { version: mine.version });
    expectStatus(revoke, 409);
    expect(revoke.json().message).toContain('批量申报，本人不能撤销');
    const w = await call(ctx, c.cookies.unit, 'POST', `/api/admin/declaration-batches/${batchId}/withdraw`, { declarationIds: [mine.id] });
    expectStatus(w, 200);
    expect(w.json().withdrawn).toBe(1);
    const [after] = await ctx.deps.db.select().from(schema.declarations).where(eq(schema.declarations.id, mine.id));
    expect(after!.status).toBe('deleted');
    // Only the declaring organisation withdraws: to the department above, the unit's batch is not its own.
    expectStatus(await call(ctx, c.cookies.dept, 'POST', `/api/admin/declaration-batches/${batchId}/withdraw`, {}), 404);
  });

  it('per-row review, then whole-batch approval by the department, then the bureau files them', async () => {
    const rows = (await rowsOf(batchId)).filter((r) => r.status === 'pending');
    const one = rows[0]!;
    expectStatus(await approve(ctx, c.cookies.dept, one.id), 200);
    const whole = await call(ctx, c.cookies.dept, 'POST', `/api/admin/declaration-batches/${batchId}/decision`, { decision: 'approve' });
    expectStatus(whole, 200);
    expect(whole.json()).toMatchObject({ succeeded: rows.length - 1, failed: 0 });
    // One transaction wrote the rows' audit rows and the batch's.
    const audits = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'declaration.batch.decide'));
    expect(audits.at(-1)).toMatchObject({ objectId: String(batchId), detail: { decision: 'approve', rows: rows.length - 1 } });
    const now = await rowsOf(batchId);
    expect(now.filter((r) => r.status === 'pending').every((r) => r.currentReviewerOrgId === c.bureau.id)).toBe(true);
    // The unit withdraws no more: the next level acted.
    const late = await call(ctx, c.cookies.unit, 'POST', `/api/admin/declaration-batches/${batchId}/withdraw`, {});
    expectStatus(late, 409);
    const rejected = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declarations/${one.id}/reject`, { version: await currentVersion(ctx, one.id), reason: '签到表缺少本人签名' });
    expectStatus(rejected, 200);
    const all = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-batches/${batchId}/decision`, { decision: 'approve' });
    expectStatus(all, 200);
    const final = await rowsOf(batchId);
    expect(final.filter((r) => r.status === 'approved')).toHaveLength(48);
    expect(final.filter((r) => r.status === 'rejected')).toHaveLength(1);
  }, 120_000);

  it('a department declares for people of units under it; its batch goes to the bureau', async () => {
    const other = await buildOrg(ctx, { kind: 'unit', parent: c.dept });
    const p = await buildProfessional(ctx, other);
    const res = await uploadBatchFile(ctx, c.cookies.dept, await batchXlsx([trainingRow(p, '主管部门组织的培训', { 学习形式: '行业主管部门组织的专业科目培训' })]));
    const job = await waitForJob(ctx, c.cookies.dept, res.json().jobId);
    expect(job.state).toBe('succeeded');
    const [row] = await rowsOf(job.result.batchId);
    expect(row).toMatchObject({ currentReviewerOrgId: c.bureau.id, status: 'pending' });
    const detail = await call(ctx, c.cookies.bureau, 'GET', `/api/admin/declaration-batches/${job.result.batchId}`);
    expect(detail.json().marker).toBe('主管部门批量申报');
    // The unit below it does not see the department's batch.
    expectStatus(await call(ctx, c.cookies.unit, 'GET', `/api/admin/declaration-batches/${job.result.batchId}`), 404);
  });

  it('a 工作部门-scoped admin declares only for people of their 工作部门', async () => {
    const scoped = await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['declaration.review'], workDepartmentIds: [c.workDeptB.id] });
    const cookie = await login(ctx, scoped);
    const res = await uploadBatchFile(ctx, cookie, await batchXlsx([trainingRow(people[10]!, '工作部门范围测试')]));
    const job = await waitForJob(ctx, cookie, res.json().jobId);
    expect(job.state).toBe('failed');
    expect(job.message).toContain('不是本单位（您管理范围内）已注册的专业技术人员');
  });
});
