import {
  ATTACHMENT_LIMITS,
  BASE_RECORD_REVOKE_MESSAGE,
  chinaDateOf,
  chinaYear,
  DECLARATION_STATUS_LABELS,
  type DeclarationDetail,
  type DeclarationStatus,
  type DeclarationSubject,
  evaluateStandardHours,
  type FormCode,
  LEARNING_FORMS,
  maskIdNumber,
  SUBJECT_LABELS,
} from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { allows, requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import type { Queryable } from '../../db';
import type { DeclarationRowStatus } from '../../db/schema-declarations';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { findOrg } from '../organisations/repo';
import type { PendingWorkCheck } from '../professionals/pending';
import { batchDeclarerKind } from './repo';
import { countedHoursChanged } from './hooks';
import { overlapWarnings } from './overlap';
import { FORMS, chainSteps, formLabel, listRowSummary, toAttachment, toEvent, toQueueItem } from './presenters';
import {
  batchEvidenceFiles,
  activeOpenings,
  attachmentTotals,
  awaitingByYear,
  countAwaiting,
  findCap,
  findDeclaration,
  findWindow,
  guardedUpdate,
  hasPendingDeclaration,
  insertDeclaration,
  insertEvent,
  listAttachments,
  listAwaiting,
  listByIds,
  listCaps,
  listEvents,
  listInSubtree,
  listOwn,
  listWindows,
  orgsByIds,
  pathOrgs,
  personBrief,
  professionalAccount,
  samplesOfDeclaration,
  workDepartmentName,
  type DeclarationRow,
  type ListFilters,
} from './repo';
import {
  PAST_YEAR_CLOSED,
  PROFESSIONAL_ONLY_FORMS,
  afterDecision,
  canPerson,
  capMessage,
  checkDeclarationFacts,
  completeFields,
  declarationGaps,
  gapsMessage,
  type DraftFields,
  rejectionAction,
  reviewChainOf,
  reviewTurn,
  yearOpenState,
} from './rules';

/** No transfer (R-10) or archive (R-12) while a declaration is under review (wired in app.ts). */
export const pendingDeclaration: PendingWorkCheck = async (q, personId) =>
  (await hasPendingDeclaration(q, personId)) ? '有待审核的学时申报，审核完成或撤销后才能办理' : null;

const inScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

/** What the person saves (保存暂不提交): a draft may leave the `DraftFields` empty. */
export interface DeclarationFields extends DraftFields {
  year: number;
  params: Record<string, unknown>;
  note: string;
}

/**
 * Everything a submission needs (SPEC §6, R-18): every required field filled (else one VALIDATION
 * error naming them, with `details.issues` per field), the form's own fields valid, the facts
 * plausible. Returns the complete record and its standard hours.
 */
function requireComplete<T extends DeclarationFields>(input: T) {
  const gaps = declarationGaps(input);
  const complete = completeFields(input);
  if (!complete) {
    throw new AppError('VALIDATION', gapsMessage(gaps), {
      issues: gaps.map((g) => ({ path: `/${g.field}`, message: g.message })),
    });
  }
  const result = evaluateStandardHours(complete.form, complete.params);
  if (!result.ok) throw new AppError('VALIDATION', result.message);
  const problem = checkDeclarationFacts(complete) ?? reductionProblem(complete);
  if (problem) throw new AppError('VALIDATION', problem);
  return { complete, standard: result.result };
}

/**
 * What a draft holds is checked as far as it is filled (dates in order, days within the dates, a
 * professional-only form): an empty field is no error until submitting.
 */
function checkDraft(input: DeclarationFields) {
  const problem = checkDeclarationFacts(input) ?? reductionProblem(input);
  if (problem) throw new AppError('VALIDATION', problem);
}

/**
 * The standard hours of a draft, as far as it is filled: its form's own fields may still be
 * missing (checked on submitting); the basis is '' until known.
 */
function draftStandard(input: DeclarationFields) {
  const result = input.form ? evaluateStandardHours(input.form, input.params) : null;
  if (result?.ok) return { standardHours: result.result.hours, standardCovers: result.result.covers, standardBasis: result.result.basis };
  return { standardHours: null, standardCovers: null, standardBasis: '' };
}

/** Free text of a draft: '' (not filled yet) is stored as null. */
const draftRow = <T extends DeclarationFields>(input: T) => ({
  ...withMonths(input),
  title: input.title || null,
  organiser: input.organiser || null,
  assessmentResult: input.assessmentResult || null,
});

/**
 * Form 15 (第八条) lowers the year's requirement instead of adding hours: it claims none (its
 * months on duty are required, see `declarationGaps`). Other forms carry no months (normalised to
 * null before saving).
 */
function reductionProblem(input: { form: FormCode | null; claimedHours: number | null }): string | null {
  if (input.form !== 'reduction') return null;
  if (input.claimedHours != null && input.claimedHours !== 0) return '该学习形式用于按在岗时间折算当年应完成学时，本身不计学时，申报学时请填写0';
  return null;
}

/** The months on duty as stored: only form 15 keeps them. */
const withMonths = <T extends DeclarationFields>(input: T): T & { monthsOnDuty: number | null } => ({
  ...input,
  monthsOnDuty: input.form === 'reduction' ? (input.monthsOnDuty ?? null) : null,
});

/** Only open years can be declared (R-15): the current one, a province window, or a bureau's opening. */
export async function requireYearOpen(q: Queryable, personId: number, year: number, now: Date) {
  const window = await findWindow(q, year);
  const opening = (await activeOpenings(q, personId, now)).find((o) => o.year === year) ?? null;
  const state = yearOpenState({ year, now, window, opening });
  if (!state.open) throw new AppError('YEAR_CLOSED', state.message);
}

/** Reads a declaration of the signed-in professional, or 404. */
async function ownDeclaration(q: Queryable, actor: Actor, id: number): Promise<DeclarationRow> {
  const d = await findDeclaration(q, id);
  if (!d) throw inScope();
  requireAccess(actor, { action: 'declaration.own', declaration: d });
  return d;
}

/** Reads a declaration an admin may see (subtree, 工作部门 scope, permission), or 404/403. */
async function scopedDeclaration(q: Queryable, actor: Actor, id: number, action: 'declaration.read' | 'declaration.review') {
  const d = await findDeclaration(q, id);
  if (!d) throw inScope();
  requireAccess(actor, { action, declaration: d });
  return d;
}

const eventBy = (actor: Actor, meta: RequestMeta) => ({
  actorAccountId: actor.accountId,
  actorName: actor.name,
  orgId: actor.org.id,
  orgName: actor.org.name,
  at: meta.now,
});

// ------------------------------------------------------------------ the professional

export async function declarationOptions(deps: Deps, actor: Actor) {
  requireAccess(actor, { action: 'declaration.own', declaration: { personId: actor.personId } });
  const now = deps.now();
  const current = chinaYear(now);
  const windows = await listWindows(deps.db);
  const openings = await activeOpenings(deps.db, actor.personId, now);
  const years = [...new Set([current, ...windows.map((w) => w.year), ...openings.map((o) => o.year)])].sort((a, b) => b - a);
  const openYears = years.flatMap((year) => {
    const state = yearOpenState({
      year,
      now,
      window: windows.find((w) => w.year === year) ?? null,
      opening: openings.find((o) => o.year === year) ?? null,
    });
    return state.open ? [{ year, until: state.until, reason: state.reason }] : [];
  });
  const caps = new Map((await listCaps(deps.db)).map((c) => [c.form, c.maxHours]));
  return {
    currentYear: current,
    openYears,
    closedMessage: `${PAST_YEAR_CLOSED}，目前仅可申报当年学时。因特殊情况需补报往年学时的，请联系当地人社部门。`,
    subjects: (Object.keys(SUBJECT_LABELS) as DeclarationSubject[]).map((code) => ({ code, label: SUBJECT_LABELS[code] })),
    forms: LEARNING_FORMS.map((f) => ({
      code: f.code,
      label: f.label,
      evidence: [...f.evidence],
      evidenceNote: f.evidenceNote ?? null,
      maxHours: caps.get(f.code) ?? null,
      professionalOnly: PROFESSIONAL_ONLY_FORMS.includes(f.code),
    })),
    attachments: {
      maxFileBytes: ATTACHMENT_LIMITS.maxFileBytes,
      maxTotalBytes: ATTACHMENT_LIMITS.maxTotalBytes,
      maxFiles: ATTACHMENT_LIMITS.maxFiles,
      types: [...ATTACHMENT_LIMITS.types],
      typesLabel: ATTACHMENT_LIMITS.typesLabel,
    },
  };
}

/** 保存暂不提交: a new declaration is a draft; the person uploads evidence, then submits. */
export async function createDeclaration(deps: Deps, meta: RequestMeta, actor: Actor, input: DeclarationFields) {
  requireAccess(actor, { action: 'declaration.own', declaration: { personId: actor.personId } });
  checkDraft(input);
  const id = await deps.db.transaction(async (tx) => {
    await requireYearOpen(tx, actor.personId, input.year, meta.now);
    const account = await professionalAccount(tx, actor.accountId);
    if (!account) throw inScope();
    const d = await insertDeclaration(tx, {
      ...draftRow(input),
      ...draftStandard(input),
      personId: actor.personId,
      accountId: actor.accountId,
      unitId: account.unit.id,
      unitPath: account.unit.path,
      workDepartmentId: account.account.workDepartmentId,
      status: 'draft',
      createdAt: meta.now,
      updatedAt: meta.now,
    });
    await insertEvent(tx, { declarationId: d.id, submissionNo: 0, action: 'create', ...eventBy(actor, meta) });
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.create',
      objectType: 'declaration',
      objectId: d.id,
      scopePath: d.unitPath,
      detail: { year: d.year, form: d.form, claimedHours: d.claimedHours },
    });
    return d.id;
  });
  return ownDeclarationDetail(deps, actor, id);
}

