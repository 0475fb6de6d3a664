/**
 * Hour declarations through the review chain: the full chain, rejection and
 * resubmission, revocation before the first review, 驳回 by a higher level, out-of-turn reviews.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedHoursByYear } from '../../src/modules/declarations/repo';
import { hasPendingWork } from '../../src/modules/professionals/pending';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login } from '../factories';
import {
  TEST_NOW,
  YEAR,
  approve,
  buildChain,
  currentVersion,
  call,
  conferenceBody,
  createDraft,
  expectStatus,
  reject,
  submitNew,
  upload,
  PNG,
  type Chain,
} from '../factories-declarations';

let ctx: TestContext;
let c: Chain;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
});
afterAll(() => ctx.close());

const detail = async (id: number, cookie = c.cookies.person) => {
  const res = await call(ctx, cookie, 'GET', `/api/me/declarations/${id}`);
  expectStatus(res, 200);
  return res.json();
};

describe('a declaration walks unit → department → bureau', () => {
  it('is saved as a draft with the standard hours, submitted with evidence, approved level by level and counted', async () => {
    const draft = await createDraft(ctx, c.cookies.person, { claimedHours: 20 });
    expect(draft).toMatchObject({
      status: 'draft',
      statusLabel: '待提交',
      formLabel: '学术会议',
      subjectLabel: '专业科目',
      claimedHours: 20,
      standardHours: 18,
      overStandardBy: 2,
      submissionNo: 0,
      can: { edit: true, delete: true, submit: true, revoke: false },
      evidence: ['会议通知', '单位证明材料', '宣读论文或报告的证明材料（宣读、报告论文者）'],
    });
    expect(draft.standardBasis).toContain('第七条第（四）项');

    // Evidence is required before submitting (seed 001: 个人申报需要上传…).
    const bare = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${draft.id}/submit`, { version: draft.version });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toContain('请先上传证明材料（会议通知、单位证明材料');

    expectStatus(await upload(ctx, c.cookies.person, draft.id, [{ name: '会议通知.png', data: PNG }]), 201);
    const submitted = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${draft.id}/submit`, { version: draft.version });
    expectStatus(submitted, 200);
    expect(submitted.json()).toMatchObject({
      status: 'pending',
      statusLabel: '待审核',
      currentLevel: 1,
      chainLength: 3,
      currentReviewerName: c.unit.name,
      submissionNo: 1,
    });
    expect(submitted.json().chain.map((s: { orgId: number; state: string }) => [s.orgId, s.state])).toEqual([
      [c.unit.id, 'current'],
      [c.dept.id, 'waiting'],
      [c.bureau.id, 'waiting'],
    ]);
    // While it is pending the person cannot transfer (R-10: the professionals' pending-work registry).
    expect(await hasPendingWork(ctx.deps.db, c.person.personId)).toBe('有待审核的学时申报，审核完成或撤销后才能办理');

    const first = await approve(ctx, c.cookies.unit, draft.id);
    expectStatus(first, 200);
    expect(first.json()).toMatchObject({ status: 'pending', message: `审核通过，已提交${c.dept.name}审核` });
    expect((await detail(draft.id)).currentReviewerName).toBe(c.dept.name);
    expectStatus(await approve(ctx, c.cookies.dept, draft.id), 200);
    // The last level's approval (备案) with an optional 审核意见, kept in the history and the audit row.
    const last = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declarations/${draft.id}/approve`, {
      version: await currentVersion(ctx, draft.id),
      comment: '  材料齐全，准予备案 ',
    });
    expectStatus(last, 200);
    expect(last.json()).toMatchObject({ status: 'approved', statusLabel: '审核通过', message: `审核通过并备案，20学时已计入${YEAR}年度` });

    const done = await detail(draft.id);
    expect(done).toMatchObject({ status: 'approved', currentLevel: null, currentReviewerName: null, can: { edit: false, revoke: false } });
    expect(done.chain.map((s: { state: string }) => s.state)).toEqual(['approved', 'approved', 'approved']);
    expect(done.history.map((e: { action: string; orgName: string; level: number | null }) => [e.action, e.orgName, e.level])).toEqual([
      ['create', c.unit.name, null],
      ['submit', c.unit.name, null],
      ['approve', c.unit.name, 1],
      ['approve', c.dept.name, 2],
      ['approve', c.bureau.name, 3],
    ]);
    expect(done.history[3]).toMatchObject({ actionLabel: '审核通过', reason: null });
    expect(done.history[4]).toMatchObject({ actorName: c.bureauAdmin.name, actionLabel: '审核通过（备案）', reason: '材料齐全，准予备案' });
    expect(await hasPendingWork(ctx.deps.db, c.person.personId)).toBeNull();

    const hours = await approvedHoursByYear(ctx.deps.db, c.person.personId);
    expect(hours.find((y) => y.year === YEAR)).toMatchObject({ professionalHours: 20, publicHours: 0, declarationIds: [draft.id] });

    // Every decision is in the audit log of the bureau's subtree.
    const audit = await call(ctx, c.cookies.bureau, 'GET', '/api/admin/audit?action=declaration.approve');
    const rows = audit.json().items.filter((e: { objectId: string }) => e.objectId === String(draft.id));
    expect(rows).toHaveLength(3);
    expect(rows[0].summary).toBe('第3级审核（共3级，备案）；审核意见：材料齐全，准予备案');
    expect(rows[1].summary).toBe('第2级审核（共3级）');
  });

  it('a unit without a competent department (无主管部门) goes unit → bureau', async () => {
    const district = await bureauOf(ctx, '410105');
    const company = await buildOrg(ctx, { kind: 'unit', parent: district });
    const admin = await buildAdmin(ctx, company);
    const districtAdmin = await buildAdmin(ctx, district);
    const cookie = await login(ctx, await buildProfessional(ctx, company));
    const d = await submitNew(ctx, cookie);
    expect(d.chain.map((s: { orgId: number }) => s.orgId)).toEqual([company.id, district.id]);
    expectStatus(await approve(ctx, await login(ctx, admin), d.id), 200);
    const last = await approve(ctx, await login(ctx, districtAdmin), d.id);
    expect(last.json().status).toBe('approved');
  });
});

describe('rejection and resubmission (R-14)', () => {
  it('rejected at the department, corrected, resubmitted as a new submission, then passed', async () => {
    const d = await submitNew(ctx, c.cookies.person, { claimedHours: 30 });
    expectStatus(await approve(ctx, c.cookies.unit, d.id), 200);
    const rejected = await reject(ctx, c.cookies.dept, d.id, '申报学时高于折算标准，请按18学时申报');
    expectStatus(rejected, 200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusLabel: '审核不通过', message: '已驳回，退回本人修改' });

    const seen = await detail(d.id);
    expect(seen).toMatchObject({
      status: 'rejected',
      rejectReason: '申报学时高于折算标准，请按18学时申报',
      can: { edit: true, submit: true, delete: false, revoke: false },
    });
    expect(seen.chain.map((s: { state: string }) => s.state)).toEqual(['approved', 'rejected', 'waiting']);

    const list = await call(ctx, c.cookies.person, 'GET', `/api/me/declarations?status=rejected`);
    expect(list.json().items.map((i: { id: number }) => i.id)).toContain(d.id);

    const fixed = await call(ctx, c.cookies.person, 'PUT', `/api/me/declarations/${d.id}`, { ...conferenceBody({ claimedHours: 18 }), version: seen.version });
    expectStatus(fixed, 200);
    expect(fixed.json()).toMatchObject({ status: 'rejected', claimedHours: 18, overStandardBy: null });
    const again = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${d.id}/submit`, { version: fixed.json().version });
    expectStatus(again, 200);
    expect(again.json()).toMatchObject({ status: 'pending', submissionNo: 2, currentLevel: 1, rejectReason: null });

    for (const cookie of [c.cookies.unit, c.cookies.dept, c.cookies.bureau]) expectStatus(await approve(ctx, cookie, d.id), 200);
    const final = await detail(d.id);
    expect(final.status).toBe('approved');
    expect(final.history.map((e: { submissionNo: number; action: string }) => `${e.submissionNo}:${e.action}`)).toEqual([
      '0:create',
      '1:submit',
      '1:approve',
      '1:return',
      '1:update',
      '2:submit',
      '2:approve',
      '2:approve',
      '2:approve',
    ]);
    expect(final.history[3]).toMatchObject({ actionLabel: '驳回', orgName: c.dept.name, reason: '申报学时高于折算标准，请按18学时申报', level: 2 });
  });

  it('a rejection at the first level is 审核不通过; the reason is required', async () => {
    const d = await submitNew(ctx, c.cookies.person);
    const noReason = await call(ctx, c.cookies.unit, 'POST', `/api/admin/declarations/${d.id}/reject`, { version: d.version, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const res = await reject(ctx, c.cookies.unit, d.id, '缺少单位证明材料');
    expect(res.json()).toMatchObject({ status: 'rejected', message: '审核不通过，已退回本人修改' });
    const seen = await detail(d.id);
    expect(seen.history.at(-1)).toMatchObject({ action: 'reject', actionLabel: '审核不通过', level: 1, reason: '缺少单位证明材料' });
  });
});

describe('revocation by the person (撤销)', () => {
  it('works while the unit has not acted: the declaration is a draft again', async () => {
    const d = await submitNew(ctx, c.cookies.person);
    const res = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${d.id}/revoke`, { version: d.version });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ status: 'draft', statusLabel: '待提交', currentReviewerName: null, can: { edit: true, delete: true } });
    expect(res.json().history.at(-1)).toMatchObject({ action: 'revoke', actionLabel: '撤销申报' });
    // The unit's queue no longer holds it; its late approval is refused.
    const late = await approve(ctx, c.cookies.unit, d.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ALREADY_HANDLED');
    // The draft can be deleted; it disappears.
    const del = await call(ctx, c.cookies.person, 'DELETE', `/api/me/declarations/${d.id}?version=${res.json().version}`);
    expectStatus(del, 200);
    expect((await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}`)).statusCode).toBe(404);
  });

  it('is refused once the unit passed it: only a higher level can return it', async () => {
    const d = await submitNew(ctx, c.cookies.person);
    expectStatus(await approve(ctx, c.cookies.unit, d.id), 200);
    const res = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${d.id}/revoke`, { version: (await detail(d.id)).version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('单位已审核通过，不能自行撤销；如需撤销，请联系正在审核的上级部门驳回');
  });

  it('pending and approved declarations cannot be edited or deleted', async () => {
    const d = await submitNew(ctx, c.cookies.person);
    const edit = await call(ctx, c.cookies.person, 'PUT', `/api/me/declarations/${d.id}`, { ...conferenceBody(), version: d.version });
    expect(edit.statusCode).toBe(409);
    const del = await call(ctx, c.cookies.person, 'DELETE', `/api/me/declarations/${d.id}?version=${d.version}`);
    expect(del.statusCode).toBe(409);
  });
});

describe('驳回 by a higher level', () => {
  it('the bureau returns a record the unit and the department passed; the person sees why', async () => {
    const d = await submitNew(ctx, c.cookies.person);
    expectStatus(await approve(ctx, c.cookies.unit, d.id), 200);
    expectStatus(await approve(ctx, c.cookies.dept, d.id), 200);
    const res = await reject(ctx, c.cookies.bureau, d.id, '会议非国家部委举办，应按省级标准计算');
    expect(res.json()).toMatchObject({ status: 'rejected', message: '已驳回，退回本人修改' });
    const seen = await detail(d.id);
    expect(seen).toMatchObject({ status: 'rejected', rejectReason: '会议非国家部委举办，应按省级标准计算' });
    expect(seen.history.at(-1)).toMatchObject({ action: 'return', orgName: c.bureau.name, level: 3 });
    expect(seen.chain.map((s: { state: string }) => s.state)).toEqual(['approved', 'approved', 'rejected']);
    // The lower levels cannot act on it any more.
    expect((await approve(ctx, c.cookies.dept, d.id)).json().code).toBe('ALREADY_HANDLED');
  });
});

describe('nobody reviews out of turn', () => {
  it('the department cannot approve what the unit has not passed: 409 NOT_YOUR_TURN', async () => {
    const d = await submitNew(ctx, c.cookies.person);
    const early = await approve(ctx, c.cookies.dept, d.id);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'NOT_YOUR_TURN', message: `该申报正等待${c.unit.name}审核，下级审核通过后才轮到本机构审核` });
    const bureauEarly = await reject(ctx, c.cookies.bureau, d.id, '越级');
    expect(bureauEarly.json().code).toBe('NOT_YOUR_TURN');
    // It may look at the record (in its subtree) but not act on it.
    const seen = await call(ctx, c.cookies.dept, 'GET', `/api/admin/declarations/${d.id}`);
    expectStatus(seen, 200);
    expect(seen.json().can.review).toBe(false);
    const unitSees = await call(ctx, c.cookies.unit, 'GET', `/api/admin/declarations/${d.id}`);
    expect(unitSees.json().can.review).toBe(true);
  });

  it('the province above a city chain is not on it', async () => {
    const province = await buildAdmin(ctx, await bureauOf(ctx, '410000'));
    const cookie = await login(ctx, province);
    const d = await submitNew(ctx, c.cookies.person);
    for (const k of [c.cookies.unit, c.cookies.dept]) expectStatus(await approve(ctx, k, d.id), 200);
    const res = await approve(ctx, cookie, d.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'NOT_YOUR_TURN', message: '该申报的审核流程不经过本机构，无需本机构审核' });
  });

  it('an admin without the review permission is refused (403) inside the subtree', async () => {
    const clerk = await buildAdmin(ctx, c.unit, { superAdmin: false, permissions: ['registration.review'] });
    const d = await submitNew(ctx, c.cookies.person);
    const res = await approve(ctx, await login(ctx, clerk), d.id);
    expect(res.statusCode).toBe(403);
  });
});

describe('a draft is saved incomplete; submitting checks everything (issue 8 item 10)', () => {
  it('saves a draft with only the year, and refuses to submit it, naming every empty field', async () => {
    const saved = await call(ctx, c.cookies.person, 'POST', '/api/me/declarations', { year: YEAR });
    expectStatus(saved, 201);
    const draft = saved.json();
    expect(draft).toMatchObject({
      status: 'draft',
      year: YEAR,
      subject: null,
      subjectLabel: null,
      form: null,
      formLabel: null,
      title: '',
      organiser: '',
      startDate: null,
      endDate: null,
      assessmentResult: '',
      claimedHours: null,
      standardHours: null,
      standardBasis: '',
      overStandardBy: null,
      can: { edit: true, submit: true },
    });
    // It is listed in 申报进度查询 like any draft.
    const mine = await call(ctx, c.cookies.person, 'GET', `/api/me/declarations?status=draft`);
    expect(mine.json().items.map((i: { id: number }) => i.id)).toContain(draft.id);

    expectStatus(await upload(ctx, c.cookies.person, draft.id, [{ name: '会议通知.png', data: PNG, type: 'image/png' }]), 201);
    const res = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${draft.id}/submit`, { version: draft.version });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION',
      message: '请填写完整后再提交：计入科目、学习形式、学习内容、主办单位、开始日期、结束日期、考核结果、申报学时尚未填写',
    });
    expect(res.json().details.issues).toEqual([
      { path: '/subject', message: '请选择计入科目' },
      { path: '/form', message: '请选择学习形式' },
      { path: '/title', message: '请填写学习内容' },
      { path: '/organiser', message: '请填写主办单位' },
      { path: '/startDate', message: '请选择开始日期' },
      { path: '/endDate', message: '请选择结束日期' },
      { path: '/assessmentResult', message: '请填写考核结果' },
      { path: '/claimedHours', message: '请填写申报学时' },
    ]);
    expect((await detail(draft.id)).status).toBe('draft');
  });

  it('is completed step by step; blank text counts as empty; the filled draft submits', async () => {
    const partial = await call(ctx, c.cookies.person, 'POST', '/api/me/declarations', conferenceBody({ title: '   ', claimedHours: null, startDate: null }));
    expectStatus(partial, 201);
    const d = partial.json();
    expect(d).toMatchObject({ title: '', claimedHours: null, startDate: null, formLabel: '学术会议', standardHours: 18 });
    expectStatus(await upload(ctx, c.cookies.person, d.id, [{ name: '会议通知.png', data: PNG, type: 'image/png' }]), 201);
    const refused = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${d.id}/submit`, { version: d.version });
    expect(refused.json().message).toBe('请填写完整后再提交：学习内容、开始日期、申报学时尚未填写');

    const filled = await call(ctx, c.cookies.person, 'PUT', `/api/me/declarations/${d.id}`, { ...conferenceBody(), version: d.version });
    expectStatus(filled, 200);
    const sent = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${d.id}/submit`, { version: filled.json().version });
    expectStatus(sent, 200);
    expect(sent.json()).toMatchObject({ status: 'pending', title: '全国职业教育信息化学术年会', claimedHours: 18 });
  });

  it('a draft of form 15 needs the months on duty before it is submitted', async () => {
    const d = await createDraft(ctx, c.cookies.person, { form: 'reduction', params: {}, claimedHours: 0, monthsOnDuty: null });
    expectStatus(await upload(ctx, c.cookies.person, d.id, [{ name: '证明.png', data: PNG, type: 'image/png' }]), 201);
    const res = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${d.id}/submit`, { version: d.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues).toEqual([{ path: '/monthsOnDuty', message: '请填写该年度实际在岗月数' }]);
  });

  it.each([
    ['form parameters by the regulation', { params: { level: 'national', days: 0, presented: true } }, '参数“天数”（days）应为1至366的整数'],
    ['a missing parameter', { params: { level: 'national', presented: true } }, '缺少参数“天数”（days）'],
  ])('the form’s own fields are checked on submitting: %s', async (_, overrides, message) => {
    const d = await createDraft(ctx, c.cookies.person, overrides);
    expect(d.standardHours).toBeNull();
    expectStatus(await upload(ctx, c.cookies.person, d.id, [{ name: '会议通知.png', data: PNG, type: 'image/png' }]), 201);
    const res = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${d.id}/submit`, { version: d.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
  });
});

describe('input checks', () => {
  it.each([
    ['dates in order', { startDate: `${YEAR}-05-14` }, '结束日期不能早于开始日期'],
    ['days within the dates', { params: { level: 'national', days: 5, presented: false } }, '填写的天数（5天）超过了起止日期之间的天数（2天）'],
    ['unit training is a professional subject', { form: 'unit_training', subject: 'public', params: {} }, '该学习形式只能计入专业科目'],
    ['hours with one decimal', { claimedHours: 1.25 }, '学时最多保留一位小数'],
    ['an unknown form', { form: 'party' }, '请选择学习形式'],
  ])('%s', async (_, overrides, message) => {
    const res = await call(ctx, c.cookies.person, 'POST', '/api/me/declarations', conferenceBody(overrides));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it('a training not yet finished cannot be submitted', async () => {
    const d = await createDraft(ctx, c.cookies.person, { startDate: `${YEAR}-06-20`, endDate: `${YEAR}-06-21` });
    expectStatus(await upload(ctx, c.cookies.person, d.id, [{ name: 'a.png', data: PNG }]), 201);
    const res = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${d.id}/submit`, { version: d.version });
    expect(res.json().message).toBe('学习尚未结束（结束日期晚于今天），结束后再提交申报');
  });

  it('a stale version is refused (someone else changed it)', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    expectStatus(await call(ctx, c.cookies.person, 'PUT', `/api/me/declarations/${d.id}`, { ...conferenceBody({ title: '改1' }), version: d.version }), 200);
    const stale = await call(ctx, c.cookies.person, 'PUT', `/api/me/declarations/${d.id}`, { ...conferenceBody({ title: '改2' }), version: d.version });
    expect(stale.json().code).toBe('ALREADY_HANDLED');
  });

  it('the options list the open years, forms with their evidence, and the file limits', async () => {
    const res = await call(ctx, c.cookies.person, 'GET', '/api/me/declaration-options');
    expectStatus(res, 200);
    const body = res.json();
    expect(body.currentYear).toBe(YEAR);
    expect(body.openYears).toEqual([{ year: YEAR, until: `${YEAR}-12-31`, reason: '当年学时' }]);
    expect(body.forms).toHaveLength(16);
    expect(body.forms.find((f: { code: string }) => f.code === 'publication')).toMatchObject({ label: '出版著作（译作）或发表论文', evidence: ['著作：封面、扉页、目录', '论文：杂志封面、目录、文章'] });
    expect(body.attachments).toMatchObject({ maxFileBytes: 10 * 1024 * 1024, maxTotalBytes: 50 * 1024 * 1024 });
  });
});
