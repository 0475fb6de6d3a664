/**
 * The declaration window: only the current year, the province's window per year, a bureau
 * opening a past year for a named person; and the province's cap per form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildProfessional, bureauOf, login } from '../factories';
import { PNG, TEST_NOW, YEAR, buildChain, call, conferenceBody, createDraft, expectStatus, upload, type Chain } from '../factories-declarations';

let ctx: TestContext;
let c: Chain;
let provinceCookie: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  provinceCookie = await login(ctx, await buildAdmin(ctx, await bureauOf(ctx, '410000')));
});
afterAll(() => ctx.close());

const pastBody = (year: number) =>
  conferenceBody({ year, startDate: `${year}-09-01`, endDate: `${year}-09-02`, title: `${year}年度学术会议` });

describe('only the current year can be declared', () => {
  it.each([
    [YEAR - 1, '往年学时申报已截止'],
    [YEAR - 5, '往年学时申报已截止'],
    [YEAR + 1, `尚未到${YEAR + 1}年度，不能申报`],
  ])('%i → %s', async (year, message) => {
    const res = await call(ctx, c.cookies.person, 'POST', '/api/me/declarations', pastBody(year));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'YEAR_CLOSED', message });
  });
});

describe('the province sets the window of a year', () => {
  it('keeps last year open until a date; then it closes again', async () => {
    const set = await call(ctx, provinceCookie, 'PUT', `/api/admin/declaration-windows/${YEAR - 1}`, { opensOn: `${YEAR - 1}-01-01`, closesOn: `${YEAR}-06-30` });
    expectStatus(set, 200);
    expect(set.json().items).toEqual([expect.objectContaining({ year: YEAR - 1, opensOn: `${YEAR - 1}-01-01`, closesOn: `${YEAR}-06-30` })]);
    const options = (await call(ctx, c.cookies.person, 'GET', '/api/me/declaration-options')).json();
    expect(options.openYears.map((y: { year: number }) => y.year)).toEqual([YEAR, YEAR - 1]);
    expectStatus(await call(ctx, c.cookies.person, 'POST', '/api/me/declarations', pastBody(YEAR - 1)), 201);

    ctx.clock.now = new Date(`${YEAR}-07-01T02:00:00Z`);
    try {
      const late = await call(ctx, await login(ctx, c.person), 'POST', '/api/me/declarations', pastBody(YEAR - 1));
      expect(late.json()).toMatchObject({ code: 'YEAR_CLOSED', message: '往年学时申报已截止' });
    } finally {
      ctx.clock.now = new Date(TEST_NOW);
    }
    expectStatus(await call(ctx, provinceCookie, 'DELETE', `/api/admin/declaration-windows/${YEAR - 1}`), 200);
    expect((await call(ctx, c.cookies.person, 'POST', '/api/me/declarations', pastBody(YEAR - 1))).statusCode).toBe(409);
  });

  it('a window can also close the current year early', async () => {
    expectStatus(await call(ctx, provinceCookie, 'PUT', `/api/admin/declaration-windows/${YEAR}`, { opensOn: `${YEAR}-01-01`, closesOn: `${YEAR}-06-14` }), 200);
    try {
      const res = await call(ctx, c.cookies.person, 'POST', '/api/me/declarations', conferenceBody());
      expect(res.json()).toMatchObject({ code: 'YEAR_CLOSED', message: `${YEAR}年度学时申报已于${YEAR}-06-14截止` });
    } finally {
      expectStatus(await call(ctx, provinceCookie, 'DELETE', `/api/admin/declaration-windows/${YEAR}`), 200);
    }
  });

  it('checks the dates, and only the province’s admins with the permission may set it', async () => {
    const bad = await call(ctx, provinceCookie, 'PUT', `/api/admin/declaration-windows/${YEAR}`, { opensOn: `${YEAR}-05-01`, closesOn: `${YEAR}-04-01` });
    expect(bad.json().message).toBe('截止日期不能早于开放日期');
    const city = await call(ctx, c.cookies.bureau, 'PUT', `/api/admin/declaration-windows/${YEAR}`, { opensOn: `${YEAR}-01-01`, closesOn: `${YEAR}-12-31` });
    expect(city.statusCode).toBe(404);
    const clerk = await buildAdmin(ctx, await bureauOf(ctx, '410000'), { superAdmin: false, permissions: ['declaration.review'] });
    const forbidden = await call(ctx, await login(ctx, clerk), 'PUT', `/api/admin/declaration-windows/${YEAR}`, { opensOn: `${YEAR}-01-01`, closesOn: `${YEAR}-12-31` });
    expect(forbidden.statusCode).toBe(403);
    // Everyone with an admin console can read the windows.
    expectStatus(await call(ctx, c.cookies.unit, 'GET', '/api/admin/declaration-windows'), 200);
  });
});

describe('a bureau opens a past year for a named person', () => {
  it('only that person may then declare that year, until the opening expires; it is audited', async () => {
    const neighbour = await buildProfessional(ctx, c.unit);
    const open = await call(ctx, c.cookies.bureau, 'POST', '/api/admin/declaration-openings', {
      idNumber: c.person.idNumber,
      year: YEAR - 2,
      reason: '援疆期间未能及时申报',
      expiresOn: `${YEAR}-06-30`,
    });
    expectStatus(open, 201);
    expect(open.json()).toMatchObject({ year: YEAR - 2, active: true, bureauName: c.bureau.name, unitName: c.unit.name, reason: '援疆期间未能及时申报' });

    const options = (await call(ctx, c.cookies.person, 'GET', '/api/me/declaration-options')).json();
    expect(options.openYears).toContainEqual({ year: YEAR - 2, until: `${YEAR}-06-30`, reason: '人社部门为您开放的补报' });
    const draft = await createDraft(ctx, c.cookies.person, pastBody(YEAR - 2));
    expectStatus(await upload(ctx, c.cookies.person, draft.id, [{ name: 'a.png', data: PNG }]), 201);
    const submitted = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${draft.id}/submit`, { version: draft.version });
    expectStatus(submitted, 200);
    expect(submitted.json()).toMatchObject({ year: YEAR - 2, status: 'pending' });

    const other = await call(ctx, await login(ctx, neighbour), 'POST', '/api/me/declarations', pastBody(YEAR - 2));
    expect(other.json().code).toBe('YEAR_CLOSED');

    ctx.clock.now = new Date(`${YEAR}-07-01T02:00:00Z`);
    try {
      const expired = await call(ctx, await login(ctx, c.person), 'POST', '/api/me/declarations', pastBody(YEAR - 2));
      expect(expired.json()).toMatchObject({ code: 'YEAR_CLOSED', message: '往年学时申报已截止' });
    } finally {
      ctx.clock.now = new Date(TEST_NOW);
    }

    const list = await call(ctx, c.cookies.bureau, 'GET', '/api/admin/declaration-openings');
    expect(list.json().items.map((o: { id: number }) => o.id)).toContain(open.json().id);
    const audit = await call(ctx, c.cookies.bureau, 'GET', '/api/admin/audit?action=declaration.opening.create');
    expect(audit.json().items[0]).toMatchObject({ actionLabel: '开放往年学时补报', objectId: String(open.json().id) });

    const cancelled = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-openings/${open.json().id}/cancel`);
    expectStatus(cancelled, 200);
    expect(cancelled.json().active).toBe(false);
    expect((await call(ctx, c.cookies.person, 'POST', '/api/me/declarations', pastBody(YEAR - 2))).statusCode).toBe(409);
    expect((await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-openings/${open.json().id}/cancel`)).json().code).toBe('ALREADY_HANDLED');
  });

  it('not for someone outside the bureau’s region, not for the current year, not by a unit', async () => {
    const zk = await buildChain(ctx, { bureauRegion: '411600' });
    const body = { idNumber: zk.person.idNumber, year: YEAR - 1, reason: '特殊情况', expiresOn: `${YEAR}-06-30` };
    expect((await call(ctx, c.cookies.bureau, 'POST', '/api/admin/declaration-openings', body)).statusCode).toBe(404);
    const current = await call(ctx, c.cookies.bureau, 'POST', '/api/admin/declaration-openings', { ...body, idNumber: c.person.idNumber, year: YEAR });
    expect(current.json().message).toBe('当年学时可直接申报，只需为往年开放补报');
    const byUnit = await call(ctx, c.cookies.unit, 'POST', '/api/admin/declaration-openings', { ...body, idNumber: c.person.idNumber });
    expect(byUnit.statusCode).toBe(403);
    // The province may open it for anyone in Henan.
    expectStatus(await call(ctx, provinceCookie, 'POST', '/api/admin/declaration-openings', body), 201);
  });
});

describe('the province’s cap per form (R-18)', () => {
  it('blocks an absurd claim at submission with a message naming the cap', async () => {
    const set = await call(ctx, provinceCookie, 'PUT', '/api/admin/declaration-caps/conference', { maxHours: 50 });
    expectStatus(set, 200);
    expect(set.json().items.find((i: { form: string }) => i.form === 'conference')).toMatchObject({ maxHours: 50, formLabel: '学术会议' });
    const options = (await call(ctx, c.cookies.person, 'GET', '/api/me/declaration-options')).json();
    expect(options.forms.find((f: { code: string }) => f.code === 'conference').maxHours).toBe(50);

    // Saving a draft is allowed; submitting it is not.
    const draft = await createDraft(ctx, c.cookies.person, { claimedHours: 300 });
    expectStatus(await upload(ctx, c.cookies.person, draft.id, [{ name: 'a.png', data: PNG }]), 201);
    const res = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${draft.id}/submit`, { version: draft.version });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'OVER_CAP',
      message: '“学术会议”每条申报不能超过50学时（省人社厅设定的上限），您填写了300学时，请按学时折算标准核实后填写',
    });
    const fixed = await call(ctx, c.cookies.person, 'PUT', `/api/me/declarations/${draft.id}`, { ...conferenceBody({ claimedHours: 50 }), version: draft.version });
    expectStatus(await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${draft.id}/submit`, { version: fixed.json().version }), 200);

    // Only the province sets caps; null removes one.
    expect((await call(ctx, c.cookies.bureau, 'PUT', '/api/admin/declaration-caps/conference', { maxHours: 10 })).statusCode).toBe(404);
    const removed = await call(ctx, provinceCookie, 'PUT', '/api/admin/declaration-caps/conference', { maxHours: null });
    expect(removed.json().items.find((i: { form: string }) => i.form === 'conference').maxHours).toBeNull();
  });
});
