import crypto from 'node:crypto';
import { chinaDateOf, type FormCode } from '@ce/shared';
import { schema, type Queryable } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { inspectZip, XLSX_ZIP_LIMITS } from '../files/zip';
import { discardStaged, recordFile, stageUpload, storageOf, type AttachmentType, type StagedFile } from '../files/attachments';
import { insertStoredFile, storedFileById } from '../files/repo';
import { attendanceRowChecker } from '../training-plans/attendance';
import { baseClassRowChecker } from '../base-classes/rows';
import { jobFileUrl, storeJobFile } from '../jobs/service';
import { activeOpenings, batchEvidenceFiles, listCaps, listWindows, pathOrgs, professionalsByIdNumbers } from '../declarations/repo';
import { reviewChainOf, yearOpenState, type ChainOrg } from '../declarations/rules';
import { decideInTransaction, type ReviewDecision } from '../declarations/service';
import { batchAnomalyFlags } from './anomalies';
import { countBatchRows, errorReport, readBatchRows, templateWorkbook } from './excel';
import { BATCH_MARKERS, declarerStartLevel, duplicateKey, parseBatchRow, type BatchRowFields, type Cell } from './rules';
import {
  batchCounts,
  batchDeclarations,
  batchHistory,
  existingKeys,
  findBatch,
  insertBatch,
  insertMany,
  listBatches,
  lockOrgUploads,
  orgNames,
  sameFileBatch,
  setBatchStatus,
  setJobBatch,
  withdrawPendingRow,
  type BatchRow,
} from './repo';
import { toBatchDetail, toBatchSummary } from './presenters';

export const BATCH_JOB = 'declaration-batch';
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 20_000;

const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

export async function template(deps: Deps, actor: Actor) {
  requireAccess(actor, { action: 'declaration.batch' });
  return templateWorkbook(Number(chinaDateOf(deps.now()).slice(0, 4)));
}

/**
 * Upload (R-27): the file is checked to be a workbook, refused if the same content is already an
 * earlier live batch of the organisation, stored with the batch evidence, and checked row by row
 * in a job. Returns the job id (CONTRACT: 202 {jobId}).
 */
