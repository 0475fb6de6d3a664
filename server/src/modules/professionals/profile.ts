import { sealIdNumber, sealPhone } from '../../db/pii';
import {
  validateIdNumber,
  type ChangeRequestKind,
  type ProfessionalProfile,
  type profileUpdateRequest,
  type TitleLevel,
} from '@ce/shared';
import type { z } from 'zod';
import type { Queryable, Tx } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError, alreadyHandled, isUniqueViolation } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { updatePerson } from '../auth/repo';
import { findOrg } from '../organisations/repo';
import { IMAGE_TYPES, MB, discardStaged, openStoredFile, recordFile, stageUpload, storageOf, type StagedFile } from '../files/attachments';
import type { UploadedFile } from '../files/multipart';
import { canReview, outOfScope, ownProfessional, professionalOr404 } from './common';
import { toAdminChangeItem, toChangeItem, toProfile } from './presenters';
import {
  changeRequestsOfPerson,
  changeRequestsOfUnit,
  findChangeRequest,
  idNumberTakenByOther,
  insertChangeRequest as insertChangeRequestRow,
  liveTransferOfPerson,
  updatePendingChangeRequest,
  updateProfile,
  type ChangeRequestRow,
  type ProfessionalRow,
} from './repo';
import { changedFields, checkIdentityChange, identityChangeBlock } from './rules';

export const PHOTO_MAX_BYTES = 5 * MB;
export const CHANGE_SUBMITTED = '信息已经提交审核';

const today = (now: Date) => now.toISOString().slice(0, 10);

export async function myProfile(deps: Deps, actor: Actor): Promise<ProfessionalProfile> {
  const row = await ownProfessional(deps.db, actor);
  return describeProfile(deps.db, row, deps.now());
}

async function describeProfile(q: Queryable, row: ProfessionalRow, now: Date): Promise<ProfessionalProfile> {
  const requests = await changeRequestsOfPerson(q, row.person.id);
  const transfer = await liveTransferOfPerson(q, row.person.id);
  const block = identityChangeBlock(requests.filter((r) => r.kind === 'identity'), now);
  return toProfile(row, requests, transfer, block);
}

/** 基本信息修改: saved at once, without review. */
export async function updateMyProfile(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  patch: z.output<typeof profileUpdateRequest>,
): Promise<ProfessionalProfile> {
  await deps.db.transaction(async (tx) => {
    const row = await ownProfessional(tx, actor);
    const current = {
      phone: row.person.phone,
      email: row.person.email,
      ethnicity: row.profile.ethnicity,
      nativePlace: row.profile.nativePlace,
      graduatedSchool: row.profile.graduatedSchool,
      major: row.profile.major,
    };
    const next = {
      ...patch,
      ...(patch.nativePlace !== undefined ? { nativePlace: patch.nativePlace?.trim() || null } : {}),
      ...(patch.graduatedSchool !== undefined ? { graduatedSchool: patch.graduatedSchool?.trim() || null } : {}),
    };
    const changed = changedFields(current, next);
    if (changed.length === 0) return;
    const pick = <K extends keyof typeof next>(keys: K[]) =>
      Object.fromEntries(keys.filter((k) => next[k] !== undefined).map((k) => [k, next[k]]));
    const { phone, ...contact } = pick(['phone', 'email']);
    const personValues = { ...contact, ...(phone !== undefined ? { phoneEnc: sealPhone(phone as string | null) } : {}) };
    if (Object.keys(personValues).length) {
      await updatePerson(tx, row.person.id, personValues);
    }
    await updateProfile(tx, row.person.id, { ...pick(['ethnicity', 'nativePlace', 'graduatedSchool', 'major']), updatedAt: meta.now });
    await writeAudit(tx, { actor, meta }, {
      action: 'professional.profile.update',
      objectType: 'account',
      objectId: row.account.id,
      scopePath: row.unit.path,
      detail: { fields: changed },
    });
  });
  return myProfile(deps, actor);
}

async function refuseDuringTransfer(q: Queryable, personId: number) {
  if (await liveTransferOfPerson(q, personId)) {
    throw new AppError('CONFLICT', '单位调转办理中，暂不能提交变更申请');
  }
}

async function insertChangeRequest(
  tx: Tx,
  meta: RequestMeta,
  actor: Actor,
  row: ProfessionalRow,
  values: { kind: ChangeRequestKind; before: Record<string, string>; after: Record<string, string>; frontFileId?: number; backFileId?: number },
) {
  const request = await insertChangeRequestRow(tx, {
    personId: row.person.id,
    accountId: row.account.id,
    orgId: row.unit.id,
    status: 'pending',
    createdAt: meta.now,
    ...values,
  });
  await writeAudit(tx, { actor, meta }, {
    action: 'professional.change.submit',
    objectType: 'changeRequest',
    objectId: request.id,
    scopePath: row.unit.path,
    detail: { kind: values.kind, fields: Object.keys(values.after).filter((k) => values.after[k] !== values.before[k]) },
  });
  return request;
}