export async function updateDeclaration(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  input: DeclarationFields & { version: number },
) {
  const { version, ...fields } = input;
  checkDraft(fields);
  await deps.db.transaction(async (tx) => {
    const d = await ownDeclaration(tx, actor, id);
    if (!canPerson(d, 'edit')) throw new AppError('CONFLICT', '只有待提交或审核不通过的申报可以修改');
    await requireYearOpen(tx, actor.personId, fields.year, meta.now);
    const updated = await guardedUpdate(
      tx,
      { id, version, statuses: ['draft', 'rejected'] },
      { ...draftRow(fields), ...draftStandard(fields), updatedAt: meta.now },
    );
    if (!updated) throw alreadyHandled();
    await insertEvent(tx, { declarationId: id, submissionNo: d.submissionNo, action: 'update', ...eventBy(actor, meta) });
    await writeAudit(tx, { actor, meta }, { action: 'declaration.update', objectType: 'declaration', objectId: id, scopePath: d.unitPath });
  });
  return ownDeclarationDetail(deps, actor, id);
}

/** A draft can be deleted; it disappears from every list but keeps its history (nothing is lost). */
export async function deleteDeclaration(deps: Deps, meta: RequestMeta, actor: Actor, id: number, version: number) {
  await deps.db.transaction(async (tx) => {
    const d = await ownDeclaration(tx, actor, id);
    if (!canPerson(d, 'delete')) throw new AppError('CONFLICT', '只有待提交的申报可以删除');
    const updated = await guardedUpdate(tx, { id, version, statuses: ['draft'] }, { status: 'deleted', updatedAt: meta.now });
    if (!updated) throw alreadyHandled();
    await insertEvent(tx, { declarationId: id, submissionNo: d.submissionNo, action: 'delete', ...eventBy(actor, meta) });
    await writeAudit(tx, { actor, meta }, { action: 'declaration.delete', objectType: 'declaration', objectId: id, scopePath: d.unitPath });
  });
}

