/**
 * The province-scale data set of `npm run bench -- province` (issue 13 item 5): N professionals
 * (default 1,000,000) in ~100,000 organisations under the 175 real HRSS bureaus, ~10 declarations
 * each over five years in every state (draft, pending at every level, approved, rejected, revoked,
 * deleted) with their latest history event, the certificate-years the approvals make (valid, and
 * revoked where a record was revoked), and three audit rows per person.
 *
 * Set-based: everything but the people's sealed ID numbers is one INSERT … SELECT per table (in
 * slices of people, for progress); the ID numbers are sealed and blind-indexed in Node (SQL cannot
 * compute SM4 / HMAC-SM3) and inserted 20,000 at a time through unnest(), the next slice sealed while
 * PostgreSQL inserts the previous one. The big tables' secondary indexes are dropped before the load
 * and rebuilt after it (as a restore does), then everything is analysed.
 */
import { performance } from 'node:perf_hooks';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../src/db';
import { hashPassword } from '../src/modules/auth/passwords';
import { sealIdNumber } from '../src/db/pii';
import { idNumberOf } from '../test/spawned-server';

export const BENCH_PASSWORD = 'Bench@2026';
/** The current year of the data set (its records are being declared and reviewed). */
export const CURRENT_YEAR = 2026;
export const FIRST_YEAR = 2022;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平',
  '刚', '桂英', '建华', '文', '华', '金凤', '志强', '玉兰', '建国', '海燕', '红梅', '晓明', '婷', '雪', '琳', '浩', '宇', '欣怡', '子涵', '思远',
];

/** The name of person i (0-based): ~8,000 distinct names, some 2-character (张伟), most 3. */
export function nameOf(i: number): string {
  const s = SURNAMES[i % SURNAMES.length]!;
  const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const g2 = Math.floor(i / (SURNAMES.length * GIVEN.length)) % 3 === 0 ? '' : GIVEN[(i * 7) % GIVEN.length]!.slice(0, 1);
  return s + g1 + g2;
}

export interface GenerateOptions {
  people: number;
  log: (line: string) => void;
}

export interface GenerateStats {
  stages: { stage: string; seconds: number }[];
  counts: Record<string, number>;
}

/** The offices under a bureau (20 departments each). */
const DEPARTMENT_NAMES = [
  '教育局', '卫生健康委员会', '住房和城乡建设局', '交通运输局', '农业农村局', '水利局', '自然资源和规划局', '工业和信息化局', '财政局', '文化广电和旅游局',
  '生态环境局', '市场监督管理局', '应急管理局', '科学技术局', '林业局', '统计局', '审计局', '商务局', '民政局', '司法局',
];
/** Kinds of institution a unit is (its name's last part). */
const UNIT_KINDS = [
  '中学', '小学', '人民医院', '中医院', '建筑设计研究院', '公路工程有限公司', '农业技术推广站', '水利工程处', '测绘院', '电子科技有限公司',
  '会计师事务所', '图书馆', '环境监测站', '质量检验检测中心', '安全生产技术服务中心', '农业科学研究所', '林场', '职业技术学校', '律师事务所', '社会福利院',
];
/** 一 … 二十八: a unit's ordinal among its department's units. */
const ORDINALS = Array.from({ length: 28 }, (_, i) => {
  const digits = '一二三四五六七八九';
  const n = i + 1;
  return n < 10 ? digits[n - 1]! : `${n >= 20 ? digits[Math.floor(n / 10) - 1]! : ''}十${n % 10 ? digits[(n % 10) - 1]! : ''}`;
});

const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

const BIG_TABLES = ['persons', 'accounts', 'professional_profiles', 'declarations', 'declaration_events', 'certificates', 'audit_log'];

