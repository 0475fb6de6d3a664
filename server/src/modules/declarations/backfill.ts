/**
 * Writes a declaration together with the history it would have had going through its review chain
 * (create → submit → each level's decision), with the standard hours computed by the regulation.
 * Used by the demo data set and the test factories, so both hold records exactly like real ones.
 */
import { evaluateStandardHours, type DeclarationSubject, type FormCode } from '@ce/shared';
import type { Queryable } from '../../db';
import { insertDeclaration, insertEvent, orgsByIds, pathOrgs, type DeclarationRow } from './repo';
import { rejectionAction, reviewChainOf } from './rules';

export interface Reviewer {
  accountId: number | null;
  name: string;
}

export interface HistoricDeclaration {
  person: { personId: number; accountId: number; name: string };
  unit: { id: number; path: string };
  workDepartmentId?: number | null;
  year: number;
  subject: DeclarationSubject;
  form: FormCode;
  title: string;
  organiser: string;
  startDate: string;
  endDate: string;
  assessmentResult?: string;
  params?: Record<string, unknown>;
  /** Form 15 ('reduction'): months of the year on duty. */
  monthsOnDuty?: number | null;
  claimedHours: number;
  note?: string;
  /**
   * draft; pending at `level` (0-based); approved by every level; rejected by `level` (with
   * `reason`). Revocation by the sampling audit goes through the sampling code instead.
   */
  outcome: 'draft' | 'pending' | 'approved' | 'rejected';
  level?: number;
  reason?: string;
  /** When it was submitted; each review follows a day later. */
  submittedAt: Date;
  /** The admin who acts for each organisation of the chain (by org id); missing: the org's name alone. */
  reviewers?: ReadonlyMap<number, Reviewer>;
}

const DAY = 86400_000;

export async function insertHistoricDeclaration(q: Queryable, h: HistoricDeclaration): Promise<DeclarationRow> {
  const evaluated = evaluateStandardHours(h.form, h.params ?? {});
  if (!evaluated.ok) throw new Error(`invalid params for ${h.form}: ${evaluated.message}`);
  const standard = evaluated.result;
  const chain = reviewChainOf(await pathOrgs(q, h.unit.path));
  const orgs = await orgsByIds(q, [...chain, h.unit.id]);
  const created = new Date(h.submittedAt.getTime() - DAY);
  const submitted = h.outcome !== 'draft';
  const lastLevel = chain.length - 1;
  const level = h.outcome === 'approved' ? lastLevel : Math.min(h.level ?? 0, lastLevel);
  const decidedAt = new Date(h.submittedAt.getTime() + (level + 1) * DAY);
  const d = await insertDeclaration(q, {
    personId: h.person.personId,
    accountId: h.person.accountId,
    unitId: h.unit.id,
    unitPath: h.unit.path,
    workDepartmentId: h.workDepartmentId ?? null,
    year: h.year,
    subject: h.subject,
    form: h.form,
    title: h.title,
    organiser: h.organiser,
    startDate: h.startDate,
    endDate: h.endDate,
    assessmentResult: h.assessmentResult ?? '合格',
    params: h.params ?? {},
    monthsOnDuty: h.form === 'reduction' ? (h.monthsOnDuty ?? null) : null,
    claimedHours: h.claimedHours,
    standardHours: standard.hours,
    standardCovers: standard.covers,
    standardBasis: standard.basis,
    note: h.note ?? '',
    status: h.outcome,
    submissionNo: submitted ? 1 : 0,
    reviewChain: submitted ? chain : [],
    currentLevel: h.outcome === 'pending' ? level : null,
    currentReviewerOrgId: h.outcome === 'pending' ? chain[level]! : null,
    submittedAt: submitted ? h.submittedAt : null,
    approvedAt: h.outcome === 'approved' ? decidedAt : null,
    rejectedAt: h.outcome === 'rejected' ? decidedAt : null,
    rejectReason: h.outcome === 'rejected' ? (h.reason ?? '证明材料不全') : null,
    rejectedByOrgId: h.outcome === 'rejected' ? chain[level]! : null,
    createdAt: created,
    updatedAt: submitted ? (h.outcome === 'pending' && level === 0 ? h.submittedAt : decidedAt) : created,
  });
  const personEvent = { actorAccountId: h.person.accountId, actorName: h.person.name, orgId: h.unit.id, orgName: orgs.get(h.unit.id)?.name ?? null };
  await insertEvent(q, { declarationId: d.id, submissionNo: 0, action: 'create', ...personEvent, at: created });
  if (!submitted) return d;
  await insertEvent(q, { declarationId: d.id, submissionNo: 1, action: 'submit', ...personEvent, at: h.submittedAt });
  const decided = h.outcome === 'pending' ? level : level + 1;
  for (let k = 0; k < decided; k++) {
    const orgId = chain[k]!;
    const rejecting = h.outcome === 'rejected' && k === level;
    const reviewer = h.reviewers?.get(orgId);
    await insertEvent(q, {
      declarationId: d.id,
      submissionNo: 1,
      action: rejecting ? rejectionAction(k) : 'approve',
      level: k,
      actorAccountId: reviewer?.accountId ?? null,
      actorName: reviewer?.name ?? null,
      orgId,
      orgName: orgs.get(orgId)?.name ?? null,
      reason: rejecting ? d.rejectReason : null,
      at: new Date(h.submittedAt.getTime() + (k + 1) * DAY),
    });
  }
  return d;
}
