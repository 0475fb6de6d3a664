/**
 * Sampling audit (抽查审验, R-17): a reproducible draw from its seed, re-checking, and revocation
 * that stops the hours from counting and shows the person why.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db';
import { approvedHoursByYear } from '../../src/modules/declarations/repo';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildProfessional, bureauOf, login, type TestAccount } from '../factories';
import { TEST_NOW, YEAR, buildChain, buildDeclaration, call, expectStatus, type Chain } from '../factories-declarations';

let ctx: TestContext;
let c: Chain;
let people: TestAccount[];
const approvedIds: number[] = [];

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  people = [c.person, await buildProfessional(ctx, c.unit), await buildProfessional(ctx, c.unit)];
  // 12 approved records of the year in the Zhengzhou region, plus records that must never be drawn.
  for (let i = 0; i < 12; i++) {
    const d = await buildDeclaration(ctx, people[i % 3]!, { outcome: 'approved', claimedHours: 10 + i, attachments: 1 });
    approvedIds.push(d.id);
  }
  await buildDeclaration(ctx, c.person, { outcome: 'pending', level: 1 });
  await buildDeclaration(ctx, c.person, { outcome: 'rejected', level: 0 });
  await buildDeclaration(ctx, c.person, { outcome: 'approved', year: YEAR - 1 });
  const elsewhere = await buildChain(ctx, { bureauRegion: '411600' });
  await buildDeclaration(ctx, elsewhere.person, { outcome: 'approved' });
});
afterAll(() => ctx.close());

type Sample = { id: number; sampleSize: number; populationSize: number; seed: string; items: { outcome: string; declaration: { id: number } }[] };
const draw = async (cookie: string, body: Record<string, unknown>) => {
  const res = await call(ctx, cookie, 'POST', '/api/admin/declaration-samples', { year: YEAR, ...body });
  expectStatus(res, 201);
  return res.json() as Sample;
};
const drawnIds = (s: Sample) => s.items.map((i) => i.declaration.id);

describe('drawing a sample', () => {
  it('takes the asked number from the approved records of the year in the region, reproducibly from its seed', async () => {
    const first = await draw(c.cookies.bureau, { count: 4, seed: '2026年郑州市第一次抽查' });
    expect(first).toMatchObject({ populationSize: 12, sampleSize: 4, seed: '2026年郑州市第一次抽查' });
    expect(drawnIds(first).every((id) => approvedIds.includes(id))).toBe(true);
    expect(new Set(drawnIds(first)).size).toBe(4);

    const again = await draw(c.cookies.bureau, { count: 4, seed: '2026年郑州市第一次抽查' });
    expect(drawnIds(again)).toEqual(drawnIds(first));
    const others = await Promise.all(['种子A', '种子B', '种子C'].map(async (seed) => drawnIds(await draw(c.cookies.bureau, { count: 4, seed }))));
    expect(others.some((ids) => ids.join() !== drawnIds(first).join())).toBe(true);

    const verify = await call(ctx, c.cookies.bureau, 'GET', `/api/admin/declaration-samples/${first.id}/verify`);
    expectStatus(verify, 200);
    expect(verify.json()).toMatchObject({ matches: true, populationSize: 12, recorded: drawnIds(first), redrawn: drawnIds(first) });
  });

  it('by rate, with a generated seed that is recorded', async () => {
    const s = await draw(c.cookies.bureau, { rate: 0.25 });
    expect(s.sampleSize).toBe(3);
    expect(s.seed).toMatch(/^[0-9a-f]{24}$/);
    const list = await call(ctx, c.cookies.bureau, 'GET', '/api/admin/declaration-samples');
    expect(list.json().items[0]).toMatchObject({ id: s.id, seed: s.seed, pending: 3, confirmed: 0, revoked: 0, bureauName: c.bureau.name });
  });

  it('the province may sample a city’s region; a year without approved records cannot be sampled', async () => {
    const province = await login(ctx, await buildAdmin(ctx, await bureauOf(ctx, '410000')));
    const s = await draw(province, { bureauId: c.bureau.id, count: 2 });
    expect(s.populationSize).toBe(12);
    const empty = await call(ctx, c.cookies.bureau, 'POST', '/api/admin/declaration-samples', { year: YEAR - 3, count: 2 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe(`${c.bureau.name}辖区${YEAR - 3}年度没有审核通过的学时申报，无需抽查`);
  });

  it('is for HRSS bureaus with the permission only', async () => {
    expect((await call(ctx, c.cookies.unit, 'POST', '/api/admin/declaration-samples', { year: YEAR, count: 1 })).statusCode).toBe(403);
    const clerk = await buildAdmin(ctx, c.bureau, { superAdmin: false, permissions: ['declaration.review'] });
    expect((await call(ctx, await login(ctx, clerk), 'POST', '/api/admin/declaration-samples', { year: YEAR, count: 1 })).statusCode).toBe(403);
    const zk = await buildChain(ctx, { bureauRegion: '411600' });
    expect((await call(ctx, zk.cookies.bureau, 'POST', '/api/admin/declaration-samples', { year: YEAR, count: 1, bureauId: c.bureau.id })).statusCode).toBe(404);
    expect((await call(ctx, c.cookies.bureau, 'POST', '/api/admin/declaration-samples', { year: YEAR })).statusCode).toBe(400);
  });
});

describe('re-checking the sample', () => {
  it('confirms one, revokes another: the revoked one stops counting and its person sees why', async () => {
    const s = await draw(c.cookies.bureau, { count: 2, seed: 'recheck' });
    const [keep, drop] = drawnIds(s) as [number, number];

    const confirmed = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-samples/${s.id}/items/${keep}/confirm`);
    expectStatus(confirmed, 200);
    expect(confirmed.json().items.find((i: { declaration: { id: number } }) => i.declaration.id === keep)).toMatchObject({ outcome: 'confirmed', outcomeLabel: '已复核' });

    const [dropRow] = await ctx.deps.db.select().from(schema.declarations).where(eq(schema.declarations.id, drop));
    const person = people.find((p) => p.personId === dropRow!.personId)!;
    const before = (await approvedHoursByYear(ctx.deps.db, person.personId)).find((y) => y.year === YEAR)!;
    expect(before.declarationIds).toContain(drop);

    ctx.clock.advanceMinutes(5); // the re-check happens after the draw
    const noReason = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-samples/${s.id}/items/${drop}/revoke`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const revoked = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-samples/${s.id}/items/${drop}/revoke`, { reason: '培训证书系伪造' });
    expectStatus(revoked, 200);
    expect(revoked.json()).toMatchObject({ confirmed: 1, revoked: 1, pending: 0 });

    const after = (await approvedHoursByYear(ctx.deps.db, person.personId)).find((y) => y.year === YEAR)!;
    expect(after.declarationIds).not.toContain(drop);
    expect(after.professionalHours).toBe(before.professionalHours - dropRow!.claimedHours!);

    const cookie = await login(ctx, person);
    const seen = (await call(ctx, cookie, 'GET', `/api/me/declarations/${drop}`)).json();
    expect(seen).toMatchObject({ status: 'revoked', statusLabel: '抽查撤销', revokeReason: '培训证书系伪造' });
    expect(seen.samples).toContainEqual({ sampleId: s.id, outcome: 'revoked', reason: '培训证书系伪造' });
    expect(seen.history.at(-1)).toMatchObject({ action: 'sample_revoke', actionLabel: '抽查撤销', orgName: c.bureau.name, reason: '培训证书系伪造' });
    const list = (await call(ctx, cookie, 'GET', `/api/me/declarations?status=revoked`)).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([drop]);

    // Each record is re-checked once; a revoked record cannot be revoked again from another draw.
    expect((await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-samples/${s.id}/items/${keep}/revoke`, { reason: '再查' })).json().code).toBe('ALREADY_HANDLED');
    const another = await draw(c.cookies.bureau, { count: 12, seed: 'everything' });
    expect(another.populationSize).toBe(11);
    expect(drawnIds(another)).not.toContain(drop);

    // The earlier draw still verifies: its population is taken as of the draw.
    const verify = await call(ctx, c.cookies.bureau, 'GET', `/api/admin/declaration-samples/${s.id}/verify`);
    expect(verify.json().matches).toBe(true);

    const audit = await call(ctx, c.cookies.bureau, 'GET', '/api/admin/audit?action=declaration.sample.revoke');
    expect(audit.json().items[0]).toMatchObject({ objectId: String(drop), actionLabel: '抽查撤销学时' });
  });

  it('an item that is not in the sample is not found', async () => {
    const s = await draw(c.cookies.bureau, { count: 1, seed: 'one' });
    const notIn = approvedIds.find((id) => !drawnIds(s).includes(id))!;
    expect((await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-samples/${s.id}/items/${notIn}/confirm`)).statusCode).toBe(404);
  });
});
