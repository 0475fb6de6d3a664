/**
 * Anomaly checks on batch-declared hours (issue 11 item 3): a batch's rows are imported all the same,
 * each with the flags it raises against the person's counted hours (platform records, declarations)
 * and the batch's earlier rows; reviewers read them in the queue and on the batch's page.
 * Also runs on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildProfessional, type TestAccount } from '../factories';
import { TEST_NOW, buildChain, buildDeclaration, call, expectStatus, type Chain } from '../factories-declarations';
import { batchXlsx, trainingRow, uploadBatchFile, waitForJob } from '../factories-batches';
import { buildPlatform, completion } from '../factories-platforms';

let ctx: TestContext;
let c: Chain;
const who: Record<'dayHours' | 'platformDup' | 'declarationDup' | 'clean' | 'twoRows', TestAccount> = {} as never;
let batchId: number;

const day = (d: string) => new Date(`${d}T00:00:00Z`);

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  for (const k of ['dayHours', 'platformDup', 'declarationDup', 'clean', 'twoRows'] as const) {
    who[k] = await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptA.id });
  }
  // Counted before the batch: 7 hours on a platform on 2026-06-01, a platform course, an approved declaration.
  const platform = await buildPlatform(ctx, c.bureau, { bureauCookie: c.cookies.bureau, name: '甲平台' });
  const { results } = await platform.client.postCompletions([
    completion(who.dayHours, { day: '2026-06-01', from: '06:00', to: '13:00', hours: 7 }),
    completion(who.platformDup, { day: '2026-06-02', courseTitle: '职业道德与素养', hours: 2 }),
  ]);
  expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  await buildDeclaration(ctx, who.declarationDup, { title: '档案管理实务' });

  const res = await uploadBatchFile(
    ctx,
    c.cookies.unit,
    await batchXlsx([
      trainingRow(who.dayHours, '安全生产培训', { 开始日期: day('2026-06-01'), 结束日期: '2026-06-01', 学时: 6 }),
      trainingRow(who.platformDup, '职业道德 与 素养'),
      trainingRow(who.declarationDup, '档案管理实务'),
      trainingRow(who.clean, '新技术专题培训'),
      trainingRow(who.twoRows, '上午专题', { 开始日期: day('2026-05-20'), 结束日期: '2026-05-20', 学时: 8 }),
      trainingRow(who.twoRows, '下午专题', { 开始日期: day('2026-05-20'), 结束日期: '2026-05-20', 学时: 6 }),
    ]),
  );
  expectStatus(res, 202);
  const job = await waitForJob(ctx, c.cookies.unit, res.json().jobId);
  // Flagged rows are imported too: every batch row waits for review anyway.
  expect(job).toMatchObject({ state: 'succeeded', result: { imported: 6 } });
  batchId = job.result.batchId;
}, 120_000);
afterAll(() => ctx.close());

interface Flag {
  code: string;
  label: string;
  message: string;
}

async function storedFlags() {
  const rows = await ctx.deps.db.select().from(schema.declarations).where(eq(schema.declarations.batchId, batchId)).orderBy(schema.declarations.id);
  return rows.map((r) => ({ personId: r.personId, title: r.title, codes: r.anomalyFlags?.map((f) => f.code) ?? null, flags: r.anomalyFlags }));
}

describe('anomaly flags of a batch', () => {
  it('each row carries the flags it raises, a clean row none', async () => {
    const rows = await storedFlags();
    expect(rows.map((r) => [r.personId, r.codes])).toEqual([
      [who.dayHours.personId, ['DAY_HOURS']],
      [who.platformDup.personId, ['DUPLICATE']],
      [who.declarationDup.personId, ['DUPLICATE']],
      [who.clean.personId, null],
      // The earlier row of the same batch counts: 8 hours, then 6 more on the same day.
      [who.twoRows.personId, null],
      [who.twoRows.personId, ['DAY_HOURS']],
    ]);
    expect(rows[0]!.flags![0]!.message).toBe('2026-06-01当天各渠道合计13学时，超过每日上限12学时');
    expect(rows[1]!.flags![0]!.message).toContain('已由其他学习平台登记');
    expect(rows[2]!.flags![0]!.message).toBe('同一课程“档案管理实务”已由学时申报登记');
    expect(rows[5]!.flags![0]!.message).toBe('2026-05-20当天各渠道合计14学时，超过每日上限12学时');
  });

  it('the reviewers see the flags, labelled, in the review queue and on the batch page', async () => {
    const queue = await call(ctx, c.cookies.dept, 'GET', '/api/admin/declarations?limit=100');
    expectStatus(queue, 200);
    const items: { person: { personId: number }; title: string; anomalyFlags: Flag[] }[] = queue.json().items;
    const item = (p: TestAccount, title: string) => items.find((i) => i.person.personId === p.personId && i.title === title)!;
    expect(item(who.dayHours, '安全生产培训').anomalyFlags).toEqual([
      { code: 'DAY_HOURS', label: '单日学时超限', message: '2026-06-01当天各渠道合计13学时，超过每日上限12学时' },
    ]);
    expect(item(who.declarationDup, '档案管理实务').anomalyFlags).toEqual([
      { code: 'DUPLICATE', label: '重复报送', message: '同一课程“档案管理实务”已由学时申报登记' },
    ]);
    expect(item(who.clean, '新技术专题培训').anomalyFlags).toEqual([]);

    const detail = await call(ctx, c.cookies.dept, 'GET', `/api/admin/declaration-batches/${batchId}`);
    expectStatus(detail, 200);
    const rows: { title: string; anomalyFlags: Flag[] }[] = detail.json().rows;
    expect(rows.map((r) => r.anomalyFlags.map((f) => f.label))).toEqual([['单日学时超限'], ['重复报送'], ['重复报送'], [], [], ['单日学时超限']]);
  });

  it('the province limit is the setting: a later batch under a 15-hour limit raises no DAY_HOURS', async () => {
    // Written directly (PUT /api/admin/anomaly-settings is the platform suite's).
    await ctx.deps.db
      .insert(schema.anomalySettings)
      .values({ id: 'province', maxHoursPerDay: 15, minMinutesPerHour: 45, courseLengthMinSamples: 3, updatedByAccountId: c.bureauAdmin.accountId, updatedAt: ctx.clock.now });
    const p = await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptA.id });
    const res = await uploadBatchFile(
      ctx,
      c.cookies.unit,
      await batchXlsx([
        trainingRow(p, '甲专题', { 开始日期: day('2026-05-21'), 结束日期: '2026-05-21', 学时: 8 }),
        trainingRow(p, '乙专题', { 开始日期: day('2026-05-21'), 结束日期: '2026-05-21', 学时: 6 }),
      ]),
    );
    const job = await waitForJob(ctx, c.cookies.unit, res.json().jobId);
    expect(job.state).toBe('succeeded');
    const rows = await ctx.deps.db.select().from(schema.declarations).where(eq(schema.declarations.batchId, job.result.batchId));
    expect(rows.map((r) => r.anomalyFlags)).toEqual([null, null]);
  });
});
