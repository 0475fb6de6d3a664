/**
 * A real server process over a file-based database, for what `app.inject` cannot show: a SIGKILL
 * in the middle of an import (test/crash) and the import benchmark's peak RSS (bench/import.ts).
 *
 * `prepareImportFixture` writes a data dir with a department, a unit, its super admin and `rows`
 * professionals (set-based inserts, no HTTP), and a filled batch template of `rows` training rows.
 */
import { sealIdNumber, sealPhone, usePiiKeys } from '../src/db/pii';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { eq, and } from 'drizzle-orm';
import { makeIdNumber } from '@ce/shared';
import { migrate, openDatabase, schema } from '../src/db';
import { ensureBureaus } from '../src/modules/organisations/bureaus';
import { insertOrg } from '../src/modules/organisations/repo';
import { timeStepOf, totpOf } from '../src/modules/auth/mfa';
import { hashPassword } from '../src/modules/auth/passwords';
import { ALL_HEADERS, DATA_SHEET } from '../src/modules/declaration-batches/rules';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURE_PASSWORD = 'Test@12345';

export interface ImportFixture {
  dataDir: string;
  admin: { idNumber: string; password: string };
  unitId: number;
  xlsx: Buffer;
  rows: number;
}

const orgValues = (kind: 'department' | 'unit', name: string, creditCode: string) => ({
  kind,
  name,
  creditCode,
  regionCode: '410100',
  status: 'active' as const,
  nature: '事业单位',
  level: '市级',
  industry: '教育',
  address: '郑州市测试路1号',
  contactName: '联系人',
  contactPhone: '0371-12345678',
  noDepartment: false,
});

/** Distinct valid ID numbers: one birth date per 900 people, sequence numbers within it. */
export function idNumberOf(i: number): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10);
  return makeIdNumber({ regionCode: '410105', birthDate: birth, sequence: 100 + (i % 900) });
}

