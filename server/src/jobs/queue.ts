import crypto from 'node:crypto';
import PgBoss from 'pg-boss';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { schema, type Db, type Queryable, type SqlExecutor } from '../db';
import type { JobState } from '../db/schema-jobs';
import { AppError } from '../errors';

/**
 * The job queue (SPEC: long work runs as jobs in the database, so any of N app servers can run them
 * and a crash loses nothing).
 *
 * - The `jobs` table is what owners see (state, progress, Chinese message, result, result file).
 * - pg-boss (schema `pgboss`, same database, through `Database.sql`) delivers "run job X" to one
 *   worker of one app server, and runs the cron schedules.
 * - A running job writes a heartbeat every few seconds. The recovery sweep (at start and every
 *   minute) puts jobs whose runner died back in the queue, or fails them with a reason once they
 *   used their attempts; nothing stays "running" forever. On PGlite only one process can hold the
 *   data directory, so at start every "running" row is an orphan and is recovered at once.
 */

export interface JobSpec<P extends Record<string, unknown> = Record<string, unknown>> {
  kind: string;
  ownerAccountId: number;
  ownerOrg: { id: number; path: string };
  payload: P;
  /** The first status line, e.g. "排队等待处理". */
  message?: string;
  total?: number;
}

export interface JobContext<P = Record<string, unknown>> {
  jobId: string;
  kind: string;
  ownerAccountId: number;
  payload: P;
  /** 1 for the first run, 2 after a crash or an unexpected error … */
  attempt: number;
  /**
   * Records progress. Never blocks: the row is written in the background, latest value wins, so it is
   * safe to call inside a transaction (on PGlite an awaited write there would wait for that transaction).
   */
  progress(done: number, total?: number, message?: string): void;
}

/** How a job ended when its handler returned (a thrown AppError fails the job with its message). */
export interface JobOutcome {
  state: 'succeeded' | 'failed';
  message: string;
  result?: Record<string, unknown> | null;
  resultFileId?: number | null;
}

export type JobHandler<P = Record<string, unknown>> = (ctx: JobContext<P>) => Promise<JobOutcome>;

export interface JobKindOptions {
  /** Runs of one job before it is failed (crashes and unexpected errors count). Default 3. */
  maxAttempts?: number;
}

export interface JobQueueOptions {
  db: Db;
  sql: SqlExecutor;
  kind: 'pglite' | 'postgres';
  now?: () => Date;
  log?: { error(obj: unknown, msg?: string): void; info?(obj: unknown, msg?: string): void };
  /** A running job whose heartbeat is older than this is considered dead (PostgreSQL). Default 60. */
  staleSeconds?: number;
  /** How often a running job writes its heartbeat. Default 10. */
  heartbeatSeconds?: number;
  /** Worker polling interval (pg-boss, ≥ 0.5). Default 2. */
  pollingSeconds?: number;
}

const RUN_QUEUE_PREFIX = 'job-';
const SWEEP_QUEUE = 'jobs-recovery-sweep';
const PROGRESS_MIN_INTERVAL_MS = 300;

interface Definition {
  handler: JobHandler<never>;
  maxAttempts: number;
  workerId?: string;
  /** Settles once this process created the kind's pg-boss queue and its worker. */
  ready?: Promise<void>;
}
interface Scheduled {
  cron: string;
  handler: () => Promise<unknown>;
}

