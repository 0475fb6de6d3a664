/**
 * Issue 13 item 1: the public query, the QR/credential verification and the share page read and
 * never write — no INSERT/UPDATE/DELETE, no row lock, no transaction of their own — because the
 * certificate state is kept current where it changes (an approval, a seal enablement, a new rule).
 * The statements are counted on the database client itself (PGlite or the node-postgres pool).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildProfessional, bureauOf, login, type TestAccount } from '../factories';
import { TEST_NOW, buildChain, buildDeclaration, call, expectStatus, type Chain } from '../factories-declarations';
import { enableSeal, tokenOfPdf, withCertNo } from './certificates-fixtures';

let ctx: TestContext;
let c: Chain;
let holder: TestAccount & { certNo: string };

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  await enableSeal(ctx, c.bureau, new Date('2017-12-01T01:00:00Z'));
  holder = await withCertNo(ctx, c.person);
  await buildDeclaration(ctx, holder, { year: 2024, subject: 'public', claimedHours: 30 });
  await buildDeclaration(ctx, holder, { year: 2024, subject: 'professional', claimedHours: 64 });
});
afterAll(() => ctx.close());

/**
 * Every statement the database client runs while `fn` runs, and the transactions begun: on PGlite its
 * query() and transaction(); on PostgreSQL every pooled connection's query() (pg.Client), where a
 * transaction is a BEGIN statement.
 */
async function statementsOf(fn: () => Promise<unknown>): Promise<{ statements: string[]; transactions: number }> {
  const statements: string[] = [];
  let transactions = 0;
  const textOf = (q: unknown) => (typeof q === 'string' ? q : String((q as { text?: string })?.text ?? q));
  const restore: (() => void)[] = [];
  if (ctx.database.kind === 'postgres') {
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const query = proto.query;
    proto.query = function (this: unknown, q: unknown, ...rest: unknown[]) {
      statements.push(textOf(q));
      if (/^\s*begin\b/i.test(textOf(q))) transactions++;
      return query.call(this, q, ...rest);
    };
    restore.push(() => (proto.query = query));
  } else {
    const client = ctx.database.pglite as unknown as Record<'query' | 'transaction', (...a: unknown[]) => unknown>;
    const { query, transaction } = client;
    client.query = function (this: unknown, q: unknown, ...rest: unknown[]) {
      statements.push(textOf(q));
      return query.call(this, q, ...rest);
    };
    client.transaction = function (this: unknown, ...a: unknown[]) {
      transactions++;
      return transaction.apply(this, a);
    };
    restore.push(() => Object.assign(client, { query, transaction }));
  }
  try {
    await fn();
  } finally {
    for (const r of restore) r();
  }
  return { statements, transactions };
}

