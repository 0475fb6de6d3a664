/**
 * 证书查询 and verification (R-25): the public query (CONTRACT), the QR verification with the
 * platform's records, and the admins' single and batch (Excel) queries within their scope.
 */
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { excelJS } from '../../lib/lazy-modules';
import {
  CERTIFICATE_BATCH_LIMITS,
  chinaDateOf,
  formatHours,
  maskIdNumber,
  validateIdNumber,
  type VerifyCertificateResponse,
} from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError } from '../../errors';
import type { Db } from '../../db';
import { readerOf, type Deps } from '../../http/context';
import { requireValidIdNumber } from '../auth/persons';
import { writeAudit } from '../../audit/audit';
import { inspectZip, XLSX_ZIP_LIMITS } from '../files/zip';
import { syncCertificates, transferredFrom, type PersonFacts } from './issuing';
import { listPublicKeys } from './keys';
import { idNumberIndexOf } from '../../db/pii';
import { firstSheetRows, isXlsxSheetPart } from '../../lib/xlsx-reader';
import { XlsxSheetWriter, type XlsxCell, type XlsxColumn } from '../../lib/xlsx-writer';
import {
  batchCertificateHolders,
  type BatchCertificateHolder,
  holderByCertNo,
  holderByIdNumber,
  latestPerYear,
  issuancesOfCertNo,
  publicCertificateHolder,
  type VerifiedIssuance,
  type CertificateHolder,
} from './records-repo';
import { toAdminCertificateAnswer, toPublicCertificateAnswer } from './presenters';
import { algorithmLabel, tokenFromQrText, verifyCertificateToken, type CertificateFacts } from './signing';
import { logCertificateView } from '../sharing/views';
import { isCredentialToken, verifyCredentialToken } from './credential';

const NONE_FOUND = '没有搜索到相关证书';
const outOfScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

const transferredOf = (facts: PersonFacts | null) => (year: number) => (facts ? transferredFrom(facts, year) : []);

/** Recomputes one person's certificates (own transaction) and returns their rows and facts. */
async function synced(deps: Deps, meta: RequestMeta, actor: Actor | null, holder: CertificateHolder) {
  const sync = await deps.db.transaction((tx) => syncCertificates(tx, holder.personId, { now: meta.now, actor, meta }));
  return { rows: sync?.rows ?? [], facts: sync?.facts ?? null };
}

// ---------------------------------------------------------------- public query (CONTRACT)

/**
 * By 证书管理号, or by ID number with the name: the masked holder and every year holding a
 * certificate (valid or revoked). Nobody, a wrong name, or no certificate: 404 没有搜索到相关证书.
 */
export async function publicCertificateQuery(
  deps: Deps,
  meta: RequestMeta,
  query: { certNo?: string; idNumber?: string; name?: string },
) {
  // A typo is said as such, not as "no certificate" (issue 8 item 13).
  if (query.certNo && !/^\d{13}$/.test(query.certNo.trim())) throw new AppError('VALIDATION', '证书管理号应为13位数字，请核对后重新输入');
  const idNumber = query.certNo ? null : requireValidIdNumber(query.idNumber ?? '', meta.now);
  // One read statement, served by the replica when there is one (issue 13): the certificate rows are
  // kept current where hours, seals and rules change; the view log goes to the primary (write-behind).
  const holder = await publicCertificateHolder(readerOf(deps), query.certNo ? { certNo: query.certNo.trim() } : { idNumber: idNumber! });
  if (!holder || (!query.certNo && holder.name !== query.name) || holder.years.length === 0) throw new AppError('NOT_FOUND', NONE_FOUND);
  logCertificateView(deps.db, meta, { personId: holder.personId, channel: 'query', years: holder.years.map((y) => y.year), outcome: 'shown' });
  return toPublicCertificateAnswer(holder);
}

// ---------------------------------------------------------------- verification (CONTRACT + database)

export const VALID_REASON = '证书真实有效：签名有效，证书内容与发证机关签发时一致，且该证书在平台中有效';

/**
 * The QR check (or a verifiable credential's): the signature against the published keys, then the platform's records — every year
 * of the token must hold a certificate of that holder that is valid now, issued by the bureau that
 * signed (for a merged print: the latest year's bureau) no later than the signed 发证时间. A year
 * revoked since (or revoked and issued again after this copy was printed) makes it invalid, with
 * the day of the revocation. Hours changed since printing (a further approval) do not: the year still
 * passed; the reason says what the platform holds now.
 */
