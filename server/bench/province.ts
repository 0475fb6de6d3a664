/**
 * Province scale (issue 13 item 5): `npm run bench -- province [--people 1000000] [options]`.
 *
 * 1. Loads N people with ~10 declarations each in every state, their certificates and audit history
 *    into a fresh PostgreSQL database (province-data.ts, set-based), plus five admins (province, city,
 *    county, department, unit) and a signing key for every bureau.
 * 2. Throughput under load (autocannon, 50 connections): the public certificate query and the QR
 *    verification of the platform (a real server process, `src/main.ts`) side by side with a bare
 *    Fastify + pg server (bare-server.ts) on the same tables, in the same run.
 * 3. Latency, one request at a time on a warm server (the app in this process, `app.inject`: server
 *    time without the network): every admin list over the big tables, first and 100th page, for the
 *    province, a city, a county, a department and a unit; completion; the certificate PDF beside a
 *    minimal pdf-lib page with the same fonts; the batch query of 1,000 ID numbers beside one
 *    set-based statement.
 * 4. EXPLAIN (ANALYZE, BUFFERS) of every statement of each list's slowest page; a plan whose scans read
 *    at least 1 % of a table (and ≥ 10,000 rows) is flagged: it grows with the table.
 *
 * Options: --people N (default 1,000,000), --db NAME (default ce_bench_province), --reuse (keep an
 * existing generated database of that name instead of generating), --keep (do not drop it at the end),
 * --generate-only (generate and keep the database, measure nothing), --no-load (skip the throughput
 * runs), --only TEXT (only the admin lists whose name contains TEXT),
 * --walk-seconds S (longest walk towards a list's 100th page, default 60), --duration S (autocannon
 * seconds per run, default 15), --connections C (default 50), --runs R
 * (timed repetitions per latency workload, default 20), --write (replace the "Province scale"
 * section of BENCHMARKS.md with this run's tables). BENCH_DATABASE_URL: the server (default the
 * local postgres://postgres@127.0.0.1:5432/postgres).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../src/config';
import { migrate, openPostgres, schema, type Database } from '../src/db';
import { buildApp } from '../src/app';
import { ensureBureaus } from '../src/modules/organisations/bureaus';
import { orgPathOf } from '../src/modules/organisations/repo';
import { outboxNotifier } from '../src/modules/notify/notifier';
import { JobQueue } from '../src/jobs/queue';
import type { Deps } from '../src/http/context';
import { idNumberIndexOf, sealIdNumber, usePiiKeys } from '../src/db/pii';
import { hashPassword } from '../src/modules/auth/passwords';
import { timeStepOf, totpOf } from '../src/modules/auth/mfa';
import { createBureauKey, activeSigningKey, vaultFromSecret } from '../src/modules/certificates/keys';
import { signCertificateToken } from '../src/modules/certificates/signing';
import { maskIdNumber } from '@ce/shared';
import { freePort, idNumberOf, startServer, type RunningServer } from '../test/spawned-server';
import { BENCH_PASSWORD, CURRENT_YEAR, generateProvince, nameOf, type GenerateStats } from './province-data';
import { minimalPdf } from './minimal-pdf';
import type { BenchResult } from './run';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const PEOPLE = Number(option('people') ?? 1_000_000);
const DB_NAME = option('db') ?? 'ce_bench_province';
const DURATION = Number(option('duration') ?? 15);
const CONNECTIONS = Number(option('connections') ?? 50);
const RUNS = Number(option('runs') ?? 20);
const PAST_YEAR = CURRENT_YEAR - 3;
/** Longest walk through a list's pages towards its 100th. */
const WALK_SECONDS = Number(option('walk-seconds') ?? 60);

/** Secrets of the benchmark database, derived from its name so a kept database can be reused. */
function benchSecrets(dbName: string) {
  const derive = (what: string) => crypto.createHash('sha256').update(`ce-bench:${dbName}:${what}`).digest('base64url');
  return { PII_KEYS: `1:${derive('pii')}`, PII_INDEX_KEY: derive('index'), SIGNING_KEY_SECRET: derive('signing') };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

// ---------------------------------------------------------------- statements of the app, for EXPLAIN

interface Captured {
  text: string;
  values: unknown[];
}
const capture = { on: false, statements: [] as Captured[] };
const originalQuery = pg.Client.prototype.query;
// Every statement the in-process app sends while `capture.on` (drizzle calls client.query with a config object).
pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
  if (capture.on) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    if (typeof first === 'string') capture.statements.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first.text === 'string') capture.statements.push({ text: first.text, values: first.values ?? (Array.isArray(second) ? second : []) });
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

// ---------------------------------------------------------------- set-up

interface Admin {
  key: string;
  label: string;
  idNumber: string;
  role: 'hrss' | 'department' | 'unit';
  orgId: number;
}

