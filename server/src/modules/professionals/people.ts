import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { excelJS } from '../../lib/lazy-modules';
import {
  ACCOUNT_STATUS_LABELS,
  chinaTimestamp,
  chinaYear,
  GENDER_LABELS,
  type professionalDetail,
  type professionalExportQuery,
  type professionalListQuery,
  TITLE_LEVEL_LABELS,
} from '@ce/shared';
import type { z } from 'zod';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { AppError, alreadyHandled } from '../../errors';
import { readerOf, type Deps } from '../../http/context';
import { writeAudit } from '../../audit/audit';
import { deleteAccountSessions } from '../auth/sessions-repo';
import { findOrg, type OrgRow } from '../organisations/repo';
import { personYearFactsOf, type PersonYearFacts } from '../statistics/repo';
import { canReview, professionalOr404 } from './common';
import { hasPendingWork } from './pending';
import { targetOf, toDetail, toListItem } from './presenters';
import {
  changeRequestsOfPerson,
  countPendingChanges,
  countPendingRegistrations,
  countPendingTransfers,
  listProfessionals,
  liveTransferOfPerson,
  transfersOfPerson,
  updateAccountStatusIfCurrent,
  updateProfile,
  type ProfessionalFilter,
} from './repo';

type ListQuery = z.output<typeof professionalListQuery>;
type ExportQuery = z.output<typeof professionalExportQuery>;

/** The actor's subtree and 工作部门 scope as a list filter, after the access check. */
async function filterFor(deps: Deps, actor: Actor, query: Omit<ExportQuery, 'year'>): Promise<ProfessionalFilter> {
  requireAccess(actor, { action: 'professional.list', org: actor.org });
  const own = (await findOrg(deps.db, actor.org.id)) as OrgRow;
  return {
    q: query.q,
    orgId: query.orgId,
    workDepartmentId: query.workDepartmentId,
    titleSeries: query.titleSeries,
    titleLevel: query.titleLevel,
    status: query.status,
    subtree: own,
    scope: actor.workDepartmentIds ? { unitId: actor.org.id, workDepartmentIds: actor.workDepartmentIds } : null,
  };
}

/** 专技人员信息查询: the professionals in the actor's subtree, masked, newest first. */
export async function listProfessionalsInScope(deps: Deps, actor: Actor, query: ListQuery) {
  const filter = await filterFor(deps, actor, query);
  const rows = await listProfessionals(deps.db, filter, { before: query.after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toListItem), nextAfter: rows.length > query.limit ? page[page.length - 1]!.account.id : null };
}

/**
 * One professional. The full ID number and mobile number are shown only to admins of the person's
 * own unit (who verify registrations and ID card photos); the levels above see them masked, like
 * in every list.
 */
export async function professionalDetailFor(deps: Deps, actor: Actor, accountId: number): Promise<z.infer<typeof professionalDetail>> {
  const row = await professionalOr404(deps.db, accountId);
  requireAccess(actor, { action: 'professional.read', professional: targetOf(row) });
  const fullIdentity = actor.org.id === row.unit.id;
  return toDetail(row, fullIdentity, await changeRequestsOfPerson(deps.db, row.person.id), await transfersOfPerson(deps.db, row.person.id));
}

export const ARCHIVED_MESSAGE =
  '已注销归档：该人员不能再登录平台；其注册信息、学时（分）记录和继续教育证书全部保留在系统中，不会删除，统计和证书查询照常可查；如需恢复，人社部门可随时恢复该账号';

/**
 * Account removal for the retired or deceased by an HRSS bureau above the person's unit:
 * the account is archived (no login, hidden from the default lists), nothing is deleted and the
 * hours stay on record. Refused while something of the person is under review or a transfer runs.
 */
export async function archiveProfessional(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  accountId: number,
  input: { version: number; reason: string },
) {
  return deps.db.transaction(async (tx) => {
    const row = await professionalOr404(tx, accountId);
    requireAccess(actor, { action: 'professional.archive', professional: targetOf(row) });
    if (row.account.status !== 'active') {
      throw row.account.status === 'archived' ? alreadyHandled() : new AppError('CONFLICT', '只能注销状态正常的人员账号');
    }
    const pending = (await liveTransferOfPerson(tx, row.person.id)) ? '单位调转正在办理中' : await hasPendingWork(tx, row.person.id);
    if (pending) throw new AppError('CONFLICT', `不能注销：${pending}`);
    const updated = await updateAccountStatusIfCurrent(
      tx,
      accountId,
      { status: 'active', version: input.version },
      { status: 'archived', version: row.account.version + 1 },
    );
    if (!updated) throw alreadyHandled();
    await updateProfile(tx, row.person.id, { archivedAt: meta.now, archivedByAccountId: actor.accountId, archiveReason: input.reason, updatedAt: meta.now });
    await deleteAccountSessions(tx, accountId);
    await writeAudit(tx, { actor, meta }, {
      action: 'professional.archive',
      objectType: 'account',
      objectId: accountId,
      scopePath: row.unit.path,
      detail: { name: row.person.name, certNo: row.profile.certNo, reason: input.reason },
    });
    return { status: 'archived' as const, message: ARCHIVED_MESSAGE, hoursRetained: true as const };
  });
}

