/**
 * Held platform records (平台学时暂存审核): the HRSS bureau above the base releases a held record
 * (it is registered and counts, like an accepted one) or refuses it; the person sees their held and
 * refused records with the reason. Decisions are guarded updates with an audit row.
 */
import type { PlatformRecordItem } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import type { Queryable } from '../../db';
import type { PlatformRecordStatus } from '../../db/schema-platforms';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { professionalAccount } from '../declarations/repo';
import { declarationOf, registerCounted } from './ingest';
import { recordUnitId, toPlatformRecord } from './presenters';
import { targetOf } from './service';
import {
  activeProfessionalAccountId,
  decideHeldRecord,
  findPlatform,
  findPlatformRecord,
  heldOrRefusedRecordsOf,
  orgNames,
  platformRecordsUnder,
  type PlatformRecordRow as RecordRow,
} from './repo';

const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

async function present(q: Queryable, rows: { r: RecordRow; platformName: string }[]): Promise<PlatformRecordItem[]> {
  const unitIds = [...new Set(rows.flatMap(({ r }) => (r.unitPath ? [recordUnitId(r)!] : [])))];
  const unitNames = await orgNames(q, unitIds);
  return rows.map(({ r, platformName }) => toPlatformRecord(r, platformName, unitNames));
}

const page = <T extends { r: RecordRow }>(rows: T[], limit: number) => ({
  rows: rows.slice(0, limit),
  nextAfter: rows.length > limit ? rows[limit - 1]!.r.id : null,
});

/** Records of the platforms of the bureau's subtree, newest first (held ones by default). */
export async function listPlatformRecords(
  deps: Deps,
  actor: Actor,
  query: { status: PlatformRecordStatus; platformId?: number; after?: number; limit: number },
) {
  requireAccess(actor, { action: 'platform.records' });
  const rows = await platformRecordsUnder(deps.db, actor.org.path, { ...query, limit: query.limit + 1 });
  const p = page(rows, query.limit);
  return { items: await present(deps.db, p.rows), nextAfter: p.nextAfter };
}

/** The person's own held and refused records (accepted ones are in their declarations). */
export async function myPlatformRecords(deps: Deps, actor: Actor, query: { after?: number; limit: number }) {
  requireAccess(actor, { action: 'professional.self', personId: actor.personId });
  const rows = await heldOrRefusedRecordsOf(deps.db, actor.personId, { after: query.after, limit: query.limit + 1 });
  const p = page(rows, query.limit);
  return { items: await present(deps.db, p.rows), nextAfter: p.nextAfter };
}

export async function decidePlatformRecord(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  body: { decision: 'release' | 'refuse'; reason?: string; version: number },
) {
  const found = await findPlatformRecord(deps.db, id);
  const platform = found ? await findPlatform(deps.db, found.platformId) : undefined;
  if (!found || !platform) throw notFound();
  requireAccess(actor, { action: 'platform.decideRecord', platform: targetOf(platform) });
  if (found.status !== 'held' || found.version !== body.version) throw alreadyHandled();
  if (body.decision === 'refuse' && !body.reason) throw new AppError('VALIDATION', '请填写不予登记的原因');

  const updated = await deps.db.transaction(async (tx) => {
    let declarationId: number | null = null;
    if (body.decision === 'release') {
      if (found.personId == null) throw new AppError('CONFLICT', '查无此人，不能放行；请不予登记');
      // The person's professional account as it is now (unit, 工作部门), looked up by person, not by ID number.
      const accountId = await activeProfessionalAccountId(tx, found.personId);
      const account = accountId ? await professionalAccount(tx, accountId) : undefined;
      if (!account) throw new AppError('CONFLICT', '该人员已注销归档或不在职，不能放行；请不予登记');
      const person = { personId: found.personId, name: found.name, accountId: account.account.id, workDepartmentId: account.account.workDepartmentId, unit: account.unit };
      const input = {
        recordId: found.recordId,
        idNumber: '',
        name: found.name,
        courseId: found.courseId,
        courseTitle: found.courseTitle,
        subject: found.subject,
        series: found.series,
        hours: found.hours,
        startedAt: found.startedAt.toISOString(),
        finishedAt: found.finishedAt.toISOString(),
      };
      const [newId] = await registerCounted(
        tx,
        platform,
        [declarationOf(platform, { input, startedAt: found.startedAt, finishedAt: found.finishedAt, person }, meta.now)],
        meta,
        `学习平台“${platform.name}”报送，经${actor.org.name}审核放行`,
        { actorAccountId: actor.accountId, actorName: actor.name, orgId: actor.org.id, orgName: actor.org.name },
      );
      declarationId = newId ?? null;
    }
    const u = await decideHeldRecord(tx, found, {
      status: body.decision === 'release' ? 'accepted' : 'refused',
      reason: body.decision === 'release' ? null : body.reason!,
      declarationId,
      decidedAt: meta.now,
      decidedByAccountId: actor.accountId,
    });
    if (!u) throw alreadyHandled();
    await writeAudit(tx, { actor, meta }, {
      action: body.decision === 'release' ? 'platform.record.release' : 'platform.record.refuse',
      objectType: 'platform_record',
      objectId: found.id,
      scopePath: platform.baseOrgPath,
      detail: { platform: platform.name, recordId: found.recordId, heldReason: found.reason, ...(body.reason ? { reason: body.reason } : {}) },
    });
    return u;
  });
  return (await present(deps.db, [{ r: updated, platformName: platform.name }]))[0]!;
}