const pendingOfKind = (kind: ChangeRequestKind) =>
  new AppError('CONFLICT', kind === 'title' ? '已有待审核的专业技术职务修改申请' : '已有待审核的证件信息修改申请，请等待单位审核或先撤回');

/** 专业技术职务 change: a request the unit approves, then it applies. */
export async function submitTitleChange(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: { titleSeries: string; titleLevel: TitleLevel },
) {
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await ownProfessional(tx, actor);
      if (row.profile.titleSeries === input.titleSeries && row.profile.titleLevel === input.titleLevel) {
        throw new AppError('VALIDATION', '新的专业技术职务与当前一致，无需修改');
      }
      await refuseDuringTransfer(tx, row.person.id);
      const request = await insertChangeRequest(tx, meta, actor, row, {
        kind: 'title',
        before: { titleSeries: row.profile.titleSeries, titleLevel: row.profile.titleLevel },
        after: { titleSeries: input.titleSeries, titleLevel: input.titleLevel },
      });
      return { id: request.id, message: CHANGE_SUBMITTED };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw pendingOfKind('title');
    throw err;
  }
}

/**
 * 证件信息修改: a new name or a new ID number (one of them stays), with photos of the ID
 * card's two sides, reviewed by the unit; at most once in 30 days (rules.identityChangeBlock).
 */
export async function submitIdentityChange(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: { name?: string; idNumber?: string; front: UploadedFile; back: UploadedFile },
) {
  const row = await ownProfessional(deps.db, actor);
  const check = checkIdentityChange({ name: row.person.name, idNumber: row.person.idNumber }, input, today(meta.now));
  if (!check.ok) throw new AppError('VALIDATION', check.message);
  if (check.changed.includes('idNumber') && (await idNumberTakenByOther(deps.db, check.after.idNumber, row.person.id))) {
    throw new AppError('CONFLICT', '新的身份证号已被其他人员使用，请核实');
  }
  const storage = storageOf(deps.config);
  const staged: StagedFile[] = [];
  try {
    for (const [upload, label] of [
      [input.front, '身份证正面照片'],
      [input.back, '身份证反面照片'],
    ] as const) {
      staged.push(await stageUpload(storage, upload, { allowed: IMAGE_TYPES, maxBytes: PHOTO_MAX_BYTES, label, now: meta.now }));
    }
    return await deps.db.transaction(async (tx) => {
      const history = (await changeRequestsOfPerson(tx, row.person.id)).filter((r) => r.kind === 'identity');
      const block = identityChangeBlock(history, meta.now);
      if (block) throw new AppError('CONFLICT', block.message);
      await refuseDuringTransfer(tx, row.person.id);
      const front = await recordFile(tx, staged[0]!, { uploadedByAccountId: actor.accountId, now: meta.now });
      const back = await recordFile(tx, staged[1]!, { uploadedByAccountId: actor.accountId, now: meta.now });
      const request = await insertChangeRequest(tx, meta, actor, row, {
        kind: 'identity',
        before: { name: row.person.name, idNumber: row.person.idNumber },
        after: check.after,
        frontFileId: front.id,
        backFileId: back.id,
      });
      return { id: request.id, message: CHANGE_SUBMITTED };
    });
  } catch (err) {
    await discardStaged(storage, staged);
    if (isUniqueViolation(err)) throw pendingOfKind('identity');
    throw err;
  }
}

/** 变更记录: every change request of the person and its outcome. */
export async function myChangeRequests(deps: Deps, actor: Actor) {
  const row = await ownProfessional(deps.db, actor);
  const requests = await changeRequestsOfPerson(deps.db, row.person.id);
  return { items: requests.map((r) => toChangeItem(r, true)) };
}

async function ownChangeRequest(q: Queryable, actor: Actor, id: number): Promise<ChangeRequestRow> {
  const request = await findChangeRequest(q, id);
  if (!request) throw outOfScope();
  requireAccess(actor, { action: 'professional.self', personId: request.personId });
  return request;
}

export async function withdrawChangeRequest(deps: Deps, meta: RequestMeta, actor: Actor, id: number) {
  await deps.db.transaction(async (tx) => {
    const request = await ownChangeRequest(tx, actor, id);
    const updated = await updatePendingChangeRequest(tx, id, null, { status: 'withdrawn', reviewedAt: meta.now, version: request.version + 1 });
    if (!updated) throw alreadyHandled();
    const unit = await findOrg(tx, request.orgId);
    await writeAudit(tx, { actor, meta }, {
      action: 'professional.change.withdraw',
      objectType: 'changeRequest',
      objectId: id,
      scopePath: unit?.path ?? null,
      detail: { kind: request.kind },
    });
  });
}

const photoOf = (request: ChangeRequestRow, side: 'front' | 'back') => {
  const fileId = side === 'front' ? request.frontFileId : request.backFileId;
  if (fileId == null) throw new AppError('NOT_FOUND', '该申请没有证件照片');
  return fileId;
};

