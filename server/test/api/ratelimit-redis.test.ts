/**
 * Issue 13 item 1: the public reads' rate limit costs no database commit, and with REDIS_URL it is
 * one limit shared by every app server. Two app servers (two apps, each its own process state) over
 * the local Redis: requests from one client spread over both are counted together.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db';
import { PUBLIC_LIMITS } from '../../src/modules/ratelimit/public-limits';
import { buildTestApp, type TestContext } from '../helper';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether something answers on the Redis port (CI starts Redis; a developer machine may not have it). */
const redisUp = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const s = net.connect({ host: hostname, port: Number(port || 6379) });
  s.setTimeout(500);
  s.once('connect', () => (s.destroy(), resolve(true)));
  s.once('error', () => resolve(false));
  s.once('timeout', () => (s.destroy(), resolve(false)));
});

// Skipped only on a developer machine without Redis; in CI Redis runs, so there it must run.
describe.skipIf(!redisUp && !process.env.CI)('public rate limits shared through Redis (two app servers)', () => {
  let a: TestContext;
  let b: TestContext;
  beforeAll(async () => {
    a = await buildTestApp({ redisUrl: REDIS_URL });
    b = await buildTestApp({ redisUrl: REDIS_URL });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  // A client address of its own per run, so that runs sharing the Redis never count each other's requests.
  const client = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

  it('counts one client across both servers and refuses on either once the limit is reached', async () => {
    const ip = client();
    const { max } = PUBLIC_LIMITS.certificateQuery;
    const ask = (ctx: TestContext, remoteAddress = ip) =>
      ctx.app.inject({ method: 'POST', url: '/api/public/certificates/search', payload: { certNo: '4199990000001' }, remoteAddress });
    for (let i = 0; i < max; i++) expect((await ask(i % 2 ? a : b)).statusCode).toBe(404);
    for (const ctx of [a, b]) {
      const refused = await ask(ctx);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toEqual({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
    }
    // Another client, and another limit (verification) of the same client, are counted apart.
    expect((await ask(a, client())).statusCode).toBe(404);
    const verify = await b.app.inject({ method: 'POST', url: '/api/public/certificates/verify', payload: { token: 'x' }, remoteAddress: ip });
    expect(verify.statusCode).toBe(200);
    // Nothing of it went to the database.
    expect(await a.deps.db.select().from(schema.rateLimits)).toHaveLength(0);
    expect(await b.deps.db.select().from(schema.rateLimits)).toHaveLength(0);
  });

  it('without the shared store each server would have counted alone (the limit is per server in memory)', async () => {
    const lone1 = await buildTestApp();
    const lone2 = await buildTestApp();
    try {
      const ip = client();
      const { max } = PUBLIC_LIMITS.registrationProgress;
      const ask = (ctx: TestContext) =>
        ctx.app.inject({ method: 'POST', url: '/api/registrations/progress', payload: { creditCode: '12410100MB0000001X' }, remoteAddress: ip });
      for (let i = 0; i < max; i++) expect((await ask(lone1)).statusCode).not.toBe(429);
      expect((await ask(lone1)).statusCode).toBe(429);
      expect((await ask(lone2)).statusCode).not.toBe(429);
    } finally {
      await lone1.close();
      await lone2.close();
    }
  });
});
