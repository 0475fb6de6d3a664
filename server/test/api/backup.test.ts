/**
 * Backups of an embedded installation (issue 9 item 10): `npm run backup` / `npm run restore` keep the
 * database, the files folder and the signing-key secret; a certificate issued before the backup still
 * verifies after restoring into a fresh data directory, its evidence file is still there, and the
 * restored keys still sign.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { migrate, openDatabase, pgliteExtensions, wrapPglite } from '../../src/db';
import { testConfig } from '../../src/config';
import { ensureBureaus } from '../../src/modules/organisations/bureaus';
import { requireSigningKey, signingKeyVault, SIGNING_SECRET_FILE } from '../../src/modules/certificates/keys';
import { checkBackup, createBackup, restoreBackup } from '../../src/backup/backup';
import { PII_KEYS_FILE, sealIdNumber, sealPhone, usePiiKeys } from '../../src/db/pii';
import { schema } from '../../src/db';
import { buildTestAppOn } from '../helper';
import { login } from '../factories';
import { TEST_NOW, buildChain, buildDeclaration, call, expectStatus } from '../factories-declarations';
import { enableSeal, tokenOfPdf } from './certificates-fixtures';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-backup-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** An embedded database in `dataDir`, migrated (from the suite's template when there is one). */
async function embeddedIn(dataDir: string) {
  const template = inject('pgliteTemplate');
  if (template) {
    fs.mkdirSync(dataDir, { recursive: true });
    const client = await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), loadDataDir: new Blob([fs.readFileSync(template)]), extensions: pgliteExtensions });
    return wrapPglite(client);
  }
  const database = await openDatabase({ dataDir });
  await migrate(database);
  await ensureBureaus(database.db);
  return database;
}

// The embedded default: signing secret and personal-data keys generated into the data directory.
const configIn = (dataDir: string) =>
  testConfig({ dataDir, filesDir: path.join(dataDir, 'files'), signingKeySecret: undefined, databaseUrl: undefined, piiSecrets: undefined });

