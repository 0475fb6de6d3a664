/**
 * 外省学时转入 (issue 14 item 4). A professional who moved to Henan declares past years' hours
 * recorded by another province, with that province's certificate as evidence. Each year's public
 * and professional hours become ordinary declarations (form 其他, marked with the province) that
 * are already submitted: their chain is the unit, then the first HRSS bureau above it
 * (`transferChainOf`, the competent department is skipped). Reviewers decide them in their usual
 * queue with the usual decision; the final approval makes them count like any record, and the
 * completion and the certificate mark them 外省转入.
 *
 * The application is withdrawn as a whole while the unit has acted on none of its records. A year's
 * subject is transferred in once (a partial unique index refuses a second live record even when two
 * submissions race).
 */
import type { z } from 'zod';
import {
  checkTransferEntries,
  chinaYear,
  type DeclarationSubject,
  evaluateStandardHours,
  otherProvinceName,
  type ProvinceTransfer,
  type provinceTransferFields,
} from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import type { Queryable } from '../../db';
import { AppError, alreadyHandled, isUniqueViolation } from '../../errors';
import type { Deps } from '../../http/context';
import { effectiveRules, firstRequirementYear } from '../certificates/rules';
import { provinceRequirementRules } from '../certificates/records-repo';
import { discardStaged, openStoredFile, recordFile, stageUpload, storageOf, MB, type StagedFile } from '../files/attachments';
import { toProvinceTransfer } from './presenters';
import { guardedUpdate, insertDeclaration, insertEvent, orgsByIds, pathOrgs, professionalAccount } from './repo';
import {
  declarationsOfTransfers,
  findTransfer,
  insertTransfer,
  insertTransferAttachment,
  liveTransferredYears,
  lockApplicantAccount,
  markTransferWithdrawn,
  personTransfers,
  storedFilesByIds,
  transferDeclarations,
  type TransferRow,
} from './province-transfers-repo';
import { transferChainOf } from './rules';
import { submitted } from './submitted';

type Fields = z.output<typeof provinceTransferFields>;
const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

export const TRANSFER_EVIDENCE_MAX_BYTES = 10 * MB;
const SUBJECTS: readonly DeclarationSubject[] = ['public', 'professional'];

/** Submits an application: its records start at the unit's level of the transfer chain. */
export async function createProvinceTransfer(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: Fields,
  evidence: { name: string | null; data: Buffer } | null,
): Promise<ProvinceTransfer> {
  requireAccess(actor, { action: 'declaration.own', declaration: { personId: actor.personId } });
  const provinceName = otherProvinceName(input.province);
  if (!provinceName) throw new AppError('VALIDATION', '请选择转出省份（不含河南省）');
  const first = firstRequirementYear(effectiveRules(await provinceRequirementRules(deps.db)));
  const problem = checkTransferEntries(input.entries, { currentYear: chinaYear(meta.now), firstYear: first });
  if (problem) throw new AppError('VALIDATION', problem);
  if (!evidence) throw new AppError('VALIDATION', '请上传外省继续教育证书（PDF或图片）作为证明材料');

  const storage = storageOf(deps.config);
  const staged: StagedFile[] = [];
  staged.push(
    await stageUpload(storage, { data: evidence.data, filename: evidence.name }, {
      allowed: ['image/jpeg', 'image/png', 'application/pdf'],
      maxBytes: TRANSFER_EVIDENCE_MAX_BYTES,
      label: '外省证书',
      now: meta.now,
    }),
  );
  const file = staged[0]!;
  try {
    const id = await deps.db.transaction(async (tx) => {
      // One application of a person at a time: the second of two simultaneous submissions waits
      // here, then finds the first one's records.
      const locked = await lockApplicantAccount(tx, actor.accountId);
      const account = locked ? await professionalAccount(tx, actor.accountId) : undefined;
      if (!account) throw notFound();
      if (account.account.status !== 'active') throw new AppError('CONFLICT', '账号尚未审核通过或已注销归档，不能申请外省学时转入');
      const years = input.entries.map((e) => e.year);
      const existing = await liveTransferredYears(tx, actor.personId, years);
      if (existing.length > 0) {
        throw new AppError('CONFLICT', `${existing[0]!}年度已有外省转入的学时（审核中或已通过），不能重复转入`, { year: existing[0]! });
      }
      const chain = transferChainOf(await pathOrgs(tx, account.unit.path));
      const stored = await recordFile(tx, file, { uploadedByAccountId: actor.accountId, now: meta.now });
      const transfer = await insertTransfer(tx, {
        personId: actor.personId,
        accountId: actor.accountId,
        unitPath: account.unit.path,
        province: input.province,
        certificateNo: input.certificateNo,
        note: input.note,
        evidenceFileId: stored.id,
        createdAt: meta.now,
      });
      const standard = evaluateStandardHours('other', {});
      if (!standard.ok) throw new Error(standard.message);
      const note = [input.certificateNo ? `外省证书编号：${input.certificateNo}` : '', input.note].filter(Boolean).join('；');
      const by = { actorAccountId: actor.accountId, actorName: actor.name, orgId: actor.org.id, orgName: actor.org.name, at: meta.now };
      const declarationIds: number[] = [];
      for (const entry of input.entries) {
        for (const subject of SUBJECTS) {
          const hours = subject === 'public' ? entry.publicHours : entry.professionalHours;
          if (hours <= 0) continue;
          const row = await insertDeclaration(tx, {
            personId: actor.personId,
            accountId: actor.accountId,
            unitId: account.unit.id,
            unitPath: account.unit.path,
            workDepartmentId: account.account.workDepartmentId,
            year: entry.year,
            subject,
            form: 'other',
            title: `外省学时转入（${provinceName}）`,
            organiser: `${provinceName}继续教育主管部门`,
            startDate: `${entry.year}-01-01`,
            endDate: `${entry.year}-12-31`,
            assessmentResult: '外省继续教育证书载明',
            params: {},
            monthsOnDuty: null,
            claimedHours: hours,
            standardHours: standard.result.hours,
            standardCovers: standard.result.covers,
            standardBasis: standard.result.basis,
            note,
            status: 'pending',
            submissionNo: 1,
            reviewChain: chain,
            currentLevel: 0,
            currentReviewerOrgId: chain[0]!,
            submittedAt: meta.now,
            createdAt: meta.now,
            updatedAt: meta.now,
            originProvince: input.province,
            transferId: transfer.id,
          });
          declarationIds.push(row.id);
          await insertEvent(tx, { declarationId: row.id, submissionNo: 0, action: 'create', reason: '外省学时转入', ...by });
          await insertEvent(tx, { declarationId: row.id, submissionNo: 1, action: 'submit', reason: '外省学时转入', ...by });
          // The certificate is each record's evidence: reviewers open it with the record.
          await insertTransferAttachment(tx, {
            declarationId: row.id,
            storageKey: file.storageKey,
            originalName: file.originalName ?? '外省证书',
            contentType: file.contentType,
            size: file.size,
            sha256: file.sha256,
            uploadedByAccountId: actor.accountId,
            uploadedAt: meta.now,
          });
        }
      }
      await writeAudit(tx, { actor, meta }, {
        action: 'declaration.provinceTransfer.submit',
        objectType: 'provinceTransfer',
        objectId: transfer.id,
        scopePath: account.unit.path,
        detail: { province: provinceName, years, declarationIds, evidenceSha256: file.sha256 },
      });
      return transfer.id;
    });
    return await transferOf(deps.db, actor, id);
  } catch (err) {
    await discardStaged(storage, staged);
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '所填年度已有外省转入的学时（审核中或已通过），不能重复转入');
    throw err;
  }
}

