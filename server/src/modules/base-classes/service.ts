/**
 * 继续教育基地申报 (SPEC R-29). A base runs training classes (班次) and declares their trainees, who
 * may work in any unit of the province: picked by ID number and name (the name must match) or in the
 * batch template. Either way the trainees become a declaration batch of the class (declaration-batches:
 * the same job, row checks, all-or-nothing import and error report), each row checked against the
 * class (rows.ts). Records start at the person's own unit and follow their normal chain; reviewers
 * find them in 继教基地学时审核 (declarations list, source=base). The class's evidence is attached
 * once (files module) and shared by every record; records need no personal evidence. The base sees
 * what it entered and the state of its records, never the person's unit, profile or other hours.
 */
import {
  type BaseClassInput,
  chinaDateOf,
  LEARNING_FORMS,
  maskIdNumber,
  SUBJECT_LABELS,
  validateIdNumber,
} from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { discardStaged, recordFile, stageUpload, storageOf, MB, type StagedFile } from '../files/attachments';
import { professionalsByIdNumbers } from '../declarations/repo';
import { dataSheet, templateWorkbook } from '../declaration-batches/excel';
import { decideRowsTogether, openSharedEvidence, uploadBatch, withdrawRows } from '../declaration-batches/service';
import {
  appendClassEvidence,
  baseNameOf,
  classBatches,
  classCounts,
  classDeclarations,
  classIsFixed,
  findClass,
  insertClass,
  listClasses,
  lockClass,
  orgKinds,
  removeClassEvidence,
  storedFiles,
  updateClassValues,
} from './repo';
import { classYear, type BaseClassRow } from './rows';
import { toClassDetail, toClassSummary } from './presenters';

const FORM_LABEL = new Map(LEARNING_FORMS.map((f) => [f.code, f.label]));
const MAX_EVIDENCE = 10;

const notFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

/** The class of the signed-in base admin; anyone else gets 404. */
async function ownClass(deps: Deps, actor: Actor, id: number) {
  const c = await findClass(deps.db, id);
  if (!c) throw notFound();
  requireAccess(actor, { action: 'baseClass.manage', baseClass: c });
  return c;
}

function checkInput(input: BaseClassInput): void {
  if (input.endDate < input.startDate) throw new AppError('VALIDATION', '结束日期不能早于开始日期');
  if (input.startDate.slice(0, 4) !== input.endDate.slice(0, 4)) throw new AppError('VALIDATION', '班次的起止日期应在同一年度内（学时按年度计入）');
  if (!input.online && !input.place) throw new AppError('VALIDATION', '请填写培训地点（线上培训请选择“线上”）');
  if (input.subject === 'professional' && !input.series) throw new AppError('VALIDATION', '专业科目班次请选择适用的职称系列');
}

const classValues = (input: BaseClassInput) => ({
  title: input.title,
  subject: input.subject,
  form: input.form,
  series: input.series,
  startDate: input.startDate,
  endDate: input.endDate,
  hours: input.hours,
  online: input.online,
  place: input.place,
});

export async function createClass(deps: Deps, meta: RequestMeta, actor: Actor, input: BaseClassInput) {
  requireAccess(actor, { action: 'baseClass.manage' });
  checkInput(input);
  const id = await deps.db.transaction(async (tx) => {
    const id = await insertClass(tx, { ...classValues(input), baseOrgId: actor.org.id, baseOrgPath: actor.org.path, createdByAccountId: actor.accountId, createdAt: meta.now, updatedAt: meta.now });
    await writeAudit(tx, { actor, meta }, { action: 'baseClass.create', objectType: 'base_class', objectId: id, detail: { title: input.title } });
    return id;
  });
  return classDetail(deps, actor, id);
}