export async function uploadBatch(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: { file: { name: string; data: Buffer } | null; evidence: { name: string; data: Buffer }[] },
  options: BatchOptions = {},
): Promise<{ jobId: string; batchId: number }> {
  if (options.baseClass) requireAccess(actor, { action: 'baseClass.manage', baseClass: options.baseClass });
  else requireAccess(actor, { action: 'declaration.batch' });
  const file = input.file;
  if (!file || file.data.length === 0) throw new AppError('VALIDATION', '请选择填写好的批量申报文件（.xlsx）');
  if (file.data.length > MAX_FILE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `批量申报文件不能超过${MAX_FILE_BYTES / 1048576}MB`);
  // An .xlsx is a ZIP container: checked by its first bytes, not by its name.
  if (file.data.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
    throw new AppError('UNSUPPORTED_MEDIA', '只能上传 Excel 文件（.xlsx），请使用平台提供的模板填写');
  }
  await inspectZip(file.data, XLSX_ZIP_LIMITS, '批量申报文件');
  if (input.evidence.length > 20) throw new AppError('PAYLOAD_TOO_LARGE', '证明材料一次最多上传20个文件');
  const sha256 = crypto.createHash('sha256').update(file.data).digest('hex');
  const earlier = await sameFileBatch(deps.db, actor.org.id, sha256);
  if (earlier) throw sameFile(earlier.id);

  const storage = storageOf(deps.config);
  const staged: StagedFile[] = [];
  let xlsxKey: string | null = null;
  try {
    for (const e of input.evidence) {
      staged.push(await stageUpload(storage, { data: e.data, filename: e.name }, { allowed: options.evidenceTypes ?? ['image/jpeg', 'image/png', 'application/pdf'], maxBytes: options.evidenceMaxBytes ?? 10 * 1048576, label: `证明材料“${e.name}”`, now: meta.now }));
    }
    const key = await storage.put(file.data, meta.now);
    xlsxKey = key;
    const { jobId, batchId } = await deps.db.transaction(async (tx) => {
      // Same file twice at the same moment: the second waits here and finds the first.
      await lockOrgUploads(tx, actor.org.id);
      const again = await sameFileBatch(tx, actor.org.id, sha256);
      if (again) throw sameFile(again.id);
      const stored = await insertStoredFile(tx, { storageKey: key, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: file.data.length, sha256, originalName: file.name.slice(0, 200), uploadedByAccountId: actor.accountId, createdAt: meta.now });
      const evidenceIds: number[] = [...(options.baseClass?.evidenceFileIds ?? [])];
      for (const s of staged) evidenceIds.push((await recordFile(tx, s, { uploadedByAccountId: actor.accountId, now: meta.now })).id);
      const jobId = await deps.jobs.enqueue(tx, {
        kind: BATCH_JOB,
        ownerAccountId: actor.accountId,
        ownerOrg: actor.org,
        payload: {},
        message: '排队等待校验',
      });
      const batch = await insertBatch(tx, {
        declarerAccountId: actor.accountId,
        declarerName: actor.name,
        declarerOrgId: actor.org.id,
        declarerOrgPath: actor.org.path,
        declarerOrgKind: actor.org.kind as 'unit' | 'department' | 'base',
        workDepartmentIds: actor.workDepartmentIds ? [...actor.workDepartmentIds] : null,
        fileId: stored.id,
        fileName: file.name.slice(0, 200),
        fileSha256: sha256,
        evidenceFileIds: evidenceIds,
        jobId,
        status: 'validating',
        planId: options.plan?.planId ?? null,
        planTrainingKey: options.plan?.trainingKey ?? null,
        baseClassId: options.baseClass?.id ?? null,
        createdAt: meta.now,
      });
      await setJobBatch(tx, jobId, batch.id);
      await writeAudit(tx, { actor, meta }, {
        action: 'declaration.batch.upload',
        objectType: 'declaration_batch',
        objectId: batch.id,
        detail: { fileName: file.name, sha256, evidence: evidenceIds.length },
      });
      return { jobId, batchId: batch.id };
    });
    await deps.jobs.dispatch(jobId);
    return { jobId, batchId };
  } catch (err) {
    await discardStaged(storage, staged);
    if (xlsxKey) await storage.remove(xlsxKey).catch(() => undefined);
    throw err;
  }
}

/**
 * An upload for another module: an attendance of a planned training (R-28), with its evidence rules;
 * or a continuing-education base's trainees of a class (R-29), whose evidence is the class's, already stored.
 */
export interface BatchOptions {
  plan?: { planId: number; trainingKey: string };
  baseClass?: { id: number; baseOrgId: number; evidenceFileIds: readonly number[] };
  evidenceTypes?: AttachmentType[];
  evidenceMaxBytes?: number;
}

/** A row naming someone the declarer may not declare for (the same words whether unknown or outside). */
const OUTSIDE: Record<BatchRow['declarerOrgKind'], string> = {
  unit: '该身份证号不是本单位（您管理范围内）已注册的专业技术人员',
  department: '该身份证号不是本部门所属单位已注册的专业技术人员',
  base: '该身份证号不是本省已注册的专业技术人员',
};

const sameFile = (id: number) =>
  new AppError('CONFLICT', `该文件已于批量申报（编号 ${id}）上传过，不能重复上传；如需修改，请在原批次中撤回后重新整理文件`, { batchId: id });

interface CheckedRow {
  rowNumber: number;
  cells: Cell[];
  reason: string | null;
  fields?: BatchRowFields;
  person?: { personId: number; accountId: number; unit: { id: number; path: string; kind: string }; workDepartmentId: number | null };
}

/** What the owner reads when a crash interrupted an earlier run (the import is all or nothing, so nothing was half done). */
const retried = (attempt: number) => (attempt > 1 ? `（处理过程中服务曾中断，第 ${attempt} 次处理时完成；中断的那次未导入任何记录）` : '');

