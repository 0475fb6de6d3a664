/**
 * 查询统计 at provincial scale: ≥ 1,000,000 professionals in ~100,000 organisations under the real
 * HRSS bureaus, 3 declarations each for the year (≈ 3 million), generated set-based in SQL.
 * Measures the hook's per-approval cost, the scheduled rebuild of a year's rollups, and the reads
 * behind the statistics pages (province / city / unit figures, drill-down, 未达标名单 pages).
 *
 * BENCH_DATABASE_URL=postgres://… runs it on a fresh database of that server (dropped afterwards);
 * without it on PGlite in memory. STAT_BENCH_PEOPLE overrides the number of people.
 */
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { migrate, openPostgres, pgliteExtensions, schema, wrapPglite, type Database } from '../src/db';
import { ensureBureaus } from '../src/modules/organisations/bureaus';
import { testConfig } from '../src/config';
import { sealIdNumber, usePiiKeys } from '../src/db/pii';
import { outboxNotifier } from '../src/modules/notify/notifier';
import type { Actor } from '../src/access/actor';
import type { Deps } from '../src/http/context';
import { refreshStatistics, syncPersonYear } from '../src/modules/statistics/refresh';
import { statisticsChildren, statisticsOverview, statisticsUnmet } from '../src/modules/statistics/service';
import type { BenchResult } from './run';
import { freshBenchPostgres } from './databases';

const PEOPLE = Number(process.env.STAT_BENCH_PEOPLE ?? 1_000_000);
const YEAR = 2026;

async function open(): Promise<{ database: Database; kind: string; drop(): Promise<void> }> {
  const pgDb = await freshBenchPostgres('ce_statbench');
  if (!pgDb.url) return { database: wrapPglite(await PGlite.create({ extensions: pgliteExtensions })), kind: 'PGlite', drop: pgDb.drop };
  return { database: openPostgres(pgDb.url, 4), kind: 'PostgreSQL', drop: pgDb.drop };
}

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

/** People spread over the units, their profiles, 3 declarations each, and their person-years. */
async function generate(database: Database) {
  const db = database.db;
  await addLevel(database, 'department', 20, sql`p.kind = 'hrss'`);
  // One real ciphertext for everybody (SQL cannot encrypt), so reads pay for decryption as in
  // production; the blind index is a unique stand-in (nobody logs in here).
  const benchIdNumber = sealIdNumber('410105198501010011').idNumberEnc;
  await addLevel(database, 'unit', 28, sql`p.kind = 'department'`);
  await db.execute(sql`
    insert into persons (id_number_enc, id_number_index, name, password_hash)
    select ${benchIdNumber}, 'B' || lpad(g::text, 17, '0'), '专技人员' || g, 'x' from generate_series(1, ${PEOPLE}) g`);
  await db.execute(sql`
    with u as (select id, path, row_number() over (order by id) as rn from organisations where kind = 'unit'),
         n as (select count(*) as c from u)
    insert into accounts (person_id, role, org_id, org_path, status, created_at)
    select p.id, 'professional', u.id, u.path, 'active', '2024-03-01T00:00:00Z'
      from persons p join u on u.rn = (p.id % (select c from n)) + 1`);
  await db.execute(sql`
    insert into professional_profiles (person_id, cert_no, gender, birth_date, major, title_series, title_level)
    select id, 'C' || lpad(id::text, 12, '0'), case when id % 2 = 0 then 'male' else 'female' end, '1985-01-01', '教育学类',
           (array['中小学教师','高校教师','卫生技术','工程技术','会计','经济','农业技术','新闻出版'])[1 + id % 8],
           (array['junior','intermediate','senior','full_senior'])[1 + id % 4]
      from persons`);
  // Per person: 公需 (approved), 专业 training (approved), 专业 conference (approved, or pending for 1 in 10).
  await db.execute(sql`
    insert into declarations (person_id, account_id, unit_id, unit_path, year, subject, form, title, organiser,
                              start_date, end_date, assessment_result, params, claimed_hours, standard_basis,
                              status, submission_no, created_at, updated_at, approved_at)
    select a.person_id, a.id, a.org_id, o.path, ${YEAR}, k.subject, k.form, '学习内容', '主办单位',
           '2026-03-01', '2026-03-05', '合格', '{}'::jsonb,
           case k.n when 1 then 10 + (a.person_id * 7) % 30 when 2 then 20 + (a.person_id * 13) % 40 else 6 + (a.person_id * 3) % 20 end,
           '由主办单位确定',
           case when k.n = 3 and a.person_id % 10 = 0 then 'pending' else 'approved' end,
           1, now(), now(), case when k.n = 3 and a.person_id % 10 = 0 then null else now() end
      from accounts a join organisations o on o.id = a.org_id
      cross join (values (1, 'public', 'training'), (2, 'professional', 'training'), (3, 'professional', 'conference')) as k(n, subject, form)
     where a.role = 'professional'`);
  // What the counted-hours hook leaves behind, set-based (2018 onwards: 30 公需 + 60 专业).
  await db.execute(sql`
    insert into stat_person_years (person_id, year, public_hours, professional_hours, required_public, required_professional, passed, updated_at)
    select person_id, ${YEAR},
           coalesce(sum(claimed_hours) filter (where subject = 'public'), 0),
           coalesce(sum(claimed_hours) filter (where subject = 'professional'), 0), 30, 60,
           coalesce(sum(claimed_hours) filter (where subject = 'public'), 0) >= 30
             and coalesce(sum(claimed_hours) filter (where subject = 'professional'), 0) >= 60,
           now()
      from declarations where status = 'approved' and year = ${YEAR} group by person_id`);
  for (const t of ['organisations', 'persons', 'accounts', 'professional_profiles', 'declarations', 'stat_person_years']) {
    await db.execute(sql.raw(`analyze ${t}`));
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - start) / runs;
}

