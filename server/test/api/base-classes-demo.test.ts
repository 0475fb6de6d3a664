/** The demo base's class (server/src/demo/bases.ts): 马超 sees it with three trainees; each unit finds its own in 继教基地学时审核. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoDataIfEmpty } from '../../src/demo/seed';
import { buildTestApp, sessionCookie, type TestContext } from '../helper';
import { passSecondFactor } from '../factories';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
  expect(await seedDemoDataIfEmpty(ctx.deps)).toBe(true);
});
afterAll(() => ctx.close());

async function signIn(role: string, account: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role, account, password: DEMO_PASSWORD, captcha: '' } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = sessionCookie(res);
  // Admins who need the second factor answer it with the demo secret (README).
  if (res.json().secondFactor) await passSecondFactor(ctx, cookie, DEMO_TOTP_SECRET);
  return cookie;
}
const get = async (cookie: string, url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

it('马超’s class has three declared trainees; 周杰, 何静 and 郑伟 each review their own; 张伟 sees the base named', async () => {
  const base = await signIn('base', '410102197701211211');
  const classes = await get(base, '/api/admin/base-classes');
  expect(classes.items).toHaveLength(1);
  const detail = await get(base, `/api/admin/base-classes/${classes.items[0].id}`);
  expect(detail).toMatchObject({ baseName: '郑州大学专业技术人员继续教育基地', editable: false, evidenceCount: 1 });
  expect(detail.trainees.map((t: { personName: string; stage: string }) => [t.personName, t.stage])).toEqual([
    ['张伟', '待单位审核'],
    ['黄磊', '待主管部门审核'],
    ['何平', '待单位审核'],
  ]);
  const year = detail.year;
  for (const [account, expected] of [
    ['410102198602140715', ['张伟']], // 周杰, 郑州市第一中学
    ['411602198405051121', ['何平']], // 何静, 周口市中心医院
    ['41010819790707082X', []], // 吴芳: the college has passed 黄磊's record on
  ] as const) {
    const list = await get(await signIn('unit', account), `/api/admin/declarations?source=base&year=${year}`);
    expect(list.items.map((i: { person: { name: string } }) => i.person.name)).toEqual(expected);
  }
  const own = await get(await signIn('professional', '410102198509102116'), `/api/me/declarations?year=${year}`);
  expect(own.items.find((i: { batch: { baseName?: string } | null }) => i.batch?.baseName)?.batch).toMatchObject({ marker: '继续教育基地申报', baseName: '郑州大学专业技术人员继续教育基地' });
});
