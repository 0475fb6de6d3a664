/** Factories for 继续教育基地申报: a base with its admin, a class, its evidence and trainees. */
import type { TestContext } from './helper';
import type { OrgRow } from '../src/modules/organisations/repo';
import { buildAdmin, buildOrg, bureauOf, login, type TestAccount } from './factories';
import { PNG, call, expectStatus } from './factories-declarations';

export interface TestBase {
  org: OrgRow;
  admin: TestAccount;
  cookie: string;
}

/** A base registered under the province bureau (or the bureau given) with its super admin signed in. */
export async function buildBase(ctx: TestContext, region = '410000'): Promise<TestBase> {
  const org = await buildOrg(ctx, { kind: 'base', parent: await bureauOf(ctx, region) });
  const admin = await buildAdmin(ctx, org);
  return { org, admin, cookie: await login(ctx, admin) };
}

/** A May 2026 public-subject base training class of 24 hours. */
export const classBody = (overrides: Record<string, unknown> = {}) => ({
  title: '2026年度专业技术人员公需科目培训班（第一期）',
  subject: 'public',
  form: 'base_training',
  series: null,
  startDate: '2026-05-18',
  endDate: '2026-05-20',
  hours: 24,
  online: false,
  place: '郑州大学继续教育学院报告厅',
  ...overrides,
});

export function evidenceForm(files: { name: string; data: Buffer; type?: string }[]) {
  const form = new FormData();
  for (const f of files) form.append('evidence', new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }), f.name);
  return form;
}

/** Creates a class and attaches its notice; returns the detail. */
export async function buildClass(ctx: TestContext, base: TestBase, overrides: Record<string, unknown> = {}) {
  const res = await call(ctx, base.cookie, 'POST', '/api/admin/base-classes', classBody(overrides));
  expectStatus(res, 201);
  const id: number = res.json().id;
  const ev = await ctx.app.inject({ method: 'POST', url: `/api/admin/base-classes/${id}/evidence`, headers: { cookie: base.cookie }, payload: evidenceForm([{ name: '培训通知.png', data: PNG, type: 'image/png' }]) });
  expectStatus(ev, 200);
  return ev.json();
}