export async function updateClass(deps: Deps, meta: RequestMeta, actor: Actor, id: number, input: BaseClassInput & { version: number }) {
  await ownClass(deps, actor, id);
  checkInput(input);
  await deps.db.transaction(async (tx) => {
    await lockClass(tx, id);
    if (await classIsFixed(tx, id)) throw fixed();
    if (!(await updateClassValues(tx, id, input.version, classValues(input), meta.now))) throw alreadyHandled();
    await writeAudit(tx, { actor, meta }, { action: 'baseClass.update', objectType: 'base_class', objectId: id, detail: { title: input.title } });
  });
  return classDetail(deps, actor, id);
}

const fixed = () => new AppError('CONFLICT', '该班次已申报学员，班次信息和证明材料不能再修改；如需修改，请先撤回全部学员的申报记录');

/** Evidence of the class (培训通知、结业名单): content-checked uploads, attached once for all its records. */
export async function addEvidence(deps: Deps, meta: RequestMeta, actor: Actor, id: number, files: { name: string; data: Buffer }[]) {
  const c = await ownClass(deps, actor, id);
  if (files.length === 0) throw new AppError('VALIDATION', '请选择要上传的证明材料');
  if (c.evidenceFileIds.length + files.length > MAX_EVIDENCE) throw new AppError('PAYLOAD_TOO_LARGE', `每个班次最多上传${MAX_EVIDENCE}个证明材料`);
  const storage = storageOf(deps.config);
  const staged: StagedFile[] = [];
  try {
    for (const f of files) {
      staged.push(await stageUpload(storage, { data: f.data, filename: f.name }, { allowed: ['image/jpeg', 'image/png', 'application/pdf'], maxBytes: 10 * MB, label: `证明材料“${f.name}”`, now: meta.now }));
    }
    await deps.db.transaction(async (tx) => {
      await lockClass(tx, id);
      if (await classIsFixed(tx, id)) throw fixed();
      const ids: number[] = [];
      for (const s of staged) ids.push((await recordFile(tx, s, { uploadedByAccountId: actor.accountId, now: meta.now })).id);
      if (!(await appendClassEvidence(tx, id, ids, MAX_EVIDENCE, meta.now))) throw new AppError('PAYLOAD_TOO_LARGE', `每个班次最多上传${MAX_EVIDENCE}个证明材料`);
      await writeAudit(tx, { actor, meta }, { action: 'baseClass.evidence', objectType: 'base_class', objectId: id, detail: { files: staged.map((s) => s.originalName ?? '') } });
    });
  } catch (err) {
    await discardStaged(storage, staged);
    throw err;
  }
  return classDetail(deps, actor, id);
}

export async function removeEvidence(deps: Deps, meta: RequestMeta, actor: Actor, id: number, fileId: number) {
  const c = await ownClass(deps, actor, id);
  if (!c.evidenceFileIds.includes(fileId)) throw new AppError('NOT_FOUND', '证明材料不存在');
  await deps.db.transaction(async (tx) => {
    await lockClass(tx, id);
    if (await classIsFixed(tx, id)) throw fixed();
    await removeClassEvidence(tx, id, fileId, meta.now);
    await writeAudit(tx, { actor, meta }, { action: 'baseClass.evidenceRemove', objectType: 'base_class', objectId: id, detail: { fileId } });
  });
  return classDetail(deps, actor, id);
}

export async function classEvidence(deps: Deps, actor: Actor, id: number, fileId: number) {
  const c = await ownClass(deps, actor, id);
  return openSharedEvidence(deps, c.evidenceFileIds, fileId);
}

export async function classTemplate(deps: Deps, actor: Actor, id: number) {
  const c = await ownClass(deps, actor, id);
  return templateWorkbook(classYear(c));
}

// ------------------------------------------------------------------ declaring trainees

/** What every declaration of trainees needs: evidence attached, the class over. */
function readyToDeclare(c: BaseClassRow, now: Date) {
  if (c.evidenceFileIds.length === 0) throw new AppError('VALIDATION', '请先上传班次证明材料（培训通知、结业名单），再申报学员');
  if (c.endDate > chinaDateOf(now)) throw new AppError('VALIDATION', '班次尚未结束（结束日期晚于今天），结束后再申报学员学时');
}

