/**
 * Factories and API helpers for the hour-declaration suites: a Zhengzhou chain (unit → department
 * → city bureau) with admins and professionals, declaration bodies, evidence files, and records
 * written with their full history (insertHistoricDeclaration).
 */
import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { FormCode } from '@ce/shared';
import { schema } from '../src/db';
import type { OrgRow } from '../src/modules/organisations/repo';
import { insertHistoricDeclaration, type HistoricDeclaration } from '../src/modules/declarations/backfill';
import { storageOf } from '../src/modules/files/attachments';
import type { TestContext } from './helper';
import { buildAdmin, buildOrg, buildProfessional, buildWorkDepartment, bureauOf, login, type TestAccount } from './factories';
import { syncCertificates } from '../src/modules/certificates/issuing';

/** The suites run at a fixed instant: 2026-06-15 10:00 in China. */
export const TEST_NOW = new Date('2026-06-15T02:00:00Z');
export const YEAR = 2026;

/** A real 1×1 PNG, a minimal PDF and a JPEG header: what evidence scans look like to the sniffer. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 1)]);

export interface Chain {
  bureau: OrgRow;
  dept: OrgRow;
  unit: OrgRow;
  workDeptA: { id: number; name: string };
  workDeptB: { id: number; name: string };
  unitAdmin: TestAccount;
  deptAdmin: TestAccount;
  bureauAdmin: TestAccount;
  person: TestAccount;
  cookies: { unit: string; dept: string; bureau: string; person: string };
}

/** 郑州市人社局 → a department → a unit with two 工作部门, one admin each, one professional. */
export async function buildChain(ctx: TestContext, opts: { bureauRegion?: string } = {}): Promise<Chain> {
  const bureau = await bureauOf(ctx, opts.bureauRegion ?? '410100');
  const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
  const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
  const workDeptA = await buildWorkDepartment(ctx, unit, '信息工程系');
  const workDeptB = await buildWorkDepartment(ctx, unit, '机电工程系');
  const unitAdmin = await buildAdmin(ctx, unit);
  const deptAdmin = await buildAdmin(ctx, dept);
  const bureauAdmin = await buildAdmin(ctx, bureau);
  const person = await buildProfessional(ctx, unit, { workDepartmentId: workDeptA.id });
  return {
    bureau,
    dept,
    unit,
    workDeptA,
    workDeptB,
    unitAdmin,
    deptAdmin,
    bureauAdmin,
    person,
    cookies: {
      unit: await login(ctx, unitAdmin),
      dept: await login(ctx, deptAdmin),
      bureau: await login(ctx, bureauAdmin),
      person: await login(ctx, person),
    },
  };
}

/** A national conference of 2 days with a paper read: standard 6×2+6 = 18 hours. */
export function conferenceBody(overrides: Record<string, unknown> = {}) {
  return {
    year: YEAR,
    subject: 'professional',
    form: 'conference',
    title: '全国职业教育信息化学术年会',
    organiser: '教育部职业教育发展中心',
    startDate: `${YEAR}-05-12`,
    endDate: `${YEAR}-05-13`,
    assessmentResult: '合格',
    params: { level: 'national', days: 2, presented: true },
    claimedHours: 18,
    note: '',
    ...overrides,
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export function call(ctx: TestContext, cookie: string | null, method: Method, url: string, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

export function expectStatus(res: LightMyRequestResponse, status: number) {
  expect({ status: res.statusCode, body: res.statusCode === status ? null : res.body }).toEqual({ status, body: null });
}

export function upload(ctx: TestContext, cookie: string, id: number, files: { name: string; data: Buffer; type?: string }[]) {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/octet-stream' }), f.name);
  return ctx.app.inject({ method: 'POST', url: `/api/me/declarations/${id}/attachments`, headers: { cookie }, payload: form });
}

/** Creates a draft through the API and returns its detail. */
export async function createDraft(ctx: TestContext, cookie: string, overrides: Record<string, unknown> = {}) {
  const res = await call(ctx, cookie, 'POST', '/api/me/declarations', conferenceBody(overrides));
  expectStatus(res, 201);
  return res.json();
}

/** Creates, attaches a scan and submits through the API; returns the submitted detail. */
export async function submitNew(ctx: TestContext, cookie: string, overrides: Record<string, unknown> = {}) {
  const draft = await createDraft(ctx, cookie, overrides);
  expectStatus(await upload(ctx, cookie, draft.id, [{ name: '会议通知.png', data: PNG, type: 'image/png' }]), 201);
  const res = await call(ctx, cookie, 'POST', `/api/me/declarations/${draft.id}/submit`, { version: draft.version });
  expectStatus(res, 200);
  return res.json();
}

export async function currentVersion(ctx: TestContext, id: number): Promise<number> {
  const [row] = await ctx.deps.db.select({ v: schema.declarations.version }).from(schema.declarations).where(eq(schema.declarations.id, id));
  return row!.v;
}

export async function approve(ctx: TestContext, cookie: string, id: number) {
  return call(ctx, cookie, 'POST', `/api/admin/declarations/${id}/approve`, { version: await currentVersion(ctx, id) });
}

export async function reject(ctx: TestContext, cookie: string, id: number, reason: string) {
  return call(ctx, cookie, 'POST', `/api/admin/declarations/${id}/reject`, { version: await currentVersion(ctx, id), reason });
}

/**
 * Writes a record with its history straight into the database (outline's buildX): for suites that
 * need many approved records. Optionally stores evidence files in the file storage.
 */
export async function buildDeclaration(
  ctx: TestContext,
  person: TestAccount,
  opts: Partial<Omit<HistoricDeclaration, 'person' | 'unit'>> & { attachments?: number } = {},
) {
  const [account] = await ctx.deps.db.select().from(schema.accounts).where(eq(schema.accounts.id, person.accountId));
  const d = await insertHistoricDeclaration(ctx.deps.db, {
    person: { personId: person.personId, accountId: person.accountId, name: person.name },
    unit: person.org,
    workDepartmentId: account!.workDepartmentId,
    year: YEAR,
    subject: 'professional',
    form: 'training' as FormCode,
    title: '专业技术人员能力提升培训',
    organiser: '河南省人力资源和社会保障厅',
    startDate: `${opts.year ?? YEAR}-03-01`,
    endDate: `${opts.year ?? YEAR}-03-05`,
    claimedHours: 24,
    outcome: 'approved',
    submittedAt: new Date(`${opts.year ?? YEAR}-03-10T02:00:00Z`),
    ...opts,
  });
  // An approved record changes the person's certificates in its approval's transaction (the counted-hours
  // hook); written straight into the database, it gets the same recomputation here.
  if (d.status === 'approved') {
    const meta = { ip: null, userAgent: null, now: ctx.clock.now };
    await ctx.deps.db.transaction((tx) => syncCertificates(tx, person.personId, { now: meta.now, actor: null, meta }));
  }
  for (let i = 0; i < (opts.attachments ?? 0); i++) {
    const key = await storageOf(ctx.deps.config).put(PDF, ctx.clock.now);
    await ctx.deps.db.insert(schema.declarationAttachments).values({
      declarationId: d.id,
      storageKey: key,
      originalName: `培训证书${i + 1}.pdf`,
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: 'test',
      uploadedByAccountId: person.accountId,
      uploadedAt: ctx.clock.now,
    });
  }
  return d;
}
