/**
 * The tamper-evident audit log (issue 9 item 8): every row chained by SM3; audited transactions
 * running at once still form one chain; editing, deleting or un-hashing one row in the database makes
 * the check fail at exactly that row. Runs on PGlite and PostgreSQL (server-pg project).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { schema } from '../../src/db';
import { writeAudit } from '../../src/audit/audit';
import { GENESIS, chainHashOf, verifyAuditChain } from '../../src/audit/chain';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, bureauOf, login } from '../factories';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const write = (n: number, detail: Record<string, unknown> = {}) =>
  ctx.deps.db.transaction((tx) =>
    writeAudit(
      tx,
      { actor: null, meta: { ip: '10.0.0.1', userAgent: null, now: new Date() }, actorName: '测试' },
      { action: 'test.event', objectType: 'test', objectId: n, detail: { n, ...detail } },
    ),
  );
const rows = () => ctx.deps.db.select().from(schema.auditLog).orderBy(asc(schema.auditLog.id));

describe('audit hash chain (SM3)', () => {
  it('chains every row, also when 20 audited transactions run at once; a rolled-back one leaves the chain whole', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => write(i, { nested: { b: 1, a: [1, { z: 2, y: 'é' }] } })));
    await expect(
      ctx.deps.db.transaction(async (tx) => {
        await writeAudit(
          tx,
          { actor: null, meta: { ip: null, userAgent: null, now: new Date() } },
          { action: 'test.rolledBack', objectType: 'test' },
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await write(99);
    const all = await rows();
    expect(all.length).toBeGreaterThanOrEqual(21);
    expect(all.some((r) => r.action === 'test.rolledBack')).toBe(false);
    // Recomputed by hand: SM3 over the previous hash and each row's content, in id order.
    let prev = GENESIS;
    for (const r of all) {
      expect(r.chainHash).toMatch(/^[0-9a-f]{64}$/);
      expect(chainHashOf(prev, r)).toBe(r.chainHash);
      prev = r.chainHash!;
    }
    expect(crypto.getHashes()).toContain('sm3');
    expect(await verifyAuditChain(ctx.deps.db, 7)).toEqual({ ok: true, checked: all.length, unchained: 0 });
  });

  it('rows written outside a transaction (audited reads) still form one chain when 20 arrive at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeAudit(ctx.deps.db, { actor: null, meta: { ip: null, userAgent: null, now: new Date() } }, { action: 'test.read', objectType: 'test', objectId: i }),
      ),
    );
    const all = await rows();
    expect(all.filter((r) => r.action === 'test.read')).toHaveLength(20);
    expect(await verifyAuditChain(ctx.deps.db)).toEqual({ ok: true, checked: all.length, unchained: 0 });
  });

  it('one row edited in the database: the check fails at that row; restored, it passes again', async () => {
    const all = await rows();
    const victim = all[Math.floor(all.length / 2)]!;
    await ctx.deps.db.execute(sql`update audit_log set actor_name = '他人' where id = ${victim.id}`);
    const broken = await verifyAuditChain(ctx.deps.db, 5);
    expect(broken).toMatchObject({ ok: false, brokenId: victim.id, checked: all.indexOf(victim) });
    await ctx.deps.db.execute(sql`update audit_log set actor_name = ${victim.actorName} where id = ${victim.id}`);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);

    // The detail changed (jsonb), a row deleted, a hash removed: each named at its row.
    await ctx.deps.db.execute(sql`update audit_log set detail = '{"n": 1000}'::jsonb where id = ${victim.id}`);
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: false, brokenId: victim.id });
    await ctx.deps.db.update(schema.auditLog).set({ detail: victim.detail }).where(eq(schema.auditLog.id, victim.id));
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);

    const next = all[all.indexOf(victim) + 1]!;
    await ctx.deps.db.delete(schema.auditLog).where(eq(schema.auditLog.id, victim.id));
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: false, brokenId: next.id });

    const last = all[all.length - 1]!;
    await ctx.deps.db.update(schema.auditLog).set({ chainHash: null }).where(eq(schema.auditLog.id, last.id));
    const check = await verifyAuditChain(ctx.deps.db);
    expect(check).toMatchObject({ ok: false, brokenId: next.id }); // the first break is still the deletion
  });
});

describe('the chain after rows from before it (a platform upgraded with its history)', () => {
  it('starts from the genesis after unhashed rows, then follows the newest row; an un-hashed newest row is skipped and named', async () => {
    const own = await buildTestApp();
    try {
      const legacy = { at: new Date('2020-01-01T00:00:00Z'), action: 'legacy.event', objectType: 'test', result: 'success' as const, chainHash: null };
      await own.deps.db.insert(schema.auditLog).values([legacy, legacy, legacy]);
      const writeOwn = (n: number) =>
        own.deps.db.transaction((tx) =>
          writeAudit(tx, { actor: null, meta: { ip: null, userAgent: null, now: new Date() } }, { action: 'test.event', objectType: 'test', objectId: n }),
        );
      await writeOwn(1);
      await writeOwn(2);
      const all = await own.deps.db.select().from(schema.auditLog).orderBy(asc(schema.auditLog.id));
      const [first, second] = all.filter((r) => r.chainHash !== null);
      expect(all.filter((r) => r.chainHash === null)).toHaveLength(3);
      expect(chainHashOf(GENESIS, first!)).toBe(first!.chainHash);
      expect(chainHashOf(first!.chainHash!, second!)).toBe(second!.chainHash);
      expect(await verifyAuditChain(own.deps.db)).toEqual({ ok: true, checked: 2, unchained: 3 });

      // The newest row's hash removed: the next row links to the last hashed one, and the check names the gap.
      await own.deps.db.update(schema.auditLog).set({ chainHash: null }).where(eq(schema.auditLog.id, second!.id));
      await writeOwn(3);
      const third = (await own.deps.db.select().from(schema.auditLog).orderBy(asc(schema.auditLog.id))).pop()!;
      expect(chainHashOf(first!.chainHash!, third)).toBe(third.chainHash);
      expect(await verifyAuditChain(own.deps.db)).toMatchObject({ ok: false, brokenId: second!.id });
    } finally {
      await own.close();
    }
  });
});

describe('GET /api/admin/audit/chain (the admin page)', () => {
  it('a province HRSS admin sees the chain intact, then the first broken row named', async () => {
    const admin = await buildAdmin(ctx, await bureauOf(ctx, '410000'));
    const cookie = await login(ctx, admin);
    const get = () => ctx.app.inject({ method: 'GET', url: '/api/admin/audit/chain', headers: { cookie } });
    // The earlier tests broke the chain on purpose: start from a fresh, intact log.
    await ctx.deps.db.execute(sql`delete from audit_log`);
    await write(1);
    await write(2);
    const intact = await get();
    expect(intact.statusCode, intact.body).toBe(200);
    expect(intact.json()).toMatchObject({ ok: true, brokenId: null, reason: null });
    const [, second] = await rows();
    await ctx.deps.db.execute(sql`update audit_log set ip = '10.9.9.9' where id = ${second!.id}`);
    const broken = (await get()).json();
    expect(broken).toMatchObject({ ok: false, brokenId: second!.id });
    expect(broken.reason).toContain('改动');
    // A city bureau's admin may not check the whole log.
    const city = await buildAdmin(ctx, await bureauOf(ctx, '410100'));
    const res = await ctx.app.inject({ method: 'GET', url: '/api/admin/audit/chain', headers: { cookie: await login(ctx, city) } });
    expect(res.statusCode).toBe(403);
  });
});
