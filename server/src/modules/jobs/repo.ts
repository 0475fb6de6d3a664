/** The queries of the jobs module (the queue itself is src/jobs/queue.ts). */
import { eq } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';

export async function findJob(q: Queryable, jobId: string) {
  const [job] = await q.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
  return job;
}

/** Who asked for a job (a job handler re-checks the owner's scope at run time). */
export async function jobOwner(q: Queryable, jobId: string) {
  const [job] = await q
    .select({ ownerAccountId: schema.jobs.ownerAccountId, ownerOrgPath: schema.jobs.ownerOrgPath })
    .from(schema.jobs)
    .where(eq(schema.jobs.id, jobId));
  return job;
}
