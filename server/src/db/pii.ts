import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../config';
import {
  blindIndex,
  keyringFromSecrets,
  newPiiSecret,
  normaliseIdNumber,
  openPii,
  sealPii,
  type PiiKeyring,
  type PiiSecrets,
} from '../lib/pii';
import { consultations, learningPlatforms, organisations, outbox, persons, professionalChangeRequests, sealAdminFilings, sealApplications } from './schema';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { piiKeyring, setPiiKeyring } from './pii-keyring';
import type { Db, Queryable } from './index';

/**
 * ID and phone numbers at rest (issue 9 item 8): the one place that turns them into ciphertext and
 * blind indexes and back. Repositories select `personIdNumber` / `personPhone` / `personColumns`
 * (decrypted as rows are read), write `sealIdNumber()` / `sealPhone()`, and look people up with
 * `idNumberIs()` / `idNumberIn()` (the blind index, one indexed lookup); services only ever see
 * plain values.
 *
 * The keyring is process-wide because Drizzle decodes result columns without a request context: it
 * is loaded once at start (`usePiiKeys(config)` in buildApp and the CLIs) from PII_KEYS /
 * PII_INDEX_KEY, or from `${DATA_DIR}/pii.keys` (0600, generated once, like `signing.secret`).
 */

export const ID_NUMBER_FIELD = 'persons.id_number';
export const PHONE_FIELD = 'persons.phone';
export const PII_KEYS_FILE = 'pii.keys';

export { piiKeyring };

interface KeysFile {
  index: string;
  keys: Record<string, string>;
}

const keysFileOf = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, PII_KEYS_FILE);

function readKeysFile(file: string): PiiSecrets {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeysFile;
  return { indexSecret: parsed.index, keys: Object.fromEntries(Object.entries(parsed.keys).map(([v, s]) => [Number(v), s])) };
}

function writeKeysFile(file: string, secrets: PiiSecrets, flag: 'wx' | 'w') {
  const body: KeysFile = { index: secrets.indexSecret, keys: Object.fromEntries(Object.entries(secrets.keys)) };
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag });
}