const adminOf = (org: typeof schema.organisations.$inferSelect): Actor => ({
  accountId: 0,
  personId: 0,
  role: org.kind,
  name: '基准测试',
  org: { id: org.id, kind: org.kind, path: org.path, parentId: org.parentId, regionCode: org.regionCode, name: org.name },
  isSuperAdmin: true,
  permissions: new Set(),
  workDepartmentIds: null,
});

export default async function statisticsBench(): Promise<BenchResult[]> {
  const { database, kind, drop } = await open();
  const rows: BenchResult[] = [];
  const row = (metric: string, value: string) => rows.push({ bench: `statistics (${kind})`, metric, value });
  try {
    await migrate(database);
    await ensureBureaus(database.db);
    usePiiKeys(testConfig());
    const t0 = performance.now();
    await generate(database);
    const db = database.db;
    const count = async (table: string) => Number(((await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n);
    row('people / organisations / declarations', `${await count('accounts')} / ${await count('organisations')} / ${await count('declarations')}`);
    row('set-based generation', `${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const now = () => new Date('2026-11-30T02:00:00Z');
    // The statistics reads never touch the job queue.
    const deps = { db, dbKind: database.kind, config: testConfig(), notifier: outboxNotifier, now } as Omit<Deps, 'jobs'> as Deps;
    const refresh = await refreshStatistics(db, YEAR, now);
    row(`rebuild of the year's rollups (scheduled job)`, `${(refresh.durationMs / 1000).toFixed(1)} s, ${refresh.rollupRows} rows`);

    const bureaus = await db.select().from(schema.organisations).where(eq(schema.organisations.kind, 'hrss'));
    const province = bureaus.find((b) => b.regionCode === '410000')!;
    const zhengzhou = bureaus.find((b) => b.regionCode === '410100')!;
    const [unit] = await db.select().from(schema.organisations).where(sql`kind = 'unit' and path like ${`${zhengzhou.path}%`}`).limit(1);
    const [county] = await db.select().from(schema.organisations).where(sql`kind = 'hrss' and region_code = '410105'`);

    const overview = await statisticsOverview(deps, adminOf(province), { year: YEAR });
    row('province figures (registered / passed)', `${overview.totals.registered} / ${overview.totals.passed}`);
    row('province figures with every breakdown, one request', ms(await timeIt(20, () => statisticsOverview(deps, adminOf(province), { year: YEAR }))));
    row('city (郑州) figures with every breakdown', ms(await timeIt(20, () => statisticsOverview(deps, adminOf(zhengzhou), { year: YEAR }))));
    row('unit figures with every breakdown', ms(await timeIt(20, () => statisticsOverview(deps, adminOf(unit!), { year: YEAR }))));
    row('drill-down: the province’s children', ms(await timeIt(20, () => statisticsChildren(deps, adminOf(province), { year: YEAR, offset: 0, limit: 100 }))));
    row('drill-down: a county bureau’s children', ms(await timeIt(20, () => statisticsChildren(deps, adminOf(province), { orgId: county!.id, year: YEAR, offset: 0, limit: 100 }))));
    const unmetQuery = { year: YEAR, missing: 'any' as const, limit: 50 };
    row('未达标名单 first page, province', ms(await timeIt(10, () => statisticsUnmet(deps, adminOf(province), unmetQuery))));
    row('未达标名单 first page, 郑州', ms(await timeIt(10, () => statisticsUnmet(deps, adminOf(zhengzhou), unmetQuery))));
    row('未达标名单 first page, one unit', ms(await timeIt(10, () => statisticsUnmet(deps, adminOf(unit!), unmetQuery))));
    const deep = await statisticsUnmet(deps, adminOf(zhengzhou), { ...unmetQuery, limit: 200 });
    row('未达标名单 next page (keyset), 郑州', ms(await timeIt(10, () => statisticsUnmet(deps, adminOf(zhengzhou), { ...unmetQuery, before: deep.nextBefore ?? undefined }))));
    row('未达标名单 filtered (职称系列 + missing 公需), province', ms(await timeIt(10, () => statisticsUnmet(deps, adminOf(province), { ...unmetQuery, titleSeries: '会计', missing: 'public' }))));
    // The hook's own cost inside a final approval: recompute one person's year and upsert it.
    const [someone] = await db.select({ id: schema.accounts.personId }).from(schema.accounts).where(eq(schema.accounts.role, 'professional')).limit(1);
    row('counted-hours hook (one person-year, in the approval transaction)', ms(await timeIt(50, () => db.transaction((tx) => syncPersonYear(tx, someone!.id, YEAR, now())))));
  } catch (err) {
    console.error('statistics bench failed:', err);
    throw err;
  } finally {
    await database.close();
    if (!process.env.STAT_BENCH_KEEP) await drop();
    else console.log('kept database', process.env.STAT_BENCH_KEEP);
  }
  return rows;
}
