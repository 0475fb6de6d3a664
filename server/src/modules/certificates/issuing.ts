/**
 * Issuing and revoking certificates: a person's years are recomputed from the
 * counted records, and each year that passes holds one valid certificate.
 *
 * - When: inside the transaction of the change that moves the counted hours (a final approval, a
 *   sampling revocation: the declarations module's counted-hours hook), so a certificate never lags
 *   behind its records. The person's own pages and the single queries recompute too (same code, own
 *   transaction): that catches a year that passed before its bureau's seal was enabled, or a new rule
 *   of the province; the recomputation is deterministic, so the dates come out the same.
 * - 发证时间: the approval that made the year pass (passingApproval), or later: not before the bureau's
 *   seal was enabled, not before the year's previous certificate was revoked. Reprints keep it.
 * - Issuer: the HRSS bureau of issuingRegion(the person's unit region) at issuance (省直 410000 → the
 *   province); a valid certificate keeps its issuer after a transfer. A bureau without an enabled seal
 *   (no active signing key) issues nothing: the year shows why (notPrintableReason).
 * - Requirement of a year: the rules (the province's first, then the regulation's) for the person's
 *   title level and unit region AS THEY STOOD AT THE END OF THAT YEAR, from the approved 专业技术职务
 *   changes and the completed transfers (today's profile and unit when nothing changed).
 */
import {
  effectiveRules,
  passingApproval,
  valueAtEndOfYear,
  yearState,
  type CountedRecord,
  type YearState,
} from './rules';
import { chinaDateOf, issuingRegion, otherProvinceName, yearRequirement, type RequirementRule, type YearRequirement } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { writeAudit } from '../../audit/audit';
import type { Queryable } from '../../db';
import { approvedHoursByYear, type YearHours } from '../declarations/repo';
import type { CountedHoursChange, CountedHoursHook } from '../declarations/hooks';
import type { OrgRow } from '../organisations/repo';
import { activeKeyRow, type SigningKeyRow } from './repo';
import {
  bureauOfRegion,
  certificatesOfPerson,
  holderOfPerson,
  insertCertificate,
  lockPerson,
  provinceRequirementRules,
  sealEnabledAt,
  titleLevelChanges,
  unitRegionChanges,
  updateCertificate,
  type CertificateHolder,
  type CertificateRow,
} from './records-repo';

export const NOT_PASSED = '该年度未达到学时要求';
/** The current year, not yet passed: it may still pass. */
export const NOT_YET_PASSED = '该年度尚未达到学时要求';
export const NO_SEAL = '发证机关尚未启用电子签章，暂不能打印';
export const NO_ISSUER = '未找到发证机关（单位所在地区的人社部门），暂不能打印';

/** What the completion of a person is computed from. */
export interface PersonFacts {
  holder: CertificateHolder;
  rules: RequirementRule[];
  counted: Map<number, YearHours>;
  titleChanges: Awaited<ReturnType<typeof titleLevelChanges>>;
  regionChanges: Awaited<ReturnType<typeof unitRegionChanges>>;
}

export async function loadPersonFacts(q: Queryable, personId: number): Promise<PersonFacts | null> {
  const holder = await holderOfPerson(q, personId);
  if (!holder) return null;
  const rules = effectiveRules(await provinceRequirementRules(q));
  const counted = new Map((await approvedHoursByYear(q, personId)).map((y) => [y.year, y]));
  return {
    holder,
    rules,
    counted,
    titleChanges: await titleLevelChanges(q, personId),
    regionChanges: await unitRegionChanges(q, personId),
  };
}

export interface YearResult {
  year: number;
  base: YearRequirement;
  records: CountedRecord[];
  state: YearState;
}

/** The requirement (before any reduction) of `year` for the person. */
export function baseRequirement(facts: PersonFacts, year: number): YearRequirement | null {
  const titleLevel = valueAtEndOfYear(year, facts.holder.titleLevel, facts.titleChanges);
  const unitRegionCode = valueAtEndOfYear(year, facts.holder.unit.regionCode, facts.regionChanges);
  return yearRequirement(facts.rules, { year, titleLevel, unitRegionCode });
}