/** 撤回: the whole application, while its unit has acted on none of its records. */
export async function withdrawProvinceTransfer(deps: Deps, meta: RequestMeta, actor: Actor, id: number): Promise<ProvinceTransfer> {
  await deps.db.transaction(async (tx) => {
    const transfer = await findTransfer(tx, id, { forUpdate: true });
    if (!transfer) throw notFound();
    requireAccess(actor, { action: 'declaration.own', declaration: { personId: transfer.personId } });
    if (transfer.withdrawnAt) throw alreadyHandled();
    const rows = await transferDeclarations(tx, id);
    if (rows.some((r) => r.status !== 'pending' || r.currentLevel !== 0)) {
      throw new AppError('CONFLICT', '单位已审核该申请，不能撤回；如有错误，请联系正在审核的单位或人社部门驳回');
    }
    for (const r of rows) {
      const updated = await guardedUpdate(
        tx,
        { id: r.id, version: r.version, statuses: ['pending'], currentLevel: 0 },
        { status: 'deleted', currentLevel: null, currentReviewerOrgId: null, updatedAt: meta.now },
      );
      // The unit decided in between: its decision stands.
      if (!updated) throw alreadyHandled();
      await insertEvent(tx, {
        declarationId: r.id,
        submissionNo: r.submissionNo,
        action: 'revoke',
        reason: '撤回外省学时转入申请',
        actorAccountId: actor.accountId,
        actorName: actor.name,
        orgId: actor.org.id,
        orgName: actor.org.name,
        at: meta.now,
      });
    }
    if (!(await markTransferWithdrawn(tx, id, meta.now))) throw alreadyHandled();
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.provinceTransfer.withdraw',
      objectType: 'provinceTransfer',
      objectId: id,
      scopePath: transfer.unitPath,
      detail: { declarationIds: rows.map((r) => r.id) },
    });
  });
  return transferOf(deps.db, actor, id);
}

export async function listProvinceTransfers(deps: Deps, actor: Actor, query: { after?: number; limit: number }) {
  requireAccess(actor, { action: 'declaration.own', declaration: { personId: actor.personId } });
  const rows = await personTransfers(deps.db, actor.personId, query.after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { items: await present(deps.db, page), nextAfter: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

/** The certificate uploaded with the application, for its owner. */
export async function provinceTransferEvidence(deps: Deps, actor: Actor, id: number) {
  const transfer = await findTransfer(deps.db, id);
  if (!transfer) throw notFound();
  requireAccess(actor, { action: 'declaration.own', declaration: { personId: transfer.personId } });
  return openStoredFile(deps.db, storageOf(deps.config), transfer.evidenceFileId);
}

async function transferOf(q: Queryable, actor: Actor, id: number): Promise<ProvinceTransfer> {
  const transfer = await findTransfer(q, id);
  if (!transfer) throw notFound();
  requireAccess(actor, { action: 'declaration.own', declaration: { personId: transfer.personId } });
  return (await present(q, [transfer]))[0]!;
}

async function present(q: Queryable, transfers: readonly TransferRow[]): Promise<ProvinceTransfer[]> {
  if (transfers.length === 0) return [];
  // A transfer's records are written complete (one per year and subject), never drafts.
  const rows = (await declarationsOfTransfers(q, transfers.map((t) => t.id))).map(
    (r) => submitted(r, ['subject', 'claimedHours']),
  );
  const files = await storedFilesByIds(q, transfers.map((t) => t.evidenceFileId));
  const reviewers = await orgsByIds(q, rows.flatMap((r) => (r.currentReviewerOrgId ? [r.currentReviewerOrgId] : [])));
  return transfers.map((t) =>
    toProvinceTransfer(
      t,
      rows.filter((r) => r.transferId === t.id),
      files.find((f) => f.id === t.evidenceFileId),
      reviewers,
    ),
  );
}
