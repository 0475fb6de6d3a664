/**
 * Sampling audit (抽查审验, 第十一条（四）, R-17): an HRSS bureau draws a reproducible random sample
 * of the approved declarations of a year in a region, re-checks each record and confirms it
 * (已复核) or revokes it with a reason; a revoked record stops counting.
 *
 * The population of a draw is every record of the year in the region that was approved (备案) at
 * the moment of the draw and not yet revoked then, in id order. The seed drives a deterministic
 * generator (rules.samplePositions), so the same seed over the same population picks the same
 * records: anyone can re-run a recorded draw (GET …/verify) and see that it was not hand-picked.
 */
import crypto from 'node:crypto';
import { MAX_SAMPLE_SIZE } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import type { Queryable } from '../../db';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { findOrg } from '../organisations/repo';
import { toSampleItem, toSampleSummary, toSampleVerification } from './presenters';
import { findDeclaration, guardedUpdate, insertEvent, listByIds, orgsByIds } from './repo';
import { countedHoursChanged } from './hooks';
import { samplePositions, sampleSizeFor } from './rules';
import {
  checkPendingItem,
  findSampleRow,
  idsAtPositions,
  insertSample,
  outcomeCounts,
  populationSize,
  sampleItemExists,
  sampleItems,
  samplesUnder,
  type SampleRow,
} from './sampling-repo';

const inScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

async function scopeBureau(deps: Deps, actor: Actor, bureauId: number) {
  const bureau = await findOrg(deps.db, bureauId);
  if (!bureau) throw inScope();
  requireAccess(actor, { action: 'declaration.sample', org: bureau });
  return bureau;
}

/**
 * Draws a sample inside a transaction and records it: the population as of `at`, the positions
 * chosen by the seed, the sample and its items. Returns the new sample's id.
 */
export async function insertSampleDraw(
  tx: Queryable,
  draw: {
    bureau: { id: number; path: string; name: string };
    year: number;
    seed: string;
    rate?: number;
    count?: number;
    by: { accountId: number; name: string; orgId: number };
    at: Date;
  },
): Promise<{ sampleId: number; population: number; picked: { id: number; position: number }[] }> {
  const population = await populationSize(tx, draw.bureau.path, draw.year, draw.at);
  if (population === 0) throw new AppError('VALIDATION', `${draw.bureau.name}辖区${draw.year}年度没有审核通过的学时申报，无需抽查`);
  const size = sampleSizeFor(draw, population, MAX_SAMPLE_SIZE);
  if (size === 0) throw new AppError('VALIDATION', '按该比例抽取的条数为0，请提高抽查比例');
  const picked = await idsAtPositions(tx, draw.bureau.path, draw.year, draw.at, samplePositions(draw.seed, population, size));
  const sampleId = await insertSample(
    tx,
    {
      bureauOrgId: draw.bureau.id,
      scopePath: draw.bureau.path,
      year: draw.year,
      seed: draw.seed,
      rate: draw.rate ?? null,
      requestedCount: draw.count ?? null,
      populationSize: population,
      sampleSize: picked.length,
      drawnByAccountId: draw.by.accountId,
      drawnByName: draw.by.name,
      drawnByOrgId: draw.by.orgId,
      drawnAt: draw.at,
    },
    picked,
  );
  return { sampleId, population, picked };
}

export async function drawSample(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  body: { bureauId?: number; year: number; rate?: number; count?: number; seed?: string },
) {
  const bureau = await scopeBureau(deps, actor, body.bureauId ?? actor.org.id);
  const seed = body.seed ?? crypto.randomBytes(12).toString('hex');
  const id = await deps.db.transaction(async (tx) => {
    const draw = await insertSampleDraw(tx, {
      bureau,
      year: body.year,
      seed,
      rate: body.rate,
      count: body.count,
      by: { accountId: actor.accountId, name: actor.name, orgId: actor.org.id },
      at: meta.now,
    });
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.sample.draw',
      objectType: 'declaration_sample',
      objectId: draw.sampleId,
      scopePath: bureau.path,
      detail: { year: body.year, seed, population: draw.population, size: draw.picked.length, rate: body.rate ?? null, count: body.count ?? null },
    });
    return draw.sampleId;
  });
  return sampleDetail(deps, actor, id);
}

async function summaries(q: Queryable, rows: SampleRow[]) {
  const counts = await outcomeCounts(q, rows.map((r) => r.id));
  const orgs = await orgsByIds(q, rows.map((r) => r.bureauOrgId));
  return rows.map((r) => toSampleSummary(r, orgs.get(r.bureauOrgId)?.name ?? '', counts.get(r.id)));
}

