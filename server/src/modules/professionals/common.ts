import { AppError } from '../../errors';
import type { Queryable } from '../../db';
import type { Actor } from '../../access/actor';
import { allows, requireAccess } from '../../access/access';
import { findOrg, type OrgRow } from '../organisations/repo';
import { findProfessional, workDepartmentsOf, type ProfessionalRow } from './repo';

export const outOfScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

/** A unit admin who decides registrations, changes and transfers of the unit's people. */
export const canReview = (actor: Actor) => allows(actor, { action: 'professional.awaiting', org: actor.org });

/** A professional account by id, or the 404 an out-of-scope record gets too. */
export async function professionalOr404(q: Queryable, accountId: number): Promise<ProfessionalRow> {
  const row = await findProfessional(q, accountId);
  if (!row) throw outOfScope();
  return row;
}

/** An approved unit a professional can belong to (registration, transfer target). */
export async function activeUnit(q: Queryable, unitId: number): Promise<OrgRow> {
  const unit = await findOrg(q, unitId);
  if (!unit || unit.kind !== 'unit' || unit.status !== 'active') {
    throw new AppError('VALIDATION', '所选单位不存在或尚未通过审核');
  }
  return unit;
}

/**
 * The 工作部门 for a person in a unit: required (and must be the unit's) when the unit has any,
 * absent otherwise. `optional` lets a transfer request leave the choice to the new unit.
 */
export async function checkWorkDepartment(
  q: Queryable,
  unit: OrgRow,
  chosen: number | null | undefined,
  opts: { optional?: boolean } = {},
): Promise<number | null> {
  const wds = await workDepartmentsOf(q, unit.id);
  if (chosen == null) {
    if (wds.length > 0 && !opts.optional) throw new AppError('VALIDATION', '请选择所属工作部门');
    return null;
  }
  if (!wds.some((w) => w.id === chosen)) throw new AppError('VALIDATION', '所选工作部门不属于该单位');
  return chosen;
}

/** The signed-in professional's own account; anyone else gets 404. */
export async function ownProfessional(q: Queryable, actor: Actor): Promise<ProfessionalRow> {
  // The actor's own account row (a professional's account id names their person).
  requireAccess(actor, { action: 'professional.self', personId: actor.personId });
  const row = await findProfessional(q, actor.accountId);
  if (!row) throw outOfScope();
  return row;
}
