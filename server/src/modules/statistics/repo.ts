/**
 * Queries of 查询统计. The refresh is set-based SQL (one statement per year); the reads are index
 * look-ups on stat_rollups (primary key org_id, year, dim, key) and keyset pages of the people.
 */
import { openIdNumber } from '../../db/pii';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db';
import { organisations, statPersonYears, statRefreshes, statRollups, workDepartments, type StatDimension } from '../../db/schema';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export interface PersonYearFacts {
  personId: number;
  year: number;
  publicHours: number;
  professionalHours: number;
  requiredPublic: number;
  requiredProfessional: number;
  passed: boolean;
  updatedAt: Date;
}

/** The year's facts of these people (a page of an export); a person without a row has no counted hours. */
export async function personYearFactsOf(q: Queryable, personIds: readonly number[], year: number): Promise<Map<number, PersonYearFacts>> {
  if (personIds.length === 0) return new Map();
  const rows = await q
    .select()
    .from(statPersonYears)
    .where(and(eq(statPersonYears.year, year), inArray(statPersonYears.personId, [...personIds])));
  return new Map(rows.map((r) => [r.personId, r]));
}

/** Writes a person's year (inside the transaction that changed the counted hours). */
export async function upsertPersonYear(q: Queryable, row: PersonYearFacts): Promise<void> {
  await q
    .insert(statPersonYears)
    .values(row)
    .onConflictDoUpdate({
      target: [statPersonYears.personId, statPersonYears.year],
      set: {
        publicHours: row.publicHours,
        professionalHours: row.professionalHours,
        requiredPublic: row.requiredPublic,
        requiredProfessional: row.requiredProfessional,
        passed: row.passed,
        updatedAt: row.updatedAt,
      },
    });
}

/** Person-years with approved records but no stat row (data from before the statistics existed). */
export async function personYearsMissingFacts(q: Queryable, year: number, limit: number): Promise<number[]> {
  const result = await q.execute(sql`
    select distinct d.person_id from declarations d
    where d.year = ${year} and d.status = 'approved'
      and not exists (select 1 from stat_person_years s where s.person_id = d.person_id and s.year = ${year})
    limit ${limit}`);
  return rowsOf<{ person_id: number }>(result).map((r) => Number(r.person_id));
}

/**
 * 学时来源 of a declaration `d` (DECLARATION_SOURCES), with its batch joined as `b`: a batch's
 * declarer kind, hours from another province (外省转入), a 学时转登 entry, else the person's own declaration. A new channel adds its branch.
 */
const declarationSource = sql.raw(`case
  when b.declarer_org_kind = 'unit' then 'unit_batch'
  when b.declarer_org_kind = 'department' then 'department_batch'
  when b.declarer_org_kind = 'base' then 'base'
  when d.origin_province is not null then 'province_transfer'
  when d.platform_id is not null then 'platform'
  when exists (select 1 from historical_hour_entries h where h.declaration_id = d.id) then 'historical'
  else 'personal' end`);

/**
 * Rebuilds the year's rollups in one statement: people are first grouped per unit (and 工作部门,
 * title), declarations per unit and form; only those unit-level groups are then added to every
 * ancestor on the unit's materialised path. Returns the number of rollup rows.
 */