/**
 * Submits a draft, or resubmits a corrected rejected declaration as a new submission (R-14): the
 * window, the evidence, the province's cap and the facts are checked, and the review chain of the
 * person's unit today is frozen on the record (R-16).
 */
export async function submitDeclaration(deps: Deps, meta: RequestMeta, actor: Actor, id: number, version: number) {
  await deps.db.transaction(async (tx) => {
    const d = await ownDeclaration(tx, actor, id);
    if (!canPerson(d, 'submit')) throw new AppError('CONFLICT', '只有待提交或审核不通过的申报可以提交');
    await requireYearOpen(tx, actor.personId, d.year, meta.now);
    const { complete, standard } = requireComplete(d);
    if (complete.endDate > chinaDateOf(meta.now)) throw new AppError('VALIDATION', '学习尚未结束（结束日期晚于今天），结束后再提交申报');
    const cap = await findCap(tx, complete.form);
    const overCap = capMessage(formLabel(complete.form), complete.claimedHours, cap?.maxHours ?? null);
    if (overCap) throw new AppError('OVER_CAP', overCap, { maxHours: cap!.maxHours });
    const { files } = await attachmentTotals(tx, id);
    if (files === 0) {
      const form = FORMS.get(complete.form);
      throw new AppError('VALIDATION', `请先上传证明材料（${form?.evidence.join('、') ?? '相关证明'}）`);
    }
    const account = await professionalAccount(tx, actor.accountId);
    if (!account) throw inScope();
    const chain = reviewChainOf(await pathOrgs(tx, account.unit.path));
    const submissionNo = d.submissionNo + 1;
    const updated = await guardedUpdate(
      tx,
      { id, version, statuses: ['draft', 'rejected'] },
      {
        status: 'pending',
        submissionNo,
        reviewChain: chain,
        currentLevel: 0,
        currentReviewerOrgId: chain[0]!,
        unitId: account.unit.id,
        unitPath: account.unit.path,
        workDepartmentId: account.account.workDepartmentId,
        accountId: actor.accountId,
        standardHours: standard.hours,
        standardCovers: standard.covers,
        standardBasis: standard.basis,
        submittedAt: meta.now,
        rejectedAt: null,
        rejectReason: null,
        rejectedByOrgId: null,
        updatedAt: meta.now,
      },
    );
    if (!updated) throw alreadyHandled();
    await insertEvent(tx, { declarationId: id, submissionNo, action: 'submit', ...eventBy(actor, meta) });
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.submit',
      objectType: 'declaration',
      objectId: id,
      scopePath: account.unit.path,
      detail: { submissionNo, chain },
    });
  });
  return ownDeclarationDetail(deps, actor, id);
}

