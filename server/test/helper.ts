import fs from 'node:fs';
import crypto from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openPostgres, pgliteExtensions, wrapPglite, type Database } from '../src/db';
import { buildApp, type BuildOptions } from '../src/app';
import { testConfig, type Config } from '../src/config';
import { outboxNotifier } from '../src/modules/notify/notifier';
import type { Deps } from '../src/http/context';
import { JobQueue } from '../src/jobs/queue';

export interface TestContext {
  app: FastifyInstance;
  deps: Deps;
  database: Database;
  /** Moves the clock the app sees (lockouts, idle sessions, codes). */
  clock: { now: Date; advanceMinutes(m: number): void };
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template, and the app on it. */
export async function buildTestApp(configOverrides: Partial<Config> = {}, appOptions: BuildOptions = {}): Promise<TestContext> {
  return buildTestAppOn(await freshDatabase(), configOverrides, appOptions);
}

/** The app on a database the test opened itself (e.g. an embedded one in a data directory). */
export async function buildTestAppOn(database: Database, configOverrides: Partial<Config> = {}, appOptions: BuildOptions = {}): Promise<TestContext> {
  const clock = {
    now: new Date(),
    advanceMinutes(m: number) {
      this.now = new Date(this.now.getTime() + m * 60_000);
    },
  };
  const jobs = new JobQueue({
    db: database.db,
    sql: database.sql,
    kind: database.kind,
    now: () => clock.now,
    pollingSeconds: 0.5,
    log: { error: (obj, msg) => { if (process.env.TEST_LOG_JOBS) console.error(msg, obj); } },
  });
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    config: testConfig(configOverrides),
    notifier: outboxNotifier,
    now: () => clock.now,
    jobs,
  };
  const app = await buildApp(deps, appOptions);
  await app.ready();
  await jobs.start();
  return {
    app,
    deps,
    database,
    clock,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
      fs.rmSync(deps.config.filesDir, { recursive: true, force: true });
    },
  };
}

async function freshDatabase(): Promise<Database> {
  const pgTemplate = inject('pgTemplate');
  if (pgTemplate) {
    const name = `${pgTemplate.prefix}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgTemplate.adminUrl });
    await admin.connect();
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`create database ${name} template ${pgTemplate.template}`);
          break;
        } catch (err) {
          // Two files cloning the template at the same instant: PostgreSQL refuses one; try again.
          if (attempt >= 20) throw err;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        }
      }
    } finally {
      await admin.end();
    }
    const u = new URL(pgTemplate.adminUrl);
    u.pathname = `/${name}`;
    return openPostgres(u.toString(), 5);
  }
  const tar = fs.readFileSync(inject('pgliteTemplate'));
  const client = await PGlite.create({ loadDataDir: new Blob([tar]), extensions: pgliteExtensions });
  return wrapPglite(client);
}

/** Reads the session cookie a login answer set. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'ce_session');
  if (!cookie) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `ce_session=${cookie.value}`;
}
