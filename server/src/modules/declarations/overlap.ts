/**
 * The reviewers' flag on a year that holds both hours earned here (本省) and hours transferred in from
 * another province (外省转入) beyond the year's requirement (issue 14 item 4): the same learning may
 * be counted twice. Computed for the records a reviewer looks at, never stored.
 */
import { transferOverlapWarning } from '@ce/shared';
import type { Queryable } from '../../db';
import { loadPersonFacts, yearResult, type PersonFacts } from '../certificates/issuing';
import { liveHoursByKind, type DeclarationRow } from './repo';

const key = (personId: number, year: number) => `${personId}:${year}`;

/** The warning of each record of `rows` (by id) whose year mixes both kinds beyond the requirement. */
export async function overlapWarnings(
  q: Queryable,
  rows: readonly Pick<DeclarationRow, 'id' | 'personId' | 'year' | 'status' | 'form' | 'originProvince'>[],
): Promise<Map<number, string>> {
  const live = rows.filter((r) => (r.status === 'pending' || r.status === 'approved') && r.form !== 'reduction');
  const warnings = new Map<number, string>();
  if (live.length === 0) return warnings;
  const sums = await liveHoursByKind(q, [...new Set(live.map((r) => r.personId))], [...new Set(live.map((r) => r.year))]);
  const hours = new Map<string, { local: number; transferred: number }>();
  for (const s of sums) {
    const h = hours.get(key(s.personId, s.year)) ?? { local: 0, transferred: 0 };
    h[s.transferred ? 'transferred' : 'local'] = Number(s.hours);
    hours.set(key(s.personId, s.year), h);
  }
  const facts = new Map<number, PersonFacts | null>();
  for (const r of live) {
    const h = hours.get(key(r.personId, r.year));
    // Only a year holding both kinds needs its requirement (rare: one person's facts per such year).
    if (!h || h.local <= 0 || h.transferred <= 0) continue;
    if (!facts.has(r.personId)) facts.set(r.personId, await loadPersonFacts(q, r.personId));
    const f = facts.get(r.personId);
    const result = f ? yearResult(f, r.year) : null;
    if (!result) continue;
    const required = result.state.requirement.publicHours + result.state.requirement.professionalHours;
    const warning = transferOverlapWarning(r.originProvince ? 'transfer' : 'local', r.year, {
      local: Math.round(h.local * 10) / 10,
      transferred: Math.round(h.transferred * 10) / 10,
      required,
    });
    if (warning) warnings.set(r.id, warning);
  }
  return warnings;
}