export async function generateProvince(database: Database, opts: GenerateOptions): Promise<GenerateStats> {
  const db = database.db;
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);
  const stages: GenerateStats['stages'] = [];
  const stage = async (name: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    const seconds = (performance.now() - t) / 1000;
    stages.push({ stage: name, seconds });
    opts.log(`  ${name}: ${seconds.toFixed(1)} s`);
  };
  const N = opts.people;
  // ~10 people per unit at a million: 20 departments per bureau, up to 28 units per department.
  const unitsPerDepartment = Math.max(1, Math.min(28, Math.round(N / (175 * 20 * 10))));

  // Secondary indexes of the big tables (not those behind constraints): dropped now, rebuilt at the end.
  const indexRows = (await exec(sql`
    select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename in (${sql.join(BIG_TABLES.map((t) => sql`${t}`), sql`, `)})
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`)) as unknown as { rows: { indexname: string; indexdef: string }[] };
  const indexes = indexRows.rows;
  await stage(`drop ${indexes.length} secondary indexes`, async () => {
    for (const ix of indexes) await exec(sql.raw(`drop index ${ix.indexname}`));
  });

  await stage(`organisations (20 departments per bureau, ${unitsPerDepartment} units per department)`, async () => {
    // Names as real ones read (no word every name shares, which would make the name search's trigram
    // index useless and the benchmark's plan a generator artifact): a department is the bureau's region
    // and one of twenty offices (郑州市教育局), a unit the region, an ordinal and a kind of institution
    // (金水区第三中学); the kind follows the department's id, so the units of one bureau differ.
    const region = (name: SQL) => sql`regexp_replace(${name}, '人力资源和社会保障[局厅]$', '')`;
    await exec(sql`
      insert into organisations (kind, name, credit_code, region_code, parent_id, path, depth, status, created_at)
      select 'department', ${region(sql`p.name`)} || (${textArray(DEPARTMENT_NAMES)})[g], null, p.region_code, p.id, '', p.depth + 1, 'active',
             timestamptz '2017-01-01' + (p.id % 365) * interval '1 day'
        from organisations p cross join generate_series(1, 20) g
       where p.kind = 'hrss'`);
    await exec(sql`update organisations c set path = p.path || c.id || '/' from organisations p where c.parent_id = p.id and c.path = ''`);
    await exec(sql`
      insert into organisations (kind, name, credit_code, region_code, parent_id, path, depth, status, created_at)
      select 'unit', ${region(sql`b.name`)} || '第' || (${textArray(ORDINALS)})[g] || (${textArray(UNIT_KINDS)})[1 + p.id % ${UNIT_KINDS.length}], null,
             p.region_code, p.id, '', p.depth + 1, 'active', timestamptz '2017-01-01' + (p.id % 365) * interval '1 day'
        from organisations p join organisations b on b.id = p.parent_id cross join generate_series(1, ${unitsPerDepartment}) g
       where p.kind = 'department'`);
    await exec(sql`update organisations c set path = p.path || c.id || '/' from organisations p where c.parent_id = p.id and c.path = ''`);
    // Every unit with its department and bureau (the review chain), numbered for spreading people.
    await exec(sql`drop table if exists bench_units`);
    await exec(sql`
      create table bench_units as
      select row_number() over (order by u.id) - 1 as rn, u.id as unit_id, u.path as unit_path, d.id as dept_id, b.id as bureau_id, b.name as bureau_name
        from organisations u join organisations d on d.id = u.parent_id join organisations b on b.id = d.parent_id
       where u.kind = 'unit'`);
    await exec(sql`create unique index on bench_units (rn)`);
  });

  const hash = await hashPassword(BENCH_PASSWORD);
  await stage(`persons (ID numbers sealed in Node, 20,000 per statement)`, async () => {
    const SLICE = 20_000;
    const sealSlice = (from: number) => {
      const enc: string[] = [];
      const index: string[] = [];
      const names: string[] = [];
      for (let i = from; i < Math.min(N, from + SLICE); i++) {
        const s = sealIdNumber(idNumberOf(i));
        enc.push(s.idNumberEnc);
        index.push(s.idNumberIndex);
        names.push(nameOf(i));
      }
      return { enc, index, names };
    };
    let pending: Promise<unknown> = Promise.resolve();
    for (let from = 0; from < N; from += SLICE) {
      const s = sealSlice(from); // while PostgreSQL inserts the previous slice
      await pending;
      // Raw pg: each JS array goes as one array parameter (drizzle would expand it into a row).
      pending = database.sql.executeSql(
        `insert into persons (id_number_enc, id_number_index, name, password_hash, created_at)
         select e, x, n, $4, timestamptz '2017-01-01' + (o % 3650) * interval '1 day'
           from unnest($1::text[], $2::text[], $3::text[]) with ordinality as t(e, x, n, o)
          order by o`,
        [s.enc, s.index, s.names, hash],
      );
      if (from % 200_000 === 0) opts.log(`    persons ${from} …`);
    }
    await pending;
  });
  const [{ min, n }] = ((await exec(sql`select min(id)::int as min, count(*)::int as n from persons`)) as unknown as { rows: { min: number; n: number }[] }).rows as [{ min: number; n: number }];
  if (min !== 1 || n !== N) throw new Error(`persons are expected to be ids 1..${N} in a fresh database (min ${min}, count ${n})`);

  await stage('accounts and professional profiles', async () => {
    await exec(sql`
      insert into accounts (person_id, role, org_id, org_path, status, created_at, reviewed_at)
      select p.id, 'professional', u.unit_id, u.unit_path, 'active', p.created_at, p.created_at
        from persons p join bench_units u on u.rn = (p.id - 1) % (select count(*) from bench_units)`);
    await exec(sql`
      insert into professional_profiles (person_id, cert_no, gender, birth_date, major, title_series, title_level, created_at, updated_at)
      select id, '4101' || lpad(id::text, 9, '0'), case when id % 2 = 0 then 'male' else 'female' end,
             date '1965-01-01' + ((id - 1) / 900)::int, '教育学类',
             (array['中小学教师','高校教师','卫生技术','工程技术','会计','经济','农业技术','新闻'])[1 + id % 8],
             (array['junior','intermediate','deputy_senior','senior'])[1 + id % 4], created_at, created_at
        from persons`);
  });

  // Declarations k = 0..9 of each person: two per year (公需, 专业) from FIRST_YEAR, the last pair in
  // the current year. h decides the state: past years mostly approved; the current year mostly
  // pending or draft. Pending records wait at the unit, the department or the bureau (level h % 3).
  await stage('declarations (~10 per person, every state)', async () => {
    const SLICE = 100_000;
    for (let from = 1; from <= N; from += SLICE) {
      await exec(sql`
        insert into declarations (person_id, account_id, unit_id, unit_path, year, subject, form, title, organiser,
                                  start_date, end_date, assessment_result, params, claimed_hours, standard_basis,
                                  status, submission_no, review_chain, current_level, current_reviewer_org_id,
                                  submitted_at, approved_at, rejected_at, reject_reason, rejected_by_org_id,
                                  revoked_at, revoke_reason, revoked_by_org_id, created_at, updated_at)
        select d.person_id, d.account_id, d.unit_id, d.unit_path, d.year, d.subject, d.form,
               d.year || '年度' || case d.subject when 'public' then '公需科目' else '专业科目' end || '培训', '主办单位',
               make_date(d.year, d.month, 1), make_date(d.year, d.month, 5), '合格', '{}'::jsonb, d.hours, '由主办单位确定',
               d.status, case when d.status in ('draft', 'deleted') then 0 else 1 end,
               case when d.status in ('draft', 'deleted') then '{}'::int[] else array[d.unit_id, d.dept_id, d.bureau_id] end,
               case when d.status = 'pending' then d.h % 3 end,
               case when d.status = 'pending' then (array[d.unit_id, d.dept_id, d.bureau_id])[1 + d.h % 3] end,
               case when d.status not in ('draft', 'deleted') then d.at end,
               case when d.status in ('approved', 'revoked') then d.at + interval '20 days' end,
               case when d.status = 'rejected' then d.at + interval '10 days' end,
               case when d.status = 'rejected' then '证明材料不清晰，请重新上传' end,
               case when d.status = 'rejected' then d.dept_id end,
               case when d.status = 'revoked' then d.at + interval '200 days' end,
               case when d.status = 'revoked' then '抽查审验不合格' end,
               case when d.status = 'revoked' then d.bureau_id end,
               d.at, d.at + interval '20 days'
          from (
            select a.person_id, a.id as account_id, u.unit_id, u.unit_path, u.dept_id, u.bureau_id, k,
                   case when k < 8 then ${FIRST_YEAR} + k / 2 else ${CURRENT_YEAR} end as year,
                   case when k % 2 = 0 then 'public' else 'professional' end as subject,
                   case when k % 2 = 0 then 'training' else (array['training','conference','unit_training','department_training'])[1 + (a.person_id + k) % 4] end as form,
                   case when k % 2 = 0 then 30 + (a.person_id * 7 + k) % 11 else 60 + (a.person_id * 13 + k) % 21 end as hours,
                   1 + (a.person_id + k) % 9 as month,
                   (a.person_id * 31 + k * 17) % 100 as h,
                   case when k < 8 then
                     case when (a.person_id * 31 + k * 17) % 100 < 88 then 'approved'
                          when (a.person_id * 31 + k * 17) % 100 < 92 then 'rejected'
                          when (a.person_id * 31 + k * 17) % 100 < 95 then 'revoked'
                          when (a.person_id * 31 + k * 17) % 100 < 98 then 'pending'
                          else 'deleted' end
                   else
                     case when (a.person_id * 31 + k * 17) % 100 < 30 then 'approved'
                          when (a.person_id * 31 + k * 17) % 100 < 65 then 'pending'
                          when (a.person_id * 31 + k * 17) % 100 < 80 then 'draft'
                          when (a.person_id * 31 + k * 17) % 100 < 92 then 'rejected'
                          else 'deleted' end
                   end as status,
                   make_timestamptz(case when k < 8 then ${FIRST_YEAR} + k / 2 else ${CURRENT_YEAR} end, 1 + (a.person_id + k) % 9, 6, 8, 0, 0, 'Asia/Shanghai')
                     + (a.person_id % 600) * interval '1 minute' as at
              from accounts a
              join bench_units u on u.unit_id = a.org_id
              cross join generate_series(0, 9) k
             where a.role = 'professional' and a.person_id between ${from} and ${from + SLICE - 1}
          ) d`);
      opts.log(`    declarations of people ${from}… done`);
    }
  });

  await stage('declaration history (the latest event of every submitted record)', async () => {
    await exec(sql`
      insert into declaration_events (declaration_id, submission_no, action, level, org_id, org_name, actor_name, reason, at)
      select d.id, d.submission_no,
             case d.status when 'pending' then 'submit' when 'approved' then 'approve' when 'rejected' then 'reject'
                           when 'revoked' then 'sample_revoke' else 'delete' end,
             case when d.status in ('approved', 'rejected') then 2 end,
             coalesce(d.rejected_by_org_id, d.revoked_by_org_id, d.unit_id), null, '审核人员', coalesce(d.reject_reason, d.revoke_reason),
             coalesce(d.revoked_at, d.approved_at, d.rejected_at, d.submitted_at, d.updated_at)
        from declarations d where d.status <> 'draft'`);
  });

  // A year passes with approved 公需 ≥ 30 and 专业 ≥ 60 (the regulation from 2018 on): a valid
  // certificate from the bureau of the person's unit; a year with a revoked record has its earlier
  // certificate revoked.
  await stage('certificates (valid and revoked certificate-years)', async () => {
    await exec(sql`
      insert into certificates (person_id, year, status, issuer_org_id, issuer_name, public_hours, professional_hours,
                                issued_at, issued_on, revoked_at, revoke_reason)
      select y.person_id, y.year, case when y.revoked then 'revoked' else 'valid' end, u.bureau_id, u.bureau_name, y.pub, y.prof,
             y.issued_at, (y.issued_at at time zone 'Asia/Shanghai')::date,
             case when y.revoked then y.issued_at + interval '180 days' end,
             case when y.revoked then '抽查审验撤销学时记录后该年度不再达标' end
        from (
          select person_id, year, min(unit_id) as unit_id,
                 coalesce(sum(claimed_hours) filter (where subject = 'public' and status in ('approved', 'revoked')), 0) as pub,
                 coalesce(sum(claimed_hours) filter (where subject = 'professional' and status in ('approved', 'revoked')), 0) as prof,
                 bool_or(status = 'revoked') as revoked,
                 max(approved_at) as issued_at
            from declarations where status in ('approved', 'revoked') group by person_id, year
        ) y join bench_units u on u.unit_id = y.unit_id
       where y.pub >= 30 and y.prof >= 60`);
  });

  // Three rows per person: the unit's approval and the bureau's decision of a record, a print.
  await stage('audit history (3 rows per person)', async () => {
    await exec(sql`
      insert into audit_log (at, actor_name, actor_role, actor_org_id, scope_path, action, object_type, object_id, result, detail, ip)
      select timestamptz '2022-01-01' + ((p.id::bigint * 7919 + r * 104729) % (5 * 365 * 1440)) * interval '1 minute',
             '审核人员', case r when 1 then 'hrss' else 'unit' end,
             case r when 1 then u.bureau_id else u.unit_id end,
             case r when 1 then o.path else u.unit_path end,
             (array['declaration.review', 'declaration.review', 'certificate.query'])[r + 1],
             'declaration', p.id::text, 'success', '{}'::jsonb, '10.0.0.1'
        from persons p
        join accounts a on a.person_id = p.id and a.role = 'professional'
        join bench_units u on u.unit_id = a.org_id
        join organisations o on o.id = u.bureau_id
        cross join generate_series(0, 2) r
       -- In time order, as a running platform writes them: ids then interleave cities, as real rows do.
       order by 1`);
  });

  await stage(`rebuild ${indexes.length} secondary indexes`, async () => {
    for (const ix of indexes) await exec(sql.raw(ix.indexdef));
  });
  await stage('analyze', async () => {
    await exec(sql`drop table bench_units`);
    for (const t of [...BIG_TABLES, 'organisations']) await exec(sql.raw(`vacuum analyze ${t}`));
  });

  const counts: Record<string, number> = {};
  for (const t of [...BIG_TABLES, 'organisations']) {
    counts[t] = Number(((await exec(sql.raw(`select count(*)::bigint as n from ${t}`))) as unknown as { rows: { n: string }[] }).rows[0]!.n);
  }
  return { stages, counts };
}