export async function verifyCertificate(deps: Deps, meta: RequestMeta, text: string): Promise<VerifyCertificateResponse> {
  const db = readerOf(deps);
  const { keys } = await listPublicKeys(db);
  const token = tokenFromQrText(text);
  // A verifiable credential (issue 14) carries the same facts as the QR token; the record check is one.
  const credential = isCredentialToken(token);
  const signed = credential ? await verifyCredentialToken(token, keys) : await verifyCertificateToken(token, keys);
  if (!signed.valid)
    return { valid: false, reason: signed.reason, certificate: null, status: 'invalid', revokedAt: null, signature: null };
  const facts = signed.facts;
  const signature = { kid: signed.kid, alg: signed.alg, algorithm: algorithmLabel(signed.alg) };
  // One read statement: the holder of the number and the issuances of the signed years.
  const holder = await issuancesOfCertNo(db, facts.certNo, facts.years.map((y) => y.year));
  if (!holder)
    return {
      valid: false,
      reason: `平台中没有证书管理号为${facts.certNo}的证书记录`,
      certificate: facts,
      status: 'invalid',
      revokedAt: null,
      signature,
    };
  const answer = checkRecords(holder.issuances, facts, signature);
  // 谁查看了我的证书: a genuine signature names the holder whose certificate was checked.
  logCertificateView(deps.db, meta, {
    personId: holder.personId,
    channel: credential ? 'credential' : 'qr',
    years: facts.years.map((y) => y.year),
    outcome: answer.status,
  });
  return answer;
}

function checkRecords(
  rows: readonly VerifiedIssuance[],
  facts: CertificateFacts,
  signature: VerifyCertificateResponse['signature'],
): VerifyCertificateResponse {
  const invalid = (reason: string): VerifyCertificateResponse => ({
    valid: false,
    reason,
    certificate: facts,
    status: 'invalid',
    revokedAt: null,
    signature,
  });
  const notes: string[] = [];
  let latestYearRow: VerifiedIssuance | undefined;
  for (const y of [...facts.years].sort((a, b) => a.year - b.year)) {
    // The issuance this copy was printed from: the last one issued on or before the signed date.
    const ofYear = rows.filter((r) => r.year === y.year);
    const printed = ofYear.filter((r) => r.issuedOn <= facts.issuedOn).pop();
    if (!printed) return invalid(`平台中没有该证书所载${y.year}年度证书的记录`);
    if (printed.status === 'revoked') {
      const day = chinaDateOf(printed.revokedAt!);
      const again = ofYear.find((r) => r.status === 'valid');
      return {
        valid: false,
        // Anyone may scan a QR code: the answer says 已撤销 and when, never the reviewers' internal reason.
        reason: `${y.year}年度证书已于${day}撤销，该证书已失效${
          again ? `；该年度已于${again.issuedOn}重新发证，请以重新打印的证书为准` : ''
        }`,
        certificate: facts,
        status: 'revoked',
        revokedAt: printed.revokedAt!.toISOString(),
        signature,
      };
    }
    if (printed.publicHours !== y.publicHours || printed.professionalHours !== y.professionalHours) {
      notes.push(
        `${y.year}年度学时在打印后有变动，平台当前记录为公需科目${formatHours(printed.publicHours)}学时、专业科目${formatHours(printed.professionalHours)}学时`,
      );
    }
    latestYearRow = printed;
  }
  if (!latestYearRow || latestYearRow.issuerOrgId !== facts.issuer.id) {
    return invalid('证书的发证机关与平台记录不一致');
  }
  return {
    valid: true,
    reason: notes.length ? `${VALID_REASON}；${notes.join('；')}` : VALID_REASON,
    certificate: facts,
    status: 'valid',
    revokedAt: null,
    signature,
  };
}

// ---------------------------------------------------------------- admins: one person

async function holderForAdmin(deps: Deps, query: { certNo?: string; idNumber?: string }) {
  const holder = query.certNo ? await holderByCertNo(deps.db, query.certNo) : await holderByIdNumber(deps.db, query.idNumber!);
  if (!holder) throw outOfScope();
  return holder;
}

