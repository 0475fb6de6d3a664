import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loggerOptions, maskIdNumbersInText } from '../../src/http/log';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login } from '../factories';

// Issue 9, item 3: no full ID number in any log line, request URLs included.
let ctx: TestContext;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  ctx = await buildTestApp({}, { logger: loggerOptions('info', sink) });
  app = ctx.app;
});
afterAll(() => ctx.close());

describe('log lines', () => {
  it('mask ID numbers in request URLs, messages and fields', async () => {
    const unit = await buildOrg(ctx, { kind: 'unit' });
    const pro = await buildProfessional(ctx, unit);
    const admin = await buildAdmin(ctx, await bureauOf(ctx, '410000'));
    const adminCookie = await login(ctx, admin);
    const id = pro.idNumber;
    const name = encodeURIComponent(pro.name);
    const requests = [
      `/api/registrations/progress?name=${name}&idNumber=${id}`,
      `/api/public/certificates?idNumber=${id}&name=${name}`,
      `/api/admin/certificates?idNumber=${id}`,
      `/api/admin/professionals?q=${id}`,
      `/api/admin/declarations?idNumber=${id}`,
    ];
    for (const url of requests) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: adminCookie } });
      expect(res.statusCode, url).toBeLessThan(500);
    }
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'professional', account: id, password: 'Wrong@pass1', captcha: '' } });
    app.log.info({ person: { idNumber: id } }, `looked up ${id}`);
    app.log.error({ err: new Error(`no person ${id}`) }, 'failed');

    const masked = maskIdNumbersInText(id);
    expect(masked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((l) => l.includes(id))).toEqual([]);
    expect(lines.filter((l) => l.includes(masked)).length).toBeGreaterThanOrEqual(requests.length + 1);
  });

  it('searches by ID number have POST variants that answer as the GET ones, the number only in the body (issue 9 item 3)', async () => {
    const unit = await buildOrg(ctx, { kind: 'unit' });
    const pro = await buildProfessional(ctx, unit);
    const admin = await buildAdmin(ctx, await bureauOf(ctx, '410000'));
    const cookie = await login(ctx, admin);
    const id = pro.idNumber;
    const name = encodeURIComponent(pro.name);
    const pairs: [string, string, Record<string, unknown>][] = [
      [`/api/registrations/progress?name=${name}&idNumber=${id}`, '/api/registrations/progress', { name: pro.name, idNumber: id }],
      [`/api/public/certificates?idNumber=${id}&name=${name}`, '/api/public/certificates/search', { idNumber: id, name: pro.name }],
      [`/api/admin/certificates?idNumber=${id}`, '/api/admin/certificates/search', { idNumber: id }],
      [`/api/admin/professionals?q=${id}`, '/api/admin/professionals/search', { q: id }],
      [`/api/admin/declarations?idNumber=${id}&status=pending`, '/api/admin/declarations/search', { idNumber: id, status: 'pending' }],
    ];
    for (const [getUrl, postUrl, body] of pairs) {
      const viaGet = await app.inject({ method: 'GET', url: getUrl, headers: { cookie } });
      lines.length = 0;
      const viaPost = await app.inject({ method: 'POST', url: postUrl, headers: { cookie }, payload: body });
      expect([viaPost.statusCode, viaPost.json()], postUrl).toEqual([viaGet.statusCode, viaGet.json()]);
      expect(viaPost.statusCode, postUrl).toBeLessThan(500);
      // Not even the masked number: it is nowhere in the request line.
      expect(lines.filter((l) => l.includes(id.slice(-4)) && l.includes(id.slice(0, 6)))).toEqual([]);
    }
    // The listing really finds the person through the body.
    const found = await app.inject({ method: 'POST', url: '/api/admin/professionals/search', headers: { cookie }, payload: { q: id } });
    expect(found.json().items.map((p: { accountId: number }) => p.accountId)).toEqual([pro.accountId]);
    const exported = await app.inject({ method: 'POST', url: '/api/admin/professionals/export.xlsx', headers: { cookie }, payload: { q: id } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    // Bad conditions are a Chinese 400 as in the query string.
    const bad = await app.inject({ method: 'POST', url: '/api/admin/certificates/search', headers: { cookie }, payload: {} });
    expect([bad.statusCode, bad.json().message]).toEqual([400, '请填写证书管理号或身份证号']);
  });

  it('mask lowercase x and leave other numbers alone', () => {
    expect(maskIdNumbersInText('q=41010219850910211x&certNo=4101002024000123')).toBe('q=410102********211x&certNo=4101002024000123');
    expect(maskIdNumbersInText('/api/admin/declarations/123456789012345678901')).toBe('/api/admin/declarations/123456789012345678901');
  });
});
