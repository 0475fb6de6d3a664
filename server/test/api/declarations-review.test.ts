/**
 * Reviewers' side (R-16, R-18): the queue with its filters, per-year counts and keyset pages,
 * the 工作部门 scope, bulk decisions, the plausibility flag, the home-page count, and the race of
 * two reviewers acting at once (this file also runs against PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildProfessional, login, type TestAccount } from '../factories';
import {
  TEST_NOW,
  YEAR,
  approve,
  buildChain,
  buildDeclaration,
  call,
  currentVersion,
  expectStatus,
  submitNew,
  type Chain,
} from '../factories-declarations';

let ctx: TestContext;
let c: Chain;
let other: TestAccount; // a professional of 工作部门 B
let otherCookie: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  other = await buildProfessional(ctx, c.unit, { workDepartmentId: c.workDeptB.id });
  otherCookie = await login(ctx, other);
});
afterAll(() => ctx.close());

type Item = { id: number; person: { name: string; idNumberMasked: string }; overStandardBy: number | null; workDepartmentName: string | null };
const queue = async (cookie: string, query = '') => {
  const res = await call(ctx, cookie, 'GET', `/api/admin/declarations${query}`);
  expectStatus(res, 200);
  return res.json() as { year: number; items: Item[]; nextAfter: number | null; awaitingByYear: { year: number; count: number }[]; otherYearsAwaiting: number; otherYearsHint: string | null };
};
const ids = (items: { id: number }[]) => items.map((i) => i.id);

describe('the review queue', () => {
  it('shows what waits for my organisation in the chosen 认证年度, with the other years counted (FAQ 单位找不到待审核学时)', async () => {
    const now = await submitNew(ctx, c.cookies.person);
    // Last year's record still waiting at the unit (e.g. submitted before the window closed).
    const old = await buildDeclaration(ctx, c.person, { year: YEAR - 1, outcome: 'pending', level: 0 });
    const q = await queue(c.cookies.unit);
    expect(q.year).toBe(YEAR);
    expect(ids(q.items)).toContain(now.id);
    expect(ids(q.items)).not.toContain(old.id);
    expect(q.awaitingByYear).toEqual(expect.arrayContaining([{ year: YEAR - 1, count: 1 }]));
    expect(q.otherYearsAwaiting).toBe(1);
    expect(q.otherYearsHint).toBe(`其他年度还有 1 条待审核（${YEAR - 1}年度 1 条），请切换“认证年度”后查看`);
    expect(ids((await queue(c.cookies.unit, `?year=${YEAR - 1}`)).items)).toEqual([old.id]);
    // The department's queue does not hold them until the unit passes them.
    expect(ids((await queue(c.cookies.dept)).items)).not.toContain(now.id);
    expectStatus(await approve(ctx, c.cookies.unit, now.id), 200);
    expect(ids((await queue(c.cookies.dept)).items)).toContain(now.id);
    expect(ids((await queue(c.cookies.unit)).items)).not.toContain(now.id);
    // …while the unit still finds it among the pending records of its subtree.
    expect(ids((await queue(c.cookies.unit, '?status=pending')).items)).toContain(now.id);
  });

  it('filters by form, subject, name, ID number, 工作部门 and claims above the standard; masks ID numbers', async () => {
    const conf = await submitNew(ctx, c.cookies.person, { claimedHours: 30 });
    const training = await submitNew(ctx, otherCookie, { form: 'training', subject: 'public', params: {}, claimedHours: 12, title: '公需科目培训' });
    const pick = async (query: string) => ids((await queue(c.cookies.unit, query)).items);
    expect(await pick('?form=conference')).toContain(conf.id);
    expect(await pick('?form=conference')).not.toContain(training.id);
    expect(await pick('?subject=public')).toEqual([training.id]);
    expect(await pick(`?name=${encodeURIComponent(other.name.slice(0, 3))}`)).toContain(training.id);
    expect(await pick(`?idNumber=${other.idNumber.toLowerCase()}`)).toEqual([training.id]);
    expect(await pick(`?workDepartmentId=${c.workDeptB.id}`)).toEqual([training.id]);
    expect(await pick('?overStandard=true')).toEqual([conf.id]);
    const item = (await queue(c.cookies.unit, `?idNumber=${c.person.idNumber}&overStandard=true`)).items[0]!;
    expect(item).toMatchObject({ overStandardBy: 12, workDepartmentName: '信息工程系', person: { name: c.person.name } });
    expect(item.person.idNumberMasked).not.toBe(c.person.idNumber);
    expect(item.person.idNumberMasked).toMatch(/^\d{6}\*+/);
    // The reviewer detail flags the claim above the standard too (R-18).
    const d = await call(ctx, c.cookies.unit, 'GET', `/api/admin/declarations/${conf.id}`);
    expect(d.json()).toMatchObject({ claimedHours: 30, standardHours: 18, overStandardBy: 12 });
  });

  it('pages with a keyset cursor, oldest first', async () => {
    for (let i = 0; i < 3; i++) await submitNew(ctx, c.cookies.person);
    const all = ids((await queue(c.cookies.unit, '?limit=100')).items);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    const first = await queue(c.cookies.unit, '?limit=2');
    expect(ids(first.items)).toEqual(all.slice(0, 2));
    const second = await queue(c.cookies.unit, `?limit=2&after=${first.nextAfter}`);
    expect(ids(second.items)).toEqual(all.slice(2, 4));
    // The per-year counts read the whole queue: the first page has them, later pages do not count again.
    expect(first.awaitingByYear.find((y) => y.year === YEAR)?.count).toBeGreaterThanOrEqual(3);
    expect(second).toMatchObject({ awaitingByYear: [], otherYearsAwaiting: 0, otherYearsHint: null });
  });
});

describe('工作部门 scope (seed 001: faculty admins do the first review for their faculty)', () => {
  it('an admin limited to 工作部门 A sees and reviews only A’s people', async () => {
    const facultyAdmin = await buildAdmin(ctx, c.unit, {
      superAdmin: false,
      permissions: ['declaration.review'],
      workDepartmentIds: [c.workDeptA.id],
    });
    const cookie = await login(ctx, facultyAdmin);
    const mine = await submitNew(ctx, c.cookies.person);
    const theirs = await submitNew(ctx, otherCookie);
    const q = await queue(cookie, '?limit=100');
    expect(ids(q.items)).toContain(mine.id);
    expect(ids(q.items)).not.toContain(theirs.id);
    expect(q.items.every((i) => i.workDepartmentName === '信息工程系')).toBe(true);
    const res = await approve(ctx, cookie, theirs.id);
    expect(res.statusCode).toBe(404);
    expect((await call(ctx, cookie, 'GET', `/api/admin/declarations/${theirs.id}`)).statusCode).toBe(404);
    expectStatus(await approve(ctx, cookie, mine.id), 200);
  });
});

describe('bulk review', () => {
  it('approves many with a result per record; one a colleague already handled fails alone', async () => {
    const a = await submitNew(ctx, c.cookies.person);
    const b = await submitNew(ctx, c.cookies.person);
    const handled = await submitNew(ctx, otherCookie);
    const versions = { a: await currentVersion(ctx, a.id), b: await currentVersion(ctx, b.id), h: await currentVersion(ctx, handled.id) };
    expectStatus(await approve(ctx, c.cookies.unit, handled.id), 200); // a colleague was quicker
    const res = await call(ctx, c.cookies.unit, 'POST', '/api/admin/declarations/bulk-review', {
      decision: 'approve',
      items: [
        { id: a.id, version: versions.a },
        { id: handled.id, version: versions.h },
        { id: b.id, version: versions.b },
      ],
    });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({
      succeeded: 2,
      failed: 1,
      results: [
        { id: a.id, ok: true, status: 'pending' },
        { id: handled.id, ok: false, code: 'ALREADY_HANDLED', message: '该记录已被他人处理，请刷新后查看最新状态' },
        { id: b.id, ok: true, status: 'pending' },
      ],
    });
    // Bulk rejection needs a reason and records it on each.
    const noReason = await call(ctx, c.cookies.dept, 'POST', '/api/admin/declarations/bulk-review', { decision: 'reject', items: [{ id: a.id, version: 1 }] });
    expect(noReason.statusCode).toBe(400);
    const rej = await call(ctx, c.cookies.dept, 'POST', '/api/admin/declarations/bulk-review', {
      decision: 'reject',
      reason: '请补充单位证明',
      items: [
        { id: a.id, version: await currentVersion(ctx, a.id) },
        { id: b.id, version: await currentVersion(ctx, b.id) },
      ],
    });
    expect(rej.json()).toMatchObject({ succeeded: 2, failed: 0 });
    const seen = await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${b.id}`);
    expect(seen.json()).toMatchObject({ status: 'rejected', rejectReason: '请补充单位证明' });
  });

  it('a record outside the admin’s scope fails the whole request with 404', async () => {
    const outsider = await buildChain(ctx);
    const theirs = await submitNew(ctx, outsider.cookies.person);
    const mine = await submitNew(ctx, c.cookies.person);
    const res = await call(ctx, c.cookies.unit, 'POST', '/api/admin/declarations/bulk-review', {
      decision: 'approve',
      items: [
        { id: mine.id, version: await currentVersion(ctx, mine.id) },
        { id: theirs.id, version: await currentVersion(ctx, theirs.id) },
      ],
    });
    expect(res.statusCode).toBe(404);
    expect((await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${mine.id}`)).json().status).toBe('pending');
  });
});

describe('two reviewers at once', () => {
  it('exactly one approval lands; the other gets ALREADY_HANDLED', async () => {
    const second = await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['declaration.review'] });
    const cookie2 = await login(ctx, second);
    for (let round = 0; round < 3; round++) {
      const d = await submitNew(ctx, c.cookies.person);
      const version = await currentVersion(ctx, d.id);
      const [r1, r2] = await Promise.all([
        call(ctx, c.cookies.unit, 'POST', `/api/admin/declarations/${d.id}/approve`, { version }),
        call(ctx, cookie2, 'POST', `/api/admin/declarations/${d.id}/reject`, { version, reason: '同时审核' }),
      ]);
      const statuses = [r1.statusCode, r2.statusCode].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = r1.statusCode === 409 ? r1 : r2;
      expect(loser.json()).toMatchObject({ code: 'ALREADY_HANDLED' });
      expect(loser.json().message).toContain('已被他人处理');
      const detail = (await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}`)).json();
      const decisions = detail.history.filter((e: { action: string }) => ['approve', 'reject'].includes(e.action));
      expect(decisions).toHaveLength(1);
    }
  });
});

describe('the admin home page', () => {
  it('counts the declarations waiting for the signed-in admin (all years, within the 工作部门 scope)', async () => {
    const fresh = await buildChain(ctx);
    const p2 = await buildProfessional(ctx, fresh.unit, { workDepartmentId: fresh.workDeptB.id });
    await submitNew(ctx, fresh.cookies.person);
    await submitNew(ctx, await login(ctx, p2));
    await buildDeclaration(ctx, fresh.person, { year: YEAR - 2, outcome: 'pending', level: 0 });
    const count = async (cookie: string) => {
      const res = await call(ctx, cookie, 'GET', '/api/admin/summary');
      expectStatus(res, 200);
      return res.json().pendingDeclarations as number;
    };
    expect(await count(fresh.cookies.unit)).toBe(3);
    expect(await count(fresh.cookies.dept)).toBe(0);
    const scoped = await buildAdmin(ctx, fresh.unit, { superAdmin: false, permissions: ['declaration.review'], workDepartmentIds: [fresh.workDeptA.id] });
    expect(await count(await login(ctx, scoped))).toBe(2);
    const clerk = await buildAdmin(ctx, fresh.unit, { superAdmin: false, permissions: ['org.view'] });
    expect(await count(await login(ctx, clerk))).toBe(0);
  });
});

describe('records of a state in the subtree', () => {
  it('the department lists what its units’ people had approved, newest first', async () => {
    const d = await buildDeclaration(ctx, c.person, { outcome: 'approved' });
    const approved = await queue(c.cookies.dept, '?status=approved&limit=100');
    expect(ids(approved.items)).toContain(d.id);
    expect([...ids(approved.items)].sort((a, b) => b - a)).toEqual(ids(approved.items));
    const outsider = await buildChain(ctx);
    expect(ids((await queue(outsider.cookies.dept, '?status=approved&limit=100')).items)).not.toContain(d.id);
  });

  it('pages a past year through the city bureau and the department: every record once, newest first', async () => {
    // Records of a past year among others of the current year and other states, ids interleaved, in two
    // departments of the city: the bureau (its whole city) and one department (its own) walk them in pages.
    const past = YEAR - 3;
    const second = await buildChain(ctx);
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < 12; i++) {
      mine.push((await buildDeclaration(ctx, c.person, { year: past, outcome: 'approved' })).id);
      await buildDeclaration(ctx, c.person, { year: YEAR, outcome: 'approved' });
      theirs.push((await buildDeclaration(ctx, second.person, { year: past, outcome: 'approved' })).id);
      await buildDeclaration(ctx, second.person, { year: past, outcome: 'rejected' });
    }
    const walk = async (cookie: string, status: string) => {
      const seen: number[] = [];
      let after: number | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page = await queue(cookie, `?status=${status}&year=${past}&limit=5${after ? `&after=${after}` : ''}`);
        seen.push(...ids(page.items));
        after = page.nextAfter;
        if (after === null) return seen;
      }
      throw new Error('the pages did not end');
    };
    const newestFirst = (xs: number[]) => [...xs].sort((a, b) => b - a);
    expect(await walk(c.cookies.bureau, 'approved')).toEqual(newestFirst([...mine, ...theirs]));
    expect(await walk(c.cookies.dept, 'approved')).toEqual(newestFirst(mine));
    expect(await walk(second.cookies.dept, 'approved')).toEqual(newestFirst(theirs));
    expect(await walk(c.cookies.dept, 'rejected')).toEqual([]);
    expect(await walk(second.cookies.bureau, 'rejected')).toHaveLength(12);
  });

  it('a professional cannot reach the reviewers’ endpoints', async () => {
    expect((await call(ctx, c.cookies.person, 'GET', '/api/admin/declarations')).statusCode).toBe(404);
  });
});