/** The fixture goes into PGlite under `dataDir`, or into the PostgreSQL database `databaseUrl` names. */
export async function prepareImportFixture(opts: { dataDir: string; rows: number; year: number; databaseUrl?: string }): Promise<ImportFixture> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const database = await openDatabase({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  try {
    await migrate(database);
    await ensureBureaus(database.db);
    // The spawned server reads the same data directory's pii.keys.
    usePiiKeys({ dataDir: opts.dataDir, piiSecrets: undefined });
    const db = database.db;
    const [bureau] = await db.select().from(schema.organisations).where(and(eq(schema.organisations.kind, 'hrss'), eq(schema.organisations.regionCode, '410100')));
    const dept = await insertOrg(db, orgValues('department', '郑州市压测主管部门', '12410100MB0000001X'), bureau!);
    const unit = await insertOrg(db, orgValues('unit', '郑州市压测单位', '12410100MB00000028'), dept);
    const hash = await hashPassword(FIXTURE_PASSWORD);
    const adminId = idNumberOf(opts.rows + 1000);
    const [adminPerson] = await db.insert(schema.persons).values({ ...sealIdNumber(adminId), name: '压测管理员', passwordHash: hash, phoneEnc: sealPhone('13900000000'), email: 'bench@test.cn' }).returning();
    await db.insert(schema.accounts).values({ personId: adminPerson!.id, role: 'unit', orgId: unit.id, orgPath: unit.path, status: 'active', isSuperAdmin: true });
    for (let i = 0; i < opts.rows; i += 1000) {
      const chunk = Array.from({ length: Math.min(1000, opts.rows - i) }, (_, k) => i + k);
      const people = await db
        .insert(schema.persons)
        .values(chunk.map((n) => ({ ...sealIdNumber(idNumberOf(n)), name: `压测人员${n}`, passwordHash: hash, phoneEnc: sealPhone(`138${String(n).padStart(8, '0')}`), email: `p${n}@test.cn` })))
        .returning({ id: schema.persons.id });
      await db.insert(schema.accounts).values(people.map((p) => ({ personId: p.id, role: 'professional' as const, orgId: unit.id, orgPath: unit.path, status: 'active' as const })));
    }
    return { dataDir: opts.dataDir, admin: { idNumber: adminId, password: FIXTURE_PASSWORD }, unitId: unit.id, xlsx: await batchFile(opts.rows, opts.year), rows: opts.rows };
  } finally {
    await database.close();
  }
}

/** A filled template of `rows` training rows, one per fixture person (streamed, as a unit's file would be large). */
export async function batchFile(rows: number, year: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = wb.addWorksheet(DATA_SHEET);
  ws.addRow([...ALL_HEADERS]).commit();
  for (let i = 0; i < rows; i++) {
    const values: Record<string, unknown> = {
      身份证号: idNumberOf(i),
      姓名: `压测人员${i}`,
      计入年度: year,
      计入科目: '专业科目',
      学习形式: '用人单位组织的本单位专业科目培训',
      学习内容: `${year}年度单位专业技术人员业务培训`,
      主办单位: '本单位人事处',
      开始日期: new Date(Date.UTC(year, 0, 10)),
      结束日期: `${year}-01-11`,
      考核结果: '合格',
      学时: 8,
    };
    ws.addRow(ALL_HEADERS.map((h) => values[h] ?? null)).commit();
  }
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  base: string;
  /** The process's peak resident set (VmHWM, MB) so far; null once it exited. */
  peakRssMb(): number | null;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `src/main.ts` on the data dir (no demo data, no captcha) and waits until it answers. */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'off', CAPTCHA: 'off', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  child.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode != null) throw new Error(`server exited (${child.exitCode}): ${log}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    base,
    peakRssMb() {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Math.round(Number(m[1]) / 1024) : null;
      } catch {
        return null;
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode == null) child.kill(signal);
      return exited;
    },
  };
}

/** Authenticators enrolled by `loginAs` in this process: secret and last used time step per account. */
const authenticators = new Map<string, { secret: string; lastStep: number }>();

/**
 * Signs in as a unit admin; the session cookie. The fixture's super admin has no authenticator at
 * first: the second step enrols one through the real endpoints (a code of the new secret, real
 * clock); later sign-ins answer with that secret's code for a time step not used yet.
 */
export async function loginAs(base: string, account: { idNumber: string; password: string }, role = 'unit'): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, account: account.idNumber, password: account.password, captcha: '' }),
  });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('ce_session='));
  if (!res.ok || !setCookie) throw new Error(`login failed (${res.status}): ${await res.text()}`);
  const cookie = setCookie.split(';')[0]!;
  const { secondFactor } = (await res.json()) as { secondFactor: 'verify' | 'enrol' | null };
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const key = `${role}:${account.idNumber}`;
  if (secondFactor === 'enrol') {
    const start = await post('/api/auth/mfa/enrolment', {});
    if (!start.ok) throw new Error(`enrolment refused (${start.status}): ${await start.text()}`);
    const { secret } = (await start.json()) as { secret: string };
    const step = timeStepOf(new Date());
    const done = await post('/api/auth/mfa/enrolment/confirm', { code: totpOf(secret).generate({ timestamp: step * 30_000 }) });
    if (!done.ok) throw new Error(`enrolment not confirmed (${done.status}): ${await done.text()}`);
    authenticators.set(key, { secret, lastStep: step });
  } else if (secondFactor === 'verify') {
    const known = authenticators.get(key);
    if (!known) throw new Error(`no authenticator known for ${key}`);
    // The step after the last used one is accepted while it is at most one step ahead of now.
    while (known.lastStep + 1 > timeStepOf(new Date()) + 1) await new Promise((r) => setTimeout(r, 1000));
    const step = Math.max(timeStepOf(new Date()), known.lastStep + 1);
    const done = await post('/api/auth/mfa/verify', { code: totpOf(known.secret).generate({ timestamp: step * 30_000 }) });
    if (!done.ok) throw new Error(`second factor refused (${done.status}): ${await done.text()}`);
    known.lastStep = step;
  }
  return cookie;
}

export async function uploadBatch(base: string, cookie: string, xlsx: Buffer): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(xlsx)]), '批量申报.xlsx');
  form.append('evidence', new Blob([new Uint8Array(PNG_1PX)], { type: 'image/png' }), '签到表.png');
  const res = await fetch(`${base}/api/admin/declaration-batches`, { method: 'POST', headers: { cookie }, body: form });
  if (res.status !== 202) throw new Error(`upload refused (${res.status}): ${await res.text()}`);
  return ((await res.json()) as { jobId: string }).jobId;
}

export interface JobView {
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  done: number;
  total: number;
  message: string;
  result: Record<string, unknown> | null;
}

export async function jobOf(base: string, cookie: string, jobId: string): Promise<JobView> {
  const res = await fetch(`${base}/api/jobs/${jobId}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`job ${jobId}: ${res.status} ${await res.text()}`);
  return (await res.json()) as JobView;
}

/** Polls until `until(job)` holds; the job then. */
export async function waitJob(base: string, cookie: string, jobId: string, until: (j: JobView) => boolean, timeoutMs = 120_000, everyMs = 100): Promise<JobView> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const j = await jobOf(base, cookie, jobId);
    if (until(j)) return j;
    if (Date.now() > end) throw new Error(`job ${jobId} still ${j.state} (${j.done}/${j.total}: ${j.message})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const jobEnded = (j: JobView) => j.state === 'succeeded' || j.state === 'failed';

/** A 1×1 PNG (the batch's evidence). */
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
