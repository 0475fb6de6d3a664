/**
 * The person drawer of 人员管理 (issue 8 item 4): the person's 年度完成情况 and declaration history,
 * as an admin of their scope sees them.
 */
import type { PersonRecord } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import type { Deps } from '../../http/context';
import { submittedSummary } from '../declarations/presenters';
import { listOwn } from '../declarations/repo';
import { professionalOr404 } from '../professionals/common';
import { targetOf } from '../professionals/presenters';
import { completionYearsOf, personSync } from './completion';

/** At most this many declarations are listed (newest first); a person has a few dozen in a career. */
const HISTORY_LIMIT = 500;

export async function personRecord(deps: Deps, meta: RequestMeta, actor: Actor, accountId: number): Promise<PersonRecord> {
  const row = await professionalOr404(deps.db, accountId);
  requireAccess(actor, { action: 'professional.read', professional: targetOf(row) });
  const { years } = await completionYearsOf(await personSync(deps, meta, actor, row.person.id), meta);
  const declarations = (await listOwn(deps.db, row.person.id, { limit: HISTORY_LIMIT }))
    .filter((r) => r.d.status !== 'draft')
    .map(submittedSummary);
  return { years, declarations };
}
