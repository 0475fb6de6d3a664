import { and, desc, eq, gte, ilike, like, lt, sql, type SQL } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import { escapeLike } from '../organisations/repo';

const a = schema.auditLog;

export interface AuditFilter {
  action?: string;
  /** Part of the actor's name. */
  actor?: string;
  /** Beijing dates (YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
}

/**
 * The rows of a bureau's subtree path, as a condition that an index returns newest first.
 *
 * The province (`/1/`) holds nearly every row: the primary key walked backwards. A city or directly
 * administered county (`/1/18/`) and a county (`/1/18/203/`) name their organisation as the 2nd / 3rd
 * id of every row's path: one backward range of audit_log_depth2 / audit_log_depth3 (split_part of the
 * path, id), where a range of audit_log_scope holds the subtree's many paths and has to be read whole
 * and sorted by id. The province's path test is written so that it cannot pick that range either.
 * Deeper paths keep it: their subtrees are small.
 */
function scopeCondition(path: string): SQL {
  const ids = path.split('/').filter(Boolean);
  // Organisation ids are unique and every path starts at the province, so "the 2nd id is 18" is
  // exactly "the path starts with /1/18/" (a row keeps the path it was written with, as with LIKE).
  if (ids.length === 1) return sql`left(${a.scopePath}, ${path.length}) = ${path}`;
  if (ids.length === 2) return sql`split_part(${a.scopePath}, '/', 3) = ${ids[1]}`;
  if (ids.length === 3) return sql`split_part(${a.scopePath}, '/', 4) = ${ids[2]}`;
  return like(a.scopePath, `${escapeLike(path)}%`);
}

/** One page of a subtree's audit rows, newest first, before the cursor `before` (an id). */
export function auditPage(q: Queryable, path: string, f: AuditFilter, page: { before?: number; limit: number }) {
  return q
    .select({ entry: a, orgName: schema.organisations.name })
    .from(a)
    .leftJoin(schema.organisations, eq(schema.organisations.id, a.actorOrgId))
    .where(
      and(
        scopeCondition(path),
        f.action ? eq(a.action, f.action) : undefined,
        f.actor ? ilike(a.actorName, `%${escapeLike(f.actor)}%`) : undefined,
        f.from ? gte(a.at, new Date(`${f.from}T00:00:00+08:00`)) : undefined,
        f.to ? lt(a.at, new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86400_000)) : undefined,
        page.before ? lt(a.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(a.id))
    .limit(page.limit);
}