/** The job: reads the file row by row, checks every row, then imports all rows or none. */
export function defineBatchJob(deps: Deps) {
  deps.jobs.define<{ batchId: number }>(BATCH_JOB, async (job) => {
    const batch = await findBatch(deps.db, job.payload.batchId);
    if (!batch) throw new AppError('NOT_FOUND', '批量申报不存在');
    if (batch.status === 'imported') {
      return { state: 'succeeded', message: `已导入 ${batch.rowCount} 条记录${job.attempt > 1 ? '（处理过程中服务曾中断；导入在中断前已全部完成）' : ''}`, result: { imported: batch.rowCount, batchId: batch.id } };
    }
    if (batch.status === 'failed') {
      return { state: 'failed', message: '校验未通过，未导入任何记录', result: { imported: 0, batchId: batch.id, errorReportUrl: jobFileUrl(job.jobId) }, resultFileId: batch.errorReportFileId };
    }
    const now = deps.now();
    const stored = await storedFileById(deps.db, batch.fileId);
    const storage = storageOf(deps.config);
    const caps = new Map((await listCaps(deps.db)).map((c) => [c.form as FormCode, c.maxHours]));

    // 0. Count the rows first (a cheap pass), so that the progress bar has its total while reading.
    job.progress(0, 0, '正在统计文件行数');
    const total = await countBatchRows(await storage.open(stored!.storageKey));
    if (total === 0) throw new AppError('VALIDATION', '文件中没有数据行');
    if (total > MAX_ROWS) throw new AppError('VALIDATION', `一个文件最多${MAX_ROWS}行，本文件有${total}行，请分多个文件上传`);
    job.progress(0, total, `正在读取并校验：共 ${total} 行`);

    // 1. Read and check each row on its own.
    const rows: CheckedRow[] = [];
    for await (const { rowNumber, cells } of readBatchRows(await storage.open(stored!.storageKey))) {
      const parsed = parseBatchRow(cells, caps);
      rows.push({ rowNumber, cells, reason: parsed.ok ? null : parsed.reason, fields: parsed.ok ? parsed.fields : undefined });
      if (rows.length % 250 === 0) job.progress(Math.min(rows.length, total), total, `正在读取并校验：第 ${rows.length} / ${total} 行`);
    }
    if (rows.length !== total) throw new Error(`batch ${batch.id}: ${rows.length} rows read, ${total} counted`);
    job.progress(total, total, `已读取 ${total} 行，正在核对人员、申报年度和重复记录`);

    // 2. Persons: in the declarer's scope, name matching; without revealing anyone outside it.
    // An attendance of a planned training (R-28): every row must fit the approved training.
    if (batch.planId != null) {
      const check = await attendanceRowChecker(deps.db, batch.planId, batch.planTrainingKey ?? '');
      for (const r of rows) if (r.fields && !r.reason) r.reason = check(r.fields);
    }
    // A base's class (R-29): every row must be the class (form, subject, title, year, dates, hours).
    if (batch.baseClassId != null) {
      const check = await baseClassRowChecker(deps.db, batch.baseClassId);
      for (const r of rows) if (r.fields && !r.reason) r.reason = check(r.fields);
    }

    const people = await professionalsByIdNumbers(deps.db, [...new Set(rows.flatMap((r) => (r.fields ? [r.fields.idNumber] : [])))]);
    const outside = OUTSIDE[batch.declarerOrgKind];
    for (const r of rows) {
      if (!r.fields) continue;
      const p = people.get(r.fields.idNumber);
      const inScope =
        p &&
        p.unit.kind === 'unit' &&
        // A base's trainees may work in any unit of the province (R-29).
        (batch.declarerOrgKind === 'base' ||
          (batch.declarerOrgKind === 'unit'
            ? p.unit.id === batch.declarerOrgId && (batch.workDepartmentIds == null || (p.workDepartmentId != null && batch.workDepartmentIds.includes(p.workDepartmentId)))
            : p.unit.path.startsWith(batch.declarerOrgPath) && p.unit.id !== batch.declarerOrgId));
      if (!p || !inScope) r.reason = outside;
      else if (p.name !== r.fields.name) r.reason = '姓名与身份证号不一致';
      else r.person = { personId: p.personId, accountId: p.accountId, unit: p.unit, workDepartmentId: p.workDepartmentId };
    }

    // 3. Window (R-15), dates, duplicates inside the file and against existing records.
    const windows = new Map((await listWindows(deps.db)).map((w) => [w.year, w]));
    const today = chinaDateOf(now);
    const seen = new Map<string, number>();
    const existing = new Set((await existingKeys(deps.db, [...new Set(rows.flatMap((r) => (r.person ? [r.person.personId] : [])))])).map((e) => duplicateKey({ ...e, personKey: e.personId })));
    const openingCache = new Map<number, { year: number; expiresAt: Date }[]>();
    for (const r of rows) {
      if (!r.fields || !r.person || r.reason) continue;
      const f = r.fields;
      if (f.endDate > today) {
        r.reason = '学习尚未结束（结束日期晚于今天）';
        continue;
      }
      let state = yearOpenState({ year: f.year, now, window: windows.get(f.year) ?? null, opening: null });
      if (!state.open) {
        let openings = openingCache.get(r.person.personId);
        if (!openings) openingCache.set(r.person.personId, (openings = await activeOpenings(deps.db, r.person.personId, now)));
        state = yearOpenState({ year: f.year, now, window: windows.get(f.year) ?? null, opening: openings.find((o) => o.year === f.year) ?? null });
      }
      if (!state.open) {
        r.reason = `${f.year}年度不在学时申报时间内（${state.message}）`;
        continue;
      }
      const key = duplicateKey({ ...f, personKey: r.person.personId });
      const first = seen.get(key);
      if (first !== undefined) {
        r.reason = `与第 ${first} 行重复（同一人员、学习形式、学习内容和起止日期）`;
        continue;
      }
      seen.set(key, r.rowNumber);
      if (existing.has(key)) r.reason = '该人员已有相同学习形式、学习内容和起止日期的学时记录';
    }

    const bad = rows.filter((r) => r.reason);
    if (bad.length > 0) {
      // 4a. All or nothing: nothing imported; the declarer gets the sheet back with 错误原因.
      const report = await errorReport(rows);
      const fileId = await storeJobFile(deps, deps.db, {
        data: report,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        name: `批量申报错误报告-${batch.id}.xlsx`,
        sha256: crypto.createHash('sha256').update(report).digest('hex'),
        ownerAccountId: batch.declarerAccountId,
        now,
      });
      await deps.db.transaction(async (tx) => {
        if (!(await setBatchStatus(tx, batch.id, 'validating', { status: 'failed', rowCount: total, errorCount: bad.length, errorReportFileId: fileId, finishedAt: now }))) return;
        await writeAudit(tx, auditWho(batch, now), {
          action: 'declaration.batch.refuse',
          objectType: 'declaration_batch',
          objectId: batch.id,
          scopePath: batch.declarerOrgPath,
          result: 'failure',
          detail: { rows: total, errors: bad.length },
        });
      });
      const first = bad[0]!;
      return {
        state: 'failed',
        message: `校验未通过：${bad.length} 行有错误（如第 ${first.rowNumber} 行：${first.reason}），未导入任何记录。请下载错误报告修改后重新上传`,
        result: { imported: 0, batchId: batch.id, rows: total, errors: bad.length, errorReportUrl: jobFileUrl(job.jobId) },
        resultFileId: fileId,
      };
    }

    // 4b. Every row passed: all created and submitted in one transaction.
    const chains = new Map<string, number[]>();
    for (const r of rows) {
      const path = r.person!.unit.path;
      if (!chains.has(path)) chains.set(path, reviewChainOf((await pathOrgs(deps.db, path)) as ChainOrg[]));
    }
    job.progress(0, total, `校验通过，正在导入 ${total} 条记录`);
    await deps.db.transaction(async (tx) => {
      if (!(await setBatchStatus(tx, batch.id, 'validating', { status: 'imported', rowCount: total, errorCount: 0, finishedAt: now }))) {
        throw new AppError('CONFLICT', '该批量申报已被处理');
      }
      // Anomaly checks (issue 11 item 3): flagged rows are imported too, with the flags for the reviewers.
      const flags = await batchAnomalyFlags(tx, rows.map((r) => ({ personId: r.person!.personId, ...r.fields! })));
      const values = rows.map((r, k) => {
        const f = r.fields!;
        const chain = chains.get(r.person!.unit.path)!;
        const start = declarerStartLevel(batch.declarerOrgKind, chain, batch.declarerOrgId);
        if (start == null) throw new Error(`batch ${batch.id}: declarer not below the chain's last level`);
        return {
          personId: r.person!.personId,
          accountId: r.person!.accountId,
          unitId: r.person!.unit.id,
          unitPath: r.person!.unit.path,
          workDepartmentId: r.person!.workDepartmentId,
          year: f.year,
          subject: f.subject,
          form: f.form,
          title: f.title,
          organiser: f.organiser,
          startDate: f.startDate,
          endDate: f.endDate,
          assessmentResult: f.assessmentResult,
          params: f.params,
          claimedHours: f.claimedHours,
          standardHours: f.standard.hours,
          standardCovers: f.standard.covers,
          standardBasis: f.standard.basis,
          note: `${BATCH_MARKERS[batch.declarerOrgKind]}（批次 ${batch.id}${batch.planId != null ? `，单位培训计划 ${batch.planId}` : ''}${batch.baseClassId != null ? `，培训班次 ${batch.baseClassId}` : ''}）`,
          status: 'pending' as const,
          submissionNo: 1,
          reviewChain: chain,
          currentLevel: start,
          currentReviewerOrgId: chain[start]!,
          submittedAt: now,
          createdAt: now,
          updatedAt: now,
          batchId: batch.id,
          anomalyFlags: flags[k] ?? null,
        };
      });
      const ids: number[] = [];
      for (let i = 0; i < values.length; i += 500) {
        ids.push(...(await insertMany(tx, schema.declarations, values.slice(i, i + 500))));
        job.progress(Math.min(i + 500, total), total, `正在导入：${Math.min(i + 500, total)} / ${total}`);
      }
      const who = { actorAccountId: batch.declarerAccountId, actorName: batch.declarerName, orgId: batch.declarerOrgId, orgName: null, at: now };
      await insertMany(tx, schema.declarationEvents, ids.map((id) => ({ declarationId: id, submissionNo: 1, action: 'submit' as const, reason: `${BATCH_MARKERS[batch.declarerOrgKind]}（批次 ${batch.id}）`, ...who })));
      await writeAudit(tx, auditWho(batch, now), {
        action: 'declaration.batch.import',
        objectType: 'declaration_batch',
        objectId: batch.id,
        scopePath: batch.declarerOrgPath,
        detail: { rows: total },
      });
    });
    return { state: 'succeeded', message: `全部 ${total} 行校验通过，已导入并提交审核${retried(job.attempt)}`, result: { imported: total, batchId: batch.id } };
  });
}