const professionalTarget = (h: CertificateHolder) => ({
  unit: { id: h.unit.id, kind: h.unit.kind, path: h.unit.path, parentId: h.unit.parentId },
  workDepartmentId: h.workDepartmentId,
});

/** A person of the admin's scope and their certificates, newest year first (years may be empty). */
export async function adminCertificateQuery(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  query: { certNo?: string; idNumber?: string },
) {
  const holder = await holderForAdmin(deps, query);
  requireAccess(actor, { action: 'certificate.query', professional: professionalTarget(holder) });
  const { rows, facts } = await synced(deps, meta, actor, holder);
  const years = latestPerYear(rows).reverse();
  // Who looked up whose certificates is part of the record (R-33, issue 8 item 8).
  await writeAudit(deps.db, { actor, meta }, {
    action: 'certificate.query',
    objectType: 'person',
    objectId: holder.personId,
    scopePath: holder.unit.path,
    detail: { name: holder.name, idNumberMasked: maskIdNumber(holder.idNumber), certificateYears: years.length },
  });
  return toAdminCertificateAnswer(holder, years, transferredOf(facts));
}

// ---------------------------------------------------------------- admins: batch (Excel)

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOT_EXCEL = '文件不是有效的Excel文件';
const ID_HEADER = '身份证号';

