/**
 * Issue 13 item 2: with a streaming replica (DATABASE_READ_URL), the public certificate query,
 * verification, shared pages, statistics and exports read from it, while everything that must see
 * its own writes stays on the primary. Runs in the PostgreSQL pass against a real replica of the
 * local server (`scripts/pg-replica.sh`, started by `.ci/run`; TEST_REPLICA_URL names it).
 *
 * How the test knows where a read went: it pauses the replica's WAL replay, issues a certificate on
 * the primary, and the public query does not find it until replay resumes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres, type Database } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildProfessional } from '../factories';
import { TEST_NOW, buildChain, buildDeclaration, call, expectStatus, type Chain } from '../factories-declarations';
import { enableSeal, withCertNo } from '../api/certificates-fixtures';

// The PostgreSQL pass only (the PGlite pass has no server to replicate).
const onPostgres = Boolean(inject('pgTemplate'));
const replicaUrl = process.env.TEST_REPLICA_URL;
// CI's PostgreSQL pass starts the replica: there, a missing one is a failure, not a skip.
if (process.env.CI && onPostgres && !replicaUrl) throw new Error('TEST_REPLICA_URL is not set: run scripts/pg-replica.sh');

const rowsOf = async (database: Database, text: string, values: unknown[] = []) => (await database.sql.executeSql(text, values)).rows;

describe.skipIf(!onPostgres || !replicaUrl)('read replica (DATABASE_READ_URL)', () => {
  let ctx: TestContext;
  let replica: Database;
  let c: Chain;

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function caughtUp() {
    const [{ lsn }] = (await rowsOf(ctx.database, 'select pg_current_wal_lsn()::text as lsn')) as [{ lsn: string }];
    for (let i = 0; ; i++) {
      const [{ done }] = (await rowsOf(replica, 'select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [lsn])) as [{ done: boolean }];
      if (done) return;
      if (i > 300) throw new Error(`the replica did not reach ${lsn} within 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A professional of the chain's unit with two approved 2024 records: the certificate is issued. */
  async function certifiedPerson() {
    const person = await withCertNo(ctx, await buildProfessional(ctx, c.unit));
    await buildDeclaration(ctx, person, { year: 2024, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, person, { year: 2024, subject: 'professional', claimedHours: 64 });
    return person;
  }
  const publicQuery = (certNo: string) => call(ctx, null, 'GET', `/api/public/certificates?certNo=${certNo}`);

  beforeAll(async () => {
    ctx = await buildTestApp();
    ctx.clock.now = new Date(TEST_NOW);
    const [{ name }] = (await rowsOf(ctx.database, 'select current_database() as name')) as [{ name: string }];
    const url = new URL(replicaUrl!);
    url.pathname = `/${name}`;
    // The test's database was just created on the primary: wait for the replica to have it.
    for (let i = 0; ; i++) {
      replica = openPostgres(url.toString(), 2);
      try {
        await rowsOf(replica, 'select 1');
        break;
      } catch (err) {
        await replica.close();
        if (i > 100) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    ctx.deps.readDb = replica.db;
    c = await buildChain(ctx);
    await enableSeal(ctx, c.bureau, new Date('2017-12-01T01:00:00Z'));
  });
  afterAll(async () => {
    await rowsOf(replica, 'select pg_wal_replay_resume()').catch(() => undefined);
    await replica?.close();
    await ctx?.close();
  });

  it('is a replica: read only, in recovery', async () => {
    const [{ recovering }] = (await rowsOf(replica, 'select pg_is_in_recovery() as recovering')) as [{ recovering: boolean }];
    expect(recovering).toBe(true);
    await expect(rowsOf(replica, 'create table t_written_on_replica (id int)')).rejects.toThrow(/read-only transaction/);
  });

  it('a certificate issued on the primary appears in the public query served by the replica', async () => {
    const person = await certifiedPerson();
    await caughtUp();
    const res = await publicQuery(person.certNo);
    expectStatus(res, 200);
    expect(res.json().years.map((y: { year: number }) => y.year)).toEqual([2024]);
  });

  it('the public query reads the replica: while its replay is paused, a new certificate is not there yet', async () => {
    await caughtUp();
    await rowsOf(replica, 'select pg_wal_replay_pause()');
    try {
      const person = await certifiedPerson();
      // On the primary the certificate exists (the admin side, which reads the primary, shows it) …
      const [{ n }] = (await rowsOf(ctx.database, 'select count(*)::int as n from certificates where person_id = $1', [person.personId])) as [{ n: number }];
      expect(n).toBeGreaterThan(0);
      // … but the public query answers from the paused replica.
      expectStatus(await publicQuery(person.certNo), 404);

      await rowsOf(replica, 'select pg_wal_replay_resume()');
      await caughtUp();
      const res = await publicQuery(person.certNo);
      expectStatus(res, 200);
      expect(res.json().holder.certNo).toBe(person.certNo);
    } finally {
      await rowsOf(replica, 'select pg_wal_replay_resume()');
    }
  });
});
