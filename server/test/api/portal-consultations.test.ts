/** 在线咨询: routing to the asker's unit, passing up the chain, answers, visitors, FAQ. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, buildWorkDepartment, bureauOf, login } from '../factories';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { auditActions, multipart, png } from './professionals-fixtures';

let ctx: TestContext;
const cookies: Record<string, string> = {};
let unitId = 0;
let unitRow: OrgRow;
let deptName = '';

const get = (who: string | null, url: string) => ctx.app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} });
const post = (who: string, url: string, payload: object) => ctx.app.inject({ method: 'POST', url, headers: { cookie: cookies[who]! }, payload });

function ask(who: string | null, fields: Record<string, string>, file?: { data: Buffer; filename: string; type: string }) {
  const body = multipart(fields, file ? { file } : {});
  return ctx.app.inject({
    method: 'POST',
    url: who ? '/api/me/consultations' : '/api/public/consultations',
    headers: { ...(who ? { cookie: cookies[who]! } : {}), ...body.headers },
    payload: body.payload,
  });
}

beforeAll(async () => {
  ctx = await buildTestApp();
  const zz = await bureauOf(ctx, '410100');
  const dept = await buildOrg(ctx, { kind: 'department', parent: zz, name: '郑州市教育局' });
  deptName = dept.name;
  const unit = await buildOrg(ctx, { kind: 'unit', parent: dept, name: '郑州市第一中学' });
  unitId = unit.id;
  unitRow = unit;
  const sibling = await buildOrg(ctx, { kind: 'unit', parent: dept });
  const accounts = {
    teacher: await buildProfessional(ctx, unit),
    unitAdmin: await buildAdmin(ctx, unit),
    unitNoPermission: await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['person.review'] }),
    siblingAdmin: await buildAdmin(ctx, sibling),
    deptAdmin: await buildAdmin(ctx, dept),
    zzAdmin: await buildAdmin(ctx, zz),
    zkAdmin: await buildAdmin(ctx, await bureauOf(ctx, '411600')),
  };
  for (const [k, a] of Object.entries(accounts)) cookies[k] = await login(ctx, a);
});
afterAll(() => ctx.close());

describe('a professional’s question', () => {
  let id = 0;
  const version = async (who: string) => (await get(who, `/api/admin/consultations/${id}`)).json().version as number;

  it('goes to the admins of their unit, with its attachment', async () => {
    const res = await ask('teacher', { category: 'certificate', title: '2025年度证书无法打印', text: '完成情况显示已达标，但打印按钮是灰色的。' }, { data: png(), filename: '截图.png', type: 'image/png' });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ status: 'open', statusLabel: '待答复', handlerName: '郑州市第一中学', attachment: { name: '截图.png', contentType: 'image/png' } });

    const queue = await get('unitAdmin', '/api/admin/consultations');
    expect(queue.json().items).toEqual([expect.objectContaining({ id, awaitingMe: true, title: '2025年度证书无法打印' })]);
    expect((await get('deptAdmin', '/api/admin/consultations')).json().items).toEqual([]);
    // Above the unit it is in the subtree view, not in the queue.
    expect((await get('deptAdmin', '/api/admin/consultations?scope=subtree')).json().items.map((i: { id: number }) => i.id)).toEqual([id]);
    expect((await get('unitAdmin', `/api/admin/consultations/${id}/attachment`)).statusCode).toBe(200);
    expect((await get('teacher', `/api/me/consultations/${id}/attachment`)).statusCode).toBe(200);
  });

  it('is nobody else’s business', async () => {
    for (const who of ['siblingAdmin', 'zkAdmin']) {
      expect((await get(who, `/api/admin/consultations/${id}`)).statusCode, who).toBe(404);
      expect((await post(who, `/api/admin/consultations/${id}/answer`, { version: 1, text: '越权答复' })).statusCode, who).toBe(404);
    }
    expect((await get('unitNoPermission', `/api/admin/consultations/${id}`)).statusCode).toBe(403);
    expect((await get('unitAdmin', `/api/me/consultations/${id}`)).statusCode).toBe(404);
  });

  it('passes up to the department, which answers; the unit can no longer act', async () => {
    const up = await post('unitAdmin', `/api/admin/consultations/${id}/escalate`, { version: await version('unitAdmin'), note: '打印权限由主管部门设置' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ status: 'open', handlerName: deptName, canHandle: false });
    expect((await post('unitAdmin', `/api/admin/consultations/${id}/answer`, { version: up.json().version, text: '抢答' })).statusCode).toBe(403);
    expect((await get('unitAdmin', '/api/admin/consultations')).json().items).toEqual([]);
    expect((await get('deptAdmin', '/api/admin/consultations')).json().items[0]).toMatchObject({ id, awaitingMe: true });

    const answer = await post('deptAdmin', `/api/admin/consultations/${id}/answer`, { version: up.json().version, text: '请先在“年度完成情况”中确认该年度已认定，证书由发证机关电子签章后即可打印。' });
    expect(answer.statusCode, answer.body).toBe(200);
    // A second answer on the same version (a double click) is refused.
    expect((await post('deptAdmin', `/api/admin/consultations/${id}/answer`, { version: up.json().version, text: '重复' })).statusCode).toBe(409);

    const thread = (await get('teacher', `/api/me/consultations/${id}`)).json();
    expect(thread).toMatchObject({ status: 'answered', statusLabel: '已答复', handlerName: deptName });
    expect(thread.messages.map((m: { kind: string; author: string }) => [m.kind, m.author])).toEqual([
      ['question', '提问人'],
      ['escalate', '郑州市第一中学'],
      ['answer', deptName],
    ]);
    expect(thread.messages[1].text).toBe(`已转交${deptName}办理。打印权限由主管部门设置`);
  });

  it('the asker follows up (open again) and closes it', async () => {
    const again = await post('teacher', `/api/me/consultations/${id}/messages`, { text: '已确认认定通过，仍无法打印。' });
    expect(again.json().status).toBe('open');
    const closed = await post('teacher', `/api/me/consultations/${id}/close`, {});
    expect(closed.json().status).toBe('closed');
    expect((await post('teacher', `/api/me/consultations/${id}/messages`, { text: '再问' })).statusCode).toBe(409);
    expect((await get('teacher', '/api/me/consultations')).json().items.map((i: { id: number }) => i.id)).toEqual([id]);
    expect(await auditActions(ctx, 'consultation', id)).toEqual(['consultation.ask', 'consultation.escalate', 'consultation.answer', 'consultation.followUp', 'consultation.close']);
  });

  it('refuses a question without text and a file that is not PDF/JPG/PNG', async () => {
    const empty = await ask('teacher', { category: 'other', title: '空问题', text: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('请填写问题描述');
    const exe = await ask('teacher', { category: 'other', title: '附件不对', text: '见附件' }, { data: Buffer.from('MZ\x90\x00'), filename: 'a.pdf', type: 'application/pdf' });
    expect(exe.statusCode).toBe(415);
    expect((await get('teacher', '/api/me/consultations')).json().items).toHaveLength(1);
  });
});

describe('a visitor’s question', () => {
  it('goes to the organisation picked, is read back with the lookup code, and reaches the bureau FAQ', async () => {
    const res = await ask(null, { category: 'registration', title: '单位如何注册', text: '我们是新成立的民办学校，应当在哪个主管部门下注册？', name: '王老师', contact: '13812345678', orgId: String(unitId) });
    expect(res.statusCode, res.body).toBe(201);
    const { id, code } = res.json() as { id: number; code: string };
    expect(code).toMatch(/^[A-Za-z0-9]{12}$/);

    const detail = (await get('unitAdmin', `/api/admin/consultations/${id}`)).json();
    expect(detail).toMatchObject({ askerKind: 'visitor', askerName: '王老师', askerContact: '138****5678', canHandle: true, canPublishFaq: false });
    const up1 = await post('unitAdmin', `/api/admin/consultations/${id}/escalate`, { version: detail.version, note: '' });
    const up2 = await post('deptAdmin', `/api/admin/consultations/${id}/escalate`, { version: up1.json().version, note: '' });
    expect(up2.json().handlerName).toMatch(/郑州/);
    const answered = await post('zzAdmin', `/api/admin/consultations/${id}/answer`, { version: up2.json().version, text: '民办学校在其业务主管的教育行政部门下注册；无主管部门的可直接在所在地人社部门下注册。' });
    expect(answered.json()).toMatchObject({ status: 'answered', canPublishFaq: true });

    const seen = await get(null, `/api/public/consultations/${code}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().messages.at(-1)).toMatchObject({ kind: 'answer', fromAsker: false });
    expect(seen.json().messages.at(-1).text).toContain('民办学校');
    expect((await get(null, '/api/public/consultations/AAAAAAAAAAAA')).statusCode).toBe(404);

    // The unit below cannot publish to the FAQ; the city bureau can.
    expect((await post('unitAdmin', `/api/admin/consultations/${id}/faq`, { category: 'registration', question: '民办学校在哪里注册？', answer: '在业务主管部门下注册。' })).statusCode).toBe(403);
    const faq = await post('zzAdmin', `/api/admin/consultations/${id}/faq`, { category: 'registration', question: '新成立的民办学校应当在哪里注册？', answer: '在其业务主管的教育行政部门下注册；无主管部门的可直接在所在地人社部门下注册。' });
    expect(faq.statusCode, faq.body).toBe(201);
    const found = await get(null, `/api/public/faq?q=${encodeURIComponent('民办学校')}`);
    expect(found.json().items.map((f: { id: number }) => f.id)).toEqual([faq.json().id]);
    expect((await post('zkAdmin', `/api/admin/faq/${faq.json().id}/withdraw`, {})).statusCode).toBe(404);
    expect((await post('zzAdmin', `/api/admin/faq/${faq.json().id}/withdraw`, {})).statusCode).toBe(200);
    expect((await get(null, `/api/public/faq?q=${encodeURIComponent('民办学校')}`)).json().items).toEqual([]);
  });

  it('needs a contact and an approved organisation', async () => {
    const noContact = await ask(null, { category: 'other', title: '没有联系方式', text: '问题', name: '李', contact: '', orgId: String(unitId) });
    expect(noContact.statusCode).toBe(400);
    const badOrg = await ask(null, { category: 'other', title: '机构不存在', text: '问题', name: '李', contact: 'li@example.com', orgId: '999999' });
    expect(badOrg.statusCode).toBe(400);
    expect(badOrg.json().message).toBe('请选择审核通过的用人单位、主管部门或人社部门');
  });

  it('with the captcha on, a wrong answer is refused and nothing is stored', async () => {
    const withCaptcha = await buildTestApp({ captcha: true });
    try {
      const unit = await buildOrg(withCaptcha, { kind: 'unit' });
      const body = multipart({ category: 'other', title: '验证码测试', text: '问题', name: '李', contact: 'li@example.com', orgId: String(unit.id), captcha: 'abcd' }, {});
      const res = await withCaptcha.app.inject({ method: 'POST', url: '/api/public/consultations', headers: body.headers, payload: body.payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe('验证码错误');
      expect(await withCaptcha.deps.db.select().from(schema.consultations)).toEqual([]);
    } finally {
      await withCaptcha.close();
    }
  });
});

describe('a 工作部门-scoped admin', () => {
  it('sees and answers only the questions of the people of their 工作部门', async () => {
    const [a, b] = [await buildWorkDepartment(ctx, unitRow, '语文组'), await buildWorkDepartment(ctx, unitRow, '数学组')];
    cookies.inA = await login(ctx, await buildProfessional(ctx, unitRow, { workDepartmentId: a.id }));
    cookies.inB = await login(ctx, await buildProfessional(ctx, unitRow, { workDepartmentId: b.id }));
    cookies.scopedA = await login(ctx, await buildAdmin(ctx, unitRow, { superAdmin: false, permissions: ['consultation.answer'], workDepartmentIds: [a.id] }));
    const qa = (await ask('inA', { category: 'declaration', title: '语文组老师的问题', text: '问题A' })).json().id as number;
    const qb = (await ask('inB', { category: 'declaration', title: '数学组老师的问题', text: '问题B' })).json().id as number;
    const queue = (await get('scopedA', '/api/admin/consultations')).json().items.map((i: { id: number }) => i.id);
    expect(queue).toEqual([qa]);
    expect((await get('scopedA', `/api/admin/consultations/${qb}`)).statusCode).toBe(404);
    // The admin home's queue counts the same questions.
    const counter = (await get('scopedA', '/api/admin/home/queues')).json().queues.find((q: { key: string }) => q.key === 'consultations');
    expect(counter).toMatchObject({ count: 1, link: '/admin/consultations' });
    const detail = (await get('scopedA', `/api/admin/consultations/${qa}`)).json();
    expect((await post('scopedA', `/api/admin/consultations/${qa}/answer`, { version: detail.version, text: '已答复' })).statusCode).toBe(200);
    // The unit's super admin sees both.
    expect((await get('unitAdmin', '/api/admin/consultations?scope=subtree')).json().items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining([qa, qb]));
  });
});