export async function listSamples(deps: Deps, actor: Actor, query: { year?: number; after?: number; limit: number }) {
  const own = await findOrg(deps.db, actor.org.id);
  if (!own) throw inScope();
  requireAccess(actor, { action: 'declaration.sample', org: own });
  const rows = await samplesUnder(deps.db, own.path, { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { items: await summaries(deps.db, page), nextAfter: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

async function findSample(deps: Deps, actor: Actor, id: number) {
  const sample = await findSampleRow(deps.db, id);
  if (!sample) throw inScope();
  await scopeBureau(deps, actor, sample.bureauOrgId);
  return sample;
}

export async function sampleDetail(deps: Deps, actor: Actor, id: number) {
  const sample = await findSample(deps, actor, id);
  const rows = await sampleItems(deps.db, id);
  const byId = new Map((await listByIds(deps.db, rows.map((r) => r.declarationId))).map((r) => [r.d.id, r]));
  const [summary] = await summaries(deps.db, [sample]);
  return {
    ...summary!,
    items: rows.map((r) => toSampleItem(r, byId.get(r.declarationId)!)),
  };
}

/** Re-runs a recorded draw with its seed over the population as it was at the draw. */
export async function verifySample(deps: Deps, actor: Actor, id: number) {
  const sample = await findSample(deps, actor, id);
  const population = await populationSize(deps.db, sample.scopePath, sample.year, sample.drawnAt);
  const recorded = (await sampleItems(deps.db, id)).map((r) => r.declarationId);
  const positions = population >= sample.sampleSize ? samplePositions(sample.seed, population, sample.sampleSize) : [];
  const redrawn = (await idsAtPositions(deps.db, sample.scopePath, sample.year, sample.drawnAt, positions)).map((p) => p.id);
  const matches = population === sample.populationSize && redrawn.length === recorded.length && redrawn.every((x, i) => x === recorded[i]);
  return toSampleVerification(sample.seed, { matches, populationSize: population, recorded, redrawn });
}

/**
 * Records the re-check of one sampled record: confirmed (已复核), or revoked with a reason — the
 * record then stops counting (approvedHoursByYear skips it) and its person sees the reason.
 */
export async function checkSampleItem(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  sampleId: number,
  declarationId: number,
  decision: { revoke: false } | { revoke: true; reason: string },
) {
  const sample = await findSample(deps, actor, sampleId);
  await deps.db.transaction(async (tx) => {
    const declaration = await findDeclaration(tx, declarationId);
    const item = await checkPendingItem(tx, { sampleId, declarationId }, {
      outcome: decision.revoke ? 'revoked' : 'confirmed',
      reason: decision.revoke ? decision.reason : null,
      checkedAt: meta.now,
      checkedByAccountId: actor.accountId,
    });
    if (!item || !declaration) {
      if (!(await sampleItemExists(tx, sampleId, declarationId)) || !declaration) throw inScope();
      throw alreadyHandled();
    }
    if (decision.revoke) {
      const updated = await guardedUpdate(
        tx,
        { id: declarationId, version: declaration.version, statuses: ['approved'] },
        { status: 'revoked', revokedAt: meta.now, revokeReason: decision.reason, revokedByOrgId: actor.org.id, updatedAt: meta.now },
      );
      // Another audit revoked it first.
      if (!updated) throw alreadyHandled();
      // The record stops counting: what depends on the counted hours follows in this transaction.
      await countedHoursChanged(tx, {
        personId: declaration.personId,
        year: declaration.year,
        declarationId,
        cause: 'revoked',
        reason: decision.reason,
        actor,
        meta,
      });
    }
    const action = decision.revoke ? 'sample_revoke' : 'sample_confirm';
    await insertEvent(tx, {
      declarationId,
      submissionNo: declaration.submissionNo,
      action,
      reason: decision.revoke ? decision.reason : null,
      actorAccountId: actor.accountId,
      actorName: actor.name,
      orgId: actor.org.id,
      orgName: actor.org.name,
      at: meta.now,
    });
    await writeAudit(tx, { actor, meta }, {
      action: decision.revoke ? 'declaration.sample.revoke' : 'declaration.sample.confirm',
      objectType: 'declaration',
      objectId: declarationId,
      scopePath: declaration.unitPath,
      detail: { sampleId: sample.id, ...(decision.revoke ? { reason: decision.reason } : {}) },
    });
  });
  return sampleDetail(deps, actor, sampleId);
}

