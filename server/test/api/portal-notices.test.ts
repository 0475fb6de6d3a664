/** 通知公告: who publishes, where a notice shows, sanitising, states and attachments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login } from '../factories';
import { auditActions, multipart, png } from './professionals-fixtures';

let ctx: TestContext;
const cookies: Record<string, string> = {};

const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('测试附件内容')]);

async function notice(who: string, title: string, body = `<p>${title}的正文</p>`) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/admin/notices', headers: { cookie: cookies[who]! }, payload: { title, bodyHtml: body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; bodyHtml: string; status: string };
}
async function publish(who: string, id: number, version: number) {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/admin/notices/${id}/publish`, headers: { cookie: cookies[who]! }, payload: { version } });
  return res;
}
async function published(who: string, title: string, body?: string) {
  const n = await notice(who, title, body);
  const res = await publish(who, n.id, n.version);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: number; version: number };
}
const titles = (res: { json(): unknown }) => (res.json() as { items: { title: string }[] }).items.map((i) => i.title);

beforeAll(async () => {
  ctx = await buildTestApp();
  const province = await bureauOf(ctx, '410000');
  const zz = await bureauOf(ctx, '410100');
  const jinshui = await bureauOf(ctx, '410105');
  const zk = await bureauOf(ctx, '411600');
  const dept = await buildOrg(ctx, { kind: 'department', parent: zz });
  const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
  const otherUnit = await buildOrg(ctx, { kind: 'unit', parent: zz });
  const accounts = {
    province: await buildAdmin(ctx, province),
    zz: await buildAdmin(ctx, zz),
    jinshui: await buildAdmin(ctx, jinshui),
    zk: await buildAdmin(ctx, zk),
    dept: await buildAdmin(ctx, dept),
    unitAdmin: await buildAdmin(ctx, unit),
    teacher: await buildProfessional(ctx, unit),
    outsider: await buildProfessional(ctx, otherUnit),
  };
  for (const [k, a] of Object.entries(accounts)) cookies[k] = await login(ctx, a);
});
afterAll(() => ctx.close());

describe('notices: visibility by region', () => {
  let deptNoticeId = 0;
  beforeAll(async () => {
    await published('province', '省厅：2026年度公需科目指南');
    await published('zz', '郑州：学时申报时间安排');
    await published('jinshui', '金水区：集中审核通知');
    await published('zk', '周口：证书打印说明');
    deptNoticeId = (await published('dept', '主管部门：本系统继续教育安排')).id;
    await notice('province', '省厅：尚未发布的草稿');
  });

  it('the portal lists the province’s notices, and a chosen city’s (with its counties)', async () => {
    const province = await ctx.app.inject({ method: 'GET', url: '/api/public/notices' });
    expect(titles(province)).toEqual(['省厅：2026年度公需科目指南']);
    const zz = await ctx.app.inject({ method: 'GET', url: '/api/public/notices?city=410100' });
    expect(new Set(titles(zz))).toEqual(new Set(['省厅：2026年度公需科目指南', '郑州：学时申报时间安排', '金水区：集中审核通知']));
    const zk = await ctx.app.inject({ method: 'GET', url: '/api/public/notices?city=411600' });
    expect(new Set(titles(zk))).toEqual(new Set(['省厅：2026年度公需科目指南', '周口：证书打印说明']));
    const search = await ctx.app.inject({ method: 'GET', url: `/api/public/notices?city=410100&q=${encodeURIComponent('审核')}` });
    expect(titles(search)).toEqual(['金水区：集中审核通知']);
  });

  it('a department’s notice reaches its own units’ people, signed in, and nobody else', async () => {
    const url = `/api/public/notices/${deptNoticeId}`;
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies.outsider! } })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies.zk! } })).statusCode).toBe(404);
    const seen = await ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies.teacher! } });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().title).toBe('主管部门：本系统继续教育安排');
  });

  it('a signed-in user’s home shows the notices of their organisation’s chain only', async () => {
    const mine = await ctx.app.inject({ method: 'GET', url: '/api/me/notices', headers: { cookie: cookies.teacher! } });
    expect(new Set(titles(mine))).toEqual(new Set(['省厅：2026年度公需科目指南', '郑州：学时申报时间安排', '主管部门：本系统继续教育安排']));
    const outsider = await ctx.app.inject({ method: 'GET', url: '/api/me/notices', headers: { cookie: cookies.outsider! } });
    expect(new Set(titles(outsider))).toEqual(new Set(['省厅：2026年度公需科目指南', '郑州：学时申报时间安排']));
    const unitAdmin = await ctx.app.inject({ method: 'GET', url: '/api/me/notices', headers: { cookie: cookies.unitAdmin! } });
    expect(titles(unitAdmin)).toContain('主管部门：本系统继续教育安排');
  });
});

describe('notices: publishing', () => {
  it('stores only allowlisted HTML', async () => {
    const n = await notice('zz', '含脚本的通知', '<p onclick="steal()">请按时申报</p><script>fetch("/api/auth/me")</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">链接</a>');
    expect(n.bodyHtml).toBe('<p>请按时申报</p><a target="_blank" rel="noopener noreferrer">链接</a>');
    const blank = await ctx.app.inject({ method: 'POST', url: '/api/admin/notices', headers: { cookie: cookies.zz! }, payload: { title: '空通知', bodyHtml: '<script>x</script><p> </p>' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toBe('请填写通知正文');
  });

  it('publish, refuse a second publish and edits of a published notice, pin, withdraw; each audited', async () => {
    const n = await notice('zz', '郑州：置顶测试');
    const first = await publish('zz', n.id, n.version);
    expect(first.json().status).toBe('published');
    expect((await publish('zz', n.id, n.version)).statusCode).toBe(409);
    const v = first.json().version as number;
    const edit = await ctx.app.inject({ method: 'PUT', url: `/api/admin/notices/${n.id}`, headers: { cookie: cookies.zz! }, payload: { title: '改', bodyHtml: '<p>改</p>', version: v } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toBe('已发布的通知不能直接修改，请先撤回');
    const pin = await ctx.app.inject({ method: 'POST', url: `/api/admin/notices/${n.id}/pin`, headers: { cookie: cookies.zz! }, payload: { version: v, pinned: true } });
    expect(pin.json().pinned).toBe(true);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/public/notices?city=410100' });
    expect(titles(list)[0]).toBe('郑州：置顶测试');
    const withdrawn = await ctx.app.inject({ method: 'POST', url: `/api/admin/notices/${n.id}/withdraw`, headers: { cookie: cookies.zz! }, payload: { version: pin.json().version } });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', pinned: false });
    expect(titles(await ctx.app.inject({ method: 'GET', url: '/api/public/notices?city=410100' }))).not.toContain('郑州：置顶测试');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/notices/${n.id}` })).statusCode).toBe(404);
    expect(await auditActions(ctx, 'notice', n.id)).toEqual(['notice.create', 'notice.publish', 'notice.pin', 'notice.withdraw']);
  });

  it('units cannot publish; another bureau cannot touch a notice (404)', async () => {
    const unit = await ctx.app.inject({ method: 'POST', url: '/api/admin/notices', headers: { cookie: cookies.unitAdmin! }, payload: { title: '单位通知', bodyHtml: '<p>x</p>' } });
    expect(unit.statusCode).toBe(403);
    const n = await notice('zz', '郑州：草稿');
    const other = await ctx.app.inject({ method: 'POST', url: `/api/admin/notices/${n.id}/publish`, headers: { cookie: cookies.zk! }, payload: { version: n.version } });
    expect(other.statusCode).toBe(404);
    // Not yet published: invisible to the public and to people below.
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/notices/${n.id}`, headers: { cookie: cookies.teacher! } })).statusCode).toBe(404);
  });

  it('attachments: checked by content, only while not published, downloadable once public', async () => {
    const n = await notice('province', '省厅：附件测试');
    const send = (data: Buffer, filename: string, type: string) => {
      const body = multipart({}, { file: { data, filename, type } });
      return ctx.app.inject({ method: 'POST', url: `/api/admin/notices/${n.id}/attachments`, headers: { cookie: cookies.province!, ...body.headers }, payload: body.payload });
    };
    const fake = await send(Buffer.from('MZ not really a pdf'), '申报表.pdf', 'application/pdf');
    expect(fake.statusCode).toBe(415);
    const ok = await send(pdf(), '申报表.pdf', 'application/pdf');
    expect(ok.statusCode, ok.body).toBe(201);
    const withImage = await send(png(), '流程图.png', 'image/png');
    expect(withImage.json().attachments.map((a: { name: string }) => a.name)).toEqual(['申报表.pdf', '流程图.png']);
    const fileId = withImage.json().attachments[0].fileId as number;
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/notices/${n.id}/attachments/${fileId}` })).statusCode).toBe(404);
    const pub = await publish('province', n.id, withImage.json().version);
    expect(pub.statusCode).toBe(200);
    const download = await ctx.app.inject({ method: 'GET', url: `/api/public/notices/${n.id}/attachments/${fileId}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const late = await send(pdf(), '补充.pdf', 'application/pdf');
    expect(late.statusCode).toBe(409);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/notices/${n.id}/attachments/99999` })).statusCode).toBe(404);
  });

  it('lists its own organisation’s notices for the publisher', async () => {
    const list = await ctx.app.inject({ method: 'GET', url: '/api/admin/notices?status=draft', headers: { cookie: cookies.province! } });
    expect(titles(list)).toEqual(['省厅：尚未发布的草稿']);
  });
});
