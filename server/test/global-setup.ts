/**
 * Prepares one migrated database (with the HRSS bureaus loaded) that every test file clones:
 * - default: an in-memory PGlite, dumped to a tarball each file loads;
 * - TEST_DATABASE_URL set: a template database on that PostgreSQL server; each file gets a fresh
 *   copy (CREATE DATABASE … TEMPLATE), and all of this run's databases are dropped at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openPostgres, pgliteExtensions, wrapPglite } from '../src/db';
import { ensureBureaus } from '../src/modules/organisations/bureaus';
import { JobQueue } from '../src/jobs/queue';
import type { Database } from '../src/db';

/** Installs the job queue's schema (pg-boss) once in the template, so each test file starts it quickly. */
async function installJobQueue(database: Database) {
  const jobs = new JobQueue({ db: database.db, sql: database.sql, kind: database.kind });
  await jobs.start();
  await jobs.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: { adminUrl: string; template: string; prefix: string } | null;
  }
}

export const dbUrlWithName = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (project.name === 'server-pg') {
    if (!adminUrl) throw new Error('server-pg needs TEST_DATABASE_URL=postgres://…');
    const prefix = `ce_test_${crypto.randomBytes(4).toString('hex')}`;
    const template = `${prefix}_tpl`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = openPostgres(dbUrlWithName(adminUrl, template), 2);
    await migrate(database);
    await ensureBureaus(database.db);
    await installJobQueue(database);
    await database.close();
    project.provide('pgTemplate', { adminUrl, template, prefix });
    project.provide('pgliteTemplate', '');
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`${prefix}%`],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const database = wrapPglite(client);
  await migrate(database);
  await ensureBureaus(database.db);
  await installJobQueue(database);
  const dump = await client.dumpDataDir('none');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ce-test-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', null);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
