/** The audit log reads in Chinese (issue 8 item 8); admins' certificate queries are logged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '@ce/shared';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login } from '../factories';
import { call, expectStatus } from '../factories-declarations';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('审计日志', () => {
  it('names the person of a certificate query with a masked ID number and says what happened in Chinese', async () => {
    const bureau = await bureauOf(ctx, '410100');
    const unit = await buildOrg(ctx, { kind: 'unit' });
    const person = await buildProfessional(ctx, unit);
    const unitCookie = await login(ctx, await buildAdmin(ctx, unit));
    expectStatus(await call(ctx, unitCookie, 'GET', `/api/admin/certificates?certNo=${person.certNo}`), 200);

    const bureauCookie = await login(ctx, await buildAdmin(ctx, bureau));
    const log = await call(ctx, bureauCookie, 'GET', '/api/admin/audit?action=certificate.query');
    expectStatus(log, 200);
    const [row] = log.json().items;
    expect(row).toMatchObject({
      actionLabel: '查询证书',
      objectLabel: `${person.name}（${maskIdNumber(person.idNumber)}）`,
    });
    // jsonb keeps its own key order: the parts, in whatever order.
    for (const part of [`姓名/名称：${person.name}`, `身份证号：${maskIdNumber(person.idNumber)}`, '有证书的年度数：0']) {
      expect(row.summary).toContain(part);
    }
    expect(log.body).not.toContain(person.idNumber);
  });
});
