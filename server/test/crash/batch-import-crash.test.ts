/**
 * Crash test (issue 10): a real server process on a file-based PGlite data dir is killed with SIGKILL
 * in the middle of a 10,000-row batch import; after a restart the database holds none or all of the
 * rows and the job says what happened. ≈ 30–60 s: one fixture, two server starts, one import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jobEnded, jobOf, loginAs, prepareImportFixture, startServer, uploadBatch, waitJob, type RunningServer } from '../spawned-server';

const ROWS = 10_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-crash-'));
let server: RunningServer | null = null;

afterAll(async () => {
  await server?.stop('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGKILL during a batch import', () => {
  it('after a restart: none or all of the 10,000 rows, and the job tells', async () => {
    const year = new Date().getUTCFullYear();
    const fixture = await prepareImportFixture({ dataDir, rows: ROWS, year });
    server = await startServer(dataDir);
    let cookie = await loginAs(server.base, fixture.admin);
    const jobId = await uploadBatch(server.base, cookie, fixture.xlsx);

    // Reading has begun (the total is known): from now on, poll back to back with a short deadline. On
    // PGlite a poll that gets no answer within 300 ms waits for the import's transaction (one
    // connection): kill right then. (Waiting for half the rows first let a fast machine finish reading,
    // checking and importing between two polls.)
    const half = await waitJob(server.base, cookie, jobId, (j) => jobEnded(j) || j.total === ROWS, 120_000, 25);
    expect(half.state).toBe('running');
    let before = half;
    for (;;) {
      try {
        const res = await fetch(`${server.base}/api/jobs/${jobId}`, { headers: { cookie }, signal: AbortSignal.timeout(300) });
        before = (await res.json()) as typeof before;
        if (jobEnded(before)) throw new Error(`the job ended before the kill: ${before.message}`);
      } catch (err) {
        if ((err as Error).name !== 'TimeoutError') throw err;
        break;
      }
    }
    expect(await server.stop('SIGKILL')).toBeNull();

    server = await startServer(dataDir);
    cookie = await loginAs(server.base, fixture.admin);
    const after = await waitJob(server.base, cookie, jobId, jobEnded, 120_000, 200);
    const batchId = Number(after.result?.batchId ?? 0);
    const list = (await (await fetch(`${server.base}/api/admin/declaration-batches?limit=5`, { headers: { cookie } })).json()) as { items: { id: number; counts: Record<string, number> }[] };
    const batch = list.items[0]!;
    const stored = Object.values(batch.counts).reduce((a, b) => a + b, 0);
    // All or nothing, and the job says which.
    expect([0, ROWS]).toContain(stored);
    if (after.state === 'succeeded') {
      expect(stored).toBe(ROWS);
      expect(batchId).toBe(batch.id);
      expect(after.result).toMatchObject({ imported: ROWS });
      expect(after.message).toMatch(/服务曾中断/);
    } else {
      expect(stored).toBe(0);
      expect(after.message).toMatch(/中断|未导入/);
    }
    expect((await jobOf(server.base, cookie, jobId)).state).toBe(after.state);
    console.info(`killed at "${before.message}"; after restart: ${after.state}, ${stored} rows — ${after.message}`);
  }, 180_000);
});
