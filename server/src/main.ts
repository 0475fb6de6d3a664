// First: ExcelJS's streaming reader must get its per-stream UTF-8 decoder before ExcelJS loads.
import './lib/exceljs-utf8';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config';
import { migrate, openDatabase, openPostgres } from './db';
import { loggerOptions } from './http/log';
import { buildApp } from './app';
import { ensureBureaus } from './modules/organisations/bureaus';
import { outboxNotifier } from './modules/notify/notifier';
import { seedDemoDataIfEmpty } from './demo/seed';
import { refreshAllYears } from './modules/statistics/refresh';
import type { Deps } from './http/context';
import { JobQueue } from './jobs/queue';
import { sealLegacyPii, usePiiKeys } from './db/pii';
import { S3ObjectStorage, fileStorageFor } from './modules/files/storage';

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '../../web/dist');

async function main() {
  const config = loadConfig();
  // Object storage (FILE_STORAGE=s3): a wrong address, bucket or key stops the start, not the first upload.
  const files = fileStorageFor(config);
  if (files instanceof S3ObjectStorage) await files.check();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  usePiiKeys(config);
  // Rows written before ID and phone numbers were encrypted (migration 0011) are sealed before serving.
  const sealed = await sealLegacyPii(database.db);
  await ensureBureaus(database.db);
  const jobs = new JobQueue({ db: database.db, sql: database.sql, kind: database.kind });
  // Reads that may lag a moment go to a streaming replica when one is configured (README, production).
  const replica = config.databaseReadUrl ? openPostgres(config.databaseReadUrl) : null;
  const deps: Deps = { db: database.db, dbKind: database.kind, config, notifier: outboxNotifier, now: () => new Date(), jobs, readDb: replica?.db };

  const app = await buildApp(deps, {
    webRoot: fs.existsSync(path.join(webRoot, 'index.html')) ? webRoot : undefined,
    // Secrets and full ID numbers stay out of the logs.
    logger: loggerOptions(config.logLevel),
  });
  if (config.databaseUrl && !config.signingKeySecret) {
    app.log.warn('使用 PostgreSQL 但未设置 SIGNING_KEY_SECRET：证书签名密钥口令保存在 DATA_DIR/signing.secret；多台应用服务器必须设置相同的 SIGNING_KEY_SECRET');
  }
  if (sealed > 0) app.log.info({ sealed }, '已加密旧数据中的身份证号和手机号码');
  if (config.databaseUrl && !config.piiSecrets) {
    app.log.warn('使用 PostgreSQL 但未设置 PII_KEYS / PII_INDEX_KEY：个人信息加密密钥保存在 DATA_DIR/pii.keys；多台应用服务器必须配置相同的密钥');
  }
  if (!config.captcha) app.log.warn('CAPTCHA=off：登录与注册的图形验证码已关闭，仅可用于自动化测试');
  if (config.demoData) {
    const seeded = await seedDemoDataIfEmpty(deps);
    if (seeded) app.log.info('空数据库：已载入演示数据（README 列出演示账号）');
    // The demo's statistics are there at once, not only after the hourly refresh.
    if (seeded) await refreshAllYears(database.db, deps.now);
  }

  // Scheduled tasks (registerScheduledTasks in buildApp, e.g. purging expired sessions) and job workers.
  jobs.setLogger(app.log);
  await jobs.start();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await jobs.stop();
    } finally {
      await replica?.close();
      await database.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(`平台已启动：http://${config.host}:${config.port}（数据库：${database.kind}${replica ? '，只读副本已启用' : ''}，附件：${config.fileStorage.kind === 's3' ? `对象存储 ${config.fileStorage.bucket}` : config.filesDir}）`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
