/**
 * Rotates the keys of the ID and phone numbers at rest (README "个人信息加密"): runs the
 * `pii-reencrypt` job, which re-encrypts every value still under an older key version, and waits
 * for it. Usage: npm run rotate-pii-keys -- [--new-key]
 * - Keys in DATA_DIR/pii.keys (the embedded default; stop the server first): `--new-key` adds the next
 *   version to the file, then everything is re-encrypted with it.
 * - Keys in PII_KEYS: first add the new version (a higher number) to PII_KEYS on every server and
 *   restart them; then run this with the same PII_KEYS. Remove the old version only once this reports
 *   no value left under it.
 */
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../config';
import { migrate, openDatabase, schema } from '../db';
import { addPiiKeyVersion, sealLegacyPii, usePiiKeys } from '../db/pii';
import { JobQueue } from '../jobs/queue';
import { ensureBureaus } from '../modules/organisations/bureaus';
import { PII_REENCRYPT_JOB, definePiiRotationJob, piiKeyVersionCounts } from '../modules/pii/rotation';
import { fileStorageFor } from '../modules/files/storage';

const describe = (counts: Record<string, number>) =>
  Object.entries(counts).map(([v, n]) => `版本 ${v}：${n} 项`).join('，') || '无';

async function main() {
  const { values } = parseArgs({ options: { 'new-key': { type: 'boolean' } } });
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const jobs = new JobQueue({ db: database.db, sql: database.sql, kind: database.kind, log: { error: (obj, msg) => console.error(msg, obj) } });
  try {
    await migrate(database);
    usePiiKeys(config);
    await sealLegacyPii(database.db);
    await ensureBureaus(database.db);
    if (values['new-key']) console.log(`已生成个人信息加密密钥版本 ${addPiiKeyVersion(config)}（${config.dataDir}/pii.keys）。`);
    console.log(`重新加密前：${describe(await piiKeyVersionCounts(database.db))}`);
    definePiiRotationJob(jobs, database.db, fileStorageFor(config));
    await jobs.start();
    const [province] = await database.db
      .select()
      .from(schema.organisations)
      .where(and(eq(schema.organisations.kind, 'hrss'), eq(schema.organisations.regionCode, '410000')));
    // A system job: owned by no account (0), shown to the province bureau's admins.
    const jobId = await jobs.submit({
      kind: PII_REENCRYPT_JOB,
      ownerAccountId: 0,
      ownerOrg: { id: province!.id, path: province!.path },
      payload: {},
      message: '排队等待重新加密',
    });
    for (;;) {
      const [job] = await database.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
      if (job && (job.state === 'succeeded' || job.state === 'failed')) {
        console.log(`任务 ${jobId}：${job.message}`);
        if (job.state === 'failed') process.exitCode = 1;
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    console.log(`重新加密后：${describe(await piiKeyVersionCounts(database.db))}`);
  } finally {
    await jobs.stop();
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
