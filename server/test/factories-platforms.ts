/** Learning platforms in tests: registered by a base, approved by its bureau, called through the example client. */
import { expect } from 'vitest';
import type { OrgRow } from '../src/modules/organisations/repo';
import { PlatformClient, type CompletionRecord, type Transport } from '../src/platform-client/client';
import type { TestContext } from './helper';
import { buildAdmin, buildOrg, login } from './factories';

/** The example client's transport into the app in process (app.inject): the same bytes as over HTTP. */
export const injectTransport =
  (ctx: TestContext): Transport =>
  async (req) => {
    const res = await ctx.app.inject({
      method: req.method as 'GET' | 'POST',
      url: req.path,
      headers: req.headers,
      ...(req.body.length > 0 ? { payload: req.body } : {}),
    });
    return { status: res.statusCode, body: res.body };
  };

export interface TestPlatform {
  id: number;
  platformId: string;
  secret: string;
  base: OrgRow;
  baseCookie: string;
  bureauCookie: string;
  client: PlatformClient;
}

/** A base under `bureau` registers a platform; the bureau's admin approves it and receives its credentials. */
export async function buildPlatform(ctx: TestContext, bureau: OrgRow, opts: { name?: string; bureauCookie?: string } = {}): Promise<TestPlatform> {
  const base = await buildOrg(ctx, { kind: 'base', parent: bureau });
  const baseCookie = await login(ctx, await buildAdmin(ctx, base));
  const bureauCookie = opts.bureauCookie ?? (await login(ctx, await buildAdmin(ctx, bureau)));
  const reg = await ctx.app.inject({
    method: 'POST',
    url: '/api/admin/learning-platforms',
    headers: { cookie: baseCookie },
    payload: { name: opts.name ?? `${base.name}在线学习平台`, url: 'https://study.example.cn', contactName: '王老师', contactPhone: '0371-66668888' },
  });
  expect(reg.statusCode, reg.body).toBe(201);
  const approved = await ctx.app.inject({
    method: 'POST',
    url: `/api/admin/learning-platforms/${reg.json().id}/decision`,
    headers: { cookie: bureauCookie },
    payload: { decision: 'approve', version: reg.json().version },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const { platformId, secret } = approved.json().credentials;
  return {
    id: reg.json().id,
    platformId,
    secret,
    base,
    baseCookie,
    bureauCookie,
    client: clientOf(ctx, platformId, secret),
  };
}

export const clientOf = (ctx: TestContext, platformId: string, secret: string) =>
  new PlatformClient({ platformId, secret, transport: injectTransport(ctx), now: () => ctx.clock.now });

let seq = 0;
/** One completion record; times are China local ("2026-06-10T08:00") unless given with a zone. */
export function completion(person: { idNumber: string; name: string }, over: Partial<CompletionRecord> & { day?: string; from?: string; to?: string } = {}): CompletionRecord {
  const { day = '2026-06-10', from = '08:00', to = '10:00', ...rest } = over;
  seq += 1;
  return {
    recordId: `R${Date.now().toString(36)}-${seq}`,
    idNumber: person.idNumber,
    name: person.name,
    courseId: `C-${seq}`,
    courseTitle: `课程${seq}`,
    subject: 'public',
    series: '',
    hours: 2,
    startedAt: `${day}T${from}:00+08:00`,
    finishedAt: `${day}T${to}:00+08:00`,
    ...rest,
  };
}
