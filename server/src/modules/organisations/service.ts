import {
  validateCreditCode,
  type OrgDetail,
  type OrgKind,
  type OrgStatus,
  type ProgressItem,
} from '@ce/shared';
import type { Queryable, schema } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { allows, requireAccess } from '../../access/access';
import { AppError, alreadyHandled, isUniqueViolation } from '../../errors';
import type { Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { consumeRateLimit } from '../ratelimit/ratelimit';
import { personForNewAccount, requireValidIdNumber } from '../auth/persons';
import { findPersonByIdNumber } from '../auth/repo';
import { verifyPassword } from '../auth/passwords';
import {
  countChildren,
  countSubtree,
  decidePendingAccountsOfOrg,
  decidePendingOrg,
  findOrg,
  insertOrg,
  insertRegistrantAccount,
  listSubtree,
  orgNames,
  pendingChildren,
  registrantOf,
  registrationsByCreditCode,
  registrationsOfPerson,
  searchActiveOrgs,
  withdrawPendingAccount,
  withdrawPendingOrg,
  type OrgRow,
} from './repo';
import { toOrgDetail, toOrgSummary, toParentOption, toProgressItem } from './presenters';
import { canRegisterUnder, regionDisplayNameSafe } from './rules';
import { countChangesAwaiting } from './changes-repo';
import { pendingDeclarationCount } from '../declarations/service';
import { professionalPendingCounts } from '../professionals/people';

export const REGISTRATION_SUBMITTED = '注册信息已经提交审核，请耐心等待';

export interface OrgRegistration {
  kind: Exclude<OrgKind, 'hrss'>;
  parentId: number;
  org: {
    name: string;
    creditCode: string;
    regionCode: string;
    nature: string;
    level: string;
    industry: string;
    address: string;
    contactName: string;
    contactPhone: string;
  };
  admin: { idNumber: string; name: string; phone: string; email: string; password: string };
}

/** A department, unit or base registers under its parent; its registrant becomes its super admin. */
export async function registerOrganisation(deps: Deps, meta: RequestMeta, input: OrgRegistration) {
  await consumeRateLimit(deps.db, `register:ip:${meta.ip}`, 20, 3600, meta.now);
  const credit = validateCreditCode(input.org.creditCode);
  if (!credit.ok) throw new AppError('VALIDATION', credit.message);
  if (!regionDisplayNameSafe(input.org.regionCode)) throw new AppError('VALIDATION', '所属区划不存在');
  const parent = await findOrg(deps.db, input.parentId);
  if (!parent || parent.status !== 'active') throw new AppError('VALIDATION', '所选上级单位不存在或尚未通过审核');
  if (!canRegisterUnder(input.kind, parent.kind)) {
    throw new AppError('VALIDATION', '所选上级单位的类型不能接收此类注册');
  }
  requireValidIdNumber(input.admin.idNumber, meta.now);
  try {
    return await deps.db.transaction(async (tx) => {
      const { personId } = await personForNewAccount(tx, { ...input.admin, role: input.kind, now: meta.now });
      const org = await insertOrg(
        tx,
        {
          kind: input.kind,
          status: 'pending',
          ...input.org,
          name: input.org.name.trim(),
          creditCode: credit.normalized,
          noDepartment: input.kind === 'unit' && parent.kind === 'hrss',
          createdAt: meta.now,
        },
        parent,
      );
      const account = await insertRegistrantAccount(tx, { personId, role: input.kind, orgId: org.id, orgPath: org.path, createdAt: meta.now });
      await writeAudit(tx, { actor: null, meta, actorName: input.admin.name }, {
        action: 'registration.org.submit',
        objectType: 'organisation',
        objectId: org.id,
        scopePath: org.path,
        detail: { name: org.name, kind: org.kind, parent: parent.name },
      });
      return { id: account!.id, message: REGISTRATION_SUBMITTED, approverName: parent.name };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('CONFLICT', '该统一社会信用代码已注册或正在审核中，可通过“注册审核进度查询”查看');
    }
    throw err;
  }
}

async function requireOrgInScope(q: Queryable, actor: Actor, orgId: number): Promise<OrgRow> {
  const org = await findOrg(q, orgId);
  if (!org) throw new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
  return org;
}

/** Approves or rejects an organisation's registration; guarded so only one reviewer's decision lands. */
export async function reviewOrganisation(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  orgId: number,
  decision: { approve: true; version: number } | { approve: false; version: number; reason: string },
) {
  return deps.db.transaction(async (tx) => {
    const org = await requireOrgInScope(tx, actor, orgId);
    const registrant = await registrantOf(tx, org.id);
    requireAccess(actor, { action: 'registration.review', org, subjectPersonIds: registrant ? [registrant.account.personId] : [] });
    const status: OrgStatus = decision.approve ? 'active' : 'rejected';
    const reason = decision.approve ? null : decision.reason;
    const review = { reason, at: meta.now, byAccountId: actor.accountId };
    if (!(await decidePendingOrg(tx, { id: org.id, version: decision.version, nextVersion: org.version + 1 }, { status, ...review }))) throw alreadyHandled();
    await decidePendingAccountsOfOrg(tx, org.id, { status: decision.approve ? 'active' : 'rejected', ...review });
    await writeAudit(tx, { actor, meta }, {
      action: decision.approve ? 'registration.org.approve' : 'registration.org.reject',
      objectType: 'organisation',
      objectId: org.id,
      scopePath: org.path,
      detail: { name: org.name, ...(reason ? { reason } : {}) },
    });
    return { status };
  });
}

/** Public progress query: by name + ID number, or by credit code. */
export async function registrationProgress(
  deps: Deps,
  meta: RequestMeta,
  query: { idNumber: string; name: string } | { creditCode: string },
): Promise<ProgressItem[]> {
  let rows: { account: typeof schema.accounts.$inferSelect; org: OrgRow }[];
  if ('creditCode' in query) {
    rows = await registrationsByCreditCode(deps.db, query.creditCode.trim().toUpperCase());
    // The registration of an organisation is its first super admin's account.
    const seen = new Set<number>();
    rows = rows.filter((r) => (seen.has(r.org.id) ? false : (seen.add(r.org.id), true)));
  } else {
    // A typo is said as such (issue 8 item 13), not as "nothing found".
    const person = await findPersonByIdNumber(deps.db, requireValidIdNumber(query.idNumber, meta.now));
    if (!person || person.name !== query.name.trim()) return [];
    rows = await registrationsOfPerson(deps.db, person.id);
  }
  const parentIds = [...new Set(rows.map((r) => r.org.parentId).filter((id): id is number => id != null))];
  const parents = await orgNames(deps.db, parentIds);
  const parentName = new Map(parents.map((p) => [p.id, p.name]));
  return rows.map(({ account, org }) => toProgressItem(account, org, parentName.get(org.parentId ?? -1)));
}

/** The applicant withdraws a pending registration, proving it with the password they set. */
export async function withdrawRegistration(
  deps: Deps,
  meta: RequestMeta,
  registrationId: number,
  input: { idNumber: string; password: string },
) {
  await consumeRateLimit(deps.db, `withdraw:ip:${meta.ip}`, 10, 600, meta.now);
  const person = await findPersonByIdNumber(deps.db, input.idNumber.trim().toUpperCase());
  const invalid = () => new AppError('NOT_FOUND', '没有找到该身份证号的待审核注册申请');
  if (!person) throw invalid();
  if (!(await verifyPassword(person.passwordHash, input.password))) {
    throw new AppError('WRONG_PASSWORD', '密码错误，请输入注册时设置的密码');
  }
  await deps.db.transaction(async (tx) => {
    const row = await withdrawPendingAccount(tx, { id: registrationId, personId: person.id, at: meta.now });
    if (!row) throw invalid();
    let scopePath: string | null = null;
    if (row.isSuperAdmin && row.role !== 'professional') {
      scopePath = (await withdrawPendingOrg(tx, row.orgId))?.path ?? null;
    }
    await writeAudit(tx, { actor: null, meta, actorName: person.name }, {
      action: 'registration.withdraw',
      objectType: 'account',
      objectId: row.id,
      scopePath,
    });
  });
}

export async function searchParents(deps: Deps, opts: { kinds?: OrgKind[]; regionCode?: string; name?: string; limit: number }) {
  const rows = await searchActiveOrgs(deps.db, opts);
  return rows.map(toParentOption);
}

// ------------------------------------------------------------------ admin views

export async function adminSummary(deps: Deps, actor: Actor) {
  const own = (await findOrg(deps.db, actor.org.id))!;
  const canReview = allows(actor, { action: 'registration.awaiting', org: own });
  return {
    pendingOrganisationRegistrations: canReview ? await countChildren(deps.db, own.id, 'pending') : 0,
    pendingOrgChanges: canReview ? await countChangesAwaiting(deps.db, own.id) : 0,
    childOrganisations: await countChildren(deps.db, own.id, 'active'),
    subtreeOrganisations: await countSubtree(deps.db, own),
    pendingDeclarations: await pendingDeclarationCount(deps.db, actor),
    ...(await professionalPendingCounts(deps, actor)),
  };
}

export async function pendingRegistrations(deps: Deps, actor: Actor, opts: { kind?: OrgKind; after?: number; limit: number }) {
  const own = (await findOrg(deps.db, actor.org.id))!;
  if (!allows(actor, { action: 'registration.awaiting', org: own })) return { items: [], nextAfter: null };
  const rows = await pendingChildren(deps.db, own.id, { ...opts, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map((o) => toOrgSummary(o, own.name)),
    nextAfter: rows.length > opts.limit ? page[page.length - 1]!.id : null,
  };
}

export async function listOrganisations(
  deps: Deps,
  actor: Actor,
  opts: { q?: string; kind?: OrgKind; status?: OrgStatus; regionCode?: string; after?: number; limit: number },
) {
  const own = (await findOrg(deps.db, actor.org.id))!;
  requireAccess(actor, { action: 'org.listSubtree', org: own });
  const rows = await listSubtree(deps.db, own, { ...opts, name: opts.q, before: opts.after, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map((r) => toOrgSummary(r.org, r.parentName)),
    nextAfter: rows.length > opts.limit ? page[page.length - 1]!.org.id : null,
  };
}

export async function organisationDetail(deps: Deps, actor: Actor, orgId: number): Promise<OrgDetail> {
  const org = await requireOrgInScope(deps.db, actor, orgId);
  requireAccess(actor, { action: 'org.read', org });
  const parent = org.parentId ? await findOrg(deps.db, org.parentId) : undefined;
  const registrant = await registrantOf(deps.db, org.id);
  return toOrgDetail(org, parent?.name ?? null, await countChildren(deps.db, org.id, 'active'), registrant);
}
