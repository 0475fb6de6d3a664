/**
 * 学时转登 (R-26, seed 002 一(三)): hours recorded on a person's paper certificate are entered by an
 * admin as a declaration of that past year, on the person's behalf. The declaration is an ordinary one
 * (form 其他, the paper certificate's number in its note) that goes through the person's review chain
 * from the level ABOVE the entering organisation — the entering unit's own first review is the entry —
 * so the records the certificates count are always 备案 by an HRSS bureau. When the entering
 * organisation is the last level of the chain (the bureau), its entry is the 备案 itself.
 *
 * Who enters: an admin with 学时审核 of an organisation on the person's chain (normally their unit;
 * the competent department or the bureau may do it too), within their subtree and 工作部门 scope.
 */
import type { z } from 'zod';
import {
  chinaYear,
  evaluateStandardHours,
  HISTORICAL_SCAN_LIMITS,
  type historicalHoursRequest,
} from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { countedHoursChanged } from '../declarations/hooks';
import { discardStaged, stageUpload, storageOf, type StagedFile } from '../files/attachments';
import { insertAttachments, insertDeclaration, insertEvent, pathOrgs } from '../declarations/repo';
import { reviewChainOf } from '../declarations/rules';
import { findOrg } from '../organisations/repo';
import { toHistoricalEntry } from './presenters';
import { effectiveRules, firstRequirementYear } from './rules';
import {
  historicalEntriesOfOrg,
  holderByIdNumber,
  insertHistoricalEntry,
  provinceRequirementRules,
} from './records-repo';

type Input = z.output<typeof historicalHoursRequest>;
const outOfScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

export const HISTORICAL_ORGANISER = '原纸质继续教育证书登记';

/**
 * Enters the hours; `scans` (the paper certificate, PDF/JPG/PNG checked by content) become the
 * record's evidence, which every reviewer of the chain opens with it (issue 8 item 12). A bad file
 * refuses the whole entry, naming the file, and nothing is kept.
 */
export async function enterHistoricalHours(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: Input,
  scans: readonly { name: string | null; data: Buffer }[] = [],
) {
  const current = chinaYear(meta.now);
  const first = firstRequirementYear(effectiveRules(await provinceRequirementRules(deps.db)));
  if (input.year >= current) throw new AppError('VALIDATION', `学时转登只能登记往年（${current - 1}年度及以前）的学时`);
  if (input.year < first) throw new AppError('VALIDATION', `${first}年度以前没有年度学时要求，不能转登`);
  if (scans.length > HISTORICAL_SCAN_LIMITS.maxFiles) {
    throw new AppError('VALIDATION', `原纸质证书扫描件最多上传${HISTORICAL_SCAN_LIMITS.maxFiles}个文件`);
  }
  const storage = storageOf(deps.config);
  const staged: StagedFile[] = [];
  try {
    for (const scan of scans) {
      staged.push(
        await stageUpload(storage, { data: scan.data, filename: scan.name }, {
          allowed: ['image/jpeg', 'image/png', 'application/pdf'],
          maxBytes: HISTORICAL_SCAN_LIMITS.maxFileBytes,
          label: `原纸质证书扫描件“${scan.name ?? '未命名文件'}”`,
          now: meta.now,
        }),
      );
    }
    return await enter(deps, meta, actor, input, staged);
  } catch (err) {
    await discardStaged(storage, staged);
    throw err;
  }
}

