/**
 * The job queue (pg-boss on PGlite and PostgreSQL): a job runs with progress and a result file, its
 * owner and admins above poll it and nobody else sees it; failures, retries after unexpected errors,
 * and crash recovery (a runner that died is retried or failed with a reason, never left running);
 * the purge timer is a cron schedule. This file also runs against PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { schema } from '../../src/db';
import { AppError } from '../../src/errors';
import { storeJobFile, jobFileUrl } from '../../src/modules/jobs/service';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, login, bureauOf } from '../factories';
import { call, expectStatus } from '../factories-declarations';

let ctx: TestContext;
let owner: Awaited<ReturnType<typeof buildAdmin>>;
let cookies: { owner: string; dept: string; bureau: string; sibling: string; colleague: string; person: string };

const calls: Record<string, number> = {};

beforeAll(async () => {
  ctx = await buildTestApp();
  const bureau = await bureauOf(ctx, '410100');
  const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
  const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
  const sibling = await buildOrg(ctx, { kind: 'unit', parent: dept });
  owner = await buildAdmin(ctx, unit);
  cookies = {
    owner: await login(ctx, owner),
    dept: await login(ctx, await buildAdmin(ctx, dept, { superAdmin: false, permissions: [] })),
    bureau: await login(ctx, await buildAdmin(ctx, bureau)),
    sibling: await login(ctx, await buildAdmin(ctx, sibling)),
    colleague: await login(ctx, await buildAdmin(ctx, unit)),
    person: await login(ctx, await buildProfessional(ctx, unit)),
  };
  const jobs = ctx.deps.jobs;
  jobs.define<{ n: number }>('test-count', async (job) => {
    for (let i = 1; i <= job.payload.n; i++) job.progress(i, job.payload.n, `已处理 ${i} 条`);
    const fileId = await storeJobFile(ctx.deps, ctx.deps.db, {
      data: Buffer.from('结果'),
      contentType: 'text/plain; charset=utf-8',
      name: '结果.txt',
      sha256: 'x',
      ownerAccountId: job.ownerAccountId,
      now: new Date(),
    });
    return { state: 'succeeded', message: `已完成 ${job.payload.n} 条`, result: { counted: job.payload.n, fileUrl: jobFileUrl(job.jobId) }, resultFileId: fileId };
  });
  jobs.define('test-refuse', async () => {
    throw new AppError('VALIDATION', '文件内容不符合模板');
  });
  jobs.define('test-flaky', async (job) => {
    calls[job.jobId] = (calls[job.jobId] ?? 0) + 1;
    if (job.attempt === 1) throw new Error('connection reset');
    return { state: 'succeeded', message: `第 ${job.attempt} 次尝试成功`, result: { attempt: job.attempt } };
  });
  jobs.define('test-broken', async () => {
    throw new Error('always broken');
  }, { maxAttempts: 2 });
  jobs.define('test-after-crash', async (job) => ({ state: 'succeeded', message: '重新处理完成', result: { attempt: job.attempt } }));
});
afterAll(() => ctx.close());

const ownerOrg = () => ({ id: owner.org.id, path: owner.org.path });

async function settle(jobId: string, cookie = cookies.owner) {
  for (let i = 0; i < 200; i++) {
    const res = await call(ctx, cookie, 'GET', `/api/jobs/${jobId}`);
    expectStatus(res, 200);
    const body = res.json();
    if (body.state === 'succeeded' || body.state === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

describe('running a job', () => {
  it('runs to the end with progress, a result and a downloadable result file', async () => {
    const id = await ctx.deps.jobs.submit({ kind: 'test-count', ownerAccountId: owner.accountId, ownerOrg: ownerOrg(), payload: { n: 5 } });
    const first = (await call(ctx, cookies.owner, 'GET', `/api/jobs/${id}`)).json();
    expect(['queued', 'running', 'succeeded']).toContain(first.state);
    const done = await settle(id);
    expect(done).toEqual({ state: 'succeeded', done: 5, total: 5, message: '已完成 5 条', result: { counted: 5, fileUrl: `/api/jobs/${id}/file` } });
    const file = await call(ctx, cookies.owner, 'GET', `/api/jobs/${id}/file`);
    expectStatus(file, 200);
    expect(file.body).toBe('结果');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('结果.txt'));
  });

  it('is seen by its owner and by admins above, by nobody else', async () => {
    const id = await ctx.deps.jobs.submit({ kind: 'test-count', ownerAccountId: owner.accountId, ownerOrg: ownerOrg(), payload: { n: 1 } });
    await settle(id);
    expectStatus(await call(ctx, cookies.dept, 'GET', `/api/jobs/${id}`), 200);
    expectStatus(await call(ctx, cookies.bureau, 'GET', `/api/jobs/${id}`), 200);
    expectStatus(await call(ctx, cookies.bureau, 'GET', `/api/jobs/${id}/file`), 200);
    for (const other of [cookies.sibling, cookies.colleague, cookies.person]) {
      const res = await call(ctx, other, 'GET', `/api/jobs/${id}`);
      expectStatus(res, 404);
      expect(res.json().message).toBe('任务不存在或不在您的管理范围内');
      expectStatus(await call(ctx, other, 'GET', `/api/jobs/${id}/file`), 404);
    }
    expectStatus(await call(ctx, null, 'GET', `/api/jobs/${id}`), 401);
    expectStatus(await call(ctx, cookies.owner, 'GET', `/api/jobs/${crypto.randomUUID()}`), 404);
    expectStatus(await call(ctx, cookies.owner, 'GET', '/api/jobs/not-a-uuid'), 400);
  });

  it('fails with the Chinese message of a refused input, without retrying', async () => {
    const id = await ctx.deps.jobs.submit({ kind: 'test-refuse', ownerAccountId: owner.accountId, ownerOrg: ownerOrg(), payload: {} });
    const done = await settle(id);
    expect(done).toMatchObject({ state: 'failed', message: '文件内容不符合模板', result: { code: 'VALIDATION' } });
    const [row] = await ctx.deps.db.select().from(schema.jobs).where(eq(schema.jobs.id, id));
    expect(row!.attempts).toBe(1);
    expectStatus(await call(ctx, cookies.owner, 'GET', `/api/jobs/${id}/file`), 404);
  });

  it('retries after an unexpected error and succeeds', async () => {
    const id = await ctx.deps.jobs.submit({ kind: 'test-flaky', ownerAccountId: owner.accountId, ownerOrg: ownerOrg(), payload: {} });
    const done = await settle(id);
    expect(done).toMatchObject({ state: 'succeeded', message: '第 2 次尝试成功', result: { attempt: 2 } });
    expect(calls[id]).toBe(2);
  });

  it('fails with a reason once its attempts are used up', async () => {
    const id = await ctx.deps.jobs.submit({ kind: 'test-broken', ownerAccountId: owner.accountId, ownerOrg: ownerOrg(), payload: {} });
    const done = await settle(id);
    expect(done.state).toBe('failed');
    expect(done.message).toBe('处理失败（已尝试 2 次），请稍后重新提交或联系管理员');
  });
});

describe('crash recovery', () => {
  /** A row as a server that died mid-run leaves it: running, heartbeat long ago. */
  async function orphan(attempts: number, maxAttempts = 3) {
    const id = await ctx.deps.jobs.enqueue(ctx.deps.db, { kind: 'test-after-crash', ownerAccountId: owner.accountId, ownerOrg: ownerOrg(), payload: {} });
    await ctx.deps.db
      .update(schema.jobs)
      .set({ state: 'running', attempts, maxAttempts, runnerId: 'dead-runner', heartbeatAt: new Date(ctx.clock.now.getTime() - 5 * 60_000), dispatchedAt: ctx.clock.now })
      .where(eq(schema.jobs.id, id));
    return id;
  }

  it('puts a job whose runner died back in the queue and runs it again', async () => {
    const id = await orphan(1);
    const swept = await ctx.deps.jobs.recover(false);
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    const done = await settle(id);
    expect(done).toMatchObject({ state: 'succeeded', result: { attempt: 2 } });
  });

  it('fails a job that was interrupted on its last attempt, saying so', async () => {
    const id = await orphan(3);
    await ctx.deps.jobs.recover(false);
    const done = await settle(id);
    expect(done).toMatchObject({ state: 'failed', result: { interrupted: true } });
    expect(done.message).toContain('处理过程中服务中断（已尝试 3 次）');
  });

  it('leaves a job with a fresh heartbeat alone', async () => {
    const id = await orphan(1);
    await ctx.deps.db.update(schema.jobs).set({ heartbeatAt: ctx.clock.now }).where(eq(schema.jobs.id, id));
    await ctx.deps.jobs.recover(false);
    const [row] = await ctx.deps.db.select().from(schema.jobs).where(eq(schema.jobs.id, id));
    expect(row!.state).toBe('running');
    // Clean up: the server "comes back" and finds it dead after all.
    ctx.clock.advanceMinutes(5);
    await ctx.deps.jobs.recover(false);
    expect((await settle(id)).state).toBe('succeeded');
  });

  it('dispatches a job whose dispatch was lost between commit and send', async () => {
    const id = await ctx.deps.jobs.enqueue(ctx.deps.db, { kind: 'test-after-crash', ownerAccountId: owner.accountId, ownerOrg: ownerOrg(), payload: {} });
    ctx.clock.advanceMinutes(2);
    await ctx.deps.jobs.recover(false);
    expect((await settle(id)).state).toBe('succeeded');
  });
});

describe('scheduled tasks', () => {
  it('the purge of expired sessions is a cron schedule of the queue, not a timer', async () => {
    const rows = await ctx.deps.db.execute(sql`select name, cron from pgboss.schedule order by name`);
    const list = (rows as unknown as { rows: { name: string; cron: string }[] }).rows ?? (rows as unknown as { name: string; cron: string }[]);
    expect(list).toEqual(
      expect.arrayContaining([
        { name: 'purge-expired', cron: '*/10 * * * *' },
        { name: 'jobs-recovery-sweep', cron: '* * * * *' },
        { name: 'purge-old-views', cron: '17 3 * * *' },
      ]),
    );
  });
});
