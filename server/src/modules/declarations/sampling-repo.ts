/**
 * The sampling audit's queries (sampling.ts holds the use cases): the population of a draw, the
 * recorded samples and their items.
 */
import { and, asc, count, desc, eq, gt, inArray, like, lt, lte, or, type SQL } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import { escapeLike } from '../organisations/repo';

const d = schema.declarations;
const s = schema.declarationSamples;
const items = schema.declarationSampleItems;
const PAGE = 5000;

export type SampleRow = typeof s.$inferSelect;
export type SampleOutcome = (typeof items.$inferSelect)['outcome'];

/** Approved in `year` under `path` as of `asOf` (a record revoked later still belonged to it then). */
function populationWhere(path: string, year: number, asOf: Date): SQL {
  return and(
    like(d.unitPath, `${escapeLike(path)}%`),
    eq(d.year, year),
    lte(d.approvedAt, asOf),
    or(eq(d.status, 'approved'), and(eq(d.status, 'revoked'), gt(d.revokedAt, asOf))),
  )!;
}

export async function populationSize(q: Queryable, path: string, year: number, asOf: Date): Promise<number> {
  const [row] = await q.select({ n: count() }).from(d).where(populationWhere(path, year, asOf));
  return Number(row?.n ?? 0);
}

/** Every id of a (small) population, in the draw's order: for the demo data and checks. */
export async function populationIds(q: Queryable, path: string, year: number, asOf: Date): Promise<number[]> {
  const rows = await q.select({ id: d.id }).from(d).where(populationWhere(path, year, asOf)).orderBy(asc(d.id));
  return rows.map((r) => r.id);
}

/** Walks the population in id order (keyset pages) and returns the ids at the given positions. */
export async function idsAtPositions(q: Queryable, path: string, year: number, asOf: Date, positions: readonly number[]) {
  const picked: { id: number; position: number }[] = [];
  let offset = 0;
  let after = 0;
  let next = 0;
  while (next < positions.length) {
    const page = await q
      .select({ id: d.id })
      .from(d)
      .where(and(populationWhere(path, year, asOf), gt(d.id, after)))
      .orderBy(asc(d.id))
      .limit(PAGE);
    if (page.length === 0) break;
    while (next < positions.length && positions[next]! < offset + page.length) {
      picked.push({ id: page[positions[next]! - offset]!.id, position: positions[next]! });
      next++;
    }
    offset += page.length;
    after = page[page.length - 1]!.id;
  }
  return picked;
}

/** Records a drawn sample and its items; returns the sample's id. */
export async function insertSample(
  tx: Queryable,
  sample: Omit<typeof s.$inferInsert, 'id'>,
  picked: readonly { id: number; position: number }[],
): Promise<number> {
  const [row] = await tx.insert(s).values(sample).returning();
  await tx.insert(items).values(picked.map((p) => ({ sampleId: row!.id, declarationId: p.id, position: p.position })));
  return row!.id;
}

export async function findSampleRow(q: Queryable, id: number): Promise<SampleRow | undefined> {
  const [sample] = await q.select().from(s).where(eq(s.id, id));
  return sample;
}

/** The samples drawn in the region under `path`, newest first (keyset on id). */
export function samplesUnder(q: Queryable, path: string, query: { year?: number; after?: number; limit: number }) {
  return q
    .select()
    .from(s)
    .where(
      and(
        like(s.scopePath, `${escapeLike(path)}%`),
        query.year ? eq(s.year, query.year) : undefined,
        query.after ? lt(s.id, query.after) : undefined,
      ),
    )
    .orderBy(desc(s.id))
    .limit(query.limit);
}

/** A sample's items in the draw's order. */
export function sampleItems(q: Queryable, sampleId: number) {
  return q.select().from(items).where(eq(items.sampleId, sampleId)).orderBy(asc(items.position));
}

/** Pending / confirmed / revoked counts per sample. */
export async function outcomeCounts(q: Queryable, sampleIds: number[]) {
  const map = new Map<number, Record<SampleOutcome, number>>();
  if (sampleIds.length === 0) return map;
  const rows = await q
    .select({ sampleId: items.sampleId, outcome: items.outcome, n: count() })
    .from(items)
    .where(inArray(items.sampleId, sampleIds))
    .groupBy(items.sampleId, items.outcome);
  for (const r of rows) {
    const c = map.get(r.sampleId) ?? { pending: 0, confirmed: 0, revoked: 0 };
    c[r.outcome] = Number(r.n);
    map.set(r.sampleId, c);
  }
  return map;
}

/**
 * Records the re-check of a still pending item (guarded on `outcome = 'pending'`); undefined when
 * there is no such item or it was checked already (`sampleItemExists` tells which).
 */
export async function checkPendingItem(
  tx: Queryable,
  key: { sampleId: number; declarationId: number },
  check: { outcome: 'confirmed' | 'revoked'; reason: string | null; checkedAt: Date; checkedByAccountId: number },
) {
  const [item] = await tx
    .update(items)
    .set(check)
    .where(and(eq(items.sampleId, key.sampleId), eq(items.declarationId, key.declarationId), eq(items.outcome, 'pending')))
    .returning();
  return item;
}

export async function sampleItemExists(q: Queryable, sampleId: number, declarationId: number): Promise<boolean> {
  const [row] = await q.select({ n: count() }).from(items).where(and(eq(items.sampleId, sampleId), eq(items.declarationId, declarationId)));
  return Boolean(row?.n);
}