/** 撤销: while the first level has not acted the person takes the submission back to a draft (R-14). */
export async function revokeDeclaration(deps: Deps, meta: RequestMeta, actor: Actor, id: number, version: number) {
  await deps.db.transaction(async (tx) => {
    const d = await ownDeclaration(tx, actor, id);
    if (!canPerson(d, 'revoke')) {
      if (d.batchId != null) {
        if ((await batchDeclarerKind(tx, d.batchId)) === 'base') throw new AppError('CONFLICT', BASE_RECORD_REVOKE_MESSAGE);
        throw new AppError('CONFLICT', '该记录由单位（主管部门）批量申报，本人不能撤销；如有错误，请联系申报单位撤回');
      }
      if (d.transferId != null) throw new AppError('CONFLICT', '外省转入的学时请在“外省学时转入”页面整份撤回申请');
      if (d.status === 'pending') {
        throw new AppError('CONFLICT', '单位已审核通过，不能自行撤销；如需撤销，请联系正在审核的上级部门驳回');
      }
      throw new AppError('CONFLICT', '只有待审核的申报可以撤销');
    }
    const updated = await guardedUpdate(
      tx,
      { id, version, statuses: ['pending'], currentLevel: 0 },
      { status: 'draft', currentLevel: null, currentReviewerOrgId: null, updatedAt: meta.now },
    );
    // The unit acted in between: its decision stands.
    if (!updated) throw alreadyHandled();
    await insertEvent(tx, { declarationId: id, submissionNo: d.submissionNo, action: 'revoke', ...eventBy(actor, meta) });
    await writeAudit(tx, { actor, meta }, { action: 'declaration.revoke', objectType: 'declaration', objectId: id, scopePath: d.unitPath });
  });
  return ownDeclarationDetail(deps, actor, id);
}

