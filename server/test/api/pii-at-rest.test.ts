/**
 * ID and phone numbers encrypted at rest (issue 9 item 8): after registering, signing in, the public
 * and admin queries and an identity change, no table of the database holds them in clear; lookups go
 * through the blind index; a changed ciphertext is detected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { schema } from '../../src/db';
import { findPersonById, findPersonByIdNumber } from '../../src/modules/auth/repo';
import { sealLegacyPii, usePiiKeys } from '../../src/db/pii';
import { PII_REENCRYPT_JOB, piiKeyVersionCounts } from '../../src/modules/pii/rotation';
import { TEST_PII_SECRETS } from '../../src/config';
import { PiiIntegrityError, fileKeyVersion } from '../../src/lib/pii';
import { fileStorageAt } from '../../src/modules/files/storage';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';
import { buildAdmin, buildOrg, bureauOf, login, uniqueIdNumber, type TestAccount } from '../factories';
import { call, idCardPhotos, loginAsProfessional, register, registrationBody, submitIdentityChange } from './professionals-fixtures';

let ctx: TestContext;
let unitAdmin: TestAccount;

beforeAll(async () => {
  ctx = await buildTestApp();
  const bureau = await bureauOf(ctx, '410100');
  const unit = await buildOrg(ctx, { kind: 'unit', parent: bureau });
  unitAdmin = await buildAdmin(ctx, unit, { superAdmin: true });
});
afterAll(() => ctx.close());

/** Every table (and column) of the application's schema and of the job queue's whose text holds `needle`. */
export async function tablesHolding(c: TestContext, needles: string[]): Promise<string[]> {
  const rows = (await c.deps.db.execute(sql`
    select table_schema, table_name from information_schema.tables
     where table_schema in ('public', 'pgboss', 'drizzle') and table_type = 'BASE TABLE'`)) as unknown as { rows: { table_schema: string; table_name: string }[] };
  const found: string[] = [];
  for (const t of rows.rows) {
    const ident = sql.raw(`"${t.table_schema}"."${t.table_name}"`);
    const res = (await c.deps.db.execute(sql`select t::text as row from ${ident} t`)) as unknown as { rows: { row: string }[] };
    for (const needle of needles) {
      if (res.rows.some((r) => r.row.includes(needle))) found.push(`${t.table_schema}.${t.table_name}: ${needle}`);
    }
  }
  return found;
}

