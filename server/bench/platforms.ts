/**
 * The learning-platform reporting API under load (issue 11): a real server process (`src/main.ts`,
 * file-based PGlite, or BENCH_DATABASE_URL=postgres://… for a fresh PostgreSQL database dropped
 * afterwards), 4 approved platforms, 4 concurrent clients — the example client over HTTP, one per
 * platform — each posting PLATFORM_BENCH_BATCHES (default 3) signed batches of 1,000 completion
 * records of PLATFORM_BENCH_PEOPLE (default 4,000) people. Every record must come back `accepted`
 * (each becomes a counted declaration and runs the certificate and statistics hooks).
 * Reports records per second over the whole run and the p50/p95/max time of one call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { and, eq } from 'drizzle-orm';
import { openDatabase, schema } from '../src/db';
import { insertOrg } from '../src/modules/organisations/repo';
import { platformSecretVault } from '../src/modules/platforms/vault';
import { PlatformClient, type CompletionRecord } from '../src/platform-client/client';
import { idNumberOf, prepareImportFixture, startServer } from '../test/spawned-server';
import type { BenchResult } from './run';
import { freshBenchPostgres } from './databases';

const PEOPLE = Number(process.env.PLATFORM_BENCH_PEOPLE ?? 4000);
const BATCHES = Number(process.env.PLATFORM_BENCH_BATCHES ?? 3);
const CLIENTS = 4;
const BATCH = 1000;


/** One base with 4 approved platforms; their credentials sealed as the server will open them. */
async function addPlatforms(dataDir: string, databaseUrl: string | undefined) {
  const database = await openDatabase({ dataDir, databaseUrl });
  try {
    const db = database.db;
    const [bureau] = await db.select().from(schema.organisations).where(and(eq(schema.organisations.kind, 'hrss'), eq(schema.organisations.regionCode, '410100')));
    const base = await insertOrg(
      db,
      { kind: 'base', name: '压测继续教育基地', creditCode: '12410100MB0000036E', regionCode: '410100', status: 'active', nature: '事业单位', level: '市级', industry: '教育', address: '郑州', contactName: '压测', contactPhone: '0371-1234567', noDepartment: false },
      bureau!,
    );
    const vault = platformSecretVault({ signingKeySecret: undefined, databaseUrl, dataDir });
    const creds: { platformId: string; secret: string }[] = [];
    for (let k = 0; k < CLIENTS; k++) {
      const platformId = `plt_bench_${k}`;
      const secret = crypto.randomBytes(32).toString('base64url');
      await db.insert(schema.learningPlatforms).values({
        baseOrgId: base.id,
        baseOrgPath: base.path,
        bureauOrgId: bureau!.id,
        name: `压测平台${k + 1}`,
        url: 'https://bench.example.cn',
        contactName: '压测',
        contactPhone: '0371-1234567',
        status: 'approved',
        clientId: platformId,
        secretSealed: vault.seal(secret, platformId),
        credentialState: 'active',
        credentialIssuedAt: new Date(),
        createdByAccountId: 0,
        createdAt: new Date(),
      });
      creds.push({ platformId, secret });
    }
    return creds;
  } finally {
    await database.close();
  }
}

/** Batch b of client k: 1,000 different people, one 1-hour course on the client's own day (no anomaly). */
function batchOf(k: number, b: number): CompletionRecord[] {
  const day = new Date(Date.UTC(2026, 0, 5) + (k * BATCHES + b) * 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: BATCH }, (_, i) => {
    const n = (b * BATCH + i + k * 97) % PEOPLE;
    return {
      recordId: `bench-${k}-${b}-${i}`,
      idNumber: idNumberOf(n),
      name: `压测人员${n}`,
      courseId: `BENCH-${k}-${b}`,
      courseTitle: `压测课程${k}-${b}`,
      subject: 'public',
      series: '',
      hours: 1,
      startedAt: `${day}T19:00:00+08:00`,
      finishedAt: `${day}T20:00:00+08:00`,
    };
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export default async function platformsBench(): Promise<BenchResult[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-platform-bench-'));
  const server = { stop: async () => null as number | null };
  const database = await freshBenchPostgres('ce_bench_platforms');
  try {
    await prepareImportFixture({ dataDir, rows: PEOPLE, year: 2026, databaseUrl: database.url });
    const creds = await addPlatforms(dataDir, database.url);
    const running = await startServer(dataDir, database.url ? { DATABASE_URL: database.url } : {});
    server.stop = () => running.stop();
    const clients = creds.map((c) => new PlatformClient({ ...c, baseUrl: running.base }));
    const calls: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (client, k) => {
        for (let b = 0; b < BATCHES; b++) {
          const s = performance.now();
          const { results } = await client.postCompletions(batchOf(k, b));
          calls.push(performance.now() - s);
          const notAccepted = results.filter((r) => r.status !== 'accepted');
          if (notAccepted.length) throw new Error(`client ${k} batch ${b}: ${notAccepted.length} not accepted, e.g. ${JSON.stringify(notAccepted[0])}`);
        }
      }),
    );
    const wall = performance.now() - t0;
    // The same batch again: nothing new, answered from the idempotency index.
    const r0 = performance.now();
    await clients[0]!.postCompletions(batchOf(0, 0));
    const repeat = performance.now() - r0;
    const sorted = [...calls].sort((a, b) => a - b);
    const total = CLIENTS * BATCHES * BATCH;
    const b = database.url ? 'platforms (PostgreSQL)' : 'platforms (PGlite)';
    return [
      { bench: b, metric: 'records (4 clients × batches of 1,000)', value: `${total} (${CLIENTS} × ${BATCHES} × ${BATCH}), ${PEOPLE} people` },
      { bench: b, metric: 'records per second (all accepted)', value: (total / (wall / 1000)).toFixed(0) },
      { bench: b, metric: 'call of 1,000 records p50 / p95 / max', value: `${(pct(sorted, 50) / 1000).toFixed(2)} / ${(pct(sorted, 95) / 1000).toFixed(2)} / ${(sorted.at(-1)! / 1000).toFixed(2)} s` },
      { bench: b, metric: 'the same 1,000 again (nothing new)', value: `${(repeat / 1000).toFixed(2)} s` },
      { bench: b, metric: 'load average at the end (1 min)', value: os.loadavg()[0]!.toFixed(1) },
    ];
  } finally {
    await server.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