export async function listMyDeclarations(
  deps: Deps,
  actor: Actor,
  query: { year?: number; status?: DeclarationStatus; after?: number; limit: number },
) {
  requireAccess(actor, { action: 'declaration.own', declaration: { personId: actor.personId } });
  const rows = await listOwn(deps.db, actor.personId, { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { items: page.map(listRowSummary), nextAfter: rows.length > query.limit ? page[page.length - 1]!.d.id : null };
}

export async function ownDeclarationDetail(deps: Deps, actor: Actor, id: number): Promise<DeclarationDetail> {
  const d = await ownDeclaration(deps.db, actor, id);
  return buildDetail(deps.db, d, {
    edit: canPerson(d, 'edit'),
    delete: canPerson(d, 'delete'),
    submit: canPerson(d, 'submit'),
    revoke: canPerson(d, 'revoke'),
    review: false,
  });
}

async function buildDetail(
  q: Queryable,
  d: DeclarationRow,
  permissions: DeclarationDetail['can'],
  forReviewer = false,
): Promise<DeclarationDetail> {
  const [rows, attachments, events, person, samples] = [
    await listByIds(q, [d.id]),
    await listAttachments(q, d.id),
    await listEvents(q, d.id),
    await personBrief(q, d.personId),
    await samplesOfDeclaration(q, d.id),
  ];
  const orgs = await orgsByIds(q, [...d.reviewChain, d.unitId]);
  const form = d.form ? FORMS.get(d.form) : undefined;
  return {
    ...listRowSummary(rows[0]!),
    assessmentResult: d.assessmentResult ?? '',
    params: d.params,
    note: d.note,
    evidence: [...(form?.evidence ?? [])],
    evidenceNote: form?.evidenceNote ?? null,
    attachments: attachments.map(toAttachment),
    batchEvidence: forReviewer && d.batchId != null ? await batchEvidenceFiles(q, d.batchId) : [],
    chain: chainSteps(d, orgs),
    history: events.map((e) => toEvent(e, d.reviewChain.length)),
    person: { name: person?.name ?? '', idNumberMasked: person ? maskIdNumber(person.idNumber) : '' },
    unitName: orgs.get(d.unitId)?.name ?? '',
    workDepartmentName: await workDepartmentName(q, d.workDepartmentId),
    samples: samples.map((s) => ({ sampleId: s.sampleId, outcome: s.outcome, reason: s.reason })),
    overlapWarning: forReviewer ? ((await overlapWarnings(q, [d])).get(d.id) ?? null) : null,
    can: permissions,
  };
}

// ------------------------------------------------------------------ reviewers

export async function adminDeclarationDetail(deps: Deps, actor: Actor, id: number): Promise<DeclarationDetail> {
  const d = await scopedDeclaration(deps.db, actor, id, 'declaration.read');
  const turn = reviewTurn(d, actor.org.id);
  return buildDetail(deps.db, d, {
    edit: false,
    delete: false,
    submit: false,
    revoke: false,
    review: turn.kind === 'your_turn' && allows(actor, { action: 'declaration.review', declaration: d }),
  }, true);
}

/** The admin home page's count of declarations waiting for the signed-in admin (R-16). */
export async function pendingDeclarationCount(q: Queryable, actor: Actor): Promise<number> {
  if (!allows(actor, { action: 'declaration.awaiting', org: actor.org })) return 0;
  return countAwaiting(q, actor.org.id, actor.workDepartmentIds);
}

export type ReviewView = 'awaiting' | 'pending' | 'approved' | 'rejected' | 'revoked';

export async function reviewQueue(
  deps: Deps,
  actor: Actor,
  query: {
    year?: number;
    status: ReviewView;
    form?: FormCode;
    subject?: DeclarationSubject;
    name?: string;
    idNumber?: string;
    workDepartmentId?: number;
    overStandard?: 'true' | 'false';
    source?: 'base';
    after?: number;
    limit: number;
  },
) {
  const own = await findOrg(deps.db, actor.org.id);
  if (!own) throw inScope();
  requireAccess(actor, { action: 'declaration.list', org: own });
  const year = query.year ?? chinaYear(deps.now());
  const filters: ListFilters = {
    form: query.form,
    subject: query.subject,
    name: query.name || undefined,
    idNumber: query.idNumber ? query.idNumber.toUpperCase() : undefined,
    workDepartmentId: query.workDepartmentId,
    workDepartmentScope: actor.workDepartmentIds,
    overStandard: query.overStandard === undefined ? undefined : query.overStandard === 'true',
    // 继教基地学时审核 (R-29) is a list of its own; 学时审核 shows everything else.
    source: query.source === 'base' ? 'base' : 'other',
  };
  if (query.status === 'awaiting') requireAccess(actor, { action: 'declaration.awaiting', org: own });
  const reviewer = allows(actor, { action: 'declaration.awaiting', org: own });
  const limit = query.limit + 1;
  const rows =
    query.status === 'awaiting'
      ? await listAwaiting(deps.db, { orgId: own.id, year, filters, after: query.after, limit })
      : await listInSubtree(deps.db, {
          path: own.path,
          // The province (depth 0) and the cities and directly administered counties (depth 1): most of
          // a year's records are theirs, so one page is a short walk of the year's index.
          wide: own.kind === 'hrss' && own.depth <= 1,
          year,
          status: query.status as DeclarationRowStatus,
          filters,
          after: query.after,
          limit,
        });
  const page = rows.slice(0, query.limit);
  // The per-year counts read the organisation's whole queue: counted for the first page only (the
  // console shows them above the list), not again for every page after it.
  const byYear = reviewer && !query.after ? await awaitingByYear(deps.db, own.id, actor.workDepartmentIds, filters.source) : [];
  const others = byYear.filter((y) => y.year !== year);
  const otherYearsAwaiting = others.reduce((n, y) => n + y.count, 0);
  return {
    year,
    status: query.status,
    items: await (async () => {
      const warnings = await overlapWarnings(deps.db, page.map((r) => r.d));
      return page.map((r) => ({ ...toQueueItem(r, warnings.get(r.d.id) ?? null), ownMatter: r.d.personId === actor.personId }));
    })(),
    nextAfter: rows.length > query.limit ? page[page.length - 1]!.d.id : null,
    awaitingByYear: byYear,
    otherYearsAwaiting,
    otherYearsHint:
      otherYearsAwaiting > 0
        ? `其他年度还有 ${otherYearsAwaiting} 条待审核（${others.map((y) => `${y.year}年度 ${y.count} 条`).join('，')}），请切换“认证年度”后查看`
        : null,
  };
}

export interface ReviewOutcome {
  id: number;
  status: DeclarationStatus;
  statusLabel: string;
  message: string;
}

/**
 * One reviewer's decision at their level of the chain (R-16). Outside the subtree or 工作部门 scope:
 * 404. On the chain but not yet their turn (a lower level has not passed it): 409 NOT_YOUR_TURN —
 * the record is visible in their subtree, so pretending it does not exist would be wrong. Already
 * decided (by a colleague, or it moved on): 409 ALREADY_HANDLED. Rejection at the first level is
 * 审核不通过, at a later level 驳回; both return the record to the person with the reason.
 */
export async function decideDeclaration(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  decision: ReviewDecision,
): Promise<ReviewOutcome> {
  return deps.db.transaction((tx) => decideInTransaction(tx, meta, actor, id, decision));
}

/** 通过 with an optional 审核意见; 不通过 / 驳回 with its reason. */
export type ReviewDecision = { approve: true; version: number; comment?: string } | { approve: false; version: number; reason: string };

/**
 * One reviewer's decision on one record inside the caller's transaction: guarded update, event,
 * counted-hours hooks and audit row. Whole-batch decisions (declaration-batches) run it for every
 * row of the batch in one transaction, so that the batch and its rows change together or not at all.
 */
export async function decideInTransaction(tx: Queryable, meta: RequestMeta, actor: Actor, id: number, decision: ReviewDecision): Promise<ReviewOutcome> {
  const d = await scopedDeclaration(tx, actor, id, 'declaration.review');
  requireAccess(actor, { action: 'declaration.review', declaration: d, subjectPersonIds: [d.personId] });
  const turn = reviewTurn(d, actor.org.id);
  if (turn.kind === 'handled') throw alreadyHandled();
  if (turn.kind === 'not_in_chain') {
    throw new AppError('NOT_YOUR_TURN', '该申报的审核流程不经过本机构，无需本机构审核');
  }
  if (turn.kind === 'not_yet') {
    const waiting = (await orgsByIds(tx, [d.reviewChain[turn.currentLevel]!])).get(d.reviewChain[turn.currentLevel]!);
    throw new AppError('NOT_YOUR_TURN', `该申报正等待${waiting?.name ?? '下级单位'}审核，下级审核通过后才轮到本机构审核`);
  }
  const level = turn.level;
  const next = afterDecision(decision.approve ? 'approve' : 'reject', level, d.reviewChain.length);
  const reason = decision.approve ? null : decision.reason;
  const comment = decision.approve ? decision.comment?.trim() || null : null;
  const updated = await guardedUpdate(
    tx,
    { id, version: decision.version, statuses: ['pending'], currentLevel: level },
    {
      status: next.status,
      currentLevel: next.currentLevel,
      currentReviewerOrgId: next.currentLevel == null ? null : d.reviewChain[next.currentLevel]!,
      ...(next.status === 'approved' ? { approvedAt: meta.now } : {}),
      ...(next.status === 'rejected' ? { rejectedAt: meta.now, rejectReason: reason, rejectedByOrgId: actor.org.id } : {}),
      updatedAt: meta.now,
    },
  );
  if (!updated) throw alreadyHandled();
  const action = decision.approve ? 'approve' : rejectionAction(level);
  // The event's text is the reason of a refusal or the 审核意见 of an approval.
  await insertEvent(tx, { declarationId: id, submissionNo: d.submissionNo, action, level, reason: reason ?? comment, ...eventBy(actor, meta) });
  // 备案: the record counts from now on; what depends on the counted hours follows in this transaction.
  if (next.status === 'approved') {
    await countedHoursChanged(tx, { personId: d.personId, year: d.year, declarationId: id, cause: 'approved', reason: null, actor, meta });
  }
  await writeAudit(tx, { actor, meta }, {
    action: `declaration.${action}`,
    objectType: 'declaration',
    objectId: id,
    scopePath: d.unitPath,
    detail: { level: level + 1, of: d.reviewChain.length, ...(reason ? { reason } : {}), ...(comment ? { comment } : {}) },
  });
  let message: string;
  if (next.status === 'approved') message = `审核通过并备案，${d.claimedHours}学时已计入${d.year}年度`;
  else if (next.status === 'pending') {
    const nextOrg = (await orgsByIds(tx, [d.reviewChain[next.currentLevel!]!])).get(d.reviewChain[next.currentLevel!]!);
    message = `审核通过，已提交${nextOrg?.name ?? '上级部门'}审核`;
  } else message = action === 'return' ? '已驳回，退回本人修改' : '审核不通过，已退回本人修改';
  return { id, status: next.status, statusLabel: DECLARATION_STATUS_LABELS[next.status], message };
}

/**
 * Approves or rejects many records, each in its own transaction, with a result per record (one
 * colleague's earlier decision fails only that record). A record outside the admin's scope fails
 * the whole request with 404: the page only offers records of the admin's own queue.
 */
export async function bulkDecide(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  body: { decision: 'approve' | 'reject'; reason?: string; items: { id: number; version: number }[] },
) {
  for (const item of body.items) await scopedDeclaration(deps.db, actor, item.id, 'declaration.review');
  const results = [];
  for (const item of body.items) {
    try {
      const outcome = await decideDeclaration(
        deps,
        meta,
        actor,
        item.id,
        body.decision === 'approve'
          ? { approve: true, version: item.version, comment: body.reason }
          : { approve: false, version: item.version, reason: body.reason ?? '' },
      );
      results.push({ id: item.id, ok: true, status: outcome.status, code: null, message: outcome.message });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id: item.id, ok: false, status: null, code: err.code, message: err.message });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { succeeded, failed: results.length - succeeded, results };
}

