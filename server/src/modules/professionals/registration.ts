import { idNumberIndexOf } from '../../db/pii';
import { checkIdAgainst, type professionalRegistrationRequest } from '@ce/shared';
import type { z } from 'zod';
import type { Queryable } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError, alreadyHandled, isUniqueViolation } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { consumeRateLimit } from '../ratelimit/ratelimit';
import { personForNewAccount, requireValidIdNumber } from '../auth/persons';
import { REGISTRATION_SUBMITTED } from '../organisations/service';
import { activeUnit, canReview, checkWorkDepartment, outOfScope, professionalOr404 } from './common';
import { targetOf, toRegistrationItem } from './presenters';
import {
  allocateCertificateNumber,
  findProfile,
  insertAccount,
  insertProfile,
  pendingRegistrationsOf,
  professionalAccountsWithUnit,
  updateAccountStatusIfCurrent,
  updateProfile,
} from './repo';

type RegistrationInput = z.output<typeof professionalRegistrationRequest>;
type ProfileFields = Pick<
  RegistrationInput,
  'gender' | 'birthDate' | 'ethnicity' | 'nativePlace' | 'graduatedSchool' | 'major' | 'titleSeries' | 'titleLevel'
>;

const blankToNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/**
 * Writes the professional profile of a person and returns their certificate number. The number is
 * allocated once, at the person's first registration; a re-registration after a rejection
 * or a withdrawal keeps it, whatever unit or region the person picks this time.
 */
export async function saveProfile(tx: Queryable, personId: number, unitRegionCode: string, fields: ProfileFields, now: Date) {
  const values = {
    gender: fields.gender,
    birthDate: fields.birthDate,
    ethnicity: fields.ethnicity ?? null,
    nativePlace: blankToNull(fields.nativePlace),
    graduatedSchool: blankToNull(fields.graduatedSchool),
    major: fields.major,
    titleSeries: fields.titleSeries,
    titleLevel: fields.titleLevel,
    archivedAt: null,
    archivedByAccountId: null,
    archiveReason: null,
    updatedAt: now,
  };
  const existing = await findProfile(tx, personId);
  if (existing) {
    await updateProfile(tx, personId, values);
    return existing.certNo;
  }
  const certNo = await allocateCertificateNumber(tx, unitRegionCode);
  await insertProfile(tx, { personId, certNo, createdAt: now, ...values });
  return certNo;
}

/** A professional registers under their unit; the unit's admins approve. */
export async function registerProfessional(deps: Deps, meta: RequestMeta, input: RegistrationInput) {
  // A school registers its teachers from one address on the same afternoon: generous per address.
  await consumeRateLimit(deps.db, `register-professional:ip:${meta.ip}`, 200, 3600, meta.now);
  const idNumber = requireValidIdNumber(input.idNumber, meta.now);
  // "已是本系统用户" checks the existing password: no more guesses per person than the login allows.
  await consumeRateLimit(deps.db, `register-professional:id:${idNumberIndexOf(idNumber)}`, 10, 3600, meta.now);
  const mismatch = checkIdAgainst({ idNumber, birthDate: input.birthDate, gender: input.gender });
  if (mismatch) throw new AppError('VALIDATION', mismatch);
  const unit = await activeUnit(deps.db, input.unitId);
  const workDepartmentId = await checkWorkDepartment(deps.db, unit, input.workDepartmentId);
  try {
    return await deps.db.transaction(async (tx) => {
      const { personId, existingUser } = await personForNewAccount(tx, {
        idNumber,
        name: input.name,
        phone: input.phone,
        email: input.email,
        password: input.password,
        role: 'professional',
        now: meta.now,
      });
      const account = await insertAccount(tx, {
        personId,
        role: 'professional',
        orgId: unit.id,
        orgPath: unit.path,
        status: 'pending',
        workDepartmentId,
        createdAt: meta.now,
      });
      // Last, so the counter row's lock is held for as short a time as possible.
      const certNo = await saveProfile(tx, personId, unit.regionCode, input, meta.now);
      await writeAudit(tx, { actor: null, meta, actorName: input.name }, {
        action: 'registration.professional.submit',
        objectType: 'account',
        objectId: account.id,
        scopePath: unit.path,
        detail: { name: input.name, unit: unit.name, certNo, existingUser },
      });
      return { id: account.id, message: REGISTRATION_SUBMITTED, approverName: unit.name };
    });
  } catch (err) {
    // Two submissions of one ID number at once: the unique indexes let one through.
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '该身份证号已注册专业技术人员账号，不能重复注册');
    throw err;
  }
}

