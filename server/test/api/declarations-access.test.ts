/**
 * A professional sees only their own declarations (SPEC §11); reviewers only their subtree's, in
 * every view of the list. (Admins of other subtrees: test/access/cases/declarations.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildProfessional, login } from '../factories';
import { TEST_NOW, buildChain, buildDeclaration, call, conferenceBody, createDraft, submitNew, type Chain } from '../factories-declarations';

let ctx: TestContext;
let c: Chain;
let colleague: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  colleague = await login(ctx, await buildProfessional(ctx, c.unit));
});
afterAll(() => ctx.close());

describe('a professional sees only their own declarations', () => {
  it('another professional of the same unit gets 404 on every route naming it, and never lists it', async () => {
    const draft = await createDraft(ctx, c.cookies.person);
    const pending = await submitNew(ctx, c.cookies.person);
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/me/declarations/${pending.id}`],
      ['PUT', `/api/me/declarations/${draft.id}`, { ...conferenceBody(), version: draft.version }],
      ['DELETE', `/api/me/declarations/${draft.id}?version=${draft.version}`],
      ['POST', `/api/me/declarations/${draft.id}/submit`, { version: draft.version }],
      ['POST', `/api/me/declarations/${pending.id}/revoke`, { version: pending.version }],
      ['GET', `/api/me/declarations/${pending.id}/attachments/${pending.attachments[0].id}`],
    ];
    for (const [method, url, payload] of calls) {
      const res = await call(ctx, colleague, method as 'GET', url, payload);
      expect({ url, method, status: res.statusCode, message: res.json().message }).toEqual({ url, method, status: 404, message: '记录不存在或不在您的管理范围内' });
    }
    const list = (await call(ctx, colleague, 'GET', '/api/me/declarations')).json();
    expect(list.items).toEqual([]);
    // Nothing changed.
    const mine = (await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${pending.id}`)).json();
    expect(mine.status).toBe('pending');
  });

  it('the hours stay with the person, whatever account they use later (the list is by person)', async () => {
    const d = await buildDeclaration(ctx, c.person, { outcome: 'approved' });
    const list = (await call(ctx, c.cookies.person, 'GET', '/api/me/declarations?status=approved')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(d.id);
  });
});

describe('reviewers see only their subtree in every view', () => {
  it('a sibling chain’s admins list none of these records, whatever the status filter', async () => {
    const sibling = await buildChain(ctx);
    const mine = await buildDeclaration(ctx, c.person, { outcome: 'approved' });
    for (const status of ['awaiting', 'pending', 'approved', 'rejected', 'revoked']) {
      for (const cookie of [sibling.cookies.unit, sibling.cookies.dept]) {
        const res = await call(ctx, cookie, 'GET', `/api/admin/declarations?status=${status}&limit=100`);
        expect(res.statusCode).toBe(200);
        expect(res.json().items.map((i: { id: number }) => i.id)).not.toContain(mine.id);
      }
    }
    // The shared bureau above both chains sees it.
    const res = await call(ctx, sibling.cookies.bureau, 'GET', '/api/admin/declarations?status=approved&limit=100');
    expect(res.json().items.map((i: { id: number }) => i.id)).toContain(mine.id);
  });
});
