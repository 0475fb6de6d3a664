/**
 * The organisation tree at provincial scale: 100,000 organisations under the real HRSS bureaus
 * (departments under every county and city bureau, units under the departments). Measures the
 * access check (a path prefix test, no query) and the subtree queries of the admin console.
 * BENCH_DATABASE_URL=postgres://… runs it on a fresh database of that server instead of PGlite.
 */
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { migrate, openPostgres, pgliteExtensions, schema, wrapPglite, type Database } from '../src/db';
import { ensureBureaus } from '../src/modules/organisations/bureaus';
import { countSubtree, listSubtree } from '../src/modules/organisations/repo';
import { requireAccess } from '../src/access/access';
import type { Actor } from '../src/access/actor';
import type { BenchResult } from './run';
import { freshBenchPostgres } from './databases';

const TARGET = 100_000;

async function open(): Promise<{ database: Database; drop(): Promise<void> }> {
  const pgDb = await freshBenchPostgres('ce_bench');
  if (!pgDb.url) return { database: wrapPglite(await PGlite.create({ extensions: pgliteExtensions })), drop: pgDb.drop };
  return { database: openPostgres(pgDb.url, 4), drop: pgDb.drop };
}

/** Adds `perParent` children of `kind` under every organisation selected by `parentsWhere`, paths set in SQL. */
async function addLevel(database: Database, kind: 'department' | 'unit', perParent: number, parentsWhere: ReturnType<typeof sql>) {
  await database.db.execute(sql`
    insert into organisations (kind, name, credit_code, region_code, parent_id, path, depth, status)
    select ${kind}, p.name || '下属' || ${kind} || g, null, p.region_code, p.id, '', p.depth + 1, 'active'
    from organisations p cross join generate_series(1, ${perParent}) g
    where ${parentsWhere}`);
  await database.db.execute(sql`
    update organisations c set path = p.path || c.id || '/'
    from organisations p where c.parent_id = p.id and c.path = ''`);
}

const ms = (n: number) => `${n.toFixed(3)} ms`;

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - start) / runs;
}

export default async function organisationsBench(): Promise<BenchResult[]> {
  const { database, drop } = await open();
  try {
    await migrate(database);
    await ensureBureaus(database.db);
    const bureaus = await database.db.select().from(schema.organisations).where(eq(schema.organisations.kind, 'hrss'));
    // ~175 bureaus × 20 departments × 28 units ≈ 101,500 organisations.
    const t0 = performance.now();
    await addLevel(database, 'department', 20, sql`p.kind = 'hrss'`);
    await addLevel(database, 'unit', 28, sql`p.kind = 'department'`);
    const loadMs = performance.now() - t0;
    await database.db.execute(sql`analyze organisations`);
    const [{ n }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(schema.organisations)) as [{ n: number }];
    if (n < TARGET) throw new Error(`only ${n} organisations`);

    const province = bureaus.find((b) => b.regionCode === '410000')!;
    const zhengzhou = bureaus.find((b) => b.regionCode === '410100')!;
    const [unit] = await database.db
      .select()
      .from(schema.organisations)
      .where(sql`${schema.organisations.kind} = 'unit' and ${schema.organisations.path} like ${`${zhengzhou.path}%`}`)
      .limit(1);
    const actorOf = (org: typeof province): Actor => ({
      accountId: 1,
      personId: 1,
      role: 'hrss',
      name: 'bench',
      org: { id: org.id, kind: org.kind, path: org.path, parentId: org.parentId, regionCode: org.regionCode, name: org.name },
      isSuperAdmin: true,
      permissions: new Set(),
      workDepartmentIds: null,
    });

    const checks = 1_000_000;
    const zzActor = actorOf(zhengzhou);
    const target = { id: unit!.id, kind: unit!.kind, path: unit!.path, parentId: unit!.parentId };
    const c0 = performance.now();
    for (let i = 0; i < checks; i++) requireAccess(zzActor, { action: 'org.read', org: target });
    const checkNs = ((performance.now() - c0) / checks) * 1e6;

    const firstPage = await timeIt(50, () => listSubtree(database.db, province, { limit: 21 }));
    const cityPage = await timeIt(50, () => listSubtree(database.db, zhengzhou, { limit: 21 }));
    const deepPage = await timeIt(50, () => listSubtree(database.db, zhengzhou, { limit: 21, before: unit!.id }));
    const byName = await timeIt(20, () => listSubtree(database.db, zhengzhou, { limit: 21, name: '下属unit7' }));
    const countProvince = await timeIt(10, () => countSubtree(database.db, province));
    const countCity = await timeIt(20, () => countSubtree(database.db, zhengzhou));
    const kind = database.kind;
    return [
      { bench: 'organisations', metric: `database`, value: kind },
      { bench: 'organisations', metric: 'organisations in the tree', value: String(n) },
      { bench: 'organisations', metric: 'load (bulk SQL)', value: `${(loadMs / 1000).toFixed(1)} s` },
      { bench: 'organisations', metric: 'requireAccess (subtree check)', value: `${checkNs.toFixed(0)} ns` },
      { bench: 'organisations', metric: 'subtree page, province (20 rows)', value: ms(firstPage) },
      { bench: 'organisations', metric: 'subtree page, Zhengzhou (20 rows)', value: ms(cityPage) },
      { bench: 'organisations', metric: 'subtree page, Zhengzhou, keyset deep', value: ms(deepPage) },
      { bench: 'organisations', metric: 'subtree name search, Zhengzhou', value: ms(byName) },
      { bench: 'organisations', metric: 'count subtree, province', value: ms(countProvince) },
      { bench: 'organisations', metric: 'count subtree, Zhengzhou', value: ms(countCity) },
    ];
  } finally {
    await database.close();
    await drop();
  }
}
