/**
 * The demo declarations (server/src/demo/declarations.ts) on a fresh database built by the
 * factories: every state and several years, readable through the real API.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIREMENT_RULES, yearRequirement } from '@ce/shared';
import { schema } from '../../src/db';
import { seedDemoDeclarations } from '../../src/demo/declarations';
import { storageOf } from '../../src/modules/files/attachments';
import { approvedHoursByYear } from '../../src/modules/declarations/repo';
import { hasPendingWork } from '../../src/modules/professionals/pending';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login, type TestAccount } from '../factories';
import { TEST_NOW, YEAR, buildChain, call, expectStatus, type Chain } from '../factories-declarations';

let ctx: TestContext;
let c: Chain;
let people: TestAccount[];
let written: number;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  const district = await bureauOf(ctx, '410105');
  await buildAdmin(ctx, district);
  const company = await buildOrg(ctx, { kind: 'unit', parent: district }); // 无主管部门
  await buildAdmin(ctx, company);
  people = [c.person, await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptB.id }), await buildProfessional(ctx, c.unit), await buildProfessional(ctx, company)];
  written = await ctx.deps.db.transaction((tx) =>
    seedDemoDeclarations(
      tx,
      ctx.clock.now,
      people.map((p) => ({ accountId: p.accountId, personId: p.personId, unit: p.org })),
      storageOf(ctx.deps.config),
    ),
  );
});
afterAll(() => ctx.close());

describe('seedDemoDeclarations', () => {
  it('writes every state across the current year and the three before it, with the forms the pages need', async () => {
    const rows = await ctx.deps.db.select().from(schema.declarations);
    expect(rows).toHaveLength(written);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'pending', 'approved', 'rejected', 'revoked']));
    // The certificate holder (people[0]) also has the year before those three.
    expect([...new Set(rows.map((r) => r.year))].sort()).toEqual([YEAR - 4, YEAR - 3, YEAR - 2, YEAR - 1, YEAR]);
    expect(new Set(rows.filter((r) => r.year === YEAR - 4).map((r) => r.personId))).toEqual(new Set([people[0]!.personId]));
    for (const form of ['conference', 'publication', 'training', 'research_project', 'base_training']) {
      expect(rows.some((r) => r.form === form), form).toBe(true);
    }
    // Pending at every level of a three-level chain, and a claim above the standard.
    const pendingLevels = new Set(rows.filter((r) => r.status === 'pending' && r.unitId === c.unit.id).map((r) => r.currentLevel));
    expect(pendingLevels).toEqual(new Set([0, 1, 2]));
    expect(rows.some((r) => r.standardHours != null && r.claimedHours != null && r.claimedHours > r.standardHours && r.status === 'pending')).toBe(true);
    const attachments = await ctx.deps.db.select().from(schema.declarationAttachments);
    expect(attachments.length).toBe(rows.filter((r) => r.status !== 'draft').length);
  });

  it('the first person passes the three past years and failed the one before; the third falls short once', async () => {
    const check = async (p: TestAccount) => {
      const years = await approvedHoursByYear(ctx.deps.db, p.personId);
      return [YEAR - 3, YEAR - 2, YEAR - 1].map((year) => {
        const y = years.find((h) => h.year === year)!;
        const req = yearRequirement(REQUIREMENT_RULES, { year, unitRegionCode: p.org.regionCode, titleLevel: 'intermediate' })!;
        return y.publicHours >= req.publicHours && y.professionalHours >= req.professionalHours;
      });
    };
    expect(await check(people[0]!)).toEqual([true, true, true]);
    const earlier = (await approvedHoursByYear(ctx.deps.db, people[0]!.personId)).find((h) => h.year === YEAR - 4)!;
    expect(earlier.publicHours).toBeGreaterThanOrEqual(30);
    expect(earlier.professionalHours).toBeLessThan(60);
    expect(await check(people[2]!)).toEqual([true, false, true]);
  });

  it('is readable through the API: the person’s list and detail, each level’s queue, the sample, the evidence', async () => {
    const cookie = c.cookies.person;
    const mine = (await call(ctx, cookie, 'GET', '/api/me/declarations?limit=100')).json();
    expect(mine.items.length).toBeGreaterThan(10);
    const revoked = mine.items.find((i: { status: string }) => i.status === 'revoked');
    expect(revoked.revokeReason).toContain('抽查发现');
    const detail = (await call(ctx, cookie, 'GET', `/api/me/declarations/${revoked.id}`)).json();
    expect(detail.history.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'approve', 'approve', 'approve', 'sample_revoke']);
    expect(detail.history[2].actorName).toBe(c.unitAdmin.name);
    const file = await call(ctx, cookie, 'GET', `/api/me/declarations/${revoked.id}/attachments/${detail.attachments[0].id}`);
    expectStatus(file, 200);
    expect(file.headers['content-type']).toBe('application/pdf');

    for (const [level, reviewer] of [[c.cookies.unit, 'unit'], [c.cookies.dept, 'dept'], [c.cookies.bureau, 'bureau']] as const) {
      const q = (await call(ctx, level, 'GET', '/api/admin/declarations')).json();
      expect(q.items.length, reviewer).toBeGreaterThan(0);
    }
    const samples = (await call(ctx, c.cookies.bureau, 'GET', '/api/admin/declaration-samples')).json();
    expect(samples.items).toHaveLength(1);
    expect(samples.items[0]).toMatchObject({ year: YEAR - 1, revoked: 1, pending: 0 });
    const verify = (await call(ctx, c.cookies.bureau, 'GET', `/api/admin/declaration-samples/${samples.items[0].id}/verify`)).json();
    expect(verify.matches).toBe(true);
    expect(await hasPendingWork(ctx.deps.db, c.person.personId)).not.toBeNull();
  });

  it('the 无主管部门 unit’s person has a two-level chain', async () => {
    const [pending] = await ctx.deps.db.select().from(schema.declarations).where(eq(schema.declarations.personId, people[3]!.personId));
    expect(pending!.reviewChain).toHaveLength(pending!.status === 'draft' ? 0 : 2);
    const cookie = await login(ctx, people[3]!);
    expectStatus(await call(ctx, cookie, 'GET', '/api/me/declarations'), 200);
  });
});