const auditWho = (batch: BatchRow, now: Date) => ({
  actor: null,
  meta: { ip: null, userAgent: null, now },
  actorName: batch.declarerName,
  as: { accountId: batch.declarerAccountId, role: batch.declarerOrgKind, orgId: batch.declarerOrgId },
});

// ------------------------------------------------------------------ reading batches

async function visibleBatch(deps: Deps, actor: Actor, id: number) {
  const batch = await findBatch(deps.db, id);
  if (!batch) throw notFound();
  if (batch.declarerOrgKind === 'base') {
    // A base's batch (R-29): the base itself, and the reviewers of the trainees' chains, each for
    // the records in their own scope (the trainees work anywhere in the province).
    if (batch.declarerOrgId === actor.org.id) {
      requireAccess(actor, { action: 'baseClass.manage', baseClass: { baseOrgId: batch.declarerOrgId } });
      return batch;
    }
    const inScope = (await batchDeclarations(deps.db, id)).find((r) => r.unitPath.startsWith(actor.org.path) && !outsideScope(actor, r));
    if (!inScope) throw notFound();
    requireAccess(actor, { action: 'declaration.batchRead', batch: { declarerOrgId: batch.declarerOrgId, declarerOrgPath: inScope.unitPath } });
    return batch;
  }
  requireAccess(actor, { action: 'declaration.batchRead', batch });
  if (actor.workDepartmentIds && batch.declarerOrgId === actor.org.id && batch.declarerAccountId !== actor.accountId) throw notFound();
  return batch;
}