async function orgWhere(database: Database, where: ReturnType<typeof sql>) {
  const [row] = await database.db.select().from(schema.organisations).where(where).orderBy(schema.organisations.id).limit(1);
  if (!row) throw new Error('organisation not found');
  return row;
}

/** Five super admins (their ID numbers follow the people's), and a signing key for every bureau. */
async function setUp(database: Database, secrets: ReturnType<typeof benchSecrets>): Promise<Admin[]> {
  const db = database.db;
  const province = await orgWhere(database, sql`kind = 'hrss' and region_code = '410000'`);
  const city = await orgWhere(database, sql`kind = 'hrss' and region_code = '410100'`);
  const county = await orgWhere(database, sql`kind = 'hrss' and region_code = '410105'`);
  const department = await orgWhere(database, sql`kind = 'department' and parent_id = ${county.id}`);
  const unit = await orgWhere(database, sql`kind = 'unit' and parent_id = ${department.id}`);
  const wanted: Omit<Admin, 'idNumber'>[] = [
    { key: 'province', label: '省人社厅', role: 'hrss', orgId: province.id },
    { key: 'city', label: '郑州市人社局', role: 'hrss', orgId: city.id },
    { key: 'county', label: '金水区人社局', role: 'hrss', orgId: county.id },
    { key: 'department', label: '金水区一个主管部门', role: 'department', orgId: department.id },
    { key: 'unit', label: '该部门的一个单位', role: 'unit', orgId: unit.id },
  ];
  const hash = await hashPassword(BENCH_PASSWORD);
  const admins: Admin[] = [];
  for (const [i, a] of wanted.entries()) {
    const idNumber = idNumberOf(PEOPLE + 10 + i);
    const sealed = sealIdNumber(idNumber);
    let [person] = await db.select({ id: schema.persons.id }).from(schema.persons).where(eq(schema.persons.idNumberIndex, sealed.idNumberIndex));
    if (person) {
      // A reused database: the authenticator enrolled by the previous run is forgotten (enrolled again below).
      await db.delete(schema.mfaRecoveryCodes).where(eq(schema.mfaRecoveryCodes.personId, person.id));
      await db.delete(schema.personMfa).where(eq(schema.personMfa.personId, person.id));
    } else {
      [person] = await db.insert(schema.persons).values({ ...sealed, name: `压测${a.label}管理员`, passwordHash: hash }).returning({ id: schema.persons.id });
      await db.insert(schema.accounts).values({ personId: person!.id, role: a.role, orgId: a.orgId, orgPath: orgPathOf(a.orgId), status: 'active', isSuperAdmin: true });
    }
    admins.push({ ...a, idNumber });
  }
  const vault = vaultFromSecret(secrets.SIGNING_KEY_SECRET);
  const bureaus = await db.select().from(schema.organisations).where(eq(schema.organisations.kind, 'hrss'));
  for (const b of bureaus) {
    if (!(await activeSigningKey(db, b.id, vault))) await db.transaction((tx) => createBureauKey(tx, b.id, new Date('2022-01-01T00:00:00Z'), vault));
  }
  return admins;
}

// ---------------------------------------------------------------- sample people and tokens

interface Sample {
  personId: number;
  idNumber: string;
  name: string;
  certNo: string;
  token: string;
}

/** `count` people spread over the whole table, each with a valid certificate of the past year, and its signed QR token. */
async function samples(database: Database, secrets: ReturnType<typeof benchSecrets>, count: number): Promise<Sample[]> {
  const vault = vaultFromSecret(secrets.SIGNING_KEY_SECRET);
  const rows = (await database.db.execute(sql`
    select c.person_id, pp.cert_no, c.year, c.public_hours, c.professional_hours, c.issuer_org_id, c.issuer_name, c.issued_on::text as issued_on
      from certificates c join professional_profiles pp on pp.person_id = c.person_id
     where c.status = 'valid' and c.year = ${PAST_YEAR} and c.person_id % ${Math.max(1, Math.floor(PEOPLE / count))} = 0
     limit ${count}`)) as unknown as {
    rows: { person_id: number; cert_no: string; year: number; public_hours: string; professional_hours: string; issuer_org_id: number; issuer_name: string; issued_on: string }[];
  };
  const keys = new Map<number, Awaited<ReturnType<typeof activeSigningKey>>>();
  const out: Sample[] = [];
  for (const r of rows.rows) {
    if (!keys.has(r.issuer_org_id)) keys.set(r.issuer_org_id, await activeSigningKey(database.db, r.issuer_org_id, vault));
    const idNumber = idNumberOf(r.person_id - 1);
    const name = nameOf(r.person_id - 1);
    const token = await signCertificateToken(
      {
        certNo: r.cert_no,
        holderName: name,
        idNumberMasked: maskIdNumber(idNumber),
        years: [{ year: r.year, publicHours: Number(r.public_hours), professionalHours: Number(r.professional_hours) }],
        issuer: { id: r.issuer_org_id, name: r.issuer_name },
        issuedOn: r.issued_on,
      },
      keys.get(r.issuer_org_id)!,
    );
    out.push({ personId: r.person_id, idNumber, name, certNo: r.cert_no, token });
  }
  if (out.length < 10) throw new Error(`only ${out.length} people with a valid ${PAST_YEAR} certificate found`);
  return out;
}