export async function rebuildRollups(q: Queryable, year: number, endOfYear: Date): Promise<number> {
  await q.delete(statRollups).where(eq(statRollups.year, year));
  const result = await q.execute(sql`
    insert into stat_rollups (org_id, year, dim, key, registered, with_hours, passed, public_hours, professional_hours, pending)
    with people as (
      select a.org_id as unit_id, a.work_department_id as wd, p.title_series as series, p.title_level as level,
             count(*)::int as registered,
             count(*) filter (where s.public_hours + s.professional_hours > 0)::int as with_hours,
             count(*) filter (where s.passed)::int as passed,
             coalesce(sum(s.public_hours), 0) as pub,
             coalesce(sum(s.professional_hours), 0) as prof,
             coalesce(sum(pd.n), 0)::int as pending
      from accounts a
      join professional_profiles p on p.person_id = a.person_id
      left join stat_person_years s on s.person_id = a.person_id and s.year = ${year}
      left join (select person_id, count(*)::int as n from declarations
                  where year = ${year} and status = 'pending' group by person_id) pd on pd.person_id = a.person_id
      where a.role = 'professional' and a.status = 'active'
        and (a.created_at < ${endOfYear.toISOString()}::timestamptz or s.person_id is not null)
      group by a.org_id, a.work_department_id, p.title_series, p.title_level
    ),
    decl as (
      select a.org_id as unit_id, d.form,
             coalesce(sum(d.claimed_hours) filter (where d.status = 'approved' and d.subject = 'public' and d.form <> 'reduction'), 0) as pub,
             coalesce(sum(d.claimed_hours) filter (where d.status = 'approved' and d.subject = 'professional' and d.form <> 'reduction'), 0) as prof,
             count(*) filter (where d.status = 'pending')::int as pending
      from declarations d
      join accounts a on a.person_id = d.person_id and a.role = 'professional' and a.status = 'active'
      where d.year = ${year} and d.status in ('approved', 'pending')
      group by a.org_id, d.form
    ),
    src as (
      select a.org_id as unit_id, ${declarationSource} as source,
             coalesce(sum(d.claimed_hours) filter (where d.status = 'approved' and d.subject = 'public' and d.form <> 'reduction'), 0) as pub,
             coalesce(sum(d.claimed_hours) filter (where d.status = 'approved' and d.subject = 'professional' and d.form <> 'reduction'), 0) as prof,
             count(*) filter (where d.status = 'pending')::int as pending
      from declarations d
      join accounts a on a.person_id = d.person_id and a.role = 'professional' and a.status = 'active'
      left join declaration_batches b on b.id = d.batch_id
      where d.year = ${year} and d.status in ('approved', 'pending')
      group by 1, 2
    ),
    unit_rows as (
      select unit_id, 'total' as dim, '' as key, sum(registered)::int as registered, sum(with_hours)::int as with_hours,
             sum(passed)::int as passed, sum(pub) as pub, sum(prof) as prof, sum(pending)::int as pending
        from people group by unit_id
      union all
      select unit_id, 'series', series || '|' || level, sum(registered)::int, sum(with_hours)::int, sum(passed)::int, sum(pub), sum(prof), sum(pending)::int
        from people group by unit_id, series, level
      union all
      select unit_id, 'workdept', coalesce(wd::text, ''), sum(registered)::int, sum(with_hours)::int, sum(passed)::int, sum(pub), sum(prof), sum(pending)::int
        from people group by unit_id, wd
      union all
      select unit_id, 'form', form, 0, 0, 0, pub, prof, pending from decl
      union all
      select unit_id, 'source', source, 0, 0, 0, pub, prof, pending from src
    ),
    expanded as (
      select anc.id as org_id, r.dim, r.key, r.registered, r.with_hours, r.passed, r.pub, r.prof, r.pending
        from unit_rows r
        join organisations u on u.id = r.unit_id
        cross join lateral unnest(string_to_array(trim(both '/' from u.path), '/')::int[]) as anc(id)
       where r.dim <> 'workdept' or anc.id = r.unit_id
      union all
      select anc.id, 'region', u.region_code, r.registered, r.with_hours, r.passed, r.pub, r.prof, r.pending
        from unit_rows r
        join organisations u on u.id = r.unit_id
        cross join lateral unnest(string_to_array(trim(both '/' from u.path), '/')::int[]) as anc(id)
       where r.dim = 'total'
    )
    select org_id, ${year}, dim, key, sum(registered)::int, sum(with_hours)::int, sum(passed)::int,
           sum(pub), sum(prof), sum(pending)::int
      from expanded group by org_id, dim, key`);
  return Number((result as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows ?? 0);
}

export async function countRollups(q: Queryable, year: number): Promise<number> {
  const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(statRollups).where(eq(statRollups.year, year));
  return Number(row?.n ?? 0);
}

export async function saveRefresh(q: Queryable, row: typeof statRefreshes.$inferInsert): Promise<void> {
  await q
    .insert(statRefreshes)
    .values(row)
    .onConflictDoUpdate({ target: statRefreshes.year, set: { refreshedAt: row.refreshedAt, durationMs: row.durationMs, rollupRows: row.rollupRows } });
}

export async function refreshTimes(q: Queryable, years: number[]): Promise<Map<number, Date>> {
  if (years.length === 0) return new Map();
  const rows = await q.select().from(statRefreshes).where(inArray(statRefreshes.year, years));
  return new Map(rows.map((r) => [r.year, r.refreshedAt]));
}

/** Years that hold approved records or were refreshed before (what the daily refresh rebuilds). */
export async function yearsWithData(q: Queryable): Promise<number[]> {
  const result = await q.execute(sql`
    select distinct year from declarations where status = 'approved'
    union select year from stat_refreshes`);
  return rowsOf<{ year: number }>(result).map((r) => Number(r.year));
}

export type RollupRow = typeof statRollups.$inferSelect;

export async function rollupsOf(q: Queryable, orgId: number, year: number, dims: StatDimension[]): Promise<RollupRow[]> {
  return q
    .select()
    .from(statRollups)
    .where(and(eq(statRollups.orgId, orgId), eq(statRollups.year, year), inArray(statRollups.dim, dims)));
}

export async function totalsOverYears(q: Queryable, orgId: number, from: number, to: number): Promise<RollupRow[]> {
  return q
    .select()
    .from(statRollups)
    .where(and(eq(statRollups.orgId, orgId), eq(statRollups.dim, 'total'), eq(statRollups.key, ''), sql`${statRollups.year} between ${from} and ${to}`))
    .orderBy(asc(statRollups.year));
}

/** Active children of an organisation with their subtree totals (drill-down), biggest first. */
export async function childrenTotals(q: Queryable, orgId: number, year: number, offset: number, limit: number) {
  const rows = await q.execute(sql`
    select o.id, o.name, o.kind, o.region_code,
           exists (select 1 from organisations c where c.parent_id = o.id and c.status = 'active') as has_children,
           coalesce(r.registered, 0) as registered, coalesce(r.with_hours, 0) as with_hours, coalesce(r.passed, 0) as passed,
           coalesce(r.public_hours, 0) as public_hours, coalesce(r.professional_hours, 0) as professional_hours,
           coalesce(r.pending, 0) as pending
      from organisations o
      left join stat_rollups r on r.org_id = o.id and r.year = ${year} and r.dim = 'total' and r.key = ''
     where o.parent_id = ${orgId} and o.status = 'active'
     order by coalesce(r.registered, 0) desc, o.id
     offset ${offset} limit ${limit}`);
  const [count] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(organisations)
    .where(and(eq(organisations.parentId, orgId), eq(organisations.status, 'active')));
  return {
    total: Number(count?.n ?? 0),
    items: rowsOf<{
      id: number;
      name: string;
      kind: string;
      region_code: string;
      has_children: boolean;
      registered: number;
      with_hours: number;
      passed: number;
      public_hours: string | number;
      professional_hours: string | number;
      pending: number;
    }>(rows),
  };
}

export async function orgsByIds(q: Queryable, ids: number[]) {
  if (ids.length === 0) return [];
  return q.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).where(inArray(organisations.id, ids));
}

