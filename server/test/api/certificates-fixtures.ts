/**
 * Helpers of the certificate suites (completion, printing, queries): seals, the completion answer,
 * the verification URL inside a printed PDF, xlsx and zip files.
 */
import zlib from 'node:zlib';
import { eq } from 'drizzle-orm';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { CompletionYear } from '@ce/shared';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { createBureauKey, signingKeyVault } from '../../src/modules/certificates/keys';
import { tokenFromQrText } from '../../src/modules/certificates/signing';
import { schema } from '../../src/db';
import type { TestContext } from '../helper';
import type { TestAccount } from '../factories';
import { call, expectStatus } from '../factories-declarations';
import { recomputeCertificates } from '../../src/modules/certificates/recompute';

/** A professional test account with their 证书管理号 (a chain's person is typed without it). */
export async function withCertNo<T extends TestAccount>(ctx: TestContext, account: T): Promise<T & { certNo: string }> {
  const [row] = await ctx.deps.db
    .select({ certNo: schema.professionalProfiles.certNo })
    .from(schema.professionalProfiles)
    .where(eq(schema.professionalProfiles.personId, account.personId));
  return { ...account, certNo: row!.certNo };
}

/** The bureau's e-seal enabled at `at`; its people's certificates recomputed as the seal approval's job does. */
export async function enableSeal(ctx: TestContext, bureau: OrgRow, at: Date = ctx.clock.now) {
  const key = await ctx.deps.db.transaction((tx) => createBureauKey(tx, bureau.id, at, signingKeyVault(ctx.deps.config)));
  await recomputeCertificates(ctx.deps.db, { scopePath: bureau.path, fromYear: null, now: ctx.clock.now });
  return key;
}

/** GET /api/me/completion of a signed-in professional. */
export async function completion(ctx: TestContext, cookie: string): Promise<CompletionYear[]> {
  const res = await call(ctx, cookie, 'GET', '/api/me/completion');
  expectStatus(res, 200);
  return (res.json() as { years: CompletionYear[] }).years;
}

export async function yearOf(ctx: TestContext, cookie: string, year: number): Promise<CompletionYear> {
  const found = (await completion(ctx, cookie)).find((y) => y.year === year);
  if (!found) throw new Error(`year ${year} missing from the completion`);
  return found;
}

/**
 * The verification URL a printed certificate carries: the link over its QR code (the same text as
 * the code; the suite that renders the page checks that with zbarimg).
 */
export async function verificationUrlOf(pdf: Buffer): Promise<string> {
  const doc = await PDFDocument.load(pdf);
  const annots = doc.getPage(0).node.Annots();
  if (!annots) throw new Error('the certificate has no link over its QR code');
  const link = doc.context.lookup(annots.get(0), PDFDict);
  const action = link.lookup(PDFName.of('A'), PDFDict);
  return action.lookup(PDFName.of('URI'), PDFString).decodeText();
}

export const tokenOfPdf = async (pdf: Buffer) => tokenFromQrText(await verificationUrlOf(pdf));

/** A zip archive holding one stored file: a zip that is not a workbook. */
export function zipOf(name: string, content: string): Buffer {
  const data = Buffer.from(content, 'utf8');
  const file = Buffer.from(name, 'utf8');
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const cdOffset = local.length + file.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}
