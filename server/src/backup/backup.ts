/**
 * Backup and restore of an embedded (PGlite) installation: the database, the files folder and the
 * certificate-signing key secret, as one folder. PostgreSQL installations use pg_dump (README).
 *
 * A backup folder holds:
 * - `database.tar.gz`: PGlite's own dump of its data directory (`dumpDataDir`), a consistent copy;
 * - `files/`: the uploaded attachments (FILES_DIR); empty when they are in object storage
 *   (FILE_STORAGE=s3, `manifest.files = 's3'`): the bucket is backed up by the storage's own means
 *   (versioning, replication), and the restore then requires FILE_STORAGE=s3 again;
 * - `signing.secret` (0600): the secret that encrypts the signing keys (from SIGNING_KEY_SECRET or
 *   DATA_DIR/signing.secret); without it stored keys cannot sign new certificates;
 * - `pii.keys` (0600), when the keys of the ID and phone numbers are the data directory's (the
 *   embedded default): without them the encrypted numbers cannot be read. Keys configured in
 *   PII_KEYS / PII_INDEX_KEY are not written into the backup (`manifest.piiKeys = 'configured'`):
 *   the restore then requires the same variables, and checks them against the restored rows;
 * - `manifest.json`: format, time, and the SHA-256 of every file, checked before a restore.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config';
import { pgliteExtensions, type Database } from '../db';
import { SIGNING_SECRET_FILE, signingSecret } from '../modules/certificates/keys';
import { ID_NUMBER_FIELD, PII_KEYS_FILE, piiSecretsFor } from '../db/pii';
import { blindIndex, keyringFromSecrets, normaliseIdNumber, openPii, type PiiSecrets } from '../lib/pii';

export const BACKUP_FORMAT = 'ce-backup-1';
const DATABASE_FILE = 'database.tar.gz';
const MANIFEST = 'manifest.json';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: 'pglite';
  /** Relative path (with forward slashes) → SHA-256 of every file of the backup but the manifest. */
  sha256: Record<string, string>;
  /**
   * Where the personal-data keys are: in the backup's `pii.keys`, or configured (PII_KEYS) and needed
   * again at the restore. Absent in backups made before the numbers were encrypted.
   */
  piiKeys?: 'included' | 'configured';
  /** `s3`: the attachments are in a bucket, not in the backup. Absent: in `files/`. */
  files?: 's3';
}

type BackupConfig = Pick<Config, 'filesDir' | 'fileStorage' | 'signingKeySecret' | 'databaseUrl' | 'dataDir' | 'piiSecrets'>;

const sha256Of = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every file under `dir`, as relative paths with forward slashes. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return listFiles(path.join(dir, e.name), rel);
    return e.isFile() ? [rel] : [];
  });
}

/**
 * Writes a backup of an open PGlite database into `outDir` (which must not exist yet). The caller
 * holds the data directory (the server is stopped, or this is the server's own process).
 */
