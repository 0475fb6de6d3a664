/** Shared steps of the professionals API suites. */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { asc, eq } from 'drizzle-orm';
import { validateIdNumber } from '@ce/shared';
import { schema } from '../../src/db';
import type { OrgRow } from '../../src/modules/organisations/repo';
import type { TestContext } from '../helper';
import { uniqueIdNumber } from '../factories';

export const PROF_PASSWORD = 'Prof#Pass2026';

/** A complete registration (every R-6 field) for a unit; birth date and gender agree with the ID. */
export function registrationBody(unit: OrgRow, overrides: Record<string, unknown> = {}) {
  const idNumber = (overrides.idNumber as string | undefined) ?? uniqueIdNumber(unit.regionCode === '410000' ? '410105' : unit.regionCode);
  // An invalid number (a test of the refusal) takes its birth date and gender from the overrides.
  const id = validateIdNumber(idNumber);
  const derived = id.ok ? { gender: id.gender, birthDate: id.birthDate } : { gender: 'male', birthDate: '1990-01-01' };
  return {
    idNumber,
    password: PROF_PASSWORD,
    phone: `137${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`,
    email: `p${crypto.randomInt(0, 1e9)}@test.cn`,
    unitId: unit.id,
    workDepartmentId: null,
    name: '李专技',
    ...derived,
    ethnicity: '汉族',
    nativePlace: '河南郑州',
    graduatedSchool: '郑州大学',
    major: '计算机类',
    titleSeries: '工程技术',
    titleLevel: 'intermediate',
    ...overrides,
  };
}

export const register = (ctx: TestContext, body: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: '/api/registrations/professionals', payload: body });

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A call as the holder of `cookie`. */
export const call = (ctx: TestContext, cookie: string, method: Method, url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload } : {}) });

export const loginAsProfessional = async (ctx: TestContext, idNumber: string, password = PROF_PASSWORD) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { role: 'professional', account: idNumber, password, captcha: '' } });

export async function accountRow(ctx: TestContext, accountId: number) {
  const [row] = await ctx.deps.db.select().from(schema.accounts).where(eq(schema.accounts.id, accountId));
  return row!;
}

export async function profileOf(ctx: TestContext, personId: number) {
  const [row] = await ctx.deps.db.select().from(schema.professionalProfiles).where(eq(schema.professionalProfiles.personId, personId));
  return row;
}

export async function auditActions(ctx: TestContext, objectType: string, objectId: number | string) {
  // In the order they were written (the log's id), which PostgreSQL does not promise without ORDER BY.
  const rows = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, String(objectId))).orderBy(asc(schema.auditLog.id));
  return rows.filter((r) => r.objectType === objectType).map((r) => r.action);
}

// ------------------------------------------------------------------ uploads

/** Bytes that start like a real JPEG / PNG / GIF file. */
export const jpeg = (size = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(size)]);
export const png = (size = 2048) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(size)]);
export const gif = (size = 2048) => Buffer.concat([Buffer.from('GIF89a', 'latin1'), crypto.randomBytes(size)]);

/** A multipart/form-data body with text fields and files. */
export function multipart(fields: Record<string, string>, files: Record<string, { data: Buffer; filename: string; type: string }>) {
  const boundary = `----ce${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [name, f] of Object.entries(files)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const idCardPhotos = () => ({
  front: { data: jpeg(), filename: 'front.jpg', type: 'image/jpeg' },
  back: { data: png(), filename: 'back.png', type: 'image/png' },
});

export const submitIdentityChange = (
  ctx: TestContext,
  cookie: string,
  fields: Record<string, string>,
  files: Record<string, { data: Buffer; filename: string; type: string }> = idCardPhotos(),
) => {
  const body = multipart(fields, files);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/me/change-requests/identity',
    headers: { cookie, ...body.headers },
    payload: body.payload,
  });
};

/**
 * The text of every part of an .xlsx (a zip), read synchronously through its central directory,
 * for checks that a name or number does (not) appear in an export.
 */
export function xlsxText(buf: Buffer): string {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let text = '';
  for (let i = 0; i < entries; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const [nameLen, extraLen, commentLen] = [buf.readUInt16LE(p + 28), buf.readUInt16LE(p + 30), buf.readUInt16LE(p + 32)];
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    text += method === 8 ? zlib.inflateRawSync(data).toString('utf8') : data.toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
  }
  return text;
}