export async function workDepartmentNames(q: Queryable, orgId: number) {
  return q.select({ id: workDepartments.id, name: workDepartments.name }).from(workDepartments).where(eq(workDepartments.orgId, orgId));
}

export interface UnmetFilter {
  year: number;
  endOfYear: Date;
  pathPrefix: string;
  /** A 工作部门-scoped admin: only these (of their own unit). */
  scope: { unitId: number; workDepartmentIds: number[] } | null;
  workDepartmentId?: number;
  titleSeries?: string;
  titleLevel?: string;
  q?: string;
  missing: 'public' | 'professional' | 'any';
}

export interface UnmetRow {
  account_id: number;
  person_id: number;
  name: string;
  id_number: string;
  unit_id: number;
  unit_name: string;
  unit_region: string;
  wd_id: number | null;
  wd_name: string | null;
  title_series: string;
  title_level: string;
  public_hours: string | number | null;
  professional_hours: string | number | null;
  required_public: string | number | null;
  required_professional: string | number | null;
}

/**
 * 未达标名单: active professionals of the subtree (registered by the end of the year, or with hours in
 * it) whose year has not passed, newest account first (keyset on the account id).
 * Missing 公需/专业 is filtered here only for people with a stat row; people without counted hours
 * miss both parts.
 */
export async function unmetPage(q: Queryable, f: UnmetFilter, opts: { before?: number; limit: number }): Promise<UnmetRow[]> {
  const conds: SQL[] = [
    sql`a.role = 'professional'`,
    sql`a.status = 'active'`,
    sql`u.path like ${`${f.pathPrefix}%`}`,
    sql`(s.passed is null or s.passed = false)`,
    sql`(a.created_at < ${f.endOfYear.toISOString()}::timestamptz or s.person_id is not null)`,
  ];
  if (f.scope) {
    conds.push(sql`a.org_id = ${f.scope.unitId}`);
    conds.push(
      f.scope.workDepartmentIds.length
        ? sql`a.work_department_id in (${sql.join(f.scope.workDepartmentIds.map((id) => sql`${id}`), sql`, `)})`
        : sql`false`,
    );
  }
  if (f.workDepartmentId) conds.push(sql`a.work_department_id = ${f.workDepartmentId}`);
  if (f.titleSeries) conds.push(sql`p.title_series = ${f.titleSeries}`);
  if (f.titleLevel) conds.push(sql`p.title_level = ${f.titleLevel}`);
  if (f.q) conds.push(sql`pe.name like ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.missing === 'public') conds.push(sql`(s.person_id is null or s.public_hours < s.required_public)`);
  if (f.missing === 'professional') conds.push(sql`(s.person_id is null or s.professional_hours < s.required_professional)`);
  if (opts.before) conds.push(sql`a.id < ${opts.before}`);
  const result = await q.execute(sql`
    select a.id as account_id, a.person_id, pe.name, pe.id_number_enc as id_number, u.id as unit_id, u.name as unit_name, u.region_code as unit_region,
           w.id as wd_id, w.name as wd_name, p.title_series, p.title_level,
           s.public_hours, s.professional_hours, s.required_public, s.required_professional
      from accounts a
      join organisations u on u.id = a.org_id
      join persons pe on pe.id = a.person_id
      join professional_profiles p on p.person_id = a.person_id
      left join work_departments w on w.id = a.work_department_id
      left join stat_person_years s on s.person_id = a.person_id and s.year = ${f.year}
     where ${sql.join(conds, sql` and `)}
     order by a.id desc
     limit ${opts.limit}`);
  // Raw SQL gets the ciphertext: decrypted here, like every repository read of a person.
  return rowsOf<UnmetRow>(result).map((r) => ({ ...r, id_number: openIdNumber(r.id_number) }));
}

const REFRESH_LOCK = 724_212;

/** Statement lock: two servers (or a click and the schedule) never rebuild at once; held to the end of `tx`. */
export async function lockRefresh(tx: Queryable) {
  await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
}