/** A year's completion; null for a year no rule covers. */
export function yearResult(facts: PersonFacts, year: number): YearResult | null {
  const base = baseRequirement(facts, year);
  if (!base) return null;
  const records: CountedRecord[] = facts.counted.get(year)?.records ?? [];
  return { year, base, records, state: yearState(base, records) };
}

/** 外省转入: the names of the provinces whose approved hours count in `year` (empty when none). */
export function transferredFrom(facts: PersonFacts, year: number): string[] {
  const codes = new Set((facts.counted.get(year)?.records ?? []).flatMap((r) => (r.originProvince ? [r.originProvince] : [])));
  return [...codes].sort().map((c) => otherProvinceName(c) ?? c);
}

export interface Issuer {
  bureau: OrgRow;
  /** The seal is enabled now: the bureau has an active signing key. */
  sealActive: boolean;
  sealEnabledAt: Date | null;
}

/** Looks up issuing bureaus (and their seals) once per computation. */
export class IssuerCache {
  private readonly byRegion = new Map<string, Promise<Issuer | null>>();
  private readonly activeKeys = new Map<number, Promise<SigningKeyRow | undefined>>();
  constructor(private readonly q: Queryable) {}

  /** The bureau that issues for a unit in `unitRegionCode`; null if the region is unknown. */
  forUnitRegion(unitRegionCode: string): Promise<Issuer | null> {
    let code: string;
    try {
      code = issuingRegion(unitRegionCode).code;
    } catch {
      return Promise.resolve(null);
    }
    let found = this.byRegion.get(code);
    if (!found) {
      found = (async () => {
        const bureau = await bureauOfRegion(this.q, code);
        if (!bureau) return null;
        return { bureau, sealActive: await this.sealActive(bureau.id), sealEnabledAt: await sealEnabledAt(this.q, bureau.id) };
      })();
      this.byRegion.set(code, found);
    }
    return found;
  }

  /** Whether the bureau can sign now. */
  async sealActive(bureauOrgId: number): Promise<boolean> {
    return (await this.activeKey(bureauOrgId)) !== undefined;
  }

  /**
   * The bureau's active signing key (still encrypted), read once: printing signs with the key whose
   * presence made the year printable, without reading it again.
   */
  activeKey(bureauOrgId: number): Promise<SigningKeyRow | undefined> {
    let found = this.activeKeys.get(bureauOrgId);
    if (!found) {
      found = activeKeyRow(this.q, bureauOrgId);
      this.activeKeys.set(bureauOrgId, found);
    }
    return found;
  }
}

export interface SyncOptions {
  now: Date;
  /** Who caused it (the reviewer, the auditor, the person); null: the platform itself. */
  actor: Actor | null;
  meta: RequestMeta;
  /** The declaration change that triggered it, if any. */
  cause?: Pick<CountedHoursChange, 'declarationId' | 'year' | 'cause' | 'reason'>;
}

export interface SyncResult {
  facts: PersonFacts;
  /** The person's certificate rows after the recomputation. */
  rows: CertificateRow[];
  /** Every year with counted records or a certificate (and a rule). */
  results: Map<number, YearResult>;
  /** Whether a certificate was issued, revoked or had its hours updated. */
  changed: boolean;
}

const sameHours = (row: CertificateRow, s: YearState) =>
  row.publicHours === s.publicHours && row.professionalHours === s.professionalHours;

/**
 * Recomputes a person's certificates inside `tx` (the only connection to use): issues the years that
 * pass and hold none, revokes the valid ones of years that no longer pass, keeps the hours of valid
 * ones current. Returns null for someone who is not a professional.
 */
export async function syncCertificates(tx: Queryable, personId: number, opts: SyncOptions): Promise<SyncResult | null> {
  if (!(await lockPerson(tx, personId))) return null;
  const facts = await loadPersonFacts(tx, personId);
  if (!facts) return null;
  const issuers = new IssuerCache(tx);
  let rows = await certificatesOfPerson(tx, personId);
  const years = [...new Set([...facts.counted.keys(), ...rows.filter((r) => r.status === 'valid').map((r) => r.year)])].sort(
    (a, b) => a - b,
  );
  const results = new Map<number, YearResult>();
  let changed = false;
  for (const year of years) {
    const result = yearResult(facts, year);
    if (result) results.set(year, result);
    const passed = result?.state.completion.passed ?? false;
    const valid = rows.find((r) => r.year === year && r.status === 'valid');
    if (passed && !valid) changed = (await issue(tx, facts, result!, rows, issuers, opts)) || changed;
    else if (passed && valid && !sameHours(valid, result!.state)) {
      await updateCertificate(tx, valid, {
        publicHours: result!.state.publicHours,
        professionalHours: result!.state.professionalHours,
      });
      changed = true;
    } else if (!passed && valid) {
      await revoke(tx, facts, valid, opts);
      changed = true;
    }
  }
  if (changed) rows = await certificatesOfPerson(tx, personId);
  return { facts, rows, results, changed };
}