async function enter(deps: Deps, meta: RequestMeta, actor: Actor, input: Input, scans: readonly StagedFile[]) {
  const entryId = await deps.db.transaction(async (tx) => {
    const holder = await holderByIdNumber(tx, input.idNumber);
    if (!holder) throw outOfScope();
    const chain = reviewChainOf(await pathOrgs(tx, holder.unit.path));
    requireAccess(actor, {
      action: 'historicalHours.enter',
      professional: {
        unit: { id: holder.unit.id, kind: holder.unit.kind, path: holder.unit.path, parentId: holder.unit.parentId },
        workDepartmentId: holder.workDepartmentId,
      },
      reviewChain: chain,
    });
    if (holder.accountStatus !== 'active') throw new AppError('CONFLICT', '该人员账号尚未审核通过或已注销归档，不能转登学时');
    const level = chain.indexOf(actor.org.id);
    const start = level + 1;
    const approved = start >= chain.length;
    const evaluated = evaluateStandardHours('other', {});
    if (!evaluated.ok) throw new Error(evaluated.message);
    const note = `学时转登：原纸质证书编号 ${input.paperCertificateNo}${input.note ? `；${input.note}` : ''}`;
    const d = await insertDeclaration(tx, {
      personId: holder.personId,
      accountId: holder.accountId,
      unitId: holder.unit.id,
      unitPath: holder.unit.path,
      workDepartmentId: holder.workDepartmentId,
      year: input.year,
      subject: input.subject,
      form: 'other',
      title: input.title,
      organiser: HISTORICAL_ORGANISER,
      startDate: `${input.year}-01-01`,
      endDate: `${input.year}-12-31`,
      assessmentResult: '已载入原纸质证书',
      params: {},
      monthsOnDuty: null,
      claimedHours: input.hours,
      standardHours: evaluated.result.hours,
      standardCovers: evaluated.result.covers,
      standardBasis: evaluated.result.basis,
      note,
      status: approved ? 'approved' : 'pending',
      submissionNo: 1,
      reviewChain: chain,
      currentLevel: approved ? null : start,
      currentReviewerOrgId: approved ? null : chain[start]!,
      submittedAt: meta.now,
      approvedAt: approved ? meta.now : null,
      createdAt: meta.now,
      updatedAt: meta.now,
    });
    // The scans are the record's evidence: reviewers open them with it, like any declaration's.
    await insertAttachments(
      tx,
      scans.map((scan) => ({
        declarationId: d.id,
        storageKey: scan.storageKey,
        originalName: scan.originalName ?? '原纸质证书扫描件',
        contentType: scan.contentType,
        size: scan.size,
        sha256: scan.sha256,
        uploadedByAccountId: actor.accountId,
        uploadedAt: meta.now,
      })),
    );
    const by = { actorAccountId: actor.accountId, actorName: actor.name, orgId: actor.org.id, orgName: actor.org.name, at: meta.now };
    await insertEvent(tx, { declarationId: d.id, submissionNo: 0, action: 'create', reason: '学时转登', ...by });
    await insertEvent(tx, { declarationId: d.id, submissionNo: 1, action: 'submit', reason: '学时转登', ...by });
    // The entering organisation's own level: its entry is its review.
    await insertEvent(tx, { declarationId: d.id, submissionNo: 1, action: 'approve', level, reason: '学时转登（由本机构录入）', ...by });
    const entry = await insertHistoricalEntry(tx, {
      declarationId: d.id,
      personId: holder.personId,
      orgId: actor.org.id,
      accountId: actor.accountId,
      enteredByName: actor.name,
      paperCertificateNo: input.paperCertificateNo,
      enteredAt: meta.now,
    });
    await writeAudit(tx, { actor, meta }, {
      action: 'certificate.historicalHours',
      objectType: 'declaration',
      objectId: d.id,
      scopePath: holder.unit.path,
      detail: {
        certNo: holder.certNo,
        year: input.year,
        subject: input.subject,
        hours: input.hours,
        paperCertificateNo: input.paperCertificateNo,
        scans: scans.length,
        ...(approved ? { approved: true } : { nextLevel: start + 1 }),
      },
    });
    if (approved) {
      await countedHoursChanged(tx, { personId: holder.personId, year: input.year, declarationId: d.id, cause: 'approved', reason: null, actor, meta });
    }
    return entry.id;
  });
  const { items } = await historicalHoursList(deps, actor, { limit: 1, after: entryId + 1 });
  return items[0]!;
}

/** The entries of the actor's organisation, newest first. */
export async function historicalHoursList(deps: Deps, actor: Actor, query: { after?: number; limit: number }) {
  const own = await findOrg(deps.db, actor.org.id);
  if (!own) throw outOfScope();
  requireAccess(actor, { action: 'historicalHours.list', org: own });
  const rows = await historicalEntriesOfOrg(deps.db, own.id, { after: query.after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toHistoricalEntry),
    nextAfter: rows.length > query.limit ? page[page.length - 1]!.entry.id : null,
  };
}