// ---------------------------------------------------------------- throughput (autocannon)

async function startBare(databaseUrl: string, secrets: ReturnType<typeof benchSecrets>): Promise<{ base: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...secrets, PORT: String(port), DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode != null) throw new Error(`bare server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error('bare server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    base,
    async stop() {
      if (child.exitCode == null) child.kill('SIGTERM');
      await exited;
    },
  };
}

interface LoadResult {
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** autocannon against `base`: each request built by `build` (a random person, a random client address). */
async function load(base: string, build: (i: number) => { method: string; path: string; body?: string }): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const r = build(n++);
          return {
            ...req,
            method: r.method,
            path: r.path,
            body: r.body,
            headers: {
              'content-type': 'application/json',
              // Every request from another citizen: the rate limit counts per client address.
              'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
            },
          };
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

// ---------------------------------------------------------------- latency (in-process app)

async function injectLogin(app: FastifyInstance, idNumber: string, role: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { role, account: idNumber, password: BENCH_PASSWORD, captcha: '' } });
  const c = res.cookies.find((x) => x.name === 'ce_session');
  if (res.statusCode !== 200 || !c) throw new Error(`login ${role} ${idNumber}: ${res.statusCode} ${res.body}`);
  const cookie = `ce_session=${c.value}`;
  const { secondFactor } = res.json() as { secondFactor: 'verify' | 'enrol' | null };
  if (secondFactor === 'enrol') {
    const start = await app.inject({ method: 'POST', url: '/api/auth/mfa/enrolment', headers: { cookie }, payload: {} });
    const { secret } = start.json() as { secret: string };
    const code = totpOf(secret).generate({ timestamp: timeStepOf(new Date()) * 30_000 });
    const done = await app.inject({ method: 'POST', url: '/api/auth/mfa/enrolment/confirm', headers: { cookie }, payload: { code } });
    if (done.statusCode !== 200) throw new Error(`enrolment: ${done.statusCode} ${done.body}`);
  } else if (secondFactor === 'verify') {
    throw new Error(`${role} ${idNumber} has an authenticator from an earlier run: use a fresh database or reset its MFA`);
  }
  return cookie;
}

interface Timing {
  p50: number;
  p95: number;
  p99: number;
}
const timingOf = (times: number[]): Timing => {
  const s = [...times].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99) };
};

async function timed(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return timingOf(times);
}

interface PlanCheck {
  statement: string;
  ms: number;
  buffers: number;
  rowsRead: { table: string; rows: number; size: number }[];
  flagged: boolean;
}

/** EXPLAIN (ANALYZE, BUFFERS) of every read statement captured; the slowest plan, and whether any scan grows with its table. */
async function explainSlowest(client: pg.Client, statements: Captured[], sizes: Map<string, number>): Promise<PlanCheck | null> {
  let slowest: PlanCheck | null = null;
  for (const s of statements) {
    if (!/^\s*(select|with)\b/i.test(s.text) || /\bfor (update|share)\b/i.test(s.text)) continue;
    let res: pg.QueryResult;
    try {
      res = await client.query(`explain (analyze, buffers, format json) ${s.text}`, s.values);
    } catch (err) {
      throw new Error(`EXPLAIN failed (${(err as Error).message}) for ${s.text.slice(0, 300)} with ${JSON.stringify(s.values).slice(0, 200)}`, { cause: err });
    }
    const plan = (res.rows[0] as { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] })['QUERY PLAN'][0]!;
    const read = new Map<string, number>();
    const walk = (node: PlanNode) => {
      if (node['Relation Name']) {
        const rows = ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * (node['Actual Loops'] ?? 1);
        read.set(node['Relation Name'], (read.get(node['Relation Name']) ?? 0) + rows);
      }
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(plan.Plan);
    const rowsRead = [...read].map(([table, rows]) => ({ table, rows: Math.round(rows), size: sizes.get(table) ?? 0 })).sort((a, b) => b.rows - a.rows);
    const flagged = rowsRead.some((r) => r.rows >= 10_000 && r.rows >= 0.01 * r.size);
    const buffers = (plan.Plan['Shared Hit Blocks'] ?? 0) + (plan.Plan['Shared Read Blocks'] ?? 0);
    const check = { statement: s.text.replace(/\s+/g, ' ').slice(0, 160), ms: plan['Execution Time'], buffers, rowsRead, flagged };
    // The flagged plan first (it grows with the table), else the slowest.
    if (!slowest || (check.flagged && !slowest.flagged) || (check.flagged === slowest.flagged && check.ms > slowest.ms)) slowest = check;
  }
  return slowest;
}
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

interface ListWorkload {
  name: string;
  admin: string;
  url: string;
  /** Field of the answer holding the next keyset cursor, and the query parameter that takes it. */
  next: { field: string; param: string };
}

interface ListResult {
  name: string;
  page: number;
  timing: Timing;
  plan: PlanCheck | null;
}

/** A one-column workbook of ID numbers, as an admin would upload it, in a multipart body. */
async function batchUpload(idNumbers: string[]): Promise<{ payload: Buffer; contentType: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('身份证号');
  ws.addRow(['身份证号']);
  for (const id of idNumbers) ws.addRow([id]);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = `----bench${crypto.randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="ids.xlsx"\r\ncontent-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    xlsx,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------- the run

export default async function provinceBench(): Promise<BenchResult[]> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  const databaseUrl = u.toString();
  const secrets = benchSecrets(DB_NAME);
  const log = (line: string) => console.log(`[province ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount === 1;
  if (exists && !flag('reuse')) throw new Error(`database ${DB_NAME} exists: pass --reuse to measure it again, or drop it`);
  const config = loadConfig({ ...process.env, ...secrets, DATABASE_URL: databaseUrl, CAPTCHA: 'off', DEMO_DATA: 'off', LOG_LEVEL: 'silent', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ce-province-')) });
  usePiiKeys(config);
  let generated: GenerateStats | null = null;
  const rows: BenchResult[] = [];
  const report: string[] = [];
  const dataDir = config.dataDir;
  let appServer: RunningServer | null = null;
  let bare: Awaited<ReturnType<typeof startBare>> | null = null;
  let inProcess: { app: FastifyInstance; database: Database } | null = null;
  const database = openPostgres(databaseUrl, 4);
  try {
    if (!exists) {
      await admin.query(`create database ${DB_NAME}`);
      log(`generating ${PEOPLE} people into ${DB_NAME}`);
      await migrate(database);
      await ensureBureaus(database.db);
      generated = await generateProvince(database, { people: PEOPLE, log });
    }
    // A reused database gets the migrations landed since it was generated (new indexes are built here).
    if (exists) await migrate(database);
    const admins = await setUp(database, secrets);
    const deployChecked = await checkDeployPostgres(database);
    log(deployChecked);
    if (flag('generate-only')) {
      log(`generated${generated ? ` in ${generated.stages.reduce((a, st) => a + st.seconds, 0).toFixed(0)} s` : ''}; measure it with --reuse`);
      return [];
    }
    const counts: Record<string, number> = {};
    for (const t of ['persons', 'declarations', 'certificates', 'declaration_events', 'audit_log', 'organisations'])
      counts[t] = Number((await database.sql.executeSql(`select count(*)::bigint as n from ${t}`)).rows[0].n);
    const dbSize = (await database.db.execute(sql`select pg_size_pretty(pg_database_size(current_database())) as s`)) as unknown as { rows: { s: string }[] };
    log(`data: ${JSON.stringify(counts)}, ${dbSize.rows[0]!.s}`);
    const people = await samples(database, secrets, 2000);

    // ------------------------------------------------------------ throughput, side by side
    appServer = await startServer(dataDir, { ...secrets, DATABASE_URL: databaseUrl, TRUST_PROXY: 'on', LOG_LEVEL: 'warn' });
    bare = await startBare(databaseUrl, secrets);
    const pick = (i: number) => people[(i * 7919) % people.length]!;
    const queryPath = (p: Sample) => `?idNumber=${p.idNumber}&name=${encodeURIComponent(p.name)}`;
    // Both answer the same person the same way before the clock starts.
    const check = await fetch(`${appServer.base}/api/public/certificates${queryPath(people[0]!)}`, { headers: { 'x-forwarded-for': '10.255.0.1' } });
    if (!check.ok) throw new Error(`public query: ${check.status} ${await check.text()}`);
    const v = (await (await fetch(`${appServer.base}/api/public/certificates/verify`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.255.0.2' }, body: JSON.stringify({ token: people[0]!.token }) })).json()) as { valid: boolean; reason: string };
    if (!v.valid) throw new Error(`verify of a real token answered invalid: ${v.reason}`);
    const bv = (await (await fetch(`${bare.base}/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: people[0]!.token }) })).json()) as { valid: boolean };
    if (!bv.valid) throw new Error('bare verify answered invalid');
    log(`throughput: ${CONNECTIONS} connections, ${DURATION} s per run`);
    const throughput: { workload: string; platform: LoadResult; bare: LoadResult }[] = [];
    for (const w of flag('no-load') ? [] : [
      { workload: 'public certificate query (ID number + name)', app: (i: number) => ({ method: 'GET', path: `/api/public/certificates${queryPath(pick(i))}` }), bare: (i: number) => ({ method: 'GET', path: `/q${queryPath(pick(i))}` }) },
      { workload: 'certificate verify (real SM2 tokens)', app: (i: number) => ({ method: 'POST', path: '/api/public/certificates/verify', body: JSON.stringify({ token: pick(i).token }) }), bare: (i: number) => ({ method: 'POST', path: '/verify', body: JSON.stringify({ token: pick(i).token }) }) },
    ]) {
      const b = await load(bare.base, w.bare);
      const a = await load(appServer.base, w.app);
      log(`  ${w.workload}: platform ${a.rps.toFixed(0)} req/s (p99 ${a.p99} ms), bare ${b.rps.toFixed(0)} req/s (p99 ${b.p99} ms)`);
      throughput.push({ workload: w.workload, platform: a, bare: b });
    }
    await appServer.stop();
    appServer = null;
    await bare.stop();
    bare = null;

    // ------------------------------------------------------------ latency, in process
    const jobs = new JobQueue({ db: database.db, sql: database.sql, kind: database.kind });
    const appDatabase = openPostgres(databaseUrl, 10);
    const deps: Deps = { db: appDatabase.db, dbKind: 'postgres', config, notifier: outboxNotifier, now: () => new Date(), jobs };
    const app = await buildApp(deps, { logger: process.env.BENCH_APP_LOG ? { level: 'error' } : false });
    await app.ready();
    inProcess = { app, database: appDatabase };
    // What one public query and one verification send to the database (issue 13: reads never write).
    const statementsOf = async (req: InjectOptions) => {
      capture.statements = [];
      capture.on = true;
      const res = await app.inject(req);
      capture.on = false;
      if (res.statusCode !== 200) throw new Error(`public request: ${res.statusCode} ${res.body.slice(0, 200)}`);
      const texts = capture.statements.map((st) => st.text.trim().split(/\s+/)[0]!.toLowerCase());
      return `${texts.length} statements (${[...new Set(texts)].join(', ')})`;
    };
    const publicStatements = {
      query: await statementsOf({ method: 'GET', url: `/api/public/certificates${queryPath(people[2]!)}`, headers: { 'x-forwarded-for': '10.254.0.1' } }),
      verify: await statementsOf({ method: 'POST', url: '/api/public/certificates/verify', payload: { token: people[2]!.token }, headers: { 'x-forwarded-for': '10.254.0.2' } }),
    };
    log(`public query: ${publicStatements.query}; verify: ${publicStatements.verify}`);
    const cookies = new Map<string, string>();
    for (const a of admins) cookies.set(a.key, await injectLogin(app, a.idNumber, a.role));
    const get = async (key: string, url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies.get(key)! } });
      if (res.statusCode !== 200) throw new Error(`${key} GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };
    const sizes = new Map<string, number>(
      (await database.sql.executeSql(`select relname, reltuples::bigint as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`)).rows.map((r: { relname: string; n: string }) => [r.relname, Math.max(0, Number(r.n))]),
    );
    const explainer = new pg.Client({ connectionString: databaseUrl });
    await explainer.connect();

    const decl = { field: 'nextAfter', param: 'after' };
    const lists: ListWorkload[] = [];
    for (const scope of ['province', 'city', 'county']) {
      lists.push({ name: `学时审核 待本机构审核 ${CURRENT_YEAR}`, admin: scope, url: `/api/admin/declarations?year=${CURRENT_YEAR}`, next: decl });
      lists.push({ name: `学时审核 审核中 ${CURRENT_YEAR}`, admin: scope, url: `/api/admin/declarations?status=pending&year=${CURRENT_YEAR}`, next: decl });
      for (const status of ['approved', 'rejected', 'revoked'])
        lists.push({ name: `学时审核 ${status} ${PAST_YEAR}`, admin: scope, url: `/api/admin/declarations?status=${status}&year=${PAST_YEAR}`, next: decl });
      lists.push({ name: '人员管理 全部', admin: scope, url: '/api/admin/professionals', next: decl });
      lists.push({ name: '机构管理 全部', admin: scope, url: '/api/admin/organisations', next: decl });
      lists.push({ name: '审计日志', admin: scope, url: '/api/admin/audit', next: { field: 'nextBefore', param: 'before' } });
    }
    lists.push({ name: `学时审核 待本机构审核 ${CURRENT_YEAR}`, admin: 'department', url: `/api/admin/declarations?year=${CURRENT_YEAR}`, next: decl });
    lists.push({ name: `学时审核 approved ${PAST_YEAR}`, admin: 'department', url: `/api/admin/declarations?status=approved&year=${PAST_YEAR}`, next: decl });
    lists.push({ name: `学时审核 待本机构审核 ${CURRENT_YEAR}`, admin: 'unit', url: `/api/admin/declarations?year=${CURRENT_YEAR}`, next: decl });
    lists.push({ name: '人员管理 全部', admin: 'unit', url: '/api/admin/professionals', next: decl });
    const someone = people[1]!;
    for (const scope of ['province', 'city']) {
      lists.push({ name: '人员管理 按姓名（2字）', admin: scope, url: `/api/admin/professionals?q=${encodeURIComponent('张伟')}`, next: decl });
      lists.push({ name: '人员管理 按姓名（3字）', admin: scope, url: `/api/admin/professionals?q=${encodeURIComponent(nameOf(1234))}`, next: decl });
      lists.push({ name: '机构管理 按名称', admin: scope, url: `/api/admin/organisations?q=${encodeURIComponent('第三中学')}`, next: decl });
      lists.push({ name: '学时审核 按姓名 approved', admin: scope, url: `/api/admin/declarations?status=approved&year=${PAST_YEAR}&name=${encodeURIComponent('张伟')}`, next: decl });
    }
    lists.push({ name: '人员管理 按身份证号', admin: 'province', url: `/api/admin/professionals?q=${someone.idNumber}`, next: decl });
    lists.push({ name: '人员注册审核', admin: 'province', url: '/api/admin/registrations/professionals', next: decl });

    const listResults: ListResult[] = [];
    const only = option('only');
    for (const w of lists.filter((l) => !only || l.name.includes(only))) {
      const label = `${w.name}（${admins.find((a) => a.key === w.admin)!.label}）`;
      const sep = w.url.includes('?') ? '&' : '?';
      // Page 1, then the keyset cursor of page 100 by walking the pages.
      // The walk stops after WALK_SECONDS (a list that slow fails its target on page 1 already).
      let url = w.url;
      let page = 1;
      let ended = false;
      const pageUrls: { page: number; url: string }[] = [{ page: 1, url }];
      const walkEnds = performance.now() + WALK_SECONDS * 1000;
      for (; page < 100 && performance.now() < walkEnds; page++) {
        const body = (await get(w.admin, url)).json() as Record<string, unknown>;
        const next = body[w.next.field];
        if (next == null) {
          ended = true;
          break;
        }
        url = `${w.url}${sep}${w.next.param}=${String(next)}`;
      }
      if (!ended && page > 1) pageUrls.push({ page, url });
      for (const p of pageUrls) {
        const timing = await timed(RUNS, () => get(w.admin, p.url));
        capture.statements = [];
        capture.on = true;
        await get(w.admin, p.url);
        capture.on = false;
        const plan = await explainSlowest(explainer, capture.statements, sizes);
        listResults.push({ name: label, page: p.page, timing, plan });
        log(`  ${label} page ${p.page}: p50 ${fmt(timing.p50)} p95 ${fmt(timing.p95)} ms${plan?.flagged ? ' — PLAN READS IN PROPORTION TO THE TABLE' : ''}`);
      }
      if (ended) log(`  ${label}: ${page} pages only`);
    }
    await explainer.end();

    // Completion and the certificate PDF, as the professional.
    const pro = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'professional', account: someone.idNumber, password: BENCH_PASSWORD, captcha: '' } });
    const proCookie = `ce_session=${pro.cookies.find((c) => c.name === 'ce_session')!.value}`;
    const proGet = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: proCookie } });
      if (res.statusCode !== 200) throw new Error(`professional GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };
    const completion = await timed(RUNS, () => proGet('/api/me/completion'));
    const pdf = await timed(RUNS, () => proGet(`/api/me/certificates/${PAST_YEAR}.pdf`));
    const minimal = await timed(RUNS, () => minimalPdf(someone.name, PAST_YEAR));

    // The batch query of 1,000 ID numbers (province admin) beside one set-based statement.
    const thousand = Array.from({ length: 1000 }, (_, i) => idNumberOf(((i * 7919) % PEOPLE)));
    const upload = await batchUpload(thousand);
    const batch = await timed(Math.max(5, Math.floor(RUNS / 2)), async () => {
      const res = await app.inject({ method: 'POST', url: '/api/admin/certificates/batch', headers: { cookie: cookies.get('province')!, 'content-type': upload.contentType }, payload: upload.payload });
      if (res.statusCode !== 200) throw new Error(`batch query: ${res.statusCode} ${res.body.slice(0, 300)}`);
    });
    const batchBare = await timed(Math.max(5, Math.floor(RUNS / 2)), () =>
      appDatabase.sql.executeSql(
        `select p.name, pp.cert_no, c.year, c.status, c.public_hours, c.professional_hours, c.issuer_name
           from persons p join professional_profiles pp on pp.person_id = p.id left join certificates c on c.person_id = p.id
          where p.id_number_index = any($1::text[])`,
        [thousand.map(idNumberIndexOf)],
      ),
    );
    await app.close();
    await appDatabase.close();
    inProcess = null;

    // ------------------------------------------------------------ the tables
    const date = new Date().toISOString().slice(0, 10);
    const scale = `${counts.persons!.toLocaleString('en')} people, ${counts.declarations!.toLocaleString('en')} declarations, ${counts.certificates!.toLocaleString('en')} certificate-years, ${counts.declaration_events!.toLocaleString('en')} history events, ${counts.audit_log!.toLocaleString('en')} audit rows, ${counts.organisations!.toLocaleString('en')} organisations (${dbSize.rows[0]!.s})`;
    const load1 = os.loadavg()[0]!.toFixed(1);
    report.push(`Run of ${date}: ${scale}. PostgreSQL ${(await admin.query('show server_version')).rows[0].server_version}, Node ${process.version}, ${os.cpus().length} cores shared with other work (load average ${load1} at the end); ${CONNECTIONS} connections × ${DURATION} s per throughput run; ${RUNS} timed runs per latency workload after 3 warm-up runs.`);
    report.push(`\n${deployChecked}.`);
    if (generated) report.push(`\nGeneration: ${generated.stages.map((s) => `${s.stage} ${s.seconds.toFixed(0)} s`).join('; ')}; total ${generated.stages.reduce((a, s) => a + s.seconds, 0).toFixed(0)} s.`);
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
    const met = (ok: boolean) => (ok ? 'met' : '**not met**');
    const q = throughput[0];
    const vr = throughput[1];
    const worstList = listResults.reduce((w, r) => (r.timing.p95 > w.timing.p95 ? r : w), listResults[0]!);
    const flagged = listResults.filter((r) => r.plan?.flagged);
    report.push('\n| target | measured | |');
    report.push('|---|---|---|');
    if (q && vr) {
      report.push(`| public certificate query ≥ 50 % of the bare baseline's req/s | ${q.platform.rps.toFixed(0)} / ${q.bare.rps.toFixed(0)} req/s = ${(100 * q.platform.rps / q.bare.rps).toFixed(0)} % | ${met(q.platform.rps >= 0.5 * q.bare.rps)} |`);
      report.push(`| public certificate query p99 ≤ 50 ms (${CONNECTIONS} connections) | ${q.platform.p99} ms | ${met(q.platform.p99 <= 50)} |`);
      report.push(`| verify ≥ 50 % of bare signature check + join | ${vr.platform.rps.toFixed(0)} / ${vr.bare.rps.toFixed(0)} req/s = ${(100 * vr.platform.rps / vr.bare.rps).toFixed(0)} % | ${met(vr.platform.rps >= 0.5 * vr.bare.rps)} |`);
    }
    report.push(`| every admin list page p95 ≤ 100 ms warm (first and 100th page) | slowest: ${worstList.name} page ${worstList.page}, p95 ${fmt(worstList.timing.p95)} ms | ${met(worstList.timing.p95 <= 100)} |`);
    report.push(`| no list plan reads rows in proportion to the table | ${flagged.length ? flagged.map((f) => `${f.name} p.${f.page}`).join('; ') : 'none flagged'} | ${met(flagged.length === 0)} |`);
    report.push(`| batch query of 1,000 ID numbers ≤ 100 ms | p50 ${fmt(batch.p50)} ms (one statement: ${fmt(batchBare.p50)} ms) | ${met(batch.p50 <= 100)} |`);
    report.push(`| certificate PDF ≤ 2× a minimal page with the same fonts | ${fmt(pdf.p50)} / ${fmt(minimal.p50)} ms = ${ratio(pdf.p50, minimal.p50)}× | ${met(pdf.p50 <= 2 * minimal.p50)} |`);
    report.push('\nThroughput (autocannon; latency p50 / p97.5 / p99 in ms; every answer 2xx unless said):\n');
    report.push('| workload | platform req/s | platform p50 / p97.5 / p99 | bare req/s | bare p50 / p97.5 / p99 | ratio |');
    report.push('|---|---|---|---|---|---|');
    for (const t of throughput) {
      const bad = (r: LoadResult) => (r.non2xx || r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : '');
      report.push(`| ${t.workload} | ${t.platform.rps.toFixed(0)}${bad(t.platform)} | ${t.platform.p50} / ${t.platform.p97_5} / ${t.platform.p99} | ${t.bare.rps.toFixed(0)}${bad(t.bare)} | ${t.bare.p50} / ${t.bare.p97_5} / ${t.bare.p99} | ${ratio(t.platform.rps, t.bare.rps)} |`);
    }
    report.push(`\nStatements one request sends to PostgreSQL (the view log is written behind, in batches): public query ${publicStatements.query}; verify ${publicStatements.verify}. The bare server sends one.`);
    report.push('\nLatency, one request at a time (server time through `app.inject`, ms):\n');
    report.push('| workload | p50 | p95 | p99 | baseline p50 | ratio |');
    report.push('|---|---|---|---|---|---|');
    report.push(`| completion (年度完成情况) | ${fmt(completion.p50)} | ${fmt(completion.p95)} | ${fmt(completion.p99)} | | |`);
    report.push(`| certificate PDF of one year | ${fmt(pdf.p50)} | ${fmt(pdf.p95)} | ${fmt(pdf.p99)} | ${fmt(minimal.p50)} (minimal pdf-lib page, same fonts) | ${ratio(pdf.p50, minimal.p50)} |`);
    report.push(`| batch certificate query, 1,000 ID numbers (xlsx in, xlsx out) | ${fmt(batch.p50)} | ${fmt(batch.p95)} | ${fmt(batch.p99)} | ${fmt(batchBare.p50)} (one set-based statement) | ${ratio(batch.p50, batchBare.p50)} |`);
    report.push(`\nAdmin lists (20 rows a page; the 100th page by the keyset cursor of the 99th, or the page reached after walking ${WALK_SECONDS} s; lists with fewer pages show page 1 only), and the slowest statement of the page under EXPLAIN (ANALYZE, BUFFERS): its time, shared buffers, and the most rows it read from one table (flagged ⚠ when ≥ 1 % of that table and ≥ 10,000 rows):\n`);
    report.push('| list (admin) | page | p50 | p95 | p99 | slowest plan | buffers | most rows read |');
    report.push('|---|---|---|---|---|---|---|---|');
    for (const r of listResults) {
      const top = r.plan?.rowsRead[0];
      report.push(`| ${r.name} | ${r.page} | ${fmt(r.timing.p50)} | ${fmt(r.timing.p95)} | ${fmt(r.timing.p99)} | ${r.plan ? `${fmt(r.plan.ms)} ms` : '—'} | ${r.plan?.buffers ?? '—'} | ${top ? `${top.rows.toLocaleString('en')} of ${top.table} (${top.size.toLocaleString('en')})${r.plan!.flagged ? ' ⚠' : ''}` : '—'} |`);
    }
    if (flagged.length) {
      report.push('\nFlagged statements:\n');
      for (const f of flagged) report.push(`- ${f.name}, page ${f.page}: \`${f.plan!.statement}…\``);
    }
    const text = report.join('\n');
    console.log(`\n${text}\n`);
    if (flag('write')) writeSection(text);
    rows.push({ bench: 'province', metric: 'scale', value: scale });
    if (q && vr) {
      rows.push({ bench: 'province', metric: 'public query platform / bare req/s', value: `${q.platform.rps.toFixed(0)} / ${q.bare.rps.toFixed(0)}` });
      rows.push({ bench: 'province', metric: 'verify platform / bare req/s', value: `${vr.platform.rps.toFixed(0)} / ${vr.bare.rps.toFixed(0)}` });
    }
    rows.push({ bench: 'province', metric: 'slowest admin list p95', value: `${fmt(worstList.timing.p95)} ms (${worstList.name} p.${worstList.page})` });
    return rows;
  } finally {
    await appServer?.stop();
    await bare?.stop();
    if (inProcess) {
      await inProcess.app.close();
      await inProcess.database.close();
    }
    await database.close();
    if (!flag('keep') && !flag('generate-only')) await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    else log(`kept database ${DB_NAME} (drop it with: dropdb -h 127.0.0.1 -U postgres ${DB_NAME})`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * deploy/postgresql (issue 13 item 6): applies tables.sql (per-table autovacuum) to the benchmark's
 * database and checks that every setting of ce.conf is one this PostgreSQL knows.
 */
async function checkDeployPostgres(database: Database): Promise<string> {
  const dir = path.resolve(serverDir, '..', 'deploy', 'postgresql');
  await database.sql.executeSql(fs.readFileSync(path.join(dir, 'tables.sql'), 'utf8'));
  const names = [...fs.readFileSync(path.join(dir, 'ce.conf'), 'utf8').matchAll(/^([a-z_]+)\s*=/gm)].map((m) => m[1]!);
  const known = new Set((await database.sql.executeSql('select name from pg_settings where name = any($1::text[])', [names])).rows.map((r: { name: string }) => r.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) throw new Error(`deploy/postgresql/ce.conf: not PostgreSQL settings: ${unknown.join(', ')}`);
  const [opts] = (await database.sql.executeSql(`select reloptions from pg_class where relname = 'declarations'`)).rows as { reloptions: string[] }[];
  return `deploy/postgresql: tables.sql applied (declarations: ${opts!.reloptions.join(', ')}); the ${names.length} settings of ce.conf are all known to this PostgreSQL`;
}

/** Replaces the text between the province markers of BENCHMARKS.md. */
function writeSection(text: string) {
  const file = path.resolve(serverDir, '..', 'BENCHMARKS.md');
  const begin = '<!-- province-bench:begin -->';
  const end = '<!-- province-bench:end -->';
  const md = fs.readFileSync(file, 'utf8');
  const a = md.indexOf(begin);
  const b = md.indexOf(end);
  if (a < 0 || b < a) throw new Error(`BENCHMARKS.md has no ${begin} … ${end} section`);
  fs.writeFileSync(file, `${md.slice(0, a + begin.length)}\n${text}\n${md.slice(b)}`);
}