const batchOptions = (c: BaseClassRow) => ({ baseClass: { id: c.id, baseOrgId: c.baseOrgId, evidenceFileIds: c.evidenceFileIds } });

/**
 * Trainees picked by ID number and name. Each is checked here at once (a number of the province's
 * registered professionals, the name matching it) and the whole list is refused with every problem
 * named; then they go, as the template's sheet, through the batch job like an uploaded file.
 */
export async function declareTrainees(deps: Deps, meta: RequestMeta, actor: Actor, id: number, trainees: { idNumber: string; name: string }[]) {
  const c = await ownClass(deps, actor, id);
  readyToDeclare(c, meta.now);
  const problems: string[] = [];
  const seen = new Set<string>();
  const list = trainees.map((t) => ({ idNumber: t.idNumber.trim().toUpperCase(), name: t.name.trim() }));
  list.forEach((t, i) => {
    const v = validateIdNumber(t.idNumber);
    if (!v.ok) problems.push(`第 ${i + 1} 位学员（${t.name}）：身份证号不正确（${v.message}）`);
    else if (seen.has(t.idNumber)) problems.push(`第 ${i + 1} 位学员（${t.name}）：身份证号重复`);
    seen.add(t.idNumber);
  });
  if (problems.length === 0) {
    // Looked up only through the declarations repository (the one lookup by ID number of batches).
    const people = await professionalsByIdNumbers(deps.db, list.map((t) => t.idNumber));
    list.forEach((t, i) => {
      const p = people.get(t.idNumber);
      if (!p || p.unit.kind !== 'unit') problems.push(`第 ${i + 1} 位学员（${t.name}，${maskIdNumber(t.idNumber)}）：该身份证号不是本省已注册的专业技术人员`);
      else if (p.name !== t.name) problems.push(`第 ${i + 1} 位学员（${t.name}，${maskIdNumber(t.idNumber)}）：姓名与身份证号不一致`);
    });
  }
  if (problems.length > 0) {
    throw new AppError('VALIDATION', problems.length === 1 ? problems[0]! : `${problems.length} 位学员有误，未申报任何学员：${problems[0]}等`, { problems });
  }
  const baseName = (await baseNameOf(deps.db, c.baseOrgId))!;
  const values = {
    计入年度: classYear(c),
    计入科目: SUBJECT_LABELS[c.subject],
    学习形式: FORM_LABEL.get(c.form)!,
    学习内容: c.title,
    主办单位: baseName,
    开始日期: c.startDate,
    结束日期: c.endDate,
    考核结果: '合格',
    学时: c.hours,
  };
  const file = { name: `学员名单-${c.title.slice(0, 40)}.xlsx`, data: await dataSheet(list.map((t) => ({ 身份证号: t.idNumber, 姓名: t.name, ...values }))) };
  return uploadBatch(deps, meta, actor, { file, evidence: [] }, batchOptions(c));
}

/** Trainees in the batch template (R-27 checks, all or nothing, error report), each row checked against the class. */
export async function uploadTrainees(deps: Deps, meta: RequestMeta, actor: Actor, id: number, file: { name: string; data: Buffer } | null) {
  const c = await ownClass(deps, actor, id);
  readyToDeclare(c, meta.now);
  return uploadBatch(deps, meta, actor, { file, evidence: [] }, batchOptions(c));
}

/**
 * The base withdraws records while the person's unit has not acted: all the class's
 * withdrawable records, or the ones named; in one transaction, any record already decided fails it.
 */