describe('backup and restore (embedded database)', () => {
  it('restores into a fresh data directory: certificates verify, files are there, keys still sign', async () => {
    // 1. An installation with a signed certificate and an evidence file.
    const dirA = path.join(root, 'a');
    const configA = configIn(dirA);
    const a = await buildTestAppOn(await embeddedIn(dirA), configA);
    a.clock.now = new Date(TEST_NOW);
    const chain = await buildChain(a);
    await enableSeal(a, chain.bureau, new Date('2017-12-01T01:00:00Z'));
    await buildDeclaration(a, chain.person, { year: 2025, subject: 'public', claimedHours: 30 });
    const withFile = await buildDeclaration(a, chain.person, { year: 2025, subject: 'professional', claimedHours: 64, attachments: 1 });
    const pdf = await call(a, chain.cookies.person, 'GET', '/api/me/certificates/2025.pdf');
    expectStatus(pdf, 200);
    const token = await tokenOfPdf(pdf.rawPayload);
    const attachmentUrl = `/api/me/declarations/${withFile.id}/attachments`;
    const detail = (await call(a, chain.cookies.person, 'GET', `/api/me/declarations/${withFile.id}`)).json();
    const fileUrl = `${attachmentUrl}/${detail.attachments[0].id}`;
    const fileBefore = (await call(a, chain.cookies.person, 'GET', fileUrl)).rawPayload;
    expect(fileBefore.subarray(0, 5).toString()).toBe('%PDF-');
    const secretA = fs.readFileSync(path.join(dirA, SIGNING_SECRET_FILE), 'utf8');
    const piiKeysA = fs.readFileSync(path.join(dirA, PII_KEYS_FILE), 'utf8');

    // 2. The backup: a folder with a manifest of checksums.
    const backupDir = path.join(root, 'backup');
    const manifest = await createBackup(a.database, configA, backupDir, a.clock.now);
    expect(Object.keys(manifest.sha256).sort()).toEqual(['database.tar.gz', expect.stringMatching(/^files\/\d{4}\/\d{2}\/[0-9a-f]{32}$/), 'pii.keys', 'signing.secret']);
    expect(manifest.piiKeys).toBe('included');
    expect(fs.statSync(path.join(backupDir, 'signing.secret')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(backupDir, 'pii.keys')).mode & 0o777).toBe(0o600);
    await expect(createBackup(a.database, configA, backupDir, a.clock.now)).rejects.toThrow('已存在');
    await a.close();
    fs.rmSync(dirA, { recursive: true, force: true }); // the original is gone

    // 3. Restore into a fresh directory; never over an existing installation.
    const dirB = path.join(root, 'b');
    const configB = configIn(dirB);
    fs.mkdirSync(dirB);
    fs.writeFileSync(path.join(dirB, 'leftover'), 'x');
    await expect(restoreBackup(backupDir, configB)).rejects.toThrow('不是空的');
    fs.rmSync(path.join(dirB, 'leftover'));
    await restoreBackup(backupDir, configB);
    expect(fs.readFileSync(path.join(dirB, SIGNING_SECRET_FILE), 'utf8')).toBe(secretA);
    expect(fs.readFileSync(path.join(dirB, PII_KEYS_FILE), 'utf8')).toBe(piiKeysA);

    const restored = await openDatabase({ dataDir: dirB });
    await migrate(restored);
    const b = await buildTestAppOn(restored, configB);
    b.clock.now = new Date(TEST_NOW);
    try {
      const verified = await call(b, null, 'POST', '/api/public/certificates/verify', { token });
      expect(verified.json()).toMatchObject({ valid: true, status: 'valid' });
      // Signing in by ID number: the restored keys decrypt and the blind index finds the person.
      const cookie = await login(b, chain.person);
      const fileAfter = (await call(b, cookie, 'GET', fileUrl)).rawPayload;
      expect(fileAfter.equals(fileBefore)).toBe(true);
      // The restored secret opens the stored private key: new certificates can be signed.
      const key = await requireSigningKey(b.deps.db, chain.bureau.id, signingKeyVault(configB));
      expect(key.kid).toMatch(new RegExp(`^${chain.bureau.id}-`));
    } finally {
      await b.close();
    }
    // A file-based database on a loaded 2-core machine: dumping, loading and migrating take a while.
  }, 240_000);

  it('keys configured in PII_KEYS stay out of the backup; the restore needs the same ones and checks them', async () => {
    const dir = path.join(root, 'env-a');
    const secrets = { keys: { 1: 'k'.repeat(32), 2: 'l'.repeat(32) }, indexSecret: 'i'.repeat(32) };
    const config = { ...configIn(dir), piiSecrets: secrets };
    const database = await embeddedIn(dir);
    usePiiKeys(config);
    await database.db.insert(schema.persons).values({ ...sealIdNumber('410105198001010019'), name: '备份', passwordHash: 'x', phoneEnc: sealPhone('13700000000') });
    const backupDir = path.join(root, 'env-backup');
    const manifest = await createBackup(database, config, backupDir, new Date());
    await database.close();
    expect(manifest.piiKeys).toBe('configured');
    expect(fs.existsSync(path.join(backupDir, PII_KEYS_FILE))).toBe(false);

    await expect(restoreBackup(backupDir, configIn(path.join(root, 'env-b')))).rejects.toThrow('恢复时请设置备份时的 PII_KEYS');
    const wrongKey = { ...configIn(path.join(root, 'env-c')), piiSecrets: { ...secrets, keys: { 2: 'm'.repeat(32) } } };
    await expect(restoreBackup(backupDir, wrongKey)).rejects.toThrow('无法解密');
    const wrongIndex = { ...configIn(path.join(root, 'env-d')), piiSecrets: { ...secrets, indexSecret: 'j'.repeat(32) } };
    await expect(restoreBackup(backupDir, wrongIndex)).rejects.toThrow('盲索引密钥');
    // A refused restore leaves no database behind.
    expect(fs.existsSync(path.join(root, 'env-d', 'pglite'))).toBe(false);
    await restoreBackup(backupDir, { ...configIn(path.join(root, 'env-e')), piiSecrets: secrets });
    expect(fs.existsSync(path.join(root, 'env-e', PII_KEYS_FILE))).toBe(false);
  }, 120_000);

  it('attachments in object storage stay out of the backup; the restore needs FILE_STORAGE=s3 again', async () => {
    const dir = path.join(root, 's3-a');
    const fileStorage = {
      kind: 's3' as const,
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      bucket: 'ce-files',
      accessKeyId: 'k',
      secretAccessKey: 's',
      forcePathStyle: true,
    };
    const config = { ...configIn(dir), fileStorage };
    const database = await embeddedIn(dir);
    // A stray local folder is not what the installation serves: it is not copied.
    fs.mkdirSync(path.join(config.filesDir, '2026', '06'), { recursive: true });
    fs.writeFileSync(path.join(config.filesDir, '2026', '06', '0123456789abcdef0123456789abcdef'), 'x');
    const backupDir = path.join(root, 's3-backup');
    const manifest = await createBackup(database, config, backupDir, new Date());
    await database.close();
    expect(manifest.files).toBe('s3');
    expect(Object.keys(manifest.sha256).filter((f) => f.startsWith('files/'))).toEqual([]);

    await expect(restoreBackup(backupDir, configIn(path.join(root, 's3-b')))).rejects.toThrow('恢复时须设置 FILE_STORAGE=s3');
    const dirC = path.join(root, 's3-c');
    await restoreBackup(backupDir, { ...configIn(dirC), fileStorage });
    expect(fs.existsSync(path.join(dirC, 'files'))).toBe(false);
    // And a backup with its files folder (the same, as an installation on local disk makes it) is not
    // restored into a bucket configuration.
    const localBackup = path.join(root, 's3-local-backup');
    fs.cpSync(backupDir, localBackup, { recursive: true });
    const { files: _files, ...localManifest } = manifest;
    fs.writeFileSync(path.join(localBackup, 'manifest.json'), JSON.stringify(localManifest));
    await expect(restoreBackup(localBackup, { ...configIn(path.join(root, 's3-d')), fileStorage })).rejects.toThrow('请以 FILE_STORAGE=local 恢复');
  }, 120_000);

  it('refuses a damaged or incomplete backup, naming the file', () => {
    const dir = path.join(root, 'broken');
    fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'database.tar.gz'), 'x');
    fs.writeFileSync(path.join(dir, 'signing.secret'), 's'.repeat(40));
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({ format: 'ce-backup-1', createdAt: '', database: 'pglite', sha256: { 'database.tar.gz': '0'.repeat(64), 'signing.secret': '0'.repeat(64) } }),
    );
    expect(() => checkBackup(dir)).toThrow('备份已损坏：database.tar.gz 的校验值不符');
    fs.rmSync(path.join(dir, 'signing.secret'));
    expect(() => checkBackup(path.join(root, 'nowhere'))).toThrow('不是本平台的备份');
  });
});
