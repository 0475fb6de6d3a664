/**
 * Anomaly checks on reported hours (issue 11 item 3): each rule holds a record on its own, with the
 * flag the bureau sees next to it; the thresholds are the province's settings. Also runs on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildProfessional, login, type TestAccount } from '../factories';
import { TEST_NOW, buildChain, buildDeclaration, call, expectStatus, type Chain } from '../factories-declarations';
import { buildPlatform, completion, type TestPlatform } from '../factories-platforms';
import { findProvinceBureau } from '../../src/modules/declarations/repo';

let ctx: TestContext;
let c: Chain;
let p1: TestPlatform;
let p2: TestPlatform;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  p1 = await buildPlatform(ctx, c.bureau, { bureauCookie: c.cookies.bureau, name: '甲平台' });
  p2 = await buildPlatform(ctx, c.bureau, { bureauCookie: c.cookies.bureau, name: '乙平台' });
});
afterAll(() => ctx.close());

const person = (): Promise<TestAccount> => buildProfessional(ctx, c.unit);

/** The flags the bureau sees next to the held record. */
async function heldFlags(recordId: string): Promise<string[]> {
  const res = await call(ctx, c.cookies.bureau, 'GET', '/api/admin/platform-records?status=held&limit=100');
  expectStatus(res, 200);
  const item = res.json().items.find((r: { recordId: string }) => r.recordId === recordId);
  expect(item, recordId).toBeDefined();
  return item.flags.map((f: { code: string; label: string; message: string }) => {
    expect(f.label).toBeTruthy();
    expect(item.reason).toContain(f.message);
    return f.code;
  });
}

describe('each anomaly holds a record', () => {
  it('DAY_HOURS: more than 12 hours on one China day across sources', async () => {
    const x = await person();
    const a = completion(x, { day: '2026-06-01', from: '06:00', to: '13:00', hours: 7 });
    const b = completion(x, { day: '2026-06-01', from: '14:00', to: '20:00', hours: 6 });
    const { results } = await p1.client.postCompletions([a, b]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'held']);
    expect(await heldFlags(b.recordId)).toEqual(['DAY_HOURS']);
    // 12 exactly is fine: the same on a day with 5 hours.
    const d = completion(x, { day: '2026-06-02', from: '06:00', to: '13:00', hours: 7 });
    const e = completion(x, { day: '2026-06-02', from: '14:00', to: '20:00', hours: 5 });
    expect((await p1.client.postCompletions([d, e])).results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });

  it('OVERLAP: study sessions on two platforms at the same time', async () => {
    const x = await person();
    await p1.client.postCompletions([completion(x, { day: '2026-06-03', from: '08:00', to: '10:00', hours: 2 })]);
    const b = completion(x, { day: '2026-06-03', from: '09:30', to: '11:00', hours: 1 });
    expect((await p2.client.postCompletions([b])).results[0]!.status).toBe('held');
    expect(await heldFlags(b.recordId)).toEqual(['OVERLAP']);
  });

  it('COURSE_LENGTH: more hours than the platform established for the course', async () => {
    const people = [await person(), await person(), await person(), await person()];
    const course = { courseId: 'LEN-1', courseTitle: '数字经济概论' };
    const three = people.slice(0, 3).map((x) => completion(x, { ...course, day: '2026-06-04', hours: 2 }));
    expect((await p1.client.postCompletions(three)).results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const inflated = completion(people[3]!, { ...course, day: '2026-06-04', from: '08:00', to: '11:00', hours: 3 });
    expect((await p1.client.postCompletions([inflated])).results[0]!.status).toBe('held');
    expect(await heldFlags(inflated.recordId)).toEqual(['COURSE_LENGTH']);
  });

  it('DUPLICATE: two sources report the same course completion', async () => {
    const x = await person();
    await p1.client.postCompletions([completion(x, { day: '2026-06-05', courseTitle: '专业技术人员职业道德' })]);
    const again = completion(x, { day: '2026-06-08', courseTitle: '专业技术人员 职业道德' });
    expect((await p2.client.postCompletions([again])).results[0]!.status).toBe('held');
    expect(await heldFlags(again.recordId)).toEqual(['DUPLICATE']);
  });

  it('DUPLICATE: a platform reports what the person already declared', async () => {
    const x = await person();
    const declared = await buildDeclaration(ctx, x, { outcome: 'approved', title: '教育信息化研讨会' });
    expect(declared).toBeTruthy();
    const rec = completion(x, { day: '2026-06-09', courseTitle: '教育信息化研讨会' });
    expect((await p1.client.postCompletions([rec])).results[0]!.status).toBe('held');
    expect(await heldFlags(rec.recordId)).toEqual(['DUPLICATE']);
  });

  it('TOO_FAST: completions faster than humanly possible', async () => {
    const x = await person();
    const fast = completion(x, { day: '2026-06-06', from: '08:00', to: '09:00', hours: 3 });
    expect((await p1.client.postCompletions([fast])).results[0]!.status).toBe('held');
    expect(await heldFlags(fast.recordId)).toEqual(['TOO_FAST']);
    // Two 1-hour courses finishing 20 minutes apart (each session itself long enough).
    const y = await person();
    const first = completion(y, { day: '2026-06-07', from: '07:00', to: '09:00', hours: 1 });
    const second = completion(y, { day: '2026-06-07', from: '07:10', to: '09:20', hours: 1 });
    expect((await p1.client.postCompletions([first, second])).results.map((r) => r.status)).toEqual(['accepted', 'held']);
    expect(await heldFlags(second.recordId)).toEqual(['TOO_FAST']);
  });

  it('follows the province’s thresholds', async () => {
    const province = await findProvinceBureau(ctx.deps.db);
    const provinceCookie = await login(ctx, await buildAdmin(ctx, province));
    const byCity = await call(ctx, c.cookies.bureau, 'PUT', '/api/admin/anomaly-settings', { maxHoursPerDay: 8, minMinutesPerHour: 45, courseLengthMinSamples: 3 });
    expect(byCity.statusCode).toBe(404); // as for every province-wide setting (declaration.settings)
    const set = await call(ctx, provinceCookie, 'PUT', '/api/admin/anomaly-settings', { maxHoursPerDay: 8, minMinutesPerHour: 45, courseLengthMinSamples: 3 });
    expectStatus(set, 200);
    expect((await call(ctx, c.cookies.bureau, 'GET', '/api/admin/anomaly-settings')).json()).toMatchObject({ maxHoursPerDay: 8 });
    const x = await person();
    const a = completion(x, { day: '2026-06-11', from: '06:00', to: '11:00', hours: 5 });
    const b = completion(x, { day: '2026-06-11', from: '13:00', to: '17:00', hours: 4 });
    expect((await p1.client.postCompletions([a, b])).results.map((r) => r.status)).toEqual(['accepted', 'held']);
    expect(await heldFlags(b.recordId)).toEqual(['DAY_HOURS']);
    await call(ctx, provinceCookie, 'PUT', '/api/admin/anomaly-settings', { maxHoursPerDay: 12, minMinutesPerHour: 45, courseLengthMinSamples: 3 });
  });
});
