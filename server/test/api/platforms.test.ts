/**
 * Online learning platforms report hours by API (R-30, CONTRACT "Online learning platforms", issue 11
 * item 2): signature authentication, idempotent batches of 1,000, held records and their release,
 * revocation. Also runs against PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { schema } from '../../src/db';
import { populationIds } from '../../src/modules/declarations/sampling-repo';
import { purgeExpiredNonces } from '../../src/modules/platforms/auth';
import { PlatformApiError, signRequest } from '../../src/platform-client/client';
import { buildTestApp, type TestContext } from '../helper';
import { buildProfessional, login, uniqueIdNumber, type TestAccount } from '../factories';
import { TEST_NOW, buildChain, call, expectStatus, type Chain } from '../factories-declarations';
import { buildPlatform, clientOf, completion, injectTransport, type TestPlatform } from '../factories-platforms';

let ctx: TestContext;
let c: Chain;
let p: TestPlatform;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  p = await buildPlatform(ctx, c.bureau, { bureauCookie: c.cookies.bureau });
});
afterAll(() => ctx.close());

const countWhere = async (table: typeof schema.declarations | typeof schema.platformRecords, where: ReturnType<typeof eq>) =>
  Number((await ctx.deps.db.select({ n: count() }).from(table).where(where))[0]!.n);
const apiError = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PlatformApiError) return { status: err.status, code: err.code };
    throw err;
  }
  throw new Error('the call succeeded');
};

describe('registration, approval and credentials', () => {
  it('shows the secret once: in the approval answer, never in the lists', async () => {
    const list = await call(ctx, p.baseCookie, 'GET', '/api/admin/learning-platforms');
    expectStatus(list, 200);
    const mine = list.json().items.find((x: { id: number }) => x.id === p.id);
    expect(mine).toMatchObject({ status: 'approved', credentialState: 'active', clientId: p.platformId, canManageCredentials: true });
    expect(list.body).not.toContain(p.secret);
    const stored = (await ctx.deps.db.select().from(schema.learningPlatforms).where(eq(schema.learningPlatforms.id, p.id)))[0]!;
    expect(stored.secretSealed).toBeTruthy();
    expect(stored.secretSealed).not.toContain(p.secret);
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'platform.approve'), eq(schema.auditLog.objectId, String(p.id))));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain(p.secret);
  });

  it('only the bureau above the base approves; a second decision is refused', async () => {
    const reg = await call(ctx, p.baseCookie, 'POST', '/api/admin/learning-platforms', { name: '第二平台', url: 'https://two.example.cn', contactName: '李', contactPhone: '0371-1234567' });
    expectStatus(reg, 201);
    const byBase = await call(ctx, p.baseCookie, 'POST', `/api/admin/learning-platforms/${reg.json().id}/decision`, { decision: 'approve', version: 0 });
    expect(byBase.statusCode).toBe(403);
    const rejected = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/learning-platforms/${reg.json().id}/decision`, { decision: 'reject', reason: '网址无法访问', version: 0 });
    expectStatus(rejected, 200);
    expect(rejected.json()).toMatchObject({ credentials: null, platform: { status: 'rejected', rejectReason: '网址无法访问' } });
    const again = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/learning-platforms/${reg.json().id}/decision`, { decision: 'approve', version: 0 });
    expect(again.statusCode).toBe(409);
  });
});

describe('signature authentication', () => {
  const post = (signed: ReturnType<typeof signRequest>, body?: Buffer) => injectTransport(ctx)({ ...signed, body: body ?? signed.body });
  const sign = (over: Partial<Parameters<typeof signRequest>[0]> = {}) =>
    signRequest({
      platformId: p.platformId,
      secret: p.secret,
      method: 'POST',
      path: '/api/platform/v1/completions',
      body: JSON.stringify({ records: [completion(c.person, { day: '2026-06-01' })] }),
      timestamp: Math.floor(ctx.clock.now.getTime() / 1000),
      ...over,
    });
  const codeOf = (res: { status: number; body: string }) => ({ status: res.status, code: JSON.parse(res.body).code as string });

  it('accepts a correctly signed request', async () => {
    const res = await post(sign());
    expect(res.status, res.body).toBe(200);
  });
  it('refuses a wrong signature (another secret) with SIGNATURE_INVALID', async () => {
    expect(codeOf(await post(sign({ secret: 'not-the-secret-of-this-platform' })))).toEqual({ status: 401, code: 'SIGNATURE_INVALID' });
  });
  it('hashes the exact bytes: the same JSON with one space more is a different body', async () => {
    const signed = sign();
    const reformatted = Buffer.from(signed.body.toString('utf8').replace('{"records"', '{ "records"'));
    expect(codeOf(await post(signed, reformatted))).toEqual({ status: 401, code: 'SIGNATURE_INVALID' });
  });
  it('refuses a timestamp more than 300 s old with TIMESTAMP_EXPIRED, and accepts 300 s', async () => {
    const now = Math.floor(ctx.clock.now.getTime() / 1000);
    expect(codeOf(await post(sign({ timestamp: now - 301 })))).toEqual({ status: 401, code: 'TIMESTAMP_EXPIRED' });
    expect(codeOf(await post(sign({ timestamp: now + 301 })))).toEqual({ status: 401, code: 'TIMESTAMP_EXPIRED' });
    expect((await post(sign({ timestamp: now - 300 }))).status).toBe(200);
  });
  it('refuses a replayed nonce with NONCE_REUSED, also after the first answer', async () => {
    const signed = sign();
    expect((await post(signed)).status).toBe(200);
    expect(codeOf(await post(signed))).toEqual({ status: 401, code: 'NONCE_REUSED' });
    // Another nonce with the same body is a new request (and the record id answers as before).
    expect((await post(sign({ nonce: 'another-nonce-0123456789', body: signed.body }))).status).toBe(200);
  });
  it('names missing headers, unknown platforms and malformed nonces by their codes', async () => {
    const signed = sign();
    const { ['X-Signature']: _omit, ...noSignature } = signed.headers;
    expect(codeOf(await post({ ...signed, headers: noSignature }))).toEqual({ status: 401, code: 'SIGNATURE_HEADERS_MISSING' });
    expect(codeOf(await post(sign({ platformId: 'plt_0000000000000000' })))).toEqual({ status: 401, code: 'PLATFORM_UNKNOWN' });
    expect(codeOf(await post(sign({ nonce: 'short' })))).toEqual({ status: 401, code: 'NONCE_INVALID' });
  });
  it('signs the path with its query string', async () => {
    const record = completion(c.person, { day: '2026-06-02' });
    await p.client.postCompletions([record]);
    const path = `/api/platform/v1/completions/${record.recordId}?trace=1`;
    const good = signRequest({ platformId: p.platformId, secret: p.secret, method: 'GET', path, timestamp: Math.floor(ctx.clock.now.getTime() / 1000) });
    expect((await post(good)).status).toBe(200);
    const withoutQuery = signRequest({ platformId: p.platformId, secret: p.secret, method: 'GET', path: path.split('?')[0]!, timestamp: Math.floor(ctx.clock.now.getTime() / 1000) });
    expect(codeOf(await post({ ...withoutQuery, path }))).toEqual({ status: 401, code: 'SIGNATURE_INVALID' });
  });
  it('purges expired nonces on schedule, nothing younger', async () => {
    const n = schema.platformNonces;
    const before = Number((await ctx.deps.db.select({ n: count() }).from(n))[0]!.n);
    expect(before).toBeGreaterThan(0);
    expect(await purgeExpiredNonces(ctx.deps.db, ctx.clock.now)).toBe(0);
    expect(await purgeExpiredNonces(ctx.deps.db, new Date(ctx.clock.now.getTime() + 601_000))).toBe(before);
  });
});

describe('a batch of 1,000 records', () => {
  it('registers every record in one call, and the same call again creates nothing new', async () => {
    const people: TestAccount[] = [];
    for (let i = 0; i < 100; i++) people.push(await buildProfessional(ctx, c.unit));
    // 100 people × 10 days, one 1.5-hour course a day: no anomaly.
    const records = people.flatMap((person) =>
      Array.from({ length: 10 }, (_, d) => completion(person, { day: `2026-05-${String(d + 10).padStart(2, '0')}`, from: '19:00', to: '20:30', hours: 1.5, courseId: 'BULK-1', courseTitle: `公需课第${d + 1}讲` })),
    );
    const first = await p.client.postCompletions(records);
    expect(first.results).toHaveLength(1000);
    expect(first.results.map((r) => r.recordId)).toEqual(records.map((r) => r.recordId));
    expect(first.results.every((r) => r.status === 'accepted' && r.reason === null)).toBe(true);
    const declared = await countWhere(schema.declarations, eq(schema.declarations.platformId, p.id));
    const audits = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'platform.completions.post'));

    const second = await p.client.postCompletions(records);
    expect(second).toEqual(first);
    expect(await countWhere(schema.declarations, eq(schema.declarations.platformId, p.id))).toBe(declared);
    expect(await countWhere(schema.platformRecords, eq(schema.platformRecords.platformId, p.id))).toBeLessThan(declared + 50);
    const after = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'platform.completions.post'));
    expect(after).toHaveLength(audits.length + 1);
    expect(after[after.length - 1]!.detail).toMatchObject({ received: 1000, new: 0, repeated: 1000, accepted: 0 });

    // Counted at once, with the platform's mark, in the person's list and 年度完成情况 详细 …
    const person = people[0]!;
    const cookie = await login(ctx, person);
    const own = await call(ctx, cookie, 'GET', '/api/me/declarations?year=2026');
    expect(own.json().items).toHaveLength(10);
    expect(own.json().items[0]).toMatchObject({ status: 'approved', sourcePlatformName: expect.stringContaining('在线学习平台') });
    const detail = await call(ctx, cookie, 'GET', '/api/me/completion/2026');
    expectStatus(detail, 200);
    expect(detail.json().records[0]).toMatchObject({ counted: true, sourcePlatformName: expect.stringContaining('在线学习平台') });
    const completionYears = await call(ctx, cookie, 'GET', '/api/me/completion');
    expect(completionYears.json().years.find((y: { year: number }) => y.year === 2026).publicHours).toBe(15);
    // … and in the bureau's sampling population like any approved record.
    const ids = await ctx.deps.db.select({ id: schema.declarations.id }).from(schema.declarations).where(and(eq(schema.declarations.personId, person.personId), isNotNull(schema.declarations.platformId)));
    const population = await populationIds(ctx.deps.db, c.bureau.path, 2026, ctx.clock.now);
    for (const { id } of ids) expect(population).toContain(id);
  }, 120_000);

  it('refuses more than 1,000 records in one call', async () => {
    const records = Array.from({ length: 1001 }, () => completion(c.person));
    const err = await apiError(p.client.postCompletions(records));
    expect(err.status).toBe(400);
  });
});

describe('held records', () => {
  it('holds a professional course of another series with the reason; the person and the bureau see it; release counts it', async () => {
    const record = completion(c.person, { day: '2026-04-01', subject: 'professional', series: '卫生技术', courseTitle: '临床护理进展' });
    const { results } = await p.client.postCompletions([record]);
    expect(results[0]).toEqual({ recordId: record.recordId, status: 'held', reason: expect.stringContaining('课程专业与职称系列不一致') });
    expect(results[0]!.reason).toContain('中小学教师');
    expect(await countWhere(schema.declarations, and(eq(schema.declarations.personId, c.person.personId), eq(schema.declarations.title, '临床护理进展'))!)).toBe(0);

    const mine = await call(ctx, c.cookies.person, 'GET', '/api/me/platform-records');
    expect(mine.json().items.find((r: { recordId: string }) => r.recordId === record.recordId)).toMatchObject({ status: 'held', reason: expect.stringContaining('课程专业与职称系列不一致') });
    const held = await call(ctx, c.cookies.bureau, 'GET', '/api/admin/platform-records?status=held&limit=100');
    expectStatus(held, 200);
    const item = held.json().items.find((r: { recordId: string }) => r.recordId === record.recordId);
    expect(item).toMatchObject({ status: 'held', unitName: c.unit.name, idNumberMasked: expect.stringContaining('****') });

    const released = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/platform-records/${item.id}/decision`, { decision: 'release', version: item.version });
    expectStatus(released, 200);
    expect(released.json()).toMatchObject({ status: 'accepted' });
    expect(await countWhere(schema.declarations, and(eq(schema.declarations.personId, c.person.personId), eq(schema.declarations.title, '临床护理进展'))!)).toBe(1);
    expect(await p.client.getCompletion(record.recordId)).toEqual({ recordId: record.recordId, status: 'accepted', reason: null });
    const twice = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/platform-records/${item.id}/decision`, { decision: 'refuse', reason: 'x', version: item.version });
    expect(twice.statusCode).toBe(409);
  });

  it('holds an unknown ID number and a name that does not match; refusing one tells the platform', async () => {
    const stranger = { idNumber: uniqueIdNumber(), name: '无此人' };
    const wrongName = completion({ idNumber: c.person.idNumber, name: '张冒名' }, { day: '2026-04-02' });
    const unknown = completion(stranger, { day: '2026-04-02' });
    const { results } = await p.client.postCompletions([unknown, wrongName]);
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['held', expect.stringContaining('查无此人或已注销归档')],
      ['held', '姓名与身份证号不一致'],
    ]);
    const held = (await call(ctx, c.cookies.bureau, 'GET', '/api/admin/platform-records?limit=100')).json().items;
    const u = held.find((r: { recordId: string }) => r.recordId === unknown.recordId);
    const releaseUnknown = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/platform-records/${u.id}/decision`, { decision: 'release', version: u.version });
    expect(releaseUnknown.statusCode).toBe(409);
    const refused = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/platform-records/${u.id}/decision`, { decision: 'refuse', reason: '经核实无此人', version: u.version });
    expectStatus(refused, 200);
    expect(await p.client.getCompletion(unknown.recordId)).toEqual({ recordId: unknown.recordId, status: 'refused', reason: '经核实无此人' });
  });

  it('refuses a record whose own data is wrong', async () => {
    const { results } = await p.client.postCompletions([
      completion(c.person, { idNumber: '410105199001011230' }),
      completion(c.person, { day: '2026-04-03', from: '10:00', to: '09:00' }),
    ]);
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['refused', '身份证号码不正确'],
      ['refused', '结束时间早于开始时间'],
    ]);
  });
});

describe('revocation and rotation', () => {
  it('revoked credentials stop working at once; rotation issues new ones and retires the old id', async () => {
    const q = await buildPlatform(ctx, c.bureau, { bureauCookie: c.cookies.bureau });
    await q.client.postCompletions([completion(c.person, { day: '2026-03-01' })]);
    const before = (await call(ctx, q.baseCookie, 'GET', '/api/admin/learning-platforms')).json().items.find((x: { id: number }) => x.id === q.id);
    const revoked = await call(ctx, q.baseCookie, 'POST', `/api/admin/learning-platforms/${q.id}/revoke`, { version: before.version });
    expectStatus(revoked, 200);
    expect(revoked.json()).toMatchObject({ credentialState: 'revoked', clientId: null });
    expect(await apiError(q.client.postCompletions([completion(c.person, { day: '2026-03-02' })]))).toEqual({ status: 401, code: 'CREDENTIALS_REVOKED' });
    expect(await apiError(q.client.getCompletion('anything'))).toEqual({ status: 401, code: 'CREDENTIALS_REVOKED' });

    const rotated = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/learning-platforms/${q.id}/rotate`, { version: revoked.json().version });
    expectStatus(rotated, 200);
    const creds = rotated.json().credentials;
    expect(creds.platformId).not.toBe(q.platformId);
    expect(await apiError(q.client.postCompletions([completion(c.person, { day: '2026-03-03' })]))).toEqual({ status: 401, code: 'PLATFORM_UNKNOWN' });
    const fresh = clientOf(ctx, creds.platformId, creds.secret);
    expect((await fresh.postCompletions([completion(c.person, { day: '2026-03-04' })])).results[0]!.status).toBe('accepted');
    const rotations = await ctx.deps.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'platform.credentials.rotate'), eq(schema.auditLog.objectId, String(q.id))));
    expect(rotations).toHaveLength(1);
  });

  it('a base admin of another base and a unit admin cannot touch the platform', async () => {
    const other = await buildPlatform(ctx, c.bureau, { bureauCookie: c.cookies.bureau });
    const list = (await call(ctx, other.baseCookie, 'GET', '/api/admin/learning-platforms')).json().items;
    expect(list.map((x: { id: number }) => x.id)).toEqual([other.id]);
    const res = await call(ctx, other.baseCookie, 'POST', `/api/admin/learning-platforms/${p.id}/revoke`, { version: 0 });
    expect(res.statusCode).toBe(404);
    const unit = await call(ctx, c.cookies.unit, 'POST', `/api/admin/learning-platforms/${p.id}/rotate`, { version: 0 });
    expect(unit.statusCode).toBe(404);
  });
});