export async function createBackup(
  database: Database,
  config: BackupConfig,
  outDir: string,
  now: Date,
): Promise<BackupManifest> {
  if (database.kind !== 'pglite' || !database.pglite) {
    throw new Error('npm run backup 只用于内置数据库（PGlite）；PostgreSQL 请按 README“备份与恢复”用 pg_dump 备份');
  }
  if (fs.existsSync(outDir)) throw new Error(`备份目录 ${outDir} 已存在，请指定一个新的目录`);
  const tmp = `${outDir}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true, mode: 0o700 });
  try {
    const dump = await database.pglite.dumpDataDir('gzip');
    fs.writeFileSync(path.join(tmp, DATABASE_FILE), Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    const inBucket = config.fileStorage.kind === 's3';
    if (!inBucket && fs.existsSync(config.filesDir)) fs.cpSync(config.filesDir, path.join(tmp, 'files'), { recursive: true });
    else fs.mkdirSync(path.join(tmp, 'files'));
    fs.writeFileSync(path.join(tmp, SIGNING_SECRET_FILE), `${signingSecret(config)}\n`, { mode: 0o600 });
    if (!config.piiSecrets) writePiiKeys(path.join(tmp, PII_KEYS_FILE), piiSecretsFor(config));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      database: 'pglite',
      piiKeys: config.piiSecrets ? 'configured' : 'included',
      ...(inBucket ? { files: 's3' as const } : {}),
      sha256: Object.fromEntries(listFiles(tmp).map((rel) => [rel, sha256Of(path.join(tmp, ...rel.split('/')))])),
    };
    fs.writeFileSync(path.join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    // Only a complete backup gets the name asked for.
    fs.renameSync(tmp, outDir);
    return manifest;
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Reads a backup's manifest and checks every file against it; throws naming the first problem. */
export function checkBackup(fromDir: string): BackupManifest {
  const manifestFile = path.join(fromDir, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new Error(`${fromDir} 不是本平台的备份（缺少 ${MANIFEST}）`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`备份格式 ${String(manifest.format)} 无法识别`);
  const present = new Set(listFiles(fromDir).filter((f) => f !== MANIFEST));
  for (const [rel, hash] of Object.entries(manifest.sha256)) {
    if (!present.has(rel)) throw new Error(`备份不完整：缺少 ${rel}`);
    if (sha256Of(path.join(fromDir, ...rel.split('/'))) !== hash) throw new Error(`备份已损坏：${rel} 的校验值不符`);
    present.delete(rel);
  }
  if (present.size > 0) throw new Error(`备份中有清单之外的文件：${[...present].join('、')}`);
  if (!manifest.sha256[DATABASE_FILE] || !manifest.sha256[SIGNING_SECRET_FILE]) throw new Error('备份不完整：缺少数据库或签名密钥');
  return manifest;
}

const isEmptyDir = (dir: string) => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;

/**
 * Restores a backup into a fresh data directory (and files folder): both must be absent or empty,
 * so a restore never mixes with or overwrites a live installation. The signing secret goes to
 * DATA_DIR/signing.secret, unless SIGNING_KEY_SECRET is configured: then it must be the same.
 */
export async function restoreBackup(
  fromDir: string,
  config: BackupConfig,
): Promise<BackupManifest> {
  if (config.databaseUrl) throw new Error('npm run restore 只用于内置数据库（PGlite）；PostgreSQL 请按 README“备份与恢复”用 pg_restore 恢复');
  const manifest = checkBackup(fromDir);
  const secret = fs.readFileSync(path.join(fromDir, SIGNING_SECRET_FILE), 'utf8').trim();
  if (config.signingKeySecret && config.signingKeySecret !== secret) {
    throw new Error('已配置的 SIGNING_KEY_SECRET 与备份中的签名密钥不同：请使用备份时的密钥，或不设置该变量以使用备份中的密钥');
  }
  if (!isEmptyDir(config.dataDir)) throw new Error(`数据目录 ${config.dataDir} 不是空的：只能恢复到新的（空的）数据目录`);
  const inBucket = config.fileStorage.kind === 's3';
  if (manifest.files === 's3' && !inBucket) {
    throw new Error('该备份的附件保存在对象存储中（未写入备份）：恢复时须设置 FILE_STORAGE=s3 及原存储桶（或其备份）的 S3_* 变量');
  }
  if (manifest.files !== 's3' && inBucket) {
    throw new Error('该备份的附件在备份的 files 目录中：请以 FILE_STORAGE=local 恢复，再按 README“附件存储”把附件目录复制到存储桶');
  }
  if (!inBucket && !isEmptyDir(config.filesDir)) throw new Error(`附件目录 ${config.filesDir} 不是空的：只能恢复到新的（空的）目录`);

  const piiSecrets = piiSecretsForRestore(fromDir, manifest, config);

  fs.mkdirSync(config.dataDir, { recursive: true });
  const dump = fs.readFileSync(path.join(fromDir, DATABASE_FILE));
  const client = await PGlite.create({ dataDir: path.join(config.dataDir, 'pglite'), loadDataDir: new Blob([dump]), extensions: pgliteExtensions });
  try {
    // A first query proves the restored database opens; the keys must read its ID numbers.
    await client.query('select 1');
    if (piiSecrets) await checkPiiKeys(client, piiSecrets);
  } catch (err) {
    await client.close();
    fs.rmSync(path.join(config.dataDir, 'pglite'), { recursive: true, force: true });
    throw err;
  }
  await client.close();
  if (fs.existsSync(path.join(fromDir, PII_KEYS_FILE)) && !config.piiSecrets) {
    fs.copyFileSync(path.join(fromDir, PII_KEYS_FILE), path.join(config.dataDir, PII_KEYS_FILE));
    fs.chmodSync(path.join(config.dataDir, PII_KEYS_FILE), 0o600);
  }
  if (!inBucket) fs.cpSync(path.join(fromDir, 'files'), config.filesDir, { recursive: true });
  if (!config.signingKeySecret) fs.writeFileSync(path.join(config.dataDir, SIGNING_SECRET_FILE), `${secret}\n`, { mode: 0o600 });
  return manifest;
}

function writePiiKeys(file: string, secrets: PiiSecrets) {
  const body = { index: secrets.indexSecret, keys: Object.fromEntries(Object.entries(secrets.keys)) };
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
}

/** The keys the restored installation will use, or null for a backup made before encryption. */
function piiSecretsForRestore(fromDir: string, manifest: BackupManifest, config: BackupConfig): PiiSecrets | null {
  const file = path.join(fromDir, PII_KEYS_FILE);
  if (fs.existsSync(file)) {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { index: string; keys: Record<string, string> };
    const included: PiiSecrets = { indexSecret: parsed.index, keys: Object.fromEntries(Object.entries(parsed.keys).map(([v, k]) => [Number(v), k])) };
    if (!config.piiSecrets) return included;
    const same =
      config.piiSecrets.indexSecret === included.indexSecret &&
      Object.entries(included.keys).every(([v, k]) => config.piiSecrets!.keys[Number(v)] === k);
    if (!same) throw new Error('已配置的 PII_KEYS / PII_INDEX_KEY 与备份中的个人信息密钥不同：请不设置这两个变量以使用备份中的密钥，或配置相同的密钥');
    return config.piiSecrets;
  }
  if (manifest.piiKeys === 'configured') {
    if (!config.piiSecrets) throw new Error('该备份的个人信息密钥来自环境变量（未写入备份）：恢复时请设置备份时的 PII_KEYS 与 PII_INDEX_KEY');
    return config.piiSecrets;
  }
  return config.piiSecrets ?? null;
}

/** Every key version the restored rows use must decrypt one of them, and the index key must match it. */
async function checkPiiKeys(client: PGlite, secrets: PiiSecrets) {
  const ring = keyringFromSecrets(secrets);
  const samples = await client.query<{ enc: string; idx: string }>(`
    select distinct on (split_part(id_number_enc, ':', 2)) id_number_enc as enc, id_number_index as idx
      from persons where id_number_enc is not null order by split_part(id_number_enc, ':', 2), id`);
  for (const row of samples.rows) {
    let plain: string;
    try {
      plain = openPii(ring, ID_NUMBER_FIELD, row.enc);
    } catch (err) {
      throw new Error(`个人信息密钥无法解密备份中的身份证号：${(err as Error).message}`, { cause: err });
    }
    if (blindIndex(ring, ID_NUMBER_FIELD, normaliseIdNumber(plain)) !== row.idx) {
      throw new Error('个人信息盲索引密钥（PII_INDEX_KEY）与备份时不同：按身份证号登录和查询将找不到人员');
    }
  }
}
