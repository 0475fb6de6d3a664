import type { Actor, RequestMeta } from '../../access/actor';
import type { Queryable } from '../../db';

/**
 * "A person's counted hours changed": other capabilities (the certificates) recompute
 * what depends on the counted hours INSIDE the transaction of the change, so a certificate is never
 * out of step with the records. Called on a final approval (备案: the record starts counting) and on
 * a sampling revocation (it stops counting). Hooks get the transaction: use only `tx` (rule 5).
 *
 * The hooks are wired in app.ts `wireModules()`:
 *
 *   registerCountedHoursHook('certificates', certificatesOnCountedHours);
 */
export interface CountedHoursChange {
  personId: number;
  year: number;
  declarationId: number;
  /** approved: the record now counts; revoked: it no longer counts (sampling audit). */
  cause: 'approved' | 'revoked';
  /** Why it stopped counting (the sampling audit's reason). */
  reason: string | null;
  /** null: no signed-in person (a learning platform's report, R-30). */
  actor: Actor | null;
  meta: RequestMeta;
}
export type CountedHoursHook = (tx: Queryable, change: CountedHoursChange) => Promise<void>;

const hooks = new Map<string, CountedHoursHook>();

/** Adds (or replaces) a named hook. */
export function registerCountedHoursHook(name: string, hook: CountedHoursHook): void {
  hooks.set(name, hook);
}

/** Runs every registered hook, in registration order, in the caller's transaction. */
export async function countedHoursChanged(tx: Queryable, change: CountedHoursChange): Promise<void> {
  for (const hook of hooks.values()) await hook(tx, change);
}
