import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildOrg, buildProfessional, login } from '../factories';
import { isForeignRequest } from '../../src/http/csrf';

// Issue 9, item 5: state-changing requests from a foreign Origin or Sec-Fetch-Site are refused,
// whatever their body; the configured PUBLIC_URL is the only allowed origin.
let ctx: TestContext;
let cookie: string;
const own = 'https://jxjy.hrss.henan.gov.cn';

beforeAll(async () => {
  ctx = await buildTestApp({ publicUrl: `${own}/` });
  cookie = await login(ctx, await buildProfessional(ctx, await buildOrg(ctx, { kind: 'unit' })));
});
afterAll(() => ctx.close());

const multipart = () => {
  const boundary = '----csrf';
  const body = [`--${boundary}`, 'Content-Disposition: form-data; name="name"', '', '张三', `--${boundary}--`, ''].join('\r\n');
  return { body, type: `multipart/form-data; boundary=${boundary}` };
};

describe('cross-site requests', () => {
  it('a body-less POST from a foreign origin is refused (logout)', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'CROSS_SITE' } });
    // The session survived.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('a multipart POST with Sec-Fetch-Site: cross-site is refused, and one from a sibling site', async () => {
    const { body, type } = multipart();
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/me/change-requests/identity',
        headers: { cookie, 'content-type': type, ...headers },
        payload: body,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().details).toEqual({ reason: 'CROSS_SITE' });
    }
  });

  it('JSON posts from the platform itself, and clients that send no browser headers, pass', async () => {
    const same = await ctx.app.inject({ method: 'POST', url: '/api/hour-standards/evaluate', headers: { origin: own, 'sec-fetch-site': 'same-origin' }, payload: { form: 'F01', params: {} } });
    expect(same.statusCode).not.toBe(403);
    const cli = await ctx.app.inject({ method: 'POST', url: '/api/hour-standards/evaluate', payload: { form: 'F01', params: {} } });
    expect(cli.statusCode).not.toBe(403);
    // Reads are never refused: a foreign page may link to the public pages.
    const read = await ctx.app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(read.statusCode).toBe(200);
  });

  it.each([
    [{ origin: own }, false],
    [{ 'sec-fetch-site': 'same-origin' }, false],
    [{ 'sec-fetch-site': 'none' }, false],
    [{}, false],
    [{ origin: `${own}:8443` }, true],
    [{ origin: 'http://jxjy.hrss.henan.gov.cn' }, true],
    [{ origin: own, 'sec-fetch-site': 'cross-site' }, true],
  ])('isForeignRequest(%o) = %s', (headers, foreign) => {
    expect(isForeignRequest(headers, own)).toBe(foreign);
  });
});
