/**
 * CONTRACT's demo: the certificate holder of README (张伟, 演示证书管理号) has at least two
 * consecutive passed years with certificates, and a failed year that merged printing refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import smCrypto from 'sm-crypto';
import { DEMO_PASSWORD, seedDemoDataIfEmpty } from '../../src/demo/seed';
import { DEMO_CERT_HOLDER } from '../../src/demo/professionals';
import { chinaYear } from '@ce/shared';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';
import { call, expectStatus } from '../factories-declarations';
import { completion, tokenOfPdf } from './certificates-fixtures';

let ctx: TestContext;
let year: number;

beforeAll(async () => {
  ctx = await buildTestApp();
  expect(await seedDemoDataIfEmpty(ctx.deps)).toBe(true);
  year = chinaYear(ctx.deps.now());
});
afterAll(() => ctx.close());

describe('the demo certificate holder', () => {
  it('public query: three consecutive valid years issued by 郑州市人力资源和社会保障局', async () => {
    const res = await call(ctx, null, 'GET', `/api/public/certificates?certNo=${DEMO_CERT_HOLDER.certNo}`);
    expectStatus(res, 200);
    expect(res.json().holder).toEqual({ name: '张*', certNo: DEMO_CERT_HOLDER.certNo });
    expect(res.json().years.map((y: { year: number; status: string; issuer: string }) => [y.year, y.status, y.issuer])).toEqual(
      [year - 1, year - 2, year - 3].map((y) => [y, 'valid', '郑州市人力资源和社会保障局']),
    );
  });

  it('signs in, sees the failed year, prints a year and the merged range; the QR verifies', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { role: 'professional', account: DEMO_CERT_HOLDER.idNumber, password: DEMO_PASSWORD, captcha: '' },
    });
    const cookie = sessionCookie(login);
    const years = await completion(ctx, cookie);
    expect(years.map((y) => [y.year, y.resultLabel])).toEqual([
      [year, '进行中'],
      [year - 1, '通过'],
      [year - 2, '通过'],
      [year - 3, '通过'],
      [year - 4, '未通过'],
    ]);
    // 发证时间 is the approval that passed each year, long before today.
    for (const y of years.filter((x) => x.passed)) expect(y.certificate.issuedAt!.slice(0, 4)).toBe(String(y.year));

    const single = await call(ctx, cookie, 'GET', `/api/me/certificates/${year - 1}.pdf`);
    expectStatus(single, 200);
    const merged = await call(ctx, cookie, 'GET', `/api/me/certificates.pdf?from=${year - 3}&to=${year - 1}`);
    expectStatus(merged, 200);
    const answer = (await call(ctx, null, 'POST', '/api/public/certificates/verify', { token: await tokenOfPdf(merged.rawPayload) })).json();
    expect(answer).toMatchObject({ valid: true, status: 'valid', signature: { alg: 'SM2SM3', algorithm: 'SM2/SM3（国密）' } });
    // The same token checked outside the platform: sm-crypto, the published key, the default user ID.
    const token = await tokenOfPdf(merged.rawPayload);
    const jwk = (await call(ctx, null, 'GET', '/api/public/keys')).json().keys.find(
      (k: { kid: string }) => k.kid === answer.signature.kid,
    ) as { kty: string; crv: string; x: string; y: string };
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'SM2' });
    const [h, p, sig] = token.split('.') as [string, string, string];
    const pub = `04${Buffer.from(jwk.x, 'base64url').toString('hex')}${Buffer.from(jwk.y, 'base64url').toString('hex')}`;
    expect(smCrypto.sm2.doVerifySignature(`${h}.${p}`, Buffer.from(sig, 'base64url').toString('hex'), pub, { hash: true })).toBe(true);
    expect(answer.certificate.years.map((y: { year: number }) => y.year)).toEqual([year - 3, year - 2, year - 1]);
    const refused = await call(ctx, cookie, 'GET', `/api/me/certificates.pdf?from=${year - 4}&to=${year - 1}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(`${year - 4}年度未达到学时要求，不能合并打印`);
  });
});
