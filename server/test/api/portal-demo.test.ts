/** The demo data set fills the portal: the province's founding notices, a city's, a department's, an FAQ entry. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoDataIfEmpty } from '../../src/demo/seed';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
  expect(await seedDemoDataIfEmpty(ctx.deps)).toBe(true);
});
afterAll(() => ctx.close());

const titles = (res: { json(): unknown }) => (res.json() as { items: { title: string }[] }).items.map((i) => i.title);

it('shows the province’s notices to everyone and Zhengzhou’s when the visitor picks Zhengzhou', async () => {
  const province = titles(await ctx.app.inject({ method: 'GET', url: '/api/public/notices' }));
  expect(province).toEqual(['关于启用河南省专业技术人员继续教育电子证书的通知', '关于印发《河南省专业技术人员继续教育证书管理办法》的通知（豫人社〔2017〕121号）']);
  const zz = titles(await ctx.app.inject({ method: 'GET', url: '/api/public/notices?city=410100' }));
  expect(zz[0]).toBe('郑州市本年度专业技术人员继续教育学时申报审核安排');
  expect(zz).not.toContain('关于做好本系统教师继续教育学时审核的通知');
  const list = (await ctx.app.inject({ method: 'GET', url: '/api/public/notices' })).json().items as { id: number }[];
  const regulation = await ctx.app.inject({ method: 'GET', url: `/api/public/notices/${list[1]!.id}` });
  expect(regulation.json().bodyHtml).toContain('证书管理号由13位数字组成');
});

it('the demo teacher sees the education bureau’s notice on his home page', async () => {
  const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'professional', account: '410102198509102116', password: DEMO_PASSWORD, captcha: '' } });
  const mine = titles(await ctx.app.inject({ method: 'GET', url: '/api/me/notices', headers: { cookie: sessionCookie(login) } }));
  expect(mine).toContain('关于做好本系统教师继续教育学时审核的通知');
  expect(mine).toContain('郑州市本年度专业技术人员继续教育学时申报审核安排');
  const faq = await ctx.app.inject({ method: 'GET', url: `/api/public/faq?q=${encodeURIComponent('调转')}` });
  expect(faq.json().items).toHaveLength(1);
});
