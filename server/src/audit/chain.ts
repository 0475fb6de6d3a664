import crypto from 'node:crypto';
import { asc, gt, isNotNull, sql } from 'drizzle-orm';
import { schema, type Queryable } from '../db';

/**
 * The tamper-evident audit chain (issue 9, GB/T 39786: integrity of audit records with SM3).
 *
 * Each row's `chain_hash` = SM3(previous row's chain_hash ‖ canonical JSON of the row, id included).
 * Changing, deleting or inserting a row breaks the chain at that row. Order with N app servers:
 * writeAudit takes a transaction-scoped advisory lock before it reads the last hash and draws the
 * row's id, and holds it until its transaction commits or rolls back — so audited transactions append
 * one after another, ids follow the chain order, and a rolled-back row leaves the chain untouched.
 * Rows written before this column existed have no hash: the chain starts at the first hashed row.
 */
export const AUDIT_CHAIN_LOCK = 0x61756469; // "audi": one lock id for the whole log
export const GENESIS = '0'.repeat(64);

export type AuditRow = typeof schema.auditLog.$inferSelect;

/** JSON with object keys sorted at every level (jsonb does not keep the written order). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of one row given the previous row's hash. */
export function chainHashOf(prev: string, row: Omit<AuditRow, 'chainHash'>): string {
  const content = canonical({
    id: row.id,
    at: row.at.toISOString(),
    actorAccountId: row.actorAccountId,
    actorName: row.actorName,
    actorRole: row.actorRole,
    actorOrgId: row.actorOrgId,
    scopePath: row.scopePath,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    result: row.result,
    detail: row.detail,
    ip: row.ip,
  });
  return crypto.createHash('sm3').update(prev).update('\n').update(content).digest('hex');
}

/** Inside the writing transaction: serialise, then the last hash and a fresh id for the new row. */
export async function nextChainLink(q: Queryable): Promise<{ id: number; prev: string }> {
  await q.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  // Both drivers (PGlite, node-postgres) answer raw SQL with { rows }.
  type Head = { rows: { chain_hash: string | null }[] };
  // The newest row is the chain's head (every row since the chain began is written here): one step
  // of the primary key. Only while the newest row has no hash (rows from before the chain, or a hash
  // removed) is the last hashed row looked for; asked that way every time, the planner, trusting
  // statistics that said "no hashes", read all of a province's history (330 ms at 3 million rows).
  let head = ((await q.execute(sql`select chain_hash from audit_log order by id desc limit 1`)) as unknown as Head).rows[0];
  if (head && head.chain_hash === null) {
    head = ((await q.execute(
      sql`select chain_hash from audit_log where chain_hash is not null order by id desc limit 1`,
    )) as unknown as Head).rows[0];
  }
  const next = (await q.execute(
    sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`,
  )) as unknown as { rows: { id: string | number }[] };
  return { id: Number(next.rows[0]!.id), prev: head?.chain_hash ?? GENESIS };
}

export type ChainCheck =
  | { ok: true; checked: number; unchained: number }
  | { ok: false; checked: number; brokenId: number; reason: string };

/**
 * Walks the chain in id order (batches of `batch` rows) and names the first row whose hash does not
 * follow: content changed, a row deleted before it, or its hash removed.
 */
export async function verifyAuditChain(q: Queryable, batch = 2000): Promise<ChainCheck> {
  const a = schema.auditLog;
  const [first] = await q.select({ id: a.id }).from(a).where(isNotNull(a.chainHash)).orderBy(asc(a.id)).limit(1);
  const [{ count }] = (await q.select({ count: sql<number>`count(*)::int` }).from(a).where(sql`${a.chainHash} is null`)) as [
    { count: number },
  ];
  if (!first) return { ok: true, checked: 0, unchained: count };
  let prev = GENESIS;
  let after = first.id - 1;
  let checked = 0;
  for (;;) {
    const rows = await q.select().from(a).where(gt(a.id, after)).orderBy(asc(a.id)).limit(batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.chainHash === null) {
        return { ok: false, checked, brokenId: row.id, reason: '该行缺少链式哈希（被清除或绕过审计写入）' };
      }
      if (chainHashOf(prev, row) !== row.chainHash) {
        return { ok: false, checked, brokenId: row.id, reason: '该行内容或前序记录已被改动、删除或插入' };
      }
      prev = row.chainHash;
      checked++;
    }
    after = rows[rows.length - 1]!.id;
  }
  return { ok: true, checked, unchained: count };
}
