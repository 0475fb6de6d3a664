/** Public certificate and progress queries say when the number typed is malformed (issue 8 item 13). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '@ce/shared';
import { buildTestApp, type TestContext } from '../helper';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const valid = makeIdNumber({ regionCode: '410105', birthDate: '1985-09-10', sequence: 211 });
const typo = `${valid.slice(0, 17)}${valid[17] === '1' ? '2' : '1'}`;
const get = (url: string) => ctx.app.inject({ method: 'GET', url });

describe('证书查询', () => {
  it.each([
    [`idNumber=${typo}&name=${encodeURIComponent('张伟')}`, '身份证号非法：校验位错误'],
    // Shapes the query schema already refuses, with the field named.
    [`idNumber=41010219850910&name=${encodeURIComponent('张伟')}`, '身份证号：身份证号格式不正确'],
    ['certNo=410102000000', '证书管理号：证书管理号应为13位数字'],
  ])('%s → 400 %s', async (query, message) => {
    const res = await get(`/api/public/certificates?${query}`);
    expect([res.statusCode, res.json().message]).toEqual([400, message]);
  });

  it('a well-formed number of nobody still answers 没有搜索到相关证书', async () => {
    const res = await get(`/api/public/certificates?idNumber=${valid}&name=${encodeURIComponent('张伟')}`);
    expect([res.statusCode, res.json().message]).toEqual([404, '没有搜索到相关证书']);
  });
});

describe('注册审核进度查询', () => {
  it('a typo in the ID number is said as such, a well-formed unknown one finds nothing', async () => {
    const bad = await get(`/api/registrations/progress?idNumber=${typo}&name=${encodeURIComponent('张伟')}`);
    expect([bad.statusCode, bad.json().message]).toEqual([400, '身份证号非法：校验位错误']);
    const none = await get(`/api/registrations/progress?idNumber=${valid}&name=${encodeURIComponent('张伟')}`);
    expect([none.statusCode, none.json().items]).toEqual([200, []]);
  });
});