export class JobQueue {
  private boss: PgBoss | null = null;
  private readonly definitions = new Map<string, Definition>();
  private readonly schedules = new Map<string, Scheduled>();
  private readonly running = new Set<Promise<unknown>>();
  /** pg-boss's statements in flight: it marks a delivery complete or failed without awaiting it. */
  private readonly bossStatements = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private readonly staleMs: number;
  private readonly heartbeatMs: number;
  private readonly pollingSeconds: number;
  private stopping = false;
  private creating: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: JobQueueOptions) {
    this.now = opts.now ?? (() => new Date());
    this.staleMs = (opts.staleSeconds ?? 60) * 1000;
    this.heartbeatMs = (opts.heartbeatSeconds ?? 10) * 1000;
    this.pollingSeconds = opts.pollingSeconds ?? 2;
  }

  /** Where errors go (the app's logger, once the app exists). */
  setLogger(log: NonNullable<JobQueueOptions['log']>): void {
    this.opts.log = log;
  }

  get started(): boolean {
    return this.boss !== null;
  }

  /** Registers the handler of a job kind (call before or after start). */
  define<P extends Record<string, unknown>>(kind: string, handler: JobHandler<P>, options: JobKindOptions = {}): void {
    if (this.definitions.has(kind)) throw new Error(`job kind defined twice: ${kind}`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(kind)) throw new Error(`invalid job kind: ${kind}`);
    const def: Definition = { handler: handler as JobHandler<never>, maxAttempts: options.maxAttempts ?? 3 };
    this.definitions.set(kind, def);
    if (this.boss) this.startWorkerLogged(kind, def);
  }

  /**
   * A task run on a cron schedule (UTC, minute precision) by one app server of all, e.g. purges or
   * digests. No owner, no `jobs` row; an error is logged and pg-boss retries it twice.
   */
  schedule(name: string, cron: string, handler: () => Promise<unknown>): void {
    if (this.schedules.has(name)) throw new Error(`schedule defined twice: ${name}`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`invalid schedule name: ${name}`);
    this.schedules.set(name, { cron, handler });
    if (this.boss) void this.startSchedule(name, { cron, handler }).catch((err) => this.opts.log?.error({ err }, 'schedule failed to start'));
  }

  /**
   * Creates the job row (in `q`, which may be the caller's transaction, so the job exists exactly when
   * the change that asked for it commits). Call `dispatch(id)` after the commit; a job whose dispatch
   * was lost (crash between commit and dispatch) is dispatched by the recovery sweep.
   */
  async enqueue(q: Queryable, spec: JobSpec): Promise<string> {
    const def = this.definitions.get(spec.kind);
    if (!def) throw new Error(`unknown job kind: ${spec.kind}`);
    const id = crypto.randomUUID();
    await q.insert(schema.jobs).values({
      id,
      kind: spec.kind,
      ownerAccountId: spec.ownerAccountId,
      ownerOrgId: spec.ownerOrg.id,
      ownerOrgPath: spec.ownerOrg.path,
      state: 'queued',
      payload: spec.payload,
      total: spec.total ?? 0,
      message: spec.message ?? '排队等待处理',
      maxAttempts: def.maxAttempts,
      createdAt: this.now(),
    });
    return id;
  }

  /** Hands a queued job to the workers (outside any transaction). */
  async dispatch(jobId: string): Promise<void> {
    const boss = this.requireBoss();
    const [row] = await this.opts.db
      .select({ kind: schema.jobs.kind, state: schema.jobs.state })
      .from(schema.jobs)
      .where(eq(schema.jobs.id, jobId));
    if (!row || row.state !== 'queued') return;
    const def = this.definitions.get(row.kind);
    await def?.ready;
    await boss.send(RUN_QUEUE_PREFIX + row.kind, { jobId });
    await this.opts.db.update(schema.jobs).set({ dispatchedAt: this.now() }).where(and(eq(schema.jobs.id, jobId), eq(schema.jobs.state, 'queued')));
    if (def?.workerId) boss.notifyWorker(def.workerId);
  }

  /** enqueue on the database itself, then dispatch: for callers without a transaction of their own. */
  async submit(spec: JobSpec): Promise<string> {
    const id = await this.enqueue(this.opts.db, spec);
    await this.dispatch(id);
    return id;
  }

  async start(): Promise<void> {
    if (this.boss) return;
    this.stopping = false;
    const boss = new PgBoss({
      db: this.trackedSql() as PgBoss.Db,
      schema: 'pgboss',
      supervise: true,
      schedule: true,
      migrate: true,
      maintenanceIntervalSeconds: 120,
      pollingIntervalSeconds: this.pollingSeconds,
    });
    boss.on('error', (err) => this.opts.log?.error({ err }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    await this.ensureQueue(SWEEP_QUEUE, { retryLimit: 0, expireInSeconds: 600 });
    await boss.work(SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.pollingSeconds }, async () => {
      await this.recover(false);
    });
    await boss.schedule(SWEEP_QUEUE, '* * * * *');
    await this.recover(this.opts.kind === 'pglite');
    for (const [kind, def] of this.definitions) this.startWorkerLogged(kind, def);
    await Promise.all([...this.definitions.values()].map((d) => d.ready));
    for (const [name, s] of this.schedules) await this.startSchedule(name, s);
  }

  /** Stops fetching, waits for the handlers running here, then stops pg-boss. */
  async stop(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.stopping = true;
    for (const def of this.definitions.values()) def.workerId = undefined;
    await boss.stop({ graceful: true, close: false, wait: true, timeout: 30_000 });
    await Promise.allSettled([...this.running]);
    // pg-boss writes a finished delivery's completion after it stops counting the delivery as active,
    // so its stop can resolve first; the caller closes the pool next, which would fail that write.
    await Promise.allSettled([...this.bossStatements]);
    this.boss = null;
  }

  /** The database executor handed to pg-boss, keeping each statement it sends until it settles. */
  private trackedSql(): SqlExecutor {
    const sql = this.opts.sql;
    return {
      executeSql: (text, values) => {
        const statement = sql.executeSql(text, values);
        this.bossStatements.add(statement);
        statement.then(
          () => this.bossStatements.delete(statement),
          () => this.bossStatements.delete(statement),
        );
        return statement;
      },
    };
  }

  /**
   * Recovery sweep: dead runners' jobs back to the queue (or failed once out of attempts), lost
   * dispatches sent again. `allRunningAreOrphans` on PGlite at start (one process per data dir).
   */
  async recover(allRunningAreOrphans: boolean): Promise<{ requeued: number; failed: number; redispatched: number }> {
    const now = this.now();
    const staleBefore = new Date(now.getTime() - this.staleMs);
    const db = this.opts.db;
    const dead = await db
      .select({ id: schema.jobs.id, attempts: schema.jobs.attempts, maxAttempts: schema.jobs.maxAttempts, runnerId: schema.jobs.runnerId })
      .from(schema.jobs)
      .where(
        and(
          eq(schema.jobs.state, 'running'),
          allRunningAreOrphans ? undefined : or(isNull(schema.jobs.heartbeatAt), lt(schema.jobs.heartbeatAt, staleBefore)),
        ),
      );
    const requeuedIds: string[] = [];
    let failed = 0;
    for (const job of dead) {
      const guard = and(eq(schema.jobs.id, job.id), eq(schema.jobs.state, 'running'), job.runnerId ? eq(schema.jobs.runnerId, job.runnerId) : isNull(schema.jobs.runnerId));
      if (job.attempts >= job.maxAttempts) {
        const res = await db
          .update(schema.jobs)
          .set({
            state: 'failed',
            message: `处理过程中服务中断（已尝试 ${job.attempts} 次），任务已终止，未产生任何结果，请重新提交`,
            result: { interrupted: true },
            finishedAt: now,
            runnerId: null,
          })
          .where(guard)
          .returning({ id: schema.jobs.id });
        failed += res.length;
      } else {
        const res = await db
          .update(schema.jobs)
          .set({ state: 'queued', message: `处理过程中服务中断，已重新排队（将进行第 ${job.attempts + 1} 次尝试）`, runnerId: null, heartbeatAt: null, dispatchedAt: null })
          .where(guard)
          .returning({ id: schema.jobs.id });
        requeuedIds.push(...res.map((r) => r.id));
      }
    }
    // Queued rows whose dispatch was lost (crash between commit and dispatch), or that waited very long.
    const lost = await db
      .select({ id: schema.jobs.id })
      .from(schema.jobs)
      .where(
        and(
          eq(schema.jobs.state, 'queued'),
          or(
            and(isNull(schema.jobs.dispatchedAt), allRunningAreOrphans ? undefined : lt(schema.jobs.createdAt, staleBefore)),
            lt(schema.jobs.dispatchedAt, new Date(now.getTime() - 10 * this.staleMs)),
          ),
        ),
      );
    const ids = new Set([...lost.map((r) => r.id), ...requeuedIds]);
    for (const id of ids) await this.dispatch(id);
    const redispatched = ids.size;
    return { requeued: requeuedIds.length, failed, redispatched };
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('job queue not started');
    return this.boss;
  }

  /** Queue creation, one at a time in this process; concurrent creation (N servers) may deadlock in PostgreSQL: retried. */
  private ensureQueue(name: string, options: { retryLimit: number; expireInSeconds: number }): Promise<void> {
    const next = this.creating.then(async () => {
      const boss = this.requireBoss();
      for (let attempt = 0; ; attempt++) {
        if (await boss.getQueue(name)) return;
        try {
          await boss.createQueue(name, { name, ...options });
          return;
        } catch (err) {
          if (attempt >= 5) throw err;
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
        }
      }
    });
    this.creating = next.catch(() => undefined);
    return next;
  }

  private startWorkerLogged(kind: string, def: Definition) {
    def.ready = this.startWorker(kind, def).catch((err) => this.opts.log?.error({ err, kind }, 'job worker failed to start'));
  }

  private async startWorker(kind: string, def: Definition) {
    const boss = this.requireBoss();
    const queue = RUN_QUEUE_PREFIX + kind;
    // Our own rows decide retries; pg-boss only delivers (a delivery of a finished row is a no-op).
    await this.ensureQueue(queue, { retryLimit: 2, expireInSeconds: 6 * 3600 });
    def.workerId = await boss.work<{ jobId: string }>(queue, { batchSize: 1, pollingIntervalSeconds: this.pollingSeconds }, async ([job]) => {
      if (!job || this.stopping) return;
      const run = this.run(job.data.jobId, job.id, def);
      this.running.add(run);
      try {
        await run;
      } finally {
        this.running.delete(run);
      }
    });
  }

  private async startSchedule(name: string, s: Scheduled) {
    const boss = this.requireBoss();
    await this.ensureQueue(name, { retryLimit: 2, expireInSeconds: 3600 });
    await boss.work(name, { batchSize: 1, pollingIntervalSeconds: Math.max(this.pollingSeconds, 5) }, async () => {
      try {
        await s.handler();
      } catch (err) {
        this.opts.log?.error({ err, schedule: name }, 'scheduled task failed');
        throw err;
      }
    });
    await boss.schedule(name, s.cron);
  }

  /** One delivery: claim the row, run the handler with a heartbeat, write the outcome. */
  private async run(jobId: string, runnerId: string, def: Definition): Promise<void> {
    const db = this.opts.db;
    const now = this.now();
    const [claimed] = await db
      .update(schema.jobs)
      .set({
        state: 'running',
        runnerId,
        attempts: sql`${schema.jobs.attempts} + 1`,
        heartbeatAt: now,
        startedAt: sql`coalesce(${schema.jobs.startedAt}, ${now})`,
        message: '正在处理',
      })
      .where(and(eq(schema.jobs.id, jobId), eq(schema.jobs.state, 'queued')))
      .returning();
    if (!claimed) return; // already taken by another delivery, or finished
    const mine = and(eq(schema.jobs.id, jobId), eq(schema.jobs.state, 'running'), eq(schema.jobs.runnerId, runnerId));

    // Progress: background writes, one at a time, latest value wins; each also beats the heart.
    let pending: { done: number; total?: number; message?: string } | null = null;
    let writing: Promise<void> | null = null;
    let lastWrite = 0;
    const write = (): Promise<void> => {
      if (writing || !pending) return writing ?? Promise.resolve();
      const p = pending;
      pending = null;
      lastWrite = Date.now();
      writing = db
        .update(schema.jobs)
        .set({
          done: p.done,
          ...(p.total !== undefined ? { total: p.total } : {}),
          ...(p.message !== undefined ? { message: p.message } : {}),
          heartbeatAt: this.now(),
        })
        .where(mine)
        .then(
          () => undefined,
          (err) => this.opts.log?.error({ err, jobId }, 'job progress write failed'),
        )
        .finally(() => {
          writing = null;
          if (pending && Date.now() - lastWrite >= PROGRESS_MIN_INTERVAL_MS) void write();
        });
      return writing;
    };
    const heartbeat = setInterval(() => {
      if (!writing) {
        void db.update(schema.jobs).set({ heartbeatAt: this.now() }).where(mine).catch(() => undefined);
      }
      if (pending) void write();
    }, this.heartbeatMs);
    heartbeat.unref();

    const ctx: JobContext<never> = {
      jobId,
      kind: claimed.kind,
      ownerAccountId: claimed.ownerAccountId,
      payload: claimed.payload as never,
      attempt: claimed.attempts,
      progress(done, total, message) {
        pending = { done, total: total ?? pending?.total, message: message ?? pending?.message };
        if (!writing && Date.now() - lastWrite >= PROGRESS_MIN_INTERVAL_MS) void write();
      },
    };

    let finish: { state: JobState; message: string; result: Record<string, unknown> | null; resultFileId: number | null };
    try {
      const outcome = await def.handler(ctx);
      finish = { state: outcome.state, message: outcome.message, result: outcome.result ?? null, resultFileId: outcome.resultFileId ?? null };
    } catch (err) {
      if (err instanceof AppError) {
        // A user-facing refusal; when it wraps an unexpected error, that one goes to the log.
        if (err.cause) this.opts.log?.error({ err: err.cause, jobId }, 'job refused after an unexpected error');
        finish = { state: 'failed', message: err.message, result: { code: err.code }, resultFileId: null };
      } else if (claimed.attempts < def.maxAttempts && !this.stopping) {
        this.opts.log?.error({ err, jobId }, 'job failed, will retry');
        clearInterval(heartbeat);
        while (writing) await writing;
        const [requeued] = await db
          .update(schema.jobs)
          .set({ state: 'queued', message: `处理出错，已重新排队（将进行第 ${claimed.attempts + 1} 次尝试）`, runnerId: null, heartbeatAt: null, dispatchedAt: null })
          .where(mine)
          .returning({ id: schema.jobs.id });
        if (requeued) await this.dispatch(jobId);
        return;
      } else {
        this.opts.log?.error({ err, jobId }, 'job failed');
        finish = { state: 'failed', message: `处理失败（已尝试 ${claimed.attempts} 次），请稍后重新提交或联系管理员`, result: null, resultFileId: null };
      }
    }
    clearInterval(heartbeat);
    // The last progress report may still be waiting for its turn (throttled): it goes into the final write,
    // so a fast job does not finish showing the counts of its first report.
    const last = pending as { done: number; total?: number } | null;
    pending = null;
    while (writing) await writing;
    const total = last?.total !== undefined ? sql`${last.total}::integer` : schema.jobs.total;
    const done = last ? sql`${last.done}::integer` : schema.jobs.done;
    const final = {
      ...(last?.total !== undefined ? { total: last.total } : {}),
      ...(finish.state === 'succeeded' ? { done: sql`greatest(${done}, ${total})` } : last ? { done: last.done } : {}),
    };
    await db
      .update(schema.jobs)
      .set({ ...finish, ...final, finishedAt: this.now(), heartbeatAt: this.now(), runnerId: null })
      .where(mine);
  }
}
