/**
 * Query shapes that stay fast at province scale (issue 13 item 3), as clients see them: people and
 * organisation name search (one or two characters: the name or its beginning; three or more: anywhere,
 * through pg_trgm) and a bureau's audit log walked in pages, newest first (this file also runs against
 * PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import { writeAudit } from '../../src/audit/audit';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login, type TestAccount } from '../factories';
import { call, expectStatus } from '../factories-declarations';

let ctx: TestContext;
let bureau: OrgRow;
let cookie: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  bureau = await bureauOf(ctx, '410200');
  cookie = await login(ctx, await buildAdmin(ctx, bureau));
});
afterAll(() => ctx.close());

const get = async (url: string, as = cookie) => {
  const res = await call(ctx, as, 'GET', url);
  expectStatus(res, 200);
  return res.json();
};

describe('people search by name', () => {
  const named: Record<string, TestAccount> = {};

  beforeAll(async () => {
    const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
    const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
    for (const name of ['张伟', '张伟明', '李张伟', '欧阳建国', 'Wang Xiaoming']) {
      named[name] = await buildProfessional(ctx, unit);
      await ctx.deps.db.update(schema.persons).set({ name }).where(eq(schema.persons.id, named[name]!.personId));
    }
  });

  const found = async (q: string) => {
    const body = await get(`/api/admin/professionals?limit=100&q=${encodeURIComponent(q)}`);
    return (body.items as { name: string }[]).map((i) => i.name).sort();
  };

  it('one or two characters: the whole name or its beginning', async () => {
    expect(await found('张伟')).toEqual(['张伟', '张伟明']);
    expect(await found('张')).toEqual(['张伟', '张伟明']);
    expect(await found('欧阳')).toEqual(['欧阳建国']);
    // Two characters inside a longer name are not a trigram: not searched for.
    expect(await found('伟明')).toEqual([]);
  });

  it('three or more characters: anywhere in the name, any case (pg_trgm)', async () => {
    expect(await found('张伟明')).toEqual(['张伟明']);
    expect(await found('李张伟')).toEqual(['李张伟']);
    expect(await found('阳建国')).toEqual(['欧阳建国']);
    expect(await found('xiaoMING')).toEqual(['Wang Xiaoming']);
    expect(await found('张伟伟')).toEqual([]);
    // LIKE's wildcards are plain characters.
    expect(await found('张%伟')).toEqual([]);
  });

  it('a search within another bureau finds none of them', async () => {
    const other = await login(ctx, await buildAdmin(ctx, await bureauOf(ctx, '410300')));
    const body = await get(`/api/admin/professionals?limit=100&q=${encodeURIComponent('张伟明')}`, other);
    expect(body.items).toEqual([]);
  });
});

describe('organisation name search', () => {
  beforeAll(async () => {
    const dept = await buildOrg(ctx, { kind: 'department', parent: bureau, name: '开封市查询卫生健康委员会' });
    for (const name of ['开封市查询第一人民医院', '开封市查询中心医院', '查询大学附属医院']) await buildOrg(ctx, { kind: 'unit', parent: dept, name });
  });

  const subtree = async (q: string) => {
    const body = await get(`/api/admin/organisations?limit=100&q=${encodeURIComponent(q)}`);
    return (body.items as { name: string }[]).map((i) => i.name).sort();
  };

  it('in the subtree: two characters from the beginning, three or more anywhere', async () => {
    expect(await subtree('查询')).toEqual(['查询大学附属医院']);
    expect(await subtree('人民医院')).toEqual(['开封市查询第一人民医院']);
    expect(await subtree('查询中心')).toEqual(['开封市查询中心医院']);
    expect(await subtree('附属医院')).toEqual(['查询大学附属医院']);
    expect(await subtree('市查询')).toEqual(['开封市查询中心医院', '开封市查询卫生健康委员会', '开封市查询第一人民医院']);
  });

  it('the public picker of a parent unit likewise', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/public/organisations?kind=unit&regionCode=410200&q=${encodeURIComponent('中心医院')}` });
    expectStatus(res, 200);
    expect((res.json().items as { name: string }[]).map((i) => i.name)).toEqual(['开封市查询中心医院']);
  });
});

describe('a bureau’s audit log', () => {
  it('pages return every row of its subtree once, newest first, for the province, a city and a county', async () => {
    const province = await bureauOf(ctx, '410000');
    const city = await bureauOf(ctx, '410100');
    const county = await bureauOf(ctx, '410102');
    const elsewhere = await bureauOf(ctx, '410300');
    const countyUnit = await buildOrg(ctx, { kind: 'unit', parent: county });
    const cityDept = await buildOrg(ctx, { kind: 'department', parent: city });
    const scopes = [countyUnit.path, county.path, cityDept.path, city.path, elsewhere.path, province.path];
    const written: { id: number; path: string }[] = [];
    for (let i = 0; i < 24; i++) {
      const path = scopes[i % scopes.length]!;
      await writeAudit(ctx.deps.db, { actor: null, meta: { ip: null, userAgent: null, now: new Date() }, actorName: '测试' }, {
        action: 'test.queryShapes',
        objectType: 'test',
        objectId: i,
        scopePath: path,
      });
      const [row] = await ctx.deps.db
        .select({ id: schema.auditLog.id })
        .from(schema.auditLog)
        .where(eq(schema.auditLog.action, 'test.queryShapes'))
        .orderBy(desc(schema.auditLog.id))
        .limit(1);
      written.push({ id: row!.id, path });
    }
    const walk = async (org: OrgRow) => {
      const as = await login(ctx, await buildAdmin(ctx, org));
      const seen: number[] = [];
      let before: number | null = null;
      for (let pages = 0; pages < 30; pages++) {
        const body: { items: { id: number }[]; nextBefore: number | null } = await get(
          `/api/admin/audit?action=test.queryShapes&limit=5${before ? `&before=${before}` : ''}`,
          as,
        );
        seen.push(...body.items.map((i) => i.id));
        before = body.nextBefore;
        if (before === null) return seen;
      }
      throw new Error('the pages did not end');
    };
    const expected = (org: OrgRow) =>
      written
        .filter((w) => w.path.startsWith(org.path))
        .map((w) => w.id)
        .sort((a, b) => b - a);
    expect(await walk(county)).toEqual(expected(county));
    expect(expected(county)).toHaveLength(8);
    expect(await walk(city)).toEqual(expected(city));
    expect(expected(city)).toHaveLength(16);
    expect(await walk(province)).toEqual(expected(province));
    expect(expected(province)).toHaveLength(24);
  });
});
