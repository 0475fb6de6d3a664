/**
 * 年度完成情况 (R-21): the signed-in professional's years, each with its requirement, counted
 * hours, result and certificate; and a year's records (教育历程).
 */
import { chinaDateOf, chinaYear, type CompletionYear, type DeclarationStatus } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { formLabel } from '../declarations/presenters';
import { listOwn } from '../declarations/repo';
import { IssuerCache, NOT_PASSED, NOT_YET_PASSED, NO_ISSUER, NO_SEAL, syncCertificates, transferredFrom, yearResult, type SyncResult, type YearResult } from './issuing';
import { latestPerYear, type CertificateRow } from './records-repo';
import { firstRequirementYear } from './rules';

const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

/** A recomputed person, with bureau look-ups through the pool (the transaction is over). */
export interface OwnState extends SyncResult {
  issuers: IssuerCache;
}

/** Recomputes the signed-in professional's certificates (own transaction) and returns the result. */
export async function ownSync(deps: Deps, meta: RequestMeta, actor: Actor): Promise<OwnState> {
  requireAccess(actor, { action: 'professional.self', personId: actor.personId });
  return personSync(deps, meta, actor, actor.personId);
}

/**
 * Recomputes a person's certificates (own transaction) and returns the result. The caller has
 * checked access to the person (their own, or an admin's `certificate.query` of them).
 */
export async function personSync(deps: Deps, meta: RequestMeta, actor: Actor | null, personId: number): Promise<OwnState> {
  const result = await deps.db.transaction((tx) => syncCertificates(tx, personId, { now: meta.now, actor, meta }));
  if (!result) throw notFound();
  return { ...result, issuers: new IssuerCache(deps.db) };
}

/** Why a year cannot be printed, or null when it can. */
export async function notPrintableReason(
  sync: OwnState,
  passed: boolean,
  row: CertificateRow | undefined,
  inProgress = false,
): Promise<string | null> {
  if (row?.status === 'valid') return (await sync.issuers.sealActive(row.issuerOrgId)) ? null : NO_SEAL;
  if (!passed) return inProgress ? NOT_YET_PASSED : NOT_PASSED;
  return issuerProblem(sync.issuers, sync.facts.holder.unit.regionCode);
}

async function issuerProblem(issuers: IssuerCache, unitRegionCode: string): Promise<string> {
  const issuer = await issuers.forUnitRegion(unitRegionCode);
  return !issuer ? NO_ISSUER : NO_SEAL;
}

/** Every year from the earliest with a counted record or the registration up to now, newest first. */
export async function completionYears(deps: Deps, meta: RequestMeta, actor: Actor): Promise<{ years: CompletionYear[] }> {
  return completionYearsOf(await ownSync(deps, meta, actor), meta);
}

/** A recomputed person's years (own or, for an admin, a person of their scope), newest first. */
export async function completionYearsOf(sync: OwnState, meta: RequestMeta): Promise<{ years: CompletionYear[] }> {
  const current = chinaYear(meta.now);
  const registered = Number(chinaDateOf(sync.facts.holder.accountCreatedAt).slice(0, 4));
  const earliest = Math.max(
    Math.min(registered, ...sync.facts.counted.keys(), current),
    firstRequirementYear(sync.facts.rules),
  );
  const latest = new Map(latestPerYear(sync.rows).map((r) => [r.year, r]));
  const years: CompletionYear[] = [];
  for (let year = current; year >= earliest; year--) {
    const result = sync.results.get(year) ?? yearResult(sync.facts, year);
    if (!result) continue;
    years.push(await presentYear(sync, result, latest.get(year), current));
  }
  return { years };
}

async function presentYear(sync: OwnState, r: YearResult, row: CertificateRow | undefined, current: number): Promise<CompletionYear> {
  const { state } = r;
  const passed = state.completion.passed;
  const reason = await notPrintableReason(sync, passed, row, r.year === current);
  return {
    year: r.year,
    requirement: {
      publicHours: state.requirement.publicHours,
      professionalHours: state.requirement.professionalHours,
      basis: state.requirement.basis,
      reducedMonths: state.reducedMonths,
    },
    publicHours: state.publicHours,
    professionalHours: state.professionalHours,
    covers: state.covers,
    passed,
    missingPublic: state.completion.missingPublic,
    missingProfessional: state.completion.missingProfessional,
    resultLabel: passed ? '通过' : r.year === current ? '进行中' : '未通过',
    transferredFrom: transferredFrom(sync.facts, r.year),
    certificate: {
      status: row ? row.status : 'none',
      issuerName: row?.issuerName ?? null,
      issuedAt: row?.issuedAt.toISOString() ?? null,
      revokedAt: row?.status === 'revoked' ? (row.revokedAt?.toISOString() ?? null) : null,
      printable: reason === null,
      notPrintableReason: reason,
    },
  };
}

/** Why a record counts or not, in a few words (教育历程). */
function recordLabel(d: {
  status: DeclarationStatus;
  form: string | null;
  monthsOnDuty: number | null;
  rejectReason: string | null;
  revokeReason: string | null;
}, reviewerName: string | null): string {
  switch (d.status) {
    case 'approved':
      return d.form === 'reduction'
        ? `审核通过（按实际在岗${d.monthsOnDuty ?? 12}个月折算当年应完成学时，本记录不计学时）`
        : '审核通过（已计入）';
    case 'pending':
      return `待审核（${reviewerName ? `正由${reviewerName}审核，` : ''}审核通过后计入）`;
    case 'rejected':
      return `审核不通过（不计入）${d.rejectReason ? `：${d.rejectReason}` : ''}`;
    case 'revoked':
      return `抽查撤销（不计入）${d.revokeReason ? `：${d.revokeReason}` : ''}`;
    case 'draft':
      return '待提交（尚未提交审核，不计入）';
  }
}

/** A year's declarations, counted or not (教育历程), oldest first. */
export async function completionDetail(deps: Deps, actor: Actor, year: number) {
  requireAccess(actor, { action: 'professional.self', personId: actor.personId });
  const rows = await listOwn(deps.db, actor.personId, { year, limit: 1000 });
  const records = rows
    .map((r) => {
      const status = r.d.status as DeclarationStatus;
      return {
        id: r.d.id,
        // A draft may still lack them (保存暂不提交): null, or '' for the title.
        formLabel: r.d.form ? formLabel(r.d.form) : '未选择学习形式',
        title: r.d.title ?? '',
        subject: r.d.subject,
        hours: r.d.claimedHours,
        status,
        statusLabel:
          r.d.platformId != null && status === 'approved'
            ? `由学习平台“${r.platformName ?? ''}”自动登记（已计入）`
            : recordLabel({ ...r.d, status }, r.reviewerName),
        approvedAt: r.d.approvedAt?.toISOString() ?? null,
        counted: status === 'approved',
        sourcePlatformName: r.d.platformId != null ? (r.platformName ?? '学习平台') : null,
      };
    })
    .sort((a, b) => a.id - b.id);
  return { year, records };
}