const WRITES = /^\s*(insert|update|delete|merge|lock|create|alter|drop|truncate)\b|\bfor\s+(no\s+key\s+)?(update|share)\b|\bnextval\(/i;

describe('public reads (issue 13)', () => {
  it('query, verification and share page run only reads, outside any transaction', async () => {
    const pdf = await call(ctx, c.cookies.person, 'GET', '/api/me/certificates/2024.pdf');
    expectStatus(pdf, 200);
    const token = await tokenOfPdf(pdf.rawPayload);
    const share = await call(ctx, c.cookies.person, 'POST', '/api/me/shares', { years: [2024], recipient: '河南省职称评审委员会', validDays: 7, showFullId: false });
    expectStatus(share, 201);
    const shareToken = (share.json().url as string).split('/').pop()!;

    const { statements, transactions } = await statementsOf(async () => {
      const q = await ctx.app.inject({ method: 'POST', url: '/api/public/certificates/search', payload: { idNumber: holder.idNumber, name: holder.name }, remoteAddress: '10.1.1.1' });
      expectStatus(q, 200);
      expect(q.json().years).toEqual([expect.objectContaining({ year: 2024, status: 'valid' })]);
      const byNo = await ctx.app.inject({ method: 'GET', url: `/api/public/certificates?certNo=${holder.certNo}`, remoteAddress: '10.1.1.1' });
      expectStatus(byNo, 200);
      const v = await ctx.app.inject({ method: 'POST', url: '/api/public/certificates/verify', payload: { token }, remoteAddress: '10.1.1.1' });
      expectStatus(v, 200);
      expect(v.json()).toMatchObject({ valid: true, status: 'valid' });
      const s = await ctx.app.inject({ method: 'GET', url: `/api/public/shares/${shareToken}`, remoteAddress: '10.1.1.1' });
      expectStatus(s, 200);
      expect(s.json().state).toBe('active');
    });
    // The job queue's workers poll on the same client meanwhile (pgboss.*): not the requests' statements.
    const requests = statements.filter((s) => !/\bpgboss\./.test(s));
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((s) => WRITES.test(s))).toEqual([]);
    expect(transactions).toBe(0);

    // The view log still records each of them (written after the request, read by the holder).
    const views = await call(ctx, c.cookies.person, 'GET', '/api/me/certificate-views');
    expectStatus(views, 200);
    expect(views.json().items.map((v: { channel: string }) => v.channel).sort()).toEqual(['qr', 'query', 'query', 'share']);
    expect(await ctx.deps.db.select().from(schema.certificateViews)).toHaveLength(4);
  });

  it('the query is one statement: each year shows its valid certificate, else its latest revoked one, newest year first', async () => {
    const other = await withCertNo(ctx, await buildProfessional(ctx, c.person.org));
    const row = (year: number, status: 'valid' | 'revoked', hours: number) => ({
      personId: other.personId,
      year,
      status,
      issuerOrgId: c.bureau.id,
      issuerName: c.bureau.name,
      publicHours: hours,
      professionalHours: 60,
      issuedAt: new Date(`${year + 1}-01-10T02:00:00Z`),
      issuedOn: `${year + 1}-01-10`,
      ...(status === 'revoked' ? { revokedAt: new Date(`${year + 1}-03-01T02:00:00Z`), revokeReason: '抽查审验不合格' } : {}),
    });
    // 2021: revoked, then issued again (valid); 2022: revoked twice (the later one shows); 2023: valid.
    await ctx.deps.db.insert(schema.certificates).values([row(2021, 'revoked', 30), row(2021, 'valid', 31), row(2022, 'revoked', 32), row(2022, 'revoked', 33), row(2023, 'valid', 34)]);
    const { statements } = await statementsOf(async () => {
      const q = await ctx.app.inject({ method: 'GET', url: `/api/public/certificates?certNo=${other.certNo}`, remoteAddress: '10.1.1.2' });
      expectStatus(q, 200);
      expect(q.json().years.map((y: { year: number; status: string; publicHours: number }) => [y.year, y.status, y.publicHours])).toEqual([
        [2023, 'valid', 34],
        [2022, 'revoked', 33],
        [2021, 'valid', 31],
      ]);
      // The reasons are the reviewers' own: the public answer has none.
      expect(q.body).not.toContain('抽查审验不合格');
    });
    expect(statements.filter((s) => !/\bpgboss\./.test(s))).toHaveLength(1);
    // Nobody of that number, or a wrong name: the same 404.
    const none = await ctx.app.inject({ method: 'GET', url: `/api/public/certificates?idNumber=${other.idNumber}&name=${encodeURIComponent('某某某')}`, remoteAddress: '10.1.1.2' });
    expect(none.statusCode).toBe(404);
  });

  it('a year passed before the bureau had a seal gets its certificate from the seal approval’s job, not from a query', async () => {
    const other = await buildChain(ctx, { bureauRegion: '410200' });
    const person = await withCertNo(ctx, other.person);
    await buildDeclaration(ctx, person, { year: 2024, subject: 'public', claimedHours: 30 });
    await buildDeclaration(ctx, person, { year: 2024, subject: 'professional', claimedHours: 64 });
    const ask = () => ctx.app.inject({ method: 'POST', url: '/api/public/certificates/search', payload: { idNumber: person.idNumber, name: person.name }, remoteAddress: '10.2.2.2' });
    // No seal yet: no certificate, and asking does not issue one.
    expect((await ask()).statusCode).toBe(404);
    expect((await ask()).statusCode).toBe(404);

    const provinceAdmin = await buildAdmin(ctx, await bureauOf(ctx, '410000'));
    const applied = await call(ctx, await login(ctx, other.bureauAdmin), 'POST', `/api/admin/organisations/${other.bureau.id}/seal-applications`, { contactName: '刘海东', contactPhone: '0371-69690386' });
    expectStatus(applied, 201);
    const approved = await call(ctx, await login(ctx, provinceAdmin), 'POST', `/api/admin/seal-applications/${applied.json().id}/approve`, { version: 0 });
    expectStatus(approved, 200);
    let found = await ask();
    for (let i = 0; i < 100 && found.statusCode === 404; i++) {
      await new Promise((r) => setTimeout(r, 100));
      found = await ask();
    }
    expectStatus(found, 200);
    expect(found.json().years).toEqual([expect.objectContaining({ year: 2024, status: 'valid', issuer: '开封市人力资源和社会保障局' })]);
    const [job] = await ctx.deps.db.select().from(schema.jobs).where(eq(schema.jobs.kind, 'certificate-recompute'));
    expect(job).toMatchObject({ state: 'succeeded', ownerAccountId: provinceAdmin.accountId });
  });
});