export async function myChangePhoto(deps: Deps, actor: Actor, id: number, side: 'front' | 'back') {
  const request = await ownChangeRequest(deps.db, actor, id);
  return openStoredFile(deps.db, storageOf(deps.config), photoOf(request, side));
}

// ------------------------------------------------------------------ review (the unit)

/** A change request and what access needs to decide about it: its reviewing unit, the person's 工作部门. */
async function changeRequestInScope(q: Queryable, id: number) {
  const request = await findChangeRequest(q, id);
  if (!request) throw outOfScope();
  const unit = await findOrg(q, request.orgId);
  const row = await professionalOr404(q, request.accountId);
  return { request, row, target: { unit: unit!, workDepartmentId: row.account.workDepartmentId } };
}

export async function listUnitChangeRequests(
  deps: Deps,
  actor: Actor,
  opts: { status: ChangeRequestRow['status']; kind?: ChangeRequestKind; after?: number; limit: number },
) {
  requireAccess(actor, { action: 'professional.list', org: actor.org });
  if (!canReview(actor)) return { items: [], nextAfter: null };
  const rows = await changeRequestsOfUnit(deps.db, actor.org.id, { ...opts, workDepartmentIds: actor.workDepartmentIds, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map((r) =>
      toAdminChangeItem(
        r.request,
        false,
        { accountId: r.request.accountId, name: r.name, idNumber: r.idNumber, workDepartment: r.workDepartment },
        { id: r.request.orgId, name: r.unitName },
      ),
    ),
    nextAfter: rows.length > opts.limit ? page[page.length - 1]!.request.id : null,
  };
}

/** One change request; ID numbers in full only for the reviewing unit's admins. */
export async function changeRequestDetail(deps: Deps, actor: Actor, id: number) {
  const { request, row, target } = await changeRequestInScope(deps.db, id);
  requireAccess(actor, { action: 'professional.read', professional: target });
  return toAdminChangeItem(
    request,
    actor.org.id === request.orgId,
    { accountId: row.account.id, name: row.person.name, idNumber: row.person.idNumber, workDepartment: row.workDepartment },
    target.unit,
  );
}

/** ID card photos: only for the reviewers of the request (and its owner, through /api/me). */
export async function changePhotoForReviewer(deps: Deps, actor: Actor, id: number, side: 'front' | 'back') {
  const { request, target } = await changeRequestInScope(deps.db, id);
  requireAccess(actor, { action: 'professional.review', professional: target });
  return openStoredFile(deps.db, storageOf(deps.config), photoOf(request, side));
}

/**
 * The unit decides a change request. Approval applies it: the new 专业技术职务, or the new name /
 * ID number (which must still be free). The certificate number never changes.
 */
export async function reviewChangeRequest(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  decision: { approve: true; version: number } | { approve: false; version: number; reason: string },
) {
  try {
    return await deps.db.transaction(async (tx) => {
      const { request, row, target } = await changeRequestInScope(tx, id);
      requireAccess(actor, { action: 'professional.review', professional: target, subjectPersonIds: [request.personId] });
      const status = decision.approve ? ('approved' as const) : ('rejected' as const);
      const updated = await updatePendingChangeRequest(tx, id, decision.version, {
        status,
        rejectReason: decision.approve ? null : decision.reason,
        reviewedAt: meta.now,
        reviewedByAccountId: actor.accountId,
        version: request.version + 1,
      });
      if (!updated) throw alreadyHandled();
      if (decision.approve) await applyChange(tx, request, row, meta.now);
      await writeAudit(tx, { actor, meta }, {
        action: decision.approve ? 'professional.change.approve' : 'professional.change.reject',
        objectType: 'changeRequest',
        objectId: id,
        scopePath: target.unit.path,
        detail: { kind: request.kind, name: row.person.name, ...(decision.approve ? {} : { reason: decision.reason }) },
      });
      return { status };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '新的身份证号已被其他人员使用，不能通过');
    throw err;
  }
}

async function applyChange(tx: Tx, request: ChangeRequestRow, row: ProfessionalRow, now: Date) {
  const after = request.after;
  if (request.kind === 'title') {
    await updateProfile(tx, row.person.id, { titleSeries: after.titleSeries!, titleLevel: after.titleLevel as TitleLevel, updatedAt: now });
    return;
  }
  const idNumber = after.idNumber!;
  if (idNumber !== row.person.idNumber) {
    const check = validateIdNumber(idNumber, today(now));
    if (!check.ok) throw new AppError('VALIDATION', check.message);
    if (await idNumberTakenByOther(tx, idNumber, row.person.id)) {
      throw new AppError('CONFLICT', '新的身份证号已被其他人员使用，不能通过');
    }
    // Birth date and gender follow the corrected ID number; the certificate number stays.
    await updateProfile(tx, row.person.id, { birthDate: check.birthDate, gender: check.gender, updatedAt: now });
  }
  await updatePerson(tx, row.person.id, { name: after.name!, ...sealIdNumber(idNumber) });
}