/** A 工作部门-scoped admin of the person's unit sees only their 工作部门's records. */
const outsideScope = (actor: Actor, r: { unitId: number; workDepartmentId: number | null }) =>
  actor.workDepartmentIds !== null && (r.unitId !== actor.org.id || r.workDepartmentId == null || !actor.workDepartmentIds.includes(r.workDepartmentId));

export async function batchList(deps: Deps, actor: Actor, query: { after?: number; limit: number }) {
  requireAccess(actor, { action: 'declaration.batch' });
  const rows = await listBatches(deps.db, actor.org.id, query.after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const counts = await batchCounts(deps.db, page.map((b) => b.id));
  return { items: page.map((b) => toBatchSummary(b, counts.get(b.id))), nextAfter: rows.length > query.limit ? page.at(-1)!.id : null };
}

const tally = (rows: { status: string }[]) => {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
};

export async function batchDetail(deps: Deps, actor: Actor, id: number) {
  const batch = await visibleBatch(deps, actor, id);
  const all = await batchDeclarations(deps.db, id);
  // A base's batch: a reviewer sees the rows of their scope; the base, its rows without naming who reviews them.
  const base = batch.declarerOrgKind === 'base';
  const declarer = batch.declarerOrgId === actor.org.id;
  const rows = base && !declarer ? all.filter((r) => r.unitPath.startsWith(actor.org.path) && !outsideScope(actor, r)) : all;
  const counts = await batchCounts(deps.db, [id]);
  const evidence = await batchEvidenceFiles(deps.db, id);
  const history = await batchHistory(deps.db, id);
  const reviewerOrgs = await orgNames(deps.db, [...new Set(rows.flatMap((r) => (r.currentReviewerOrgId ? [r.currentReviewerOrgId] : [])))]);
  return toBatchDetail(batch, {
    counts: base && !declarer ? tally(rows) : counts.get(id),
    readerOrgId: actor.org.id,
    hideReviewers: base && declarer,
    evidence,
    history,
    rows,
    reviewerOrgs,
  });
}


export async function batchEvidence(deps: Deps, actor: Actor, id: number, fileId: number) {
  const batch = await visibleBatch(deps, actor, id);
  return openSharedEvidence(deps, batch.evidenceFileIds, fileId);
}

/** One file of the evidence a batch's (or a base class's) records share, opened for reading. */
export async function openSharedEvidence(deps: Deps, evidenceFileIds: readonly number[], fileId: number) {
  if (!evidenceFileIds.includes(fileId)) throw new AppError('NOT_FOUND', '证明材料不存在');
  const f = await storedFileById(deps.db, fileId);
  if (!f) throw new AppError('NOT_FOUND', '证明材料不存在');
  const stream = await storageOf(deps.config).open(f.storageKey).catch(() => {
    throw new AppError('NOT_FOUND', '文件不存在或已被清理');
  });
  return { stream, contentType: f.contentType, size: f.size, name: f.originalName ?? '证明材料' };
}

/**
 * The declarer withdraws the whole batch or single rows (R-27) while the next level has not acted:
 * the rows leave every queue (status deleted, history kept).
 */
export async function withdrawBatch(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { declarationIds?: number[] }) {
  const batch = await findBatch(deps.db, id);
  // Only the declaring organisation withdraws; to anyone else the batch is not theirs to name.
  if (!batch || batch.declarerOrgId !== actor.org.id || actor.role === 'professional') throw notFound();
  if (batch.declarerOrgKind === 'base') requireAccess(actor, { action: 'baseClass.manage', baseClass: { baseOrgId: batch.declarerOrgId } });
  else requireAccess(actor, { action: 'declaration.batch' });
  const rows = await batchDeclarations(deps.db, id);
  const wanted = body.declarationIds ? new Set(body.declarationIds) : null;
  if (wanted) for (const d of wanted) if (!rows.some((r) => r.id === d)) throw new AppError('NOT_FOUND', `记录 ${d} 不属于该批量申报`);
  const targets = rows.filter((r) => (wanted ? wanted.has(r.id) : r.status === 'pending'));
  if (targets.length === 0) throw new AppError('CONFLICT', '没有可撤回的记录');
  const withdrawn = await deps.db.transaction(async (tx) => {
    const n = await withdrawRows(tx, meta, actor, batch, targets);
    await writeAudit(tx, { actor, meta }, { action: 'declaration.batch.withdraw', objectType: 'declaration_batch', objectId: id, detail: { rows: n, declarationIds: targets.map((t) => t.id) } });
    return n;
  });
  return { withdrawn, message: `已撤回 ${withdrawn} 条记录` };
}

/**
 * Withdraws rows of one batch inside the caller's transaction: each a guarded update that holds
 * only while the row still waits at its start level (the next level has not acted), plus its event.
 * Any row already decided fails the whole withdrawal.
 */
export async function withdrawRows(
  tx: Queryable,
  meta: RequestMeta,
  actor: Actor,
  batch: Pick<BatchRow, 'declarerOrgId' | 'declarerOrgKind'>,
  targets: { id: number; personName: string; reviewChain: number[] }[],
) {
  const reason = batch.declarerOrgKind === 'base' ? '继续教育基地撤回' : '批量申报单位撤回';
  let n = 0;
  for (const r of targets) {
    const start = declarerStartLevel(batch.declarerOrgKind, r.reviewChain, batch.declarerOrgId);
    const withdrawn = await withdrawPendingRow(tx, r.id, start, meta.now, { actorAccountId: actor.accountId, actorName: actor.name, orgId: actor.org.id, orgName: actor.org.name, reason });
    if (!withdrawn) {
      throw new AppError('CONFLICT', `${r.personName}的记录已由${batch.declarerOrgKind === 'base' ? '所在单位' : '上级'}审核，不能撤回`);
    }
    n++;
  }
  return n;
}

/**
 * Whole-batch review: every row of the batch now waiting for the reviewer's organisation, decided in
 * one transaction with each row's event and audit row and the batch's audit row: all rows or none
 * (a row a colleague decided meanwhile fails the whole decision, which the reviewer repeats).
 */
export async function decideBatch(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { decision: 'approve' | 'reject'; reason?: string }) {
  const batch = await visibleBatch(deps, actor, id);
  const rows = (await batchDeclarations(deps.db, id)).filter((r) => r.status === 'pending' && r.currentReviewerOrgId === actor.org.id);
  if (rows.length === 0) throw new AppError('CONFLICT', '该批量申报没有等待本机构审核的记录');
  return decideRowsTogether(deps, meta, actor, rows, body, '整批', {
    action: 'declaration.batch.decide',
    objectType: 'declaration_batch',
    objectId: batch.id,
    scopePath: batch.declarerOrgPath,
  });
}

/**
 * Decides the given pending rows in one transaction through the one review decision, with one audit
 * row for the whole group (a batch, a base's class): all rows or none — a row a colleague decided
 * meanwhile fails the whole decision, named, which the reviewer repeats.
 */
export async function decideRowsTogether(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  rows: readonly { id: number; version: number; personName: string }[],
  body: { decision: 'approve' | 'reject'; reason?: string },
  whole: string,
  audit: { action: string; objectType: string; objectId: number; scopePath: string },
) {
  const reason = body.reason?.trim() ?? '';
  if (body.decision === 'reject' && !reason) throw new AppError('VALIDATION', '请填写审核不通过的原因');
  const decision: ReviewDecision = body.decision === 'approve' ? { approve: true, version: 0 } : { approve: false, version: 0, reason };
  const results = await deps.db.transaction(async (tx) => {
    const out = [];
    for (const r of rows) {
      try {
        const o = await decideInTransaction(tx, meta, actor, r.id, { ...decision, version: r.version });
        out.push({ id: r.id, ok: true, status: o.status, code: null, message: o.message });
      } catch (err) {
        if (err instanceof AppError) throw new AppError(err.code, `${r.personName}的记录：${err.message}。${whole}未作处理，请刷新后重试`);
        throw err;
      }
    }
    await writeAudit(tx, { actor, meta }, { ...audit, detail: { decision: body.decision, rows: rows.length, ...(reason ? { reason } : {}) } });
    return out;
  });
  return { succeeded: results.length, failed: 0, results };
}
