/**
 * Keeps the certificate state current where it changes without a counted-hours change, so that the
 * public query and verification only read (issue 13 item 1): a bureau's e-seal enablement (people who
 * passed before could not be issued a certificate) and a new yearly requirement rule (a year may pass
 * or fail under it). Both enqueue this job in the transaction of the change; it recomputes each
 * affected person in a short transaction of their own (`syncCertificates`, idempotent), so a retry
 * after a crash redoes nothing wrong.
 */
import type { Deps } from '../../http/context';
import type { Actor, RequestMeta } from '../../access/actor';
import type { Db, Queryable } from '../../db';
import { syncCertificates } from './issuing';
import { personIdsWithApprovedHours } from './records-repo';

export const CERTIFICATE_RECOMPUTE_JOB = 'certificate-recompute';

type RecomputePayload = { scopePath: string; fromYear: number | null; why: string };

const PAGE = 500;

/** Enqueues the recomputation in the caller's transaction; dispatch the returned id after the commit. */
export function enqueueRecompute(deps: Deps, tx: Queryable, actor: Actor, payload: RecomputePayload): Promise<string> {
  return deps.jobs.enqueue(tx, {
    kind: CERTIFICATE_RECOMPUTE_JOB,
    ownerAccountId: actor.accountId,
    ownerOrg: { id: actor.org.id, path: actor.org.path },
    payload,
    message: `排队等待重新核算证书（${payload.why}）`,
  });
}

/**
 * Recomputes the certificates of every professional of the subtree holding approved hours (of
 * `fromYear` and later), one short transaction per person; `progress` after each page.
 */
export async function recomputeCertificates(
  db: Db,
  opts: { scopePath: string; fromYear: number | null; now: Date },
  progress: (done: number) => void = () => {},
): Promise<{ people: number; changed: number }> {
  const meta: RequestMeta = { ip: null, userAgent: null, now: opts.now };
  let after = 0;
  let people = 0;
  let changed = 0;
  for (;;) {
    const ids = await personIdsWithApprovedHours(db, { scopePath: opts.scopePath, fromYear: opts.fromYear, afterPersonId: after, limit: PAGE });
    if (ids.length === 0) break;
    for (const personId of ids) {
      const sync = await db.transaction((tx) => syncCertificates(tx, personId, { now: meta.now, actor: null, meta }));
      if (sync?.changed) changed++;
      people++;
    }
    after = ids.at(-1)!;
    progress(people);
  }
  return { people, changed };
}

export function defineCertificateRecomputeJob(deps: Deps) {
  deps.jobs.define<RecomputePayload>(CERTIFICATE_RECOMPUTE_JOB, async (job) => {
    const { scopePath, fromYear, why } = job.payload;
    const { people, changed } = await recomputeCertificates(deps.db, { scopePath, fromYear, now: deps.now() }, (done) =>
      job.progress(done, 0, `正在重新核算证书（${why}）：已核算 ${done} 人`),
    );
    return { state: 'succeeded', message: `证书已重新核算（${why}）：${people} 人，其中 ${changed} 人的证书有变化`, result: { people, changed } };
  });
}
