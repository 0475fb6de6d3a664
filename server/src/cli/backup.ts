/**
 * Backs up an embedded (PGlite) installation: database, files folder, signing-key secret and (unless
 * configured in PII_KEYS) the keys of the encrypted ID and phone numbers.
 * Usage: npm run backup -- --out <new folder>   (stop the server first: the data directory is locked
 * to one process). PostgreSQL: see README "备份与恢复" (pg_dump).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db';
import { createBackup } from '../backup/backup';

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new Error('已设置 DATABASE_URL（PostgreSQL）：请按 README“备份与恢复”用 pg_dump 备份数据库，并另行备份附件目录、SIGNING_KEY_SECRET 和 PII_KEYS / PII_INDEX_KEY');
  }
  const now = new Date();
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const out = path.resolve(values.out ?? `backup-${stamp}`);
  const database = await openDatabase({ dataDir: config.dataDir });
  try {
    const manifest = await createBackup(database, config, out, now);
    if (config.fileStorage.kind === 's3') {
      console.log(`已备份到 ${out}（数据库、签名密钥）。附件在对象存储（存储桶 ${config.fileStorage.bucket}）中，未写入备份：请用对象存储的版本控制或跨区域复制另行备份。`);
    } else {
      console.log(`已备份到 ${out}（数据库、${Object.keys(manifest.sha256).filter((f) => f.startsWith('files/')).length} 个附件、签名密钥）。`);
    }
    console.log(
      manifest.piiKeys === 'included'
        ? '备份中含签名密钥和个人信息加密密钥（pii.keys）：请妥善保管（仅限运维人员访问）。'
        : '备份中含签名密钥：请妥善保管（仅限运维人员访问）。个人信息加密密钥来自 PII_KEYS / PII_INDEX_KEY，未写入备份：恢复时须设置相同的变量。',
    );
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