export async function restoreProfessional(deps: Deps, meta: RequestMeta, actor: Actor, accountId: number, input: { version: number }) {
  return deps.db.transaction(async (tx) => {
    const row = await professionalOr404(tx, accountId);
    requireAccess(actor, { action: 'professional.archive', professional: targetOf(row) });
    const updated = await updateAccountStatusIfCurrent(
      tx,
      accountId,
      { status: 'archived', version: input.version },
      { status: 'active', version: row.account.version + 1 },
    );
    if (!updated) throw alreadyHandled();
    await updateProfile(tx, row.person.id, { archivedAt: null, archivedByAccountId: null, archiveReason: null, updatedAt: meta.now });
    await writeAudit(tx, { actor, meta }, {
      action: 'professional.restore',
      objectType: 'account',
      objectId: accountId,
      scopePath: row.unit.path,
      detail: { name: row.person.name, certNo: row.profile.certNo },
    });
    return { status: 'active' as const, message: '账号已恢复，该人员可以重新登录；学时记录与证书一直保留', hoursRetained: true as const };
  });
}

const EXPORT_COLUMNS = (year: number) => [
  { header: '姓名', key: 'name', width: 12 },
  { header: '身份证号', key: 'idNumber', width: 22 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '手机号码', key: 'phone', width: 14 },
  { header: '所在单位', key: 'unit', width: 30 },
  { header: '工作部门', key: 'workDepartment', width: 16 },
  { header: '职称系列', key: 'titleSeries', width: 14 },
  { header: '职称级别', key: 'titleLevel', width: 10 },
  { header: '证书管理号', key: 'certNo', width: 16 },
  { header: '账号状态', key: 'status', width: 12 },
  { header: '注册时间', key: 'registeredAt', width: 20 },
  { header: `${year}年度公需学时`, key: 'publicHours', width: 14 },
  { header: `${year}年度专业学时`, key: 'professionalHours', width: 14 },
  { header: `${year}年度认定结果`, key: 'result', width: 14 },
];
const EXPORT_PAGE = 1000;


/**
 * A person's 认定结果 of `year` from the statistics' person-year facts (kept current in the
 * transaction that changes counted hours): 通过, 进行中 (the current year), 未通过; before the
 * person registered and without counted hours, no result.
 */
function yearResultLabel(facts: PersonYearFacts | undefined, year: number, current: number, registeredAt: Date): string {
  if (facts?.passed) return '通过';
  if (!facts && chinaYear(registeredAt) > year) return '—（当年尚未注册）';
  return year === current ? '进行中' : '未通过';
}

/**
 * Excel export of the current filter, streamed: rows are read a page at a time (keyset) and
 * written through ExcelJS's streaming writer, so a province-wide export never sits in memory.
 * ID and phone numbers are in full for the people of the admin's own unit (who verify them, as in
 * the detail drawer) and masked for everyone else; each row carries the chosen year's counted hours
 * and 认定结果 (issue 8 item 4).
 */
export async function exportProfessionals(deps: Deps, meta: RequestMeta, actor: Actor, query: ExportQuery) {
  const filter = await filterFor(deps, actor, query);
  const current = chinaYear(meta.now);
  const year = query.year ?? current;
  if (year > current) throw new AppError('VALIDATION', `尚未到${year}年度，请选择${current}年度或以前的年度`);
  await writeAudit(deps.db, { actor, meta }, {
    action: 'professional.export',
    objectType: 'professionalList',
    detail: { filter: query, year },
  });
  const stream = new PassThrough();
  const workbook = new (excelJS().stream.xlsx.WorkbookWriter)({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('专业技术人员');
  sheet.columns = EXPORT_COLUMNS(year);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    let before: number | undefined;
    for (;;) {
      // Page after page of a long export: from the replica when there is one.
      const rows = await listProfessionals(readerOf(deps), filter, { before, limit: EXPORT_PAGE });
      const facts = await personYearFactsOf(readerOf(deps), rows.map((r) => r.person.id), year);
      for (const row of rows) {
        const item = toListItem(row);
        const own = row.unit.id === actor.org.id;
        const f = facts.get(row.person.id);
        sheet
          .addRow({
            name: item.name,
            idNumber: own ? row.person.idNumber : item.idNumberMasked,
            gender: GENDER_LABELS[item.gender],
            phone: (own ? row.person.phone : item.phoneMasked) ?? '',
            unit: item.unit.name,
            workDepartment: item.workDepartment?.name ?? '',
            titleSeries: item.titleSeries,
            titleLevel: TITLE_LEVEL_LABELS[item.titleLevel],
            certNo: item.certNo,
            status: ACCOUNT_STATUS_LABELS[item.status],
            registeredAt: chinaTimestamp(row.account.createdAt),
            publicHours: f?.publicHours ?? 0,
            professionalHours: f?.professionalHours ?? 0,
            result: yearResultLabel(f, year, current, row.account.createdAt),
          })
          .commit();
      }
      if (rows.length < EXPORT_PAGE) break;
      before = rows[rows.length - 1]!.account.id;
      // The client reads slower than the database answers: wait for it (or stop if it left).
      if (stream.destroyed) return;
      if (stream.writableNeedDrain) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => stream.destroy(err as Error));
  return stream;
}

/** What waits for this admin's unit (admin home page). */
export async function professionalPendingCounts(deps: Deps, actor: Actor) {
  if (!canReview(actor)) return { pendingProfessionalRegistrations: 0, pendingProfessionalChanges: 0, pendingTransfers: 0 };
  const wds = actor.workDepartmentIds;
  return {
    pendingProfessionalRegistrations: await countPendingRegistrations(deps.db, actor.org.id, wds),
    pendingProfessionalChanges: await countPendingChanges(deps.db, actor.org.id, wds),
    pendingTransfers: await countPendingTransfers(deps.db, actor.org.id, wds),
  };
}
