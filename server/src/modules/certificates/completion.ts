/**
 * 年度完成情况: the signed-in professional's years, each with its requirement, counted
 * hours, result and certificate; and a year's records (教育历程).
 */
import { chinaDateOf, chinaYear, type CompletionYear } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { listOwn } from '../declarations/repo';
import { IssuerCache, NOT_PASSED, NOT_YET_PASSED, NO_ISSUER, NO_SEAL, syncCertificates, transferredFrom, yearResult, type SyncResult, type YearResult } from './issuing';
import { toCompletionRecord, toCompletionYear } from './presenters';
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
  const reason = await notPrintableReason(sync, r.state.completion.passed, row, r.year === current);
  return toCompletionYear(r, row, current, transferredFrom(sync.facts, r.year), reason);
}

/** A year's declarations, counted or not (教育历程), oldest first. */
export async function completionDetail(deps: Deps, actor: Actor, year: number) {
  requireAccess(actor, { action: 'professional.self', personId: actor.personId });
  const rows = await listOwn(deps.db, actor.personId, { year, limit: 1000 });
  const records = rows.map(toCompletionRecord).sort((a, b) => a.id - b.id);
  return { year, records };
}
