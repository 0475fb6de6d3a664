/** The demo platform (CONTRACT): its README credentials work against a demo-seeded server. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoDataIfEmpty } from '../../src/demo/seed';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';
import { clientOf } from '../factories-platforms';
import { passSecondFactor } from '../factories';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
  expect(await seedDemoDataIfEmpty(ctx.deps)).toBe(true);
});
afterAll(() => ctx.close());

const readmeCredentials = () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const m = /^演示学习平台凭证: (\S+) (\S+)$/m.exec(readme);
  if (!m) throw new Error('README has no line 演示学习平台凭证: <platform id> <secret>');
  return { platformId: m[1]!, secret: m[2]! };
};

it('the README’s credentials report hours for the demo teacher, and the province sees the approved platform', async () => {
  const { platformId, secret } = readmeCredentials();
  const client = clientOf(ctx, platformId, secret);
  const day = new Date(ctx.clock.now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const base = { idNumber: '410102198509102116', name: '张伟', courseId: 'ZZU-GX-01', hours: 2, startedAt: `${day}T01:00:00Z`, finishedAt: `${day}T03:00:00Z` };
  const { results } = await client.postCompletions([
    { ...base, recordId: 'demo-1', courseTitle: '数字素养与技能提升', subject: 'public', series: '' },
    { ...base, recordId: 'demo-2', courseId: 'ZZU-ZY-09', courseTitle: '临床护理新进展', subject: 'professional', series: '卫生技术', startedAt: `${day}T05:00:00Z`, finishedAt: `${day}T07:00:00Z` },
  ]);
  expect(results.map((r) => r.status)).toEqual(['accepted', 'held']);

  const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'hrss', account: '410105197503150111', password: DEMO_PASSWORD, captcha: '' } });
  // The province admin's second factor, with the demo secret README lists.
  expect(login.json().secondFactor).toBe('verify');
  await passSecondFactor(ctx, sessionCookie(login), DEMO_TOTP_SECRET);
  const list = await ctx.app.inject({ method: 'GET', url: '/api/admin/learning-platforms', headers: { cookie: sessionCookie(login) } });
  expect(list.json().items).toEqual([expect.objectContaining({ name: '郑州大学继续教育在线学习平台', status: 'approved', credentialState: 'active', clientId: platformId })]);
  const held = await ctx.app.inject({ method: 'GET', url: '/api/admin/platform-records', headers: { cookie: sessionCookie(login) } });
  expect(held.json().items.map((r: { recordId: string }) => r.recordId)).toEqual(['demo-2']);
});