/** The configured secrets, or those of the data directory's `pii.keys` (created on first use). */
export function piiSecretsFor(config: Pick<Config, 'piiSecrets' | 'dataDir'>): PiiSecrets {
  if (config.piiSecrets) return config.piiSecrets;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = keysFileOf(config);
  try {
    writeKeysFile(file, { keys: { 1: newPiiSecret() }, indexSecret: newPiiSecret() }, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  try {
    const secrets = readKeysFile(file);
    keyringFromSecrets(secrets);
    return secrets;
  } catch (err) {
    throw new Error(`${file} 不是有效的个人信息密钥文件：${(err as Error).message}`, { cause: err });
  }
}

/** Loads the keyring of `config` for this process (start of the server, a CLI, a test app). */
export function usePiiKeys(config: Pick<Config, 'piiSecrets' | 'dataDir'>): PiiKeyring {
  const ring = keyringFromSecrets(piiSecretsFor(config));
  setPiiKeyring(ring);
  return ring;
}

/**
 * Adds the next key version to the data directory's `pii.keys` and loads it, so new values are
 * encrypted with it (the rotation job then re-encrypts the old rows). With PII_KEYS configured the
 * operator adds the version there instead (every server, then restart).
 */
export function addPiiKeyVersion(config: Pick<Config, 'piiSecrets' | 'dataDir'>): number {
  if (config.piiSecrets) {
    throw new Error('个人信息密钥来自环境变量 PII_KEYS：请在每台服务器的 PII_KEYS 中加入新版本（版本号更大）后重启，再运行重新加密');
  }
  const secrets = piiSecretsFor(config);
  const next = Math.max(...Object.keys(secrets.keys).map(Number)) + 1;
  const updated = { ...secrets, keys: { ...secrets.keys, [next]: newPiiSecret() } };
  const file = keysFileOf(config);
  writeKeysFile(`${file}.new`, updated, 'w');
  fs.renameSync(`${file}.new`, file);
  usePiiKeys(config);
  return next;
}

export const sealIdNumber = (idNumber: string) => ({
  idNumberEnc: sealPii(piiKeyring(), ID_NUMBER_FIELD, normaliseIdNumber(idNumber)),
  idNumberIndex: idNumberIndexOf(idNumber),
});
export const sealPhone = (phone: string | null) => (phone === null ? null : sealPii(piiKeyring(), PHONE_FIELD, phone));
export const openIdNumber = (sealed: string) => openPii(piiKeyring(), ID_NUMBER_FIELD, sealed);
export const openPhone = (sealed: string) => openPii(piiKeyring(), PHONE_FIELD, sealed);
export const idNumberIndexOf = (idNumber: string) => blindIndex(piiKeyring(), ID_NUMBER_FIELD, normaliseIdNumber(idNumber));

/** Select field: the person's ID number, decrypted as the row is read. */
export const personIdNumber: SQL<string> = sql<string>`${persons.idNumberEnc}`.mapWith(openIdNumber);
/** Select field: the person's mobile number (or null), decrypted as the row is read. */
export const personPhone: SQL<string | null> = sql<string | null>`${persons.phoneEnc}`.mapWith(openPhone);

/** Every column of a person as the application sees it (instead of `persons` in a select). */
export const personColumns = {
  id: persons.id,
  idNumber: personIdNumber,
  name: persons.name,
  passwordHash: persons.passwordHash,
  phone: personPhone,
  email: persons.email,
  mustChangePassword: persons.mustChangePassword,
  failedLoginCount: persons.failedLoginCount,
  failedLoginWindowStart: persons.failedLoginWindowStart,
  lockedUntil: persons.lockedUntil,
  createdAt: persons.createdAt,
  passwordChangedAt: persons.passwordChangedAt,
};

/** Where-condition: the person with this ID number (blind index, unique index). */
export const idNumberIs = (idNumber: string) => eq(persons.idNumberIndex, idNumberIndexOf(idNumber));
/** Where-condition: the people with any of these ID numbers. */
export const idNumberIn = (idNumbers: string[]) => inArray(persons.idNumberIndex, idNumbers.map(idNumberIndexOf));

/**
 * Encrypts the clear ID and phone numbers of rows written before migration 0013 and clears them,
 * batch by batch (each row by a guarded update, so servers starting together do each row once).
 * Run at start after the migrations, before the first request. Returns the number of rows sealed.
 */
export async function sealLegacyPii(db: Db): Promise<number> {
  let sealed = (await sealLegacyChangeRequests(db)) + (await sealLegacyOutbox(db));
  for (const [table, column] of SEALED_CONTACT_COLUMNS) sealed += await sealLegacyColumn(db, table, column);
  for (;;) {
    const rows = await db
      .select({ id: persons.id, idNumber: persons.legacyIdNumber, phone: persons.legacyPhone })
      .from(persons)
      .where(or(isNotNull(persons.legacyIdNumber), isNotNull(persons.legacyPhone)))
      .orderBy(persons.id)
      .limit(500);
    if (rows.length === 0) return sealed;
    await db.transaction(async (tx) => {
      for (const r of rows) sealed += await sealLegacyPerson(tx, r);
    });
  }
}

async function sealLegacyPerson(q: Queryable, r: { id: number; idNumber: string | null; phone: string | null }) {
  const values = {
    ...(r.idNumber !== null ? sealIdNumber(r.idNumber) : {}),
    ...(r.phone !== null ? { phoneEnc: sealPhone(r.phone) } : {}),
    legacyIdNumber: null,
    legacyPhone: null,
  };
  const same = (col: typeof persons.legacyIdNumber | typeof persons.legacyPhone, v: string | null) =>
    v === null ? sql`${col} is null` : sql`${col} = ${v}`;
  const done = await q
    .update(persons)
    .set(values)
    .where(and(eq(persons.id, r.id), same(persons.legacyIdNumber, r.idNumber), same(persons.legacyPhone, r.phone)))
    .returning({ id: persons.id });
  return done.length;
}

/** Identity change requests written before migration 0013 hold the ID numbers in clear in before/after. */
async function sealLegacyChangeRequests(db: Db): Promise<number> {
  const cr = professionalChangeRequests;
  const clear = (col: typeof cr.before | typeof cr.after) => sql`(${col} ? 'idNumber' and ${col}->>'idNumber' not like 'sm4:%')`;
  let sealed = 0;
  for (;;) {
    const rows = await db
      .select({ id: cr.id, before: cr.before, after: cr.after })
      .from(cr)
      .where(or(clear(cr.before), clear(cr.after)))
      .orderBy(cr.id)
      .limit(500);
    if (rows.length === 0) return sealed;
    // Read through the column type (clear values pass as they are), written back sealed.
    for (const r of rows) await db.update(cr).set({ before: r.before, after: r.after }).where(eq(cr.id, r.id));
    sealed += rows.length;
  }
}

/** Messages of the outbox written before migration 0013 name their recipient in clear. */
async function sealLegacyOutbox(db: Db): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = await db
      .select({ id: outbox.id, recipient: outbox.recipient })
      .from(outbox)
      .where(sql`${outbox.recipient} not like 'sm4:%'`)
      .orderBy(outbox.id)
      .limit(500);
    if (rows.length === 0) return sealed;
    for (const r of rows) await db.update(outbox).set({ recipient: r.recipient }).where(eq(outbox.id, r.id));
    sealed += rows.length;
  }
}

/** Contact phone numbers (and a visitor's contact) kept encrypted by their column type (`sealedText`). */
export const SEALED_CONTACT_COLUMNS: [PgTable & { id: PgColumn }, string][] = [
  [organisations, 'contactPhone'],
  [consultations, 'askerContact'],
  [sealApplications, 'contactPhone'],
  [sealAdminFilings, 'phone'],
  [learningPlatforms, 'contactPhone'],
];

/** Rows written before these columns were encrypted: rewritten through the column type, which encrypts. */
async function sealLegacyColumn(db: Db, table: PgTable & { id: PgColumn }, key: string): Promise<number> {
  const column = (table as unknown as Record<string, PgColumn>)[key]!;
  let sealed = 0;
  for (;;) {
    const rows = (await db
      .select({ id: table.id, value: column })
      .from(table)
      .where(sql`${column} is not null and ${column} not like 'sm4:%'`)
      .orderBy(table.id)
      .limit(500)) as { id: number; value: string }[];
    if (rows.length === 0) return sealed;
    for (const r of rows) await db.update(table).set({ [key]: r.value }).where(eq(table.id, r.id));
    sealed += rows.length;
  }
}
