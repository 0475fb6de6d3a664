/**
 * Batch import end to end: a real server process on a file-based PGlite data dir, 10,000
 * generated rows of the template (IMPORT_BENCH_ROWS overrides) uploaded by a unit admin; the time
 * from the upload to the job's `succeeded`, and the server's peak resident set (VmHWM).
 * Target (issue 10): ≤ 10 s and ≤ 400 MB.
 *
 * Default: the embedded PGlite, whose WebAssembly database lives inside the server process (its heap
 * counts in the server's RSS). BENCH_DATABASE_URL=postgres://… runs it on a fresh database of that
 * server instead (dropped afterwards): the province's deployment, where the server process holds only
 * the application.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { jobEnded, loginAs, prepareImportFixture, startServer, uploadBatch, waitJob } from '../test/spawned-server';
import type { BenchResult } from './run';
import { freshBenchPostgres } from './databases';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 10_000);


export default async function importBench(): Promise<BenchResult[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-import-bench-'));
  const server = { stop: async () => null as number | null };
  const database = await freshBenchPostgres('ce_bench_import');
  try {
    const fixture = await prepareImportFixture({ dataDir, rows: ROWS, year: new Date().getUTCFullYear(), databaseUrl: database.url });
    const running = await startServer(dataDir, database.url ? { DATABASE_URL: database.url } : {});
    server.stop = () => running.stop();
    const cookie = await loginAs(running.base, fixture.admin);
    const rssAtStart = running.peakRssMb();
    const t0 = performance.now();
    const jobId = await uploadBatch(running.base, cookie, fixture.xlsx);
    const accepted = performance.now() - t0;
    // Where the time goes: when each stage of the job (its progress message, counts stripped) was first seen.
    const stages: { stage: string; at: number }[] = [];
    const job = await waitJob(running.base, cookie, jobId, (j) => {
      const stage = j.message.replace(/[：:].*$/, '').replace(/\d+/g, 'n');
      if (stages.at(-1)?.stage !== stage) stages.push({ stage, at: performance.now() - t0 });
      return jobEnded(j);
    }, 600_000, 50);
    const total = performance.now() - t0;
    if (job.state !== 'succeeded') throw new Error(`import failed: ${job.message}`);
    const peak = running.peakRssMb();
    const b = database.url ? 'import (PostgreSQL)' : 'import (PGlite)';
    return [
      { bench: b, metric: `rows (file ${(fixture.xlsx.length / 1048576).toFixed(1)} MB)`, value: String(ROWS) },
      { bench: b, metric: 'upload answered (202)', value: `${accepted.toFixed(0)} ms` },
      { bench: b, metric: 'upload → job succeeded (end to end)', value: `${(total / 1000).toFixed(1)} s` },
      ...stages.slice(0, -1).map((st, i) => ({ bench: b, metric: `stage: ${st.stage}`, value: `${((stages[i + 1]!.at - st.at) / 1000).toFixed(1)} s` })),
      { bench: b, metric: 'server RSS after start (peak so far)', value: `${rssAtStart} MB` },
      { bench: b, metric: 'server peak RSS (VmHWM)', value: `${peak} MB` },
    ];
  } finally {
    await server.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