describe('ID and phone numbers at rest', () => {
  it('are in no table in clear after registration, sign-in, queries and an identity change; lookups still find the person', async () => {
    const unit = unitAdmin.org;
    const body = registrationBody(unit);
    const idNumber = body.idNumber as string;
    const phone = body.phone as string;
    const reg = await register(ctx, body);
    expect(reg.statusCode).toBe(201);
    const accountId = reg.json().id as number;

    // Uniqueness through the blind index: the same ID number cannot register twice.
    expect((await register(ctx, registrationBody(unit, { idNumber }))).statusCode).toBe(409);
    // Progress query by name and ID number.
    const progress = await ctx.app.inject({ method: 'POST', url: '/api/registrations/progress', payload: { idNumber, name: body.name } });
    expect(progress.statusCode).toBe(200);
    expect(progress.json().items).toHaveLength(1);

    const admin = await login(ctx, unitAdmin);
    const pending = await call(ctx, admin, 'GET', '/api/admin/registrations/professionals');
    const item = pending.json().items.find((i: { accountId: number }) => i.accountId === accountId);
    expect((await call(ctx, admin, 'POST', `/api/admin/registrations/professionals/${accountId}/approve`, { version: item.version })).statusCode).toBe(200);

    // Sign-in by ID number (lower-case x accepted as before).
    const signedIn = await loginAsProfessional(ctx, idNumber.toLowerCase());
    expect(signedIn.statusCode).toBe(200);
    const cookie = sessionCookie(signedIn);
    const me = (await call(ctx, cookie, 'GET', '/api/me/profile')).json();
    expect(me).toMatchObject({ idNumber, phone });

    // Admin search by exact ID number, admin certificate query, public certificate query.
    const search = await call(ctx, admin, 'POST', '/api/admin/professionals/search', { q: idNumber });
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((i: { accountId: number }) => i.accountId)).toEqual([accountId]);
    const adminQuery = await call(ctx, admin, 'POST', '/api/admin/certificates/search', { idNumber });
    expect(adminQuery.statusCode).toBe(200);
    expect(adminQuery.json().person.idNumberMasked).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    const publicQuery = await ctx.app.inject({ method: 'POST', url: '/api/public/certificates/search', payload: { idNumber, name: body.name } });
    // No certificate yet (certificates-print.test.ts finds issued ones by ID number): the point here is
    // that the query leaves the number nowhere.
    expect(publicQuery.statusCode).toBe(404);

    // An identity change keeps the old and the new number in the request's before/after.
    const newId = uniqueIdNumber(unit.regionCode);
    const change = await submitIdentityChange(ctx, cookie, { idNumber: newId }, idCardPhotos());
    expect(change.statusCode).toBe(201);
    const detail = await call(ctx, admin, 'GET', `/api/admin/professional-changes/${change.json().id}`);
    expect(detail.json()).toMatchObject({ before: { idNumber }, after: { idNumber: newId } });

    // A forgotten password by ID number and phone (rate limits keyed by the blind index).
    const forgot = await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset/code', payload: { idNumber, contact: phone } });
    expect(forgot.statusCode).toBe(200);

    expect(await tablesHolding(ctx, [idNumber, newId, phone, idNumber.slice(6, 14) + idNumber.slice(-4)])).toEqual([]);

    // Approved: the person's number is the new one, found by its blind index, and still nowhere in clear.
    const approved = await call(ctx, admin, 'POST', `/api/admin/professional-changes/${change.json().id}/approve`, { version: detail.json().version });
    expect(approved.statusCode).toBe(200);
    expect((await loginAsProfessional(ctx, newId)).statusCode).toBe(200);
    expect((await loginAsProfessional(ctx, idNumber)).statusCode).toBe(401);
    expect(await tablesHolding(ctx, [idNumber, newId, phone])).toEqual([]);
    const [raw] = await ctx.deps.db
      .select({ enc: schema.persons.idNumberEnc, index: schema.persons.idNumberIndex, phone: schema.persons.phoneEnc, legacy: schema.persons.legacyIdNumber })
      .from(schema.persons)
      .innerJoin(schema.accounts, eq(schema.accounts.personId, schema.persons.id))
      .where(eq(schema.accounts.id, accountId));
    expect(raw).toMatchObject({ enc: expect.stringMatching(/^sm4:\d+:/), index: expect.stringMatching(/^[0-9a-f]{64}$/), phone: expect.stringMatching(/^sm4:\d+:/), legacy: null });
  });

  it('a changed ciphertext is detected when the row is read, not silently decrypted', async () => {
    const prof = await register(ctx, registrationBody(unitAdmin.org));
    const [row] = await ctx.deps.db.select({ personId: schema.accounts.personId }).from(schema.accounts).where(eq(schema.accounts.id, prof.json().id));
    const personId = row!.personId;
    const before = await findPersonById(ctx.deps.db, personId);
    // Flip one character of the ciphertext (the payload, not the prefix).
    await ctx.deps.db.execute(sql`
      update persons set id_number_enc = substr(id_number_enc, 1, 12) || case when substr(id_number_enc, 13, 1) = 'A' then 'B' else 'A' end || substr(id_number_enc, 14)
       where id = ${personId}`);
    await expect(findPersonById(ctx.deps.db, personId)).rejects.toThrow(PiiIntegrityError);
    // The blind index still finds the row; reading it fails instead of answering a wrong number.
    await expect(findPersonByIdNumber(ctx.deps.db, before!.idNumber)).rejects.toThrow(PiiIntegrityError);
    const signIn = await loginAsProfessional(ctx, before!.idNumber);
    expect(signIn.statusCode).toBe(500);
  });

  it('rows written before encryption (migration 0013) are sealed by the start-up conversion and then found as before', async () => {
    const admin = await buildAdmin(ctx, unitAdmin.org);
    const legacyId = uniqueIdNumber();
    const newId = uniqueIdNumber();
    // What an installation of before migration 0013 holds: clear columns, no ciphertext, no index.
    const inserted = (await ctx.deps.db.execute(sql`
      insert into persons (id_number, name, password_hash, phone) values (${legacyId}, '旧数据', 'x', '13611112222') returning id`)) as unknown as { rows: { id: number }[] };
    const personId = inserted.rows[0]!.id;
    await ctx.deps.db.execute(sql`
      insert into professional_change_requests (person_id, account_id, org_id, kind, status, before, after)
      values (${personId}, ${admin.accountId}, ${unitAdmin.org.id}, 'identity', 'rejected',
              ${JSON.stringify({ name: '旧数据', idNumber: legacyId })}::jsonb, ${JSON.stringify({ name: '旧数据', idNumber: newId })}::jsonb)`);
    await ctx.deps.db.execute(sql`insert into outbox (channel, recipient, subject, body) values ('sms', '13611112222', '验证码', '123456')`);
    expect(await tablesHolding(ctx, [legacyId, newId, '13611112222'])).not.toEqual([]);

    expect(await sealLegacyPii(ctx.deps.db)).toBeGreaterThanOrEqual(3);
    expect(await tablesHolding(ctx, [legacyId, newId, '13611112222'])).toEqual([]);
    const person = await findPersonByIdNumber(ctx.deps.db, legacyId);
    expect(person).toMatchObject({ id: personId, idNumber: legacyId, phone: '13611112222' });
    const [request] = await ctx.deps.db.select().from(schema.professionalChangeRequests).where(eq(schema.professionalChangeRequests.personId, personId));
    expect(request).toMatchObject({ before: { idNumber: legacyId }, after: { idNumber: newId } });
    // A second run (another server starting) finds nothing left to do.
    expect(await sealLegacyPii(ctx.deps.db)).toBe(0);
  });

  it('contact phone numbers (organisations, seal applications and filings, platforms, a visitor’s contact) are stored encrypted too', async () => {
    const org = await buildOrg(ctx, { kind: 'unit', parent: unitAdmin.org });
    const raw = async () =>
      ((await ctx.deps.db.execute(sql`select contact_phone from organisations where id = ${org.id}`)) as unknown as { rows: { contact_phone: string }[] }).rows[0]!.contact_phone;
    expect(await raw()).toMatch(/^sm4:\d+:/);
    const [read] = await ctx.deps.db.select({ phone: schema.organisations.contactPhone }).from(schema.organisations).where(eq(schema.organisations.id, org.id));
    expect(read!.phone).toBe('0371-12345678');
    // Written before the column was encrypted: sealed by the start-up conversion, read back the same.
    await ctx.deps.db.execute(sql`update organisations set contact_phone = '13733334444' where id = ${org.id}`);
    expect(await tablesHolding(ctx, ['13733334444'])).toEqual(['public.organisations: 13733334444']);
    expect(await sealLegacyPii(ctx.deps.db)).toBeGreaterThanOrEqual(1);
    expect(await tablesHolding(ctx, ['13733334444'])).toEqual([]);
    const [again] = await ctx.deps.db.select({ phone: schema.organisations.contactPhone }).from(schema.organisations).where(eq(schema.organisations.id, org.id));
    expect(again!.phone).toBe('13733334444');
  });

  it('stored files are sealed: the bytes on disk hold nothing of the upload, reading gives it back, a changed byte is refused', async () => {
    const storage = fileStorageAt(ctx.deps.config.filesDir);
    const sheet = Buffer.from('身份证号,姓名\n410102198509102116,张伟\n', 'utf8');
    const key = await storage.put(sheet, ctx.clock.now);
    const onDisk = path.join(ctx.deps.config.filesDir, ...key.split('/'));
    const raw = fs.readFileSync(onDisk);
    expect(raw.includes(Buffer.from('410102198509102116'))).toBe(false);
    expect(raw.includes(Buffer.from('张伟'))).toBe(false);
    const read = async (k: string) => Buffer.concat(await (await storage.open(k)).toArray());
    expect((await read(key)).equals(sheet)).toBe(true);
    raw[raw.length - 40] = raw[raw.length - 40]! ^ 1;
    fs.writeFileSync(onDisk, raw);
    await expect(read(key)).rejects.toBeInstanceOf(PiiIntegrityError);
    await storage.remove(key);
  });

  it('a key rotation: new values use the new version at once, the job re-encrypts every row, lookups keep working', async () => {
    const before = await register(ctx, registrationBody(unitAdmin.org));
    expect(before.statusCode).toBe(201);
    // A file written in clear before files were sealed: the rotation job seals it too.
    const legacyKey = '2020/01/0123456789abcdef0123456789abcdef';
    const legacyFile = path.join(ctx.deps.config.filesDir, '2020', '01', '0123456789abcdef0123456789abcdef');
    fs.mkdirSync(path.dirname(legacyFile), { recursive: true });
    fs.writeFileSync(legacyFile, '410102198509102116');
    expect(Object.keys(await piiKeyVersionCounts(ctx.deps.db))).toEqual(['1']);
    // The operator adds version 2 (PII_KEYS on every server, restart): the app loads the new keyring.
    const rotated = { ...TEST_PII_SECRETS, keys: { ...TEST_PII_SECRETS.keys, 2: 'r'.repeat(40) } };
    usePiiKeys({ piiSecrets: rotated, dataDir: ctx.deps.config.dataDir });
    try {
      const fresh = registrationBody(unitAdmin.org);
      expect((await register(ctx, fresh)).statusCode).toBe(201);
      const mixed = await piiKeyVersionCounts(ctx.deps.db);
      expect(Object.keys(mixed).sort()).toEqual(['1', '2']);

      const runJob = async () => {
        const jobId = await ctx.deps.jobs.submit({
          kind: PII_REENCRYPT_JOB,
          ownerAccountId: unitAdmin.accountId,
          ownerOrg: { id: unitAdmin.org.id, path: unitAdmin.org.path },
          payload: {},
        });
        let job: { state: string; message: string; result: Record<string, unknown> | null } | undefined;
        for (let i = 0; i < 600 && !(job && ['succeeded', 'failed'].includes(job.state)); i++) {
          await new Promise((r) => setTimeout(r, 100));
          [job] = await ctx.deps.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
        }
        return job!;
      };
      // The row an earlier test altered is not re-encrypted (that would launder it): the job names it.
      const refused = await runJob();
      expect(refused).toMatchObject({ state: 'failed', message: expect.stringContaining('校验失败') });
      const refusedIds = refused.result!.refusedPersonIds as number[];
      expect(refusedIds).toHaveLength(1);
      // The operator deals with it (here: removes the test's altered row), and runs the job again.
      await ctx.deps.db.delete(schema.persons).where(eq(schema.persons.id, refusedIds[0]!));
      const job = await runJob();
      expect(job).toMatchObject({ state: 'succeeded', message: expect.stringContaining('已用密钥版本 2 重新加密') });
      // Every stored file too, the legacy clear one included.
      const files = fs.readdirSync(ctx.deps.config.filesDir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(ctx.deps.config.filesDir, f)).isFile());
      expect(files.length).toBeGreaterThan(1);
      for (const f of files) expect(fileKeyVersion(fs.readFileSync(path.join(ctx.deps.config.filesDir, f))), f).toBe(2);
      expect(Buffer.concat(await (await fileStorageAt(ctx.deps.config.filesDir).open(legacyKey)).toArray()).toString()).toBe('410102198509102116');
      // Every stored value is now under version 2: version 1 could be removed from PII_KEYS.
      // (less the removed person's ID and phone number)
      expect(await piiKeyVersionCounts(ctx.deps.db)).toEqual({ 2: mixed['1']! + mixed['2']! - 2 });
      // Without version 1 in the keyring everything still reads and every lookup still finds its person.
      usePiiKeys({ piiSecrets: { ...rotated, keys: { 2: rotated.keys[2] } }, dataDir: ctx.deps.config.dataDir });
      const admin = await login(ctx, unitAdmin);
      const pending = await call(ctx, admin, 'GET', '/api/admin/registrations/professionals');
      expect(pending.statusCode).toBe(200);
      for (const body of [registrationBody(unitAdmin.org, { idNumber: fresh.idNumber })]) {
        expect((await register(ctx, body)).statusCode).toBe(409);
      }
      const progress = await ctx.app.inject({ method: 'POST', url: '/api/registrations/progress', payload: { idNumber: fresh.idNumber, name: fresh.name } });
      expect(progress.json().items).toHaveLength(1);
      expect(await tablesHolding(ctx, [fresh.idNumber as string, fresh.phone as string])).toEqual([]);
    } finally {
      usePiiKeys(ctx.deps.config);
    }
  });
});