/** The batch template: one column 身份证号 (text cells, so Excel keeps all 18 characters), and how to fill it. */
export async function batchTemplate(actor: Actor): Promise<Buffer> {
  requireAccess(actor, { action: 'certificate.queryBatch', org: actor.org });
  const workbook = new (excelJS().Workbook)();
  workbook.creator = '河南省专业技术人员公共服务平台';
  const sheet = workbook.addWorksheet('证书批量查询');
  sheet.columns = [{ header: ID_HEADER, key: 'idNumber', width: 24, style: { numFmt: '@' } }];
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 90 }];
  for (const line of [
    '1. 在“证书批量查询”工作表的“身份证号”一列逐行填写要查询的身份证号，每行一个，第一行标题不要修改或删除。',
    `2. 每次最多查询${CERTIFICATE_BATCH_LIMITS.maxRows}行；身份证号请以文本格式填写（本模板已设置为文本），以免末几位被Excel改为0。`,
    '3. 上传后下载的结果文件中，每人每个年度一行：有效、已撤销、无证书（各年度均未达到学时要求或尚无审核通过的学时）、不在管理范围内。',
    '4. 只能查询本机构及下级机构（限定工作部门的管理员：本工作部门）的专业技术人员。',
  ]) {
    help.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The ID numbers of an uploaded batch file, in row order (empty rows skipped). The content must be
 * an xlsx (a checked zip whose first worksheet lib/xlsx-reader.ts reads), else 400 文件不是有效的Excel文件; the column is
 * the one headed 身份证号 in the first row (else the first column).
 */
export async function readBatchFile(data: Buffer): Promise<{ row: number; value: string }[]> {
  if (data.length < 4 || data.readUInt32BE(0) !== 0x504b0304) throw new AppError('VALIDATION', NOT_EXCEL);
  const { parts } = await inspectZip(data, XLSX_ZIP_LIMITS, 'Excel文件', isXlsxSheetPart).catch((err: unknown) => {
    // A damaged archive is simply not an Excel file; a bomb keeps its own message.
    throw err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE' ? err : new AppError('VALIDATION', NOT_EXCEL);
  });
  const ids: { row: number; value: string }[] = [];
  let column = 1;
  try {
    for (const row of firstSheetRows(parts)) {
      if (row.number === 1) {
        // The header row names the column; without one, the first row is data of the first column.
        const at = row.cells.findIndex((v) => cellText(v) === ID_HEADER);
        if (at > 0) {
          column = at;
          continue;
        }
      }
      pushId(ids, row.number, row.cells[column]);
      // Blank rows are skipped, but a sheet of a million of them is not read to its end either.
      if (ids.length > CERTIFICATE_BATCH_LIMITS.maxRows || row.number > CERTIFICATE_BATCH_LIMITS.maxRows * 4) {
        throw new AppError('VALIDATION', `每次最多查询${CERTIFICATE_BATCH_LIMITS.maxRows}行，请分批查询`);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', NOT_EXCEL);
  }
  if (ids.length === 0) throw new AppError('VALIDATION', '文件中没有要查询的身份证号，请在“身份证号”一列逐行填写');
  return ids;
}

function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('').trim();
    if (typeof o.text === 'string') return o.text.trim();
    if (o.result !== undefined) return cellText(o.result);
  }
  return String(v).trim();
}

function pushId(ids: { row: number; value: string }[], row: number, value: unknown) {
  // A number cell lost the last digits of an 18-digit ID (Excel keeps 15): it cannot be a valid one.
  const text = typeof value === 'number' ? `${value}` : cellText(value).toUpperCase();
  if (text) ids.push({ row, value: text });
}

const BATCH_COLUMNS: readonly XlsxColumn[] = [
  { header: '身份证号', width: 22 },
  { header: '姓名', width: 10 },
  { header: '证书管理号', width: 16 },
  { header: '年度', width: 8 },
  { header: '状态', width: 16 },
  { header: '公需学时', width: 10 },
  { header: '专业学时', width: 10 },
  { header: '发证单位', width: 30 },
];

/**
 * The batch answer, streamed as an xlsx (lib/xlsx-writer.ts): one row per person and year
 * holding a certificate; one row 无证书 / 不在管理范围内 / 身份证号格式不正确 otherwise. Reads the
 * certificates as recorded (no recomputation per row).
 */
export async function batchQuery(deps: Deps, meta: RequestMeta, actor: Actor, ids: readonly { row: number; value: string }[]) {
  requireAccess(actor, { action: 'certificate.queryBatch', org: actor.org });
  await writeAudit(deps.db, { actor, meta }, {
    action: 'certificate.queryBatch',
    objectType: 'organisation',
    objectId: actor.org.id,
    detail: { rows: ids.length },
  });
  const stream = new PassThrough();
  const sheet = new XlsxSheetWriter(stream, '证书查询结果', BATCH_COLUMNS);
  void (async () => {
    for (let i = 0; i < ids.length; i += BATCH_CHUNK) {
      for (const line of await batchChunk(readerOf(deps), actor, ids.slice(i, i + BATCH_CHUNK).map((r) => r.value))) sheet.addRow(line);
      if (stream.destroyed) return;
      if (stream.writableNeedDrain) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
    }
    await sheet.end();
  })().catch((err: unknown) => stream.destroy(err as Error));
  return stream;
}

/** ID numbers looked up together: one statement per chunk (records-repo batchCertificateHolders). */
const BATCH_CHUNK = 1000;

/**
 * The answer lines of a chunk of ID numbers, in the order given, as rows of BATCH_COLUMNS (身份证号,
 * 姓名, 证书管理号, 年度, 状态, 公需学时, 专业学时, 发证单位; empty where there is nothing to say). Each
 * number is checked and blind-indexed once: a thousand of them are the request's main work in JS.
 */
async function batchChunk(db: Db, actor: Actor, idNumbers: readonly string[]): Promise<XlsxCell[][]> {
  const looked = idNumbers.map((idNumber) => ({ idNumber, index: validateIdNumber(idNumber).ok ? idNumberIndexOf(idNumber) : null }));
  const inScope = new Map<string, BatchCertificateHolder>();
  for (const holder of await batchCertificateHolders(db, looked.flatMap((l) => (l.index ? [l.index] : [])))) {
    try {
      requireAccess(actor, { action: 'certificate.query', professional: { unit: holder.unit, workDepartmentId: holder.workDepartmentId } });
      inScope.set(holder.idNumberIndex, holder);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
    }
  }
  const lines: XlsxCell[][] = [];
  for (const { idNumber, index } of looked) {
    const holder = index ? inScope.get(index) : undefined;
    if (!index) lines.push([idNumber, '', '', '', '身份证号格式不正确']);
    else if (!holder) lines.push([idNumber, '', '', '', '不在管理范围内']);
    else if (holder.years.length === 0) lines.push([idNumber, holder.name, holder.certNo, '', '无证书']);
    else
      for (const r of holder.years)
        lines.push([idNumber, holder.name, holder.certNo, r.year, r.status === 'valid' ? '有效' : '已撤销', r.publicHours, r.professionalHours, r.issuerName]);
  }
  return lines;
}
