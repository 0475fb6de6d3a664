import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './lock';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Raw SQL on the same connection(s) as `db`: what the job queue (pg-boss) runs its SQL through. */
  sql: SqlExecutor;
  /** The embedded client (PGlite only): backups dump its data directory. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** pg-boss's `db` interface. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * The extensions every PGlite instance loads (migration 0016 creates pg_trgm for name search): pass
 * them to each `PGlite.create`, also when loading a dumped data directory.
 */
export const pgliteExtensions = { pg_trgm };

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Opens PostgreSQL when a URL is given, else the embedded PGlite under dataDir (locked to this process). */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const lock = acquireDataDirLock(opts.dataDir);
  try {
    const client = await PGlite.create({ dataDir: path.join(opts.dataDir, 'pglite'), extensions: pgliteExtensions });
    return wrapPglite(client, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

export function openPostgres(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const executor: SqlExecutor = {
    async executeSql(text, values) {
      const res = (await pool.query(text, values as unknown[] | undefined)) as unknown as pg.QueryResult | pg.QueryResult[];
      // A parameterless multi-statement text answers one result per statement: keep the last.
      return Array.isArray(res) ? { rows: res.at(-1)?.rows ?? [] } : { rows: res.rows };
    },
  };
  return { db, kind: 'postgres', sql: executor, close: () => pool.end() };
}

export function wrapPglite(client: PGlite, lock?: DataDirLock): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const executor: SqlExecutor = {
    async executeSql(text, values) {
      // PGlite's query() takes one statement; pg-boss's schema install sends several without parameters.
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const res = await client.query(text, values);
      return { rows: res.rows };
    },
  };
  return {
    db,
    kind: 'pglite',
    sql: executor,
    pglite: client,
    async close() {
      await client.close();
      lock?.release();
    },
  };
}

/**
 * Applies the committed migrations. On PostgreSQL an advisory lock makes N app servers starting
 * together apply them once.
 */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  await database.db.execute(sql`select pg_advisory_lock(724118)`);
  try {
    await migratePg(database.db as never, { migrationsFolder });
  } finally {
    await database.db.execute(sql`select pg_advisory_unlock(724118)`);
  }
}

export { schema };
