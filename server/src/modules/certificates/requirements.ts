/**
 * The yearly requirement as data (SPEC §7): the regulation's table (REQUIREMENT_RULES) plus rules the
 * province adds for new years (e.g. the annual notice). A province rule is tried before the table,
 * the newest first; a correction is a newer rule over the same years (rows are never edited, and every
 * one is in the audit log).
 *
 * The province adds rules from the current year on: a rule never reaches back into a year whose
 * certificates were issued under the old figures. (A rule for the current year applies to certificates
 * of this year issued before it at the person's next recomputation.)
 */
import { chinaYear, REQUIREMENT_RULES, type RequirementRuleRequest } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { findProvinceBureau } from '../declarations/repo';
import { insertRequirementRule, provinceRequirementRules, type RequirementRuleDbRow } from './records-repo';
import { conditionText } from './rules';
import { enqueueRecompute } from './recompute';

function presentProvinceRule(r: RequirementRuleDbRow) {
  return {
    id: r.id,
    source: 'province' as const,
    sourceLabel: '省人社厅设定',
    fromYear: r.fromYear,
    toYear: r.toYear,
    titleLevels: r.titleLevels,
    regionPrefixes: r.regionPrefixes,
    notRegionPrefixes: r.notRegionPrefixes,
    appliesTo: conditionText(r),
    publicHours: r.publicHours,
    professionalHours: r.professionalHours,
    basis: r.basis,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Every rule in the order they are tried (the first that matches a person's year decides). */
export async function requirementRuleList(deps: Deps, actor: Actor) {
  requireAccess(actor, { action: 'requirement.read' });
  const province = await provinceRequirementRules(deps.db);
  return {
    currentYear: chinaYear(deps.now()),
    items: [
      ...province.map(presentProvinceRule),
      ...REQUIREMENT_RULES.map((r) => ({
        id: null,
        source: 'regulation' as const,
        sourceLabel: '规定（常见问题“各年度学时要求”）',
        fromYear: r.fromYear,
        toYear: r.toYear,
        titleLevels: r.condition.titleLevels ? [...r.condition.titleLevels] : null,
        regionPrefixes: r.condition.regionPrefixes ? [...r.condition.regionPrefixes] : null,
        notRegionPrefixes: r.condition.notRegionPrefixes ? [...r.condition.notRegionPrefixes] : null,
        appliesTo: conditionText(r.condition),
        publicHours: r.publicHours,
        professionalHours: r.professionalHours,
        basis: r.basis,
        createdByName: null,
        createdAt: null,
      })),
    ],
  };
}

/** The province HRSS adds a rule for the current or a later year range. */
export async function addRequirementRule(deps: Deps, meta: RequestMeta, actor: Actor, input: RequirementRuleRequest) {
  const province = await findProvinceBureau(deps.db);
  requireAccess(actor, { action: 'declaration.settings', org: province });
  const current = chinaYear(meta.now);
  if (input.fromYear < current) {
    throw new AppError('VALIDATION', `只能设定${current}年度及以后的学时要求（往年证书已按当时的要求发放）`);
  }
  let recomputeJob = '';
  const answer = await deps.db.transaction(async (tx) => {
    const row = await insertRequirementRule(tx, {
      fromYear: input.fromYear,
      toYear: input.toYear,
      titleLevels: input.titleLevels ?? null,
      regionPrefixes: input.regionPrefixes ?? null,
      notRegionPrefixes: input.notRegionPrefixes ?? null,
      publicHours: input.publicHours,
      professionalHours: input.professionalHours,
      basis: input.basis,
      createdByAccountId: actor.accountId,
      createdByName: actor.name,
      createdAt: meta.now,
    });
    await writeAudit(tx, { actor, meta }, {
      action: 'certificate.requirementRule.create',
      objectType: 'requirementRule',
      objectId: row.id,
      scopePath: province.path,
      detail: { ...input },
    });
    // Years from fromYear on may pass or fail under the new rule: the certificates follow.
    recomputeJob = await enqueueRecompute(deps, tx, actor, { scopePath: province.path, fromYear: input.fromYear, why: `${input.fromYear}年度起的学时要求调整` });
    return presentProvinceRule(row);
  });
  await deps.jobs.dispatch(recomputeJob);
  return answer;
}
