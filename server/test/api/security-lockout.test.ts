import { personColumns } from '../../src/db/pii';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg } from '../factories';

// Issue 9, item 1: the failure count and the lock are decided atomically in the database, so a
// burst of parallel attempts cannot check more than five passwords.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const loginRaw = (body: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { captcha: '', ...body } });

const codes = (responses: { json(): { code?: string } }[]) => {
  const out: Record<string, number> = {};
  for (const r of responses) {
    const code = r.json().code ?? 'OK';
    out[code] = (out[code] ?? 0) + 1;
  }
  return out;
};

describe('lockout under concurrency', () => {
  it('30 wrong passwords at once: four answer "wrong password", all others "locked"', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const burst = await Promise.all(
      Array.from({ length: 30 }, () => loginRaw({ role: 'unit', account: admin.idNumber, password: 'Wrong@pass1' })),
    );
    expect(codes(burst)).toEqual({ WRONG_PASSWORD: 4, ACCOUNT_LOCKED: 26 });
    // And the right password right after the burst is refused too.
    const right = await loginRaw({ role: 'unit', account: admin.idNumber, password: admin.password });
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('a right password among 30 wrong ones in one burst signs in only if it is among the first five checked', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    // Four wrong attempts first: the right password is then at best the fifth check.
    for (let i = 0; i < 4; i++) await loginRaw({ role: 'unit', account: admin.idNumber, password: 'Wrong@pass1' });
    const burst = await Promise.all([
      ...Array.from({ length: 30 }, () => loginRaw({ role: 'unit', account: admin.idNumber, password: 'Wrong@pass1' })),
      loginRaw({ role: 'unit', account: admin.idNumber, password: admin.password }),
    ]);
    const tally = codes(burst);
    if (tally.OK) {
      // The right password took the fifth check: it signed in and restarted the count, so at most
      // four more wrong passwords were checked after it.
      expect(tally.OK).toBe(1);
      expect(tally.WRONG_PASSWORD ?? 0).toBeLessThanOrEqual(4);
    } else {
      // A wrong password took the fifth check and locked: nothing else was checked.
      expect(tally).toEqual({ ACCOUNT_LOCKED: 31 });
    }
  });

  it('5 wrong forgot-password codes sent in parallel use the code up', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const [person] = await ctx.deps.db.select(personColumns).from(schema.persons).where(eq(schema.persons.id, admin.personId));
    const sent = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset/code', payload: { idNumber: admin.idNumber, contact: person!.phone } });
    expect(sent.statusCode).toBe(200);
    // The recipient is encrypted at rest: compared after reading.
    const message = (await ctx.deps.db.select().from(schema.outbox)).findLast((m) => m.recipient === person!.phone);
    const code = /验证码为 (\d{6})/.exec(message!.body)![1]!;
    const wrongCodes = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const burst = await Promise.all(
      wrongCodes.map((c) => ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { idNumber: admin.idNumber, code: c, newPassword: 'Brand#New2026' } })),
    );
    expect(burst.every((r) => r.statusCode === 400)).toBe(true);
    const [row] = await ctx.deps.db.select().from(schema.oneTimeCodes).where(eq(schema.oneTimeCodes.personId, admin.personId));
    expect(row!.attempts).toBe(5);
    const right = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { idNumber: admin.idNumber, code, newPassword: 'Brand#New2026' } });
    expect(right.statusCode).toBe(400);
    expect(right.json().message).toBe('验证码错误或已过期，请重新获取');
  });

  it('a wrong role names the roles held only after the right password, and counts towards the lock', async () => {
    const admin = await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit' }));
    const wrong = await loginRaw({ role: 'department', account: admin.idNumber, password: 'Wrong@pass1' });
    expect(wrong.json().code).toBe('ROLE_NOT_REGISTERED');
    expect(wrong.json().details).toBeUndefined();
    const right = await loginRaw({ role: 'department', account: admin.idNumber, password: admin.password });
    expect(right.json()).toMatchObject({ code: 'ROLE_NOT_REGISTERED', details: { registeredRoles: ['unit'] } });
    const burst = await Promise.all(Array.from({ length: 10 }, () => loginRaw({ role: 'department', account: admin.idNumber, password: 'Wrong@pass1' })));
    expect(burst.every((r) => r.json().details === undefined)).toBe(true);
    expect((await loginRaw({ role: 'unit', account: admin.idNumber, password: admin.password })).json().code).toBe('ACCOUNT_LOCKED');
  });
});
