import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('GET /api/health', () => {
  it('answers ok and names the database', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: inject('pgTemplate') ? 'postgres' : 'pglite' });
  });

  it('serves the OpenAPI document with every API route', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/registrations/organisations', '/api/admin/audit']),
    );
  });

  it('answers unknown API paths with a Chinese 404', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('请求的资源不存在');
  });

  it('loads an HRSS bureau for every Henan region', async () => {
    const { HENAN_REGIONS } = await import('@ce/shared');
    const { schema } = await import('../../src/db');
    const { eq } = await import('drizzle-orm');
    const bureaus = await ctx.deps.db.select().from(schema.organisations).where(eq(schema.organisations.kind, 'hrss'));
    expect(bureaus).toHaveLength(HENAN_REGIONS.length);
    const gongyi = bureaus.find((b) => b.regionCode === '410181')!;
    const province = bureaus.find((b) => b.regionCode === '410000')!;
    expect(gongyi.parentId).toBe(province.id); // 省直管县 hangs under the province
    expect(gongyi.name).toBe('巩义市人力资源和社会保障局');
  });
});

describe('security headers', () => {
  it('forbid framing by other sites and do not force HTTPS on plain-HTTP intranets', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
