/**
 * The benchmarks' databases: with BENCH_DATABASE_URL=postgres://… a fresh database on that server
 * (dropped afterwards), else none (the benchmark uses PGlite).
 */
import crypto from 'node:crypto';
import pg from 'pg';

export interface BenchPostgres {
  /** The fresh database's URL; undefined: no BENCH_DATABASE_URL, use PGlite. */
  url: string | undefined;
  drop(): Promise<void>;
}

export async function freshBenchPostgres(prefix: string): Promise<BenchPostgres> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { url: undefined, drop: async () => {} };
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
