import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, bureauOf, buildProfessional, login } from '../factories';

// Issue 9, item 4: bad input is a 400, never a 500: integers beyond PostgreSQL's `integer` in
// paths, queries and bodies, and NUL characters in any text.
let ctx: TestContext;
let adminCookie: string;
let professionalCookie: string;
let unitAdminCookie: string;

type Param = { in: string; name: string; required?: boolean; schema: { type?: string; enum?: unknown[]; maximum?: number } };
type Operation = { parameters?: Param[]; requestBody?: unknown };
let operations: { method: string; path: string; op: Operation }[] = [];

beforeAll(async () => {
  ctx = await buildTestApp();
  const province = await bureauOf(ctx, '410000');
  adminCookie = await login(ctx, await buildAdmin(ctx, province));
  const unit = await buildOrg(ctx, { kind: 'unit' });
  unitAdminCookie = await login(ctx, await buildAdmin(ctx, unit));
  professionalCookie = await login(ctx, await buildProfessional(ctx, unit));
  const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
});
afterAll(() => ctx.close());

const TOO_BIG = '2147483648';
const sample = (p: Param) => (p.schema.enum ? String(p.schema.enum[0]) : p.schema.type === 'integer' || p.schema.type === 'number' ? '1' : 'a');

/** The URL of an operation with every path and required query parameter filled, one of them replaced. */
function urlOf(path: string, op: Operation, replace: { in: string; name: string; value: string }) {
  const params = op.parameters ?? [];
  const value = (p: Param) => (p.in === replace.in && p.name === replace.name ? replace.value : sample(p));
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => value(params.find((p) => p.in === 'path' && p.name === name)!));
  const query = params.filter((p) => p.in === 'query' && (p.required || (p.in === replace.in && p.name === replace.name)));
  if (query.length) url += `?${query.map((p) => `${p.name}=${encodeURIComponent(value(p))}`).join('&')}`;
  return url;
}

describe('integers beyond the database range', () => {
  it('answer 400 in every path and query parameter of every operation, signed in or not', async () => {
    const cases = operations.flatMap(({ method, path, op }) =>
      (op.parameters ?? [])
        .filter((p) => (p.in === 'path' || p.in === 'query') && (p.schema.type === 'integer' || p.schema.type === 'number'))
        .map((p) => ({
          method,
          url: urlOf(path, op, { in: p.in, name: p.name, value: TOO_BIG }),
          // A year in a path like `{year}.pdf` is also bounded by the route's own pattern (a 404).
          allowed: p.in === 'path' && p.schema.maximum !== undefined && p.schema.maximum < 1e6 ? [400, 404] : [400],
        })),
    );
    expect(cases.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const c of cases) {
      for (const cookie of [adminCookie, unitAdminCookie, professionalCookie, undefined]) {
        const body = c.method === 'GET' || c.method === 'DELETE' ? undefined : {};
        const res = await ctx.app.inject({ method: c.method as 'GET', url: c.url, headers: cookie ? { cookie } : {}, ...(body ? { payload: body } : {}) });
        if (!c.allowed.includes(res.statusCode)) failures.push(`${c.method} ${c.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 400 for such integers in bodies', async () => {
    const reg = await ctx.app.inject({
      method: 'POST',
      url: '/api/registrations/organisations',
      payload: { kind: 'unit', parentId: 2147483648 },
    });
    expect(reg.statusCode).toBe(400);
    const account = await ctx.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: { cookie: unitAdminCookie },
      payload: { idNumber: '410105198001010011', name: '张三', phone: '13900000000', adminRoleId: 2147483648, workDepartmentIds: [] },
    });
    expect(account.statusCode).toBe(400);
    const export1 = await ctx.app.inject({ method: 'GET', url: `/api/admin/professionals/export.xlsx?orgId=${TOO_BIG}`, headers: { cookie: adminCookie } });
    expect(export1.statusCode).toBe(400);
    expect(export1.json()).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('NUL characters', () => {
  it.each([
    ['a public search', 'GET', '/api/public/organisations?q=%00', undefined],
    ['a path', 'GET', '/api/admin/declarations/1%00', undefined],
  ])('in %s answer 400', async (_label, method, url) => {
    const res = await ctx.app.inject({ method: method as 'GET', url, headers: { cookie: adminCookie } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION' });
  });

  it('in a login account or a declaration title answer 400', async () => {
    const loginRes = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'unit', account: '41010519800101\u00000011', password: 'x', captcha: '' } });
    expect(loginRes.statusCode).toBe(400);
    const draft = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/declarations',
      headers: { cookie: professionalCookie },
      payload: { title: '培训\u0000班' },
    });
    expect(draft.statusCode).toBe(400);
    expect(draft.json().code).toBe('VALIDATION');
  });
});