// ------------------------------------------------------------------ review (the unit)

/** The unit's queue of pending registrations (a 工作部门-scoped admin: their 工作部门 only). */
export async function pendingProfessionalRegistrations(
  deps: Deps,
  actor: Actor,
  opts: { workDepartmentId?: number; after?: number; limit: number },
) {
  requireAccess(actor, { action: 'professional.list', org: actor.org });
  if (!canReview(actor)) return { items: [], nextAfter: null };
  const rows = await pendingRegistrationsOf(deps.db, actor.org.id, {
    workDepartmentIds: actor.workDepartmentIds,
    workDepartmentId: opts.workDepartmentId,
    after: opts.after,
    limit: opts.limit + 1,
  });
  const page = rows.slice(0, opts.limit);
  return { items: page.map(toRegistrationItem), nextAfter: rows.length > opts.limit ? page[page.length - 1]!.account.id : null };
}

export type Decision = { approve: true; version: number } | { approve: false; version: number; reason: string };

/** Approves or rejects one registration; guarded so that of two reviewers exactly one decides. */
export async function reviewProfessionalRegistration(deps: Deps, meta: RequestMeta, actor: Actor, accountId: number, decision: Decision) {
  return deps.db.transaction(async (tx) => {
    const row = await professionalOr404(tx, accountId);
    requireAccess(actor, { action: 'professional.review', professional: targetOf(row), subjectPersonIds: [row.account.personId] });
    const status = decision.approve ? ('active' as const) : ('rejected' as const);
    const reason = decision.approve ? null : decision.reason;
    const updated = await updateAccountStatusIfCurrent(
      tx,
      accountId,
      { status: 'pending', version: decision.version },
      { status, rejectReason: reason, reviewedAt: meta.now, reviewedByAccountId: actor.accountId, version: row.account.version + 1 },
    );
    if (!updated) throw alreadyHandled();
    await writeAudit(tx, { actor, meta }, {
      action: decision.approve ? 'registration.professional.approve' : 'registration.professional.reject',
      objectType: 'account',
      objectId: accountId,
      scopePath: row.unit.path,
      detail: { name: row.person.name, ...(reason ? { reason } : {}) },
    });
    return { status };
  });
}

/**
 * Many registrations at once. Every id must be a registration the actor may decide — otherwise the
 * whole request is refused (404/403) and nothing happens; then each item is decided on its own
 * (its own transaction), and the answer reports each one (e.g. ALREADY_HANDLED when another
 * reviewer was quicker).
 */
export async function bulkReviewProfessionalRegistrations(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: { items: { id: number; version: number }[]; approve: boolean; reason?: string },
) {
  const ids = [...new Set(input.items.map((i) => i.id))];
  const found = await professionalAccountsWithUnit(deps.db, ids);
  for (const id of ids) {
    const row = found.find((f) => f.account.id === id);
    if (!row) throw outOfScope();
    requireAccess(actor, { action: 'professional.review', professional: { unit: row.unit, workDepartmentId: row.account.workDepartmentId } });
  }
  const results = [];
  for (const item of input.items) {
    const decision: Decision = input.approve
      ? { approve: true, version: item.version }
      : { approve: false, version: item.version, reason: input.reason ?? '' };
    try {
      const { status } = await reviewProfessionalRegistration(deps, meta, actor, item.id, decision);
      results.push({ id: item.id, ok: true, status });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id: item.id, ok: false, code: err.code, message: err.message });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}
