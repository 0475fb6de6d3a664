import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config';
import { migrate, openDatabase } from './db';
import { buildApp } from './app';
import { ensureBureaus } from './modules/organisations/bureaus';
import { outboxNotifier } from './modules/notify/notifier';
import { purgeExpired } from './modules/auth/sessions';
import { seedDemoDataIfEmpty } from './demo/seed';
import type { Deps } from './http/context';

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '../../web/dist');

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  await ensureBureaus(database.db);
  const deps: Deps = { db: database.db, dbKind: database.kind, config, notifier: outboxNotifier, now: () => new Date() };

  const app = await buildApp(deps, {
    webRoot: fs.existsSync(path.join(webRoot, 'index.html')) ? webRoot : undefined,
    logger: {
      level: config.logLevel,
      // Secrets stay out of the logs.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
  });
  if (config.databaseUrl && !config.signingKeySecret) {
    app.log.warn('使用 PostgreSQL 但未设置 SIGNING_KEY_SECRET：证书签名密钥口令保存在 DATA_DIR/signing.secret；多台应用服务器必须设置相同的 SIGNING_KEY_SECRET');
  }
  if (!config.captcha) app.log.warn('CAPTCHA=off：登录与注册的图形验证码已关闭，仅可用于自动化测试');
  if (config.demoData) {
    const seeded = await seedDemoDataIfEmpty(deps);
    if (seeded) app.log.info('空数据库：已载入演示数据（README 列出演示账号）');
  }

  const purge = setInterval(() => {
    purgeExpired(database.db, new Date()).catch((err) => app.log.error({ err }, 'purge failed'));
  }, 10 * 60_000);
  purge.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(purge);
    try {
      await app.close();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(`平台已启动：http://${config.host}:${config.port}（数据库：${database.kind}）`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