export async function withdrawTrainees(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { declarationIds?: number[] }) {
  const c = await ownClass(deps, actor, id);
  const rows = await classDeclarations(deps.db, id);
  const wanted = body.declarationIds ? new Set(body.declarationIds) : null;
  if (wanted) for (const d of wanted) if (!rows.some((r) => r.id === d)) throw new AppError('NOT_FOUND', `记录 ${d} 不属于该班次`);
  const targets = rows.filter((r) => (wanted ? wanted.has(r.id) : r.status === 'pending' && r.currentLevel === 0));
  if (targets.length === 0) throw new AppError('CONFLICT', '没有可撤回的记录（学员所在单位已审核的记录不能撤回）');
  const withdrawn = await deps.db.transaction(async (tx) => {
    let n = 0;
    for (const batchId of new Set(targets.map((t) => t.batchId))) {
      n += await withdrawRows(tx, meta, actor, { declarerOrgId: c.baseOrgId, declarerOrgKind: 'base' }, targets.filter((t) => t.batchId === batchId));
    }
    await writeAudit(tx, { actor, meta }, { action: 'baseClass.withdraw', objectType: 'base_class', objectId: id, detail: { rows: n, declarationIds: targets.map((t) => t.id) } });
    return n;
  });
  return { withdrawn, message: `已撤回 ${withdrawn} 条记录` };
}

// ------------------------------------------------------------------ reviewers

const outsideScope = (actor: Actor, r: { unitId: number; workDepartmentId: number | null }) =>
  actor.workDepartmentIds !== null && (r.unitId !== actor.org.id || r.workDepartmentId == null || !actor.workDepartmentIds.includes(r.workDepartmentId));

/**
 * 继教基地学时审核, per class: every record of the class now waiting for the reviewer's organisation
 * (in their 工作部门 scope), decided in one transaction through the one review decision, or none.
 * A class with no record in the reviewer's scope does not exist for them.
 */
export async function decideClass(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { decision: 'approve' | 'reject'; reason?: string }) {
  const c = await findClass(deps.db, id);
  if (!c || actor.role === 'professional') throw notFound();
  const all = (await classDeclarations(deps.db, id)).filter((r) => r.unitPath.startsWith(actor.org.path) && !outsideScope(actor, r));
  if (all.length === 0) throw notFound();
  const rows = all.filter((r) => r.status === 'pending' && r.currentReviewerOrgId === actor.org.id);
  if (rows.length === 0) throw new AppError('CONFLICT', '该班次没有等待本机构审核的记录');
  return decideRowsTogether(deps, meta, actor, rows, body, '整班', {
    action: 'baseClass.decide',
    objectType: 'base_class',
    objectId: id,
    scopePath: actor.org.path,
  });
}

// ------------------------------------------------------------------ reading

export async function listOwnClasses(deps: Deps, actor: Actor, query: { after?: number; limit: number }) {
  requireAccess(actor, { action: 'baseClass.manage' });
  const rows = await listClasses(deps.db, actor.org.id, query.after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const counts = await classCounts(deps.db, page.map((c) => c.id));
  return { items: page.map((c) => toClassSummary(c, counts.get(c.id))), nextAfter: rows.length > query.limit ? page.at(-1)!.id : null };
}

export async function classDetail(deps: Deps, actor: Actor, id: number) {
  const c = await ownClass(deps, actor, id);
  const [rows, batches, evidence, isFixed, baseName] = [
    await classDeclarations(deps.db, id),
    await classBatches(deps.db, id),
    await storedFiles(deps.db, c.evidenceFileIds),
    await classIsFixed(deps.db, id),
    await baseNameOf(deps.db, c.baseOrgId),
  ];
  // The kind of the reviewing organisation, never its name: the base is not told where a trainee works.
  const kinds = await orgKinds(deps.db, [...new Set(rows.flatMap((r) => (r.status === 'pending' && r.currentReviewerOrgId ? [r.currentReviewerOrgId] : [])))]);
  const counts = (await classCounts(deps.db, [id])).get(id);
  return toClassDetail(c, counts, { baseName, editable: !isFixed, evidence, imports: batches, trainees: rows, reviewerKinds: kinds });
}
