/**
 * Printing (CONTRACT, R-22, R-23): a year's certificate, or one page for a range of years (合并打印),
 * as an A4 PDF with the issuing bureau's e-seal and a QR code carrying the facts signed by its key.
 *
 * Merged print across bureaus (a transfer between cities): the page is issued and signed by the
 * bureau of the LATEST year of the range (its seal, its key, its name under 发证单位), and the
 * signed facts list every year with its hours; 发证时间 is the latest issuance date of the range's
 * years. Each year's own issuer stays on its single-year certificate.
 */
import { chinaYear, maskIdNumber } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { findOrg, type OrgRow } from '../organisations/repo';
import { notPrintableReason, ownSync, type OwnState } from './completion';
import { signingKeyOfRow, signingKeyVault, type SigningKey } from './keys';
import { NOT_YET_PASSED, NO_ISSUER, NO_SEAL, transferredFrom, yearResult } from './issuing';
import { latestPerYear } from './records-repo';
import { certificateFileName, sealRegionName, transferNote } from './rules';
import { signCertificateToken, verificationUrl, type CertificateFacts } from './signing';

/** A merged print covers at most this many years (the signed payload's limit). */
export const MAX_MERGED_YEARS = 60;

export interface PrintedCertificate {
  pdf: Uint8Array;
  file: { name: string; ascii: string };
  facts: CertificateFacts;
}

/**
 * What a certificate of `from`…`to` certifies for the signed-in professional, and the key that signs
 * it (the bureau of the range's latest year): shared by the PDF and the verifiable credential. Any
 * year that did not pass, or cannot be printed, refuses with 409 naming the first such year.
 */
export async function certifiedFacts(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  range: { from: number; to: number; merged: boolean },
  verb = '打印',
): Promise<CertifiedFacts> {
  checkRange(meta, range, verb);
  // Resolved before any transaction: it may read (or create) the data directory's secret file.
  signingKeyVault(deps.config);
  return certifiedFactsOf(deps, meta, await ownSync(deps, meta, actor), range, verb);
}

export interface CertifiedFacts {
  facts: CertificateFacts;
  key: SigningKey;
  issuer: OrgRow;
  transferredIn: { year: number; provinces: string[] }[];
}

function checkRange(meta: RequestMeta, range: { from: number; to: number }, verb: string) {
  const { from, to } = range;
  const current = chinaYear(meta.now);
  if (from > to) throw new AppError('VALIDATION', '起始年度不能晚于截止年度');
  if (to > current) throw new AppError('VALIDATION', `尚未到${to}年度，不能${verb}`);
  if (to - from + 1 > MAX_MERGED_YEARS) throw new AppError('VALIDATION', `合并${verb}一次最多${MAX_MERGED_YEARS}个年度`);
}

/**
 * What a certificate of `from`…`to` certifies for a recomputed person (see `certifiedFacts`; an
 * admin's printing passes a person of their scope). Refuses with 409 naming the first year that
 * cannot be printed.
 */
export async function certifiedFactsOf(
  deps: Deps,
  meta: RequestMeta,
  sync: OwnState,
  range: { from: number; to: number; merged: boolean },
  verb = '打印',
): Promise<CertifiedFacts> {
  checkRange(meta, range, verb);
  const { from, to, merged } = range;
  const current = chinaYear(meta.now);
  const vault = signingKeyVault(deps.config);
  const latest = new Map(latestPerYear(sync.rows).map((r) => [r.year, r]));
  const what = merged ? `不能合并${verb}` : `不能${verb}`;

  const rows = [];
  for (let year = from; year <= to; year++) {
    const row = latest.get(year);
    const passed = (sync.results.get(year) ?? yearResult(sync.facts, year))?.state.completion.passed ?? false;
    const reason = await notPrintableReason(sync, passed, row, year === current);
    if (reason || !row) {
      const why =
        reason === NO_SEAL
          ? '的发证机关尚未启用电子签章'
          : reason === NO_ISSUER
            ? '未找到发证机关'
            : reason === NOT_YET_PASSED
              ? '尚未达到学时要求'
              : '未达到学时要求';
      throw new AppError('CONFLICT', `${year}年度${why}，${what}`, { year });
    }
    rows.push(row);
  }

  const signer = rows[rows.length - 1]!;
  const issuer = await findOrg(deps.db, signer.issuerOrgId);
  // The key row was read when the year was found printable (its seal active): the same row signs.
  const keyRow = issuer ? await sync.issuers.activeKey(issuer.id) : undefined;
  const key = keyRow ? signingKeyOfRow(keyRow, vault) : null;
  if (!issuer || !key) throw new AppError('CONFLICT', `${signer.year}年度的发证机关尚未启用电子签章，${what}`, { year: signer.year });
  const { holder } = sync.facts;
  const facts: CertificateFacts = {
    certNo: holder.certNo,
    holderName: holder.name,
    idNumberMasked: maskIdNumber(holder.idNumber),
    years: rows.map((r) => ({ year: r.year, publicHours: r.publicHours, professionalHours: r.professionalHours })),
    issuer: { id: issuer.id, name: signer.issuerName },
    issuedOn: rows.map((r) => r.issuedOn).sort().pop()!,
  };
  const transferredIn = rows.map((r) => ({ year: r.year, provinces: transferredFrom(sync.facts, r.year) }));
  return { facts, key, issuer, transferredIn };
}

/**
 * The PDF of `from`…`to` (one year when equal) for the signed-in professional. Any year that did not
 * pass, or cannot be printed, refuses the whole request with 409 naming the first such year.
 */
export async function printCertificate(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  range: { from: number; to: number; merged: boolean },
): Promise<PrintedCertificate> {
  return renderCertified(deps, await certifiedFacts(deps, meta, actor, range));
}

/** The A4 PDF of certified facts, signed by the issuer's key (the professional's and the admins' printing). */
export async function renderCertified(deps: Deps, { facts, key, issuer, transferredIn }: CertifiedFacts): Promise<PrintedCertificate> {
  const token = await signCertificateToken(facts, key);
  // The renderer (pdf-lib, fontkit, qrcode) loads with the first certificate printed (lib/lazy-modules.ts).
  const { renderCertificatePdf } = await import('./pdf');
  const pdf = await renderCertificatePdf({
    certNo: facts.certNo,
    holderName: facts.holderName,
    idNumberMasked: facts.idNumberMasked,
    years: facts.years,
    issuerName: facts.issuer.name,
    sealRegionName: sealRegionName(issuer.regionCode),
    issuedOn: facts.issuedOn,
    verificationUrl: verificationUrl(deps.config.publicUrl, token),
    transferNote: transferNote(transferredIn),
  });
  return { pdf, file: certificateFileName(facts.certNo, facts.years.map((y) => y.year)), facts };
}