async function issue(
  tx: Queryable,
  facts: PersonFacts,
  result: YearResult,
  rows: readonly CertificateRow[],
  issuers: IssuerCache,
  opts: SyncOptions,
): Promise<boolean> {
  const issuer = await issuers.forUnitRegion(facts.holder.unit.regionCode);
  // a bureau without an enabled seal cannot issue; the completion page says so.
  if (!issuer || !issuer.sealActive) return false;
  const passing = passingApproval(result.base, result.records);
  const lastRevoked = rows
    .filter((r) => r.year === result.year && r.revokedAt)
    .reduce<Date | null>((m, r) => (m && m > r.revokedAt! ? m : r.revokedAt!), null);
  const candidates = [passing?.at, issuer.sealEnabledAt, lastRevoked].filter((d): d is Date => d != null);
  let issuedAt = candidates.length ? new Date(Math.max(...candidates.map((d) => d.getTime()))) : opts.now;
  if (issuedAt > opts.now) issuedAt = opts.now;
  const byPassingRecord = passing !== null && issuedAt.getTime() === passing.at.getTime();
  const row = await insertCertificate(tx, {
    personId: facts.holder.personId,
    year: result.year,
    status: 'valid',
    issuerOrgId: issuer.bureau.id,
    issuerName: issuer.bureau.name,
    publicHours: result.state.publicHours,
    professionalHours: result.state.professionalHours,
    issuedAt,
    issuedOn: chinaDateOf(issuedAt),
    issuedByDeclarationId: byPassingRecord ? passing.declarationId : null,
  });
  await writeAudit(
    tx,
    { actor: opts.actor, meta: opts.meta, actorName: opts.actor ? undefined : '系统' },
    {
      action: 'certificate.issue',
      objectType: 'certificate',
      objectId: row.id,
      scopePath: facts.holder.unit.path,
      detail: {
        certNo: facts.holder.certNo,
        year: row.year,
        issuer: row.issuerName,
        issuedOn: row.issuedOn,
        publicHours: row.publicHours,
        professionalHours: row.professionalHours,
        ...(opts.cause ? { declarationId: opts.cause.declarationId } : {}),
      },
    },
  );
  return true;
}

async function revoke(tx: Queryable, facts: PersonFacts, valid: CertificateRow, opts: SyncOptions) {
  const cause = opts.cause && opts.cause.year === valid.year ? opts.cause : undefined;
  const reason =
    cause?.cause === 'revoked'
      ? `抽查审验撤销了该年度的学时记录（${cause.reason ?? '未说明原因'}），该年度学时不再达到要求`
      : '该年度计入的学时不再达到年度学时要求';
  await updateCertificate(tx, valid, {
    status: 'revoked',
    revokedAt: opts.now,
    revokeReason: reason,
    revokedByDeclarationId: cause?.declarationId ?? null,
  });
  await writeAudit(
    tx,
    { actor: opts.actor, meta: opts.meta, actorName: opts.actor ? undefined : '系统' },
    {
      action: 'certificate.revoke',
      objectType: 'certificate',
      objectId: valid.id,
      scopePath: facts.holder.unit.path,
      detail: { certNo: facts.holder.certNo, year: valid.year, reason, ...(cause ? { declarationId: cause.declarationId } : {}) },
    },
  );
}

/**
 * The certificates' counted-hours hook (wired in app.ts): the declarations module calls it in the
 * transaction of every final approval and sampling revocation.
 */
export const certificatesOnCountedHours: CountedHoursHook = async (tx, change) => {
  await syncCertificates(tx, change.personId, { now: change.meta.now, actor: change.actor, meta: change.meta, cause: change });
};
