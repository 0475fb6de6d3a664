import {
  CONSULTATION_LIMITS,
  type AdminConsultation,
  type ConsultationCategory,
  type ConsultationStatus,
  type ConsultationSummary,
  type ConsultationThread,
  type FaqEntry,
} from '@ce/shared';
import type { schema } from '../../db';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess, type ConsultationTarget } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { verifyCaptcha } from '../captcha/captcha';
import { discardStaged, openStoredFile, recordFile, stageUpload, storageOf, type StagedFile } from '../files/attachments';
import type { UploadedFile } from '../files/multipart';
import { filesByIds } from '../notices/repo';
import { findOrg } from '../organisations/repo';
import { consumeRateLimit } from '../ratelimit/ratelimit';
import {
  askerConsultations,
  faqOfConsultation,
  findByLookupCode,
  findConsultation,
  findFaq,
  insertConsultation,
  insertFaq,
  insertMessage,
  messagesOf,
  orgConsultations,
  orgFaq,
  orgNames,
  publishedFaq,
  updateConsultationGuarded,
  withdrawFaqGuarded,
  workDepartmentOfAccount,
  type ConsultationRow,
  type FaqRow,
} from './repo';
import { CONSULTATION_REFUSALS, CONSULTATION_TRANSITIONS, newLookupCode } from './rules';
import { faqWithdrawn, toAdminConsultation, toAdminListItem, toFaqEntry, toOrgFaqEntry, toSummary, toThread } from './presenters';

const adminNotFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
const targetOf = (row: ConsultationRow): ConsultationTarget => ({
  originOrgId: row.originOrgId,
  originOrgPath: row.originOrgPath,
  askerWorkDepartmentId: row.askerWorkDepartmentId,
  currentOrgId: row.currentOrgId,
  currentOrgPath: row.currentOrgPath,
});
const page = <T>(rows: T[], offset: number, limit: number) => ({ rows: rows.slice(0, limit), nextAfter: rows.length > limit ? offset + limit : null });

// ------------------------------------------------------------------ loading what the presenters shape

async function summaries(deps: Deps, rows: ConsultationRow[]): Promise<ConsultationSummary[]> {
  const names = await orgNames(deps.db, rows.map((r) => r.currentOrgId));
  return rows.map((r) => toSummary(r, names.get(r.currentOrgId) ?? ''));
}

/** The thread as its asker sees it: admins appear by their organisation's name, never by their own. */
async function threadOf(deps: Deps, row: ConsultationRow, opts: { adminNames?: boolean } = {}): Promise<ConsultationThread> {
  const [summary] = await summaries(deps, [row]);
  const messages = await messagesOf(deps.db, row.id);
  const file = row.attachmentFileId ? (await filesByIds(deps.db, [row.attachmentFileId])).get(row.attachmentFileId) : undefined;
  return toThread(summary!, messages, file, opts.adminNames ?? false);
}

async function adminView(deps: Deps, actor: Actor, row: ConsultationRow): Promise<AdminConsultation> {
  const thread = await threadOf(deps, row, { adminNames: true });
  const [origin, current] = await Promise.all([findOrg(deps.db, row.originOrgId), findOrg(deps.db, row.currentOrgId)]);
  const allowed = (action: 'consultation.handle' | 'faq.publish') => {
    try {
      requireAccess(actor, { action, consultation: targetOf(row) });
      return true;
    } catch {
      return false;
    }
  };
  const canHandle = row.status !== 'closed' && allowed('consultation.handle');
  return toAdminConsultation(thread, row, {
    originName: origin?.name,
    canHandle,
    canEscalate: canHandle && current?.parentId != null,
    canPublishFaq: thread.messages.some((msg) => msg.kind === 'answer') && allowed('faq.publish'),
    faqEntryId: await faqOfConsultation(deps.db, row.id),
  });
}

// ------------------------------------------------------------------ asking

interface Question {
  category: ConsultationCategory;
  title: string;
  text: string;
}

async function stageAttachment(deps: Deps, file: UploadedFile | undefined, now: Date): Promise<StagedFile | null> {
  if (!file || file.data.length === 0) return null;
  return stageUpload(storageOf(deps.config), { data: file.data, filename: file.filename }, {
    allowed: ['application/pdf', 'image/jpeg', 'image/png'],
    maxBytes: CONSULTATION_LIMITS.attachmentMaxBytes,
    label: '附件',
    now,
  });
}

/** Creates the consultation, its question and its audit row in one transaction. */
async function createConsultation(
  deps: Deps,
  meta: RequestMeta,
  who: { actor: Actor | null; name: string },
  values: Omit<typeof schema.consultations.$inferInsert, 'currentOrgId' | 'currentOrgPath' | 'attachmentFileId' | 'category'> & Question,
  staged: StagedFile | null,
  askerWorkDepartmentId: number | null = null,
) {
  try {
    return await deps.db.transaction(async (tx) => {
      const file = staged ? await recordFile(tx, staged, { uploadedByAccountId: who.actor?.accountId ?? null, now: meta.now }) : null;
      const { text, ...rest } = values;
      const row = await insertConsultation(
        tx,
        { ...rest, currentOrgId: values.originOrgId, currentOrgPath: values.originOrgPath, attachmentFileId: file?.id ?? null, createdAt: meta.now, lastActivityAt: meta.now },
        askerWorkDepartmentId,
      );
      await insertMessage(tx, { consultationId: row.id, kind: 'question', fromAsker: true, authorAccountId: who.actor?.accountId ?? null, authorName: who.name, text, createdAt: meta.now });
      await writeAudit(tx, { actor: who.actor, meta, actorName: who.name }, {
        action: 'consultation.ask',
        objectType: 'consultation',
        objectId: row.id,
        scopePath: values.originOrgPath,
        detail: { title: row.title, category: row.category, visitor: row.askerKind === 'visitor' },
      });
      return row;
    });
  } catch (err) {
    if (staged) await discardStaged(storageOf(deps.config), [staged]);
    throw err;
  }
}

/** A professional asks: the question goes to the admins of their unit. */
export async function askAsProfessional(deps: Deps, meta: RequestMeta, actor: Actor, input: Question, file: UploadedFile | undefined) {
  requireAccess(actor, { action: 'consultation.own', consultation: { askerPersonId: actor.personId } });
  await consumeRateLimit(deps.db, `consult:person:${actor.personId}`, 20, 3600, meta.now);
  const staged = await stageAttachment(deps, file, meta.now);
  const row = await createConsultation(deps, meta, { actor, name: actor.name }, {
    askerKind: 'professional',
    askerPersonId: actor.personId,
    askerAccountId: actor.accountId,
    askerName: actor.name,
    originOrgId: actor.org.id,
    originOrgPath: actor.org.path,
    ...input,
  }, staged, await workDepartmentOfAccount(deps.db, actor.accountId));
  return threadOf(deps, row);
}

/**
 * A visitor asks (captcha): the question goes to the organisation they picked, and they get the
 * lookup code that is their only way back to the answer.
 */
export async function askAsVisitor(
  deps: Deps,
  meta: RequestMeta,
  input: Question & { name: string; contact: string; orgId: number; captcha: string },
  captchaId: string | undefined,
  file: UploadedFile | undefined,
) {
  await consumeRateLimit(deps.db, `consult:ip:${meta.ip ?? 'unknown'}`, 10, 3600, meta.now);
  if (deps.config.captcha) await verifyCaptcha(deps.db, captchaId, input.captcha, meta.now);
  const org = await findOrg(deps.db, input.orgId);
  if (!org || org.status !== 'active' || org.kind === 'base') throw new AppError('VALIDATION', '请选择审核通过的用人单位、主管部门或人社部门', { field: 'orgId' });
  const staged = await stageAttachment(deps, file, meta.now);
  const code = newLookupCode();
  const row = await createConsultation(deps, meta, { actor: null, name: input.name }, {
    askerKind: 'visitor',
    askerName: input.name,
    askerContact: input.contact,
    lookupCode: code,
    originOrgId: org.id,
    originOrgPath: org.path,
    category: input.category,
    title: input.title,
    text: input.text,
  }, staged);
  return { ...(await threadOf(deps, row)), code };
}

export async function visitorThread(deps: Deps, meta: RequestMeta, code: string) {
  await consumeRateLimit(deps.db, `consult:lookup:${meta.ip ?? 'unknown'}`, 60, 600, meta.now);
  const row = await findByLookupCode(deps.db, code);
  if (!row) throw new AppError('NOT_FOUND', '没有找到该查询码对应的咨询，请核对后重试');
  return threadOf(deps, row);
}

// ------------------------------------------------------------------ the asker's side

async function ownConsultation(deps: Deps, actor: Actor, id: number) {
  const row = await findConsultation(deps.db, id);
  requireAccess(actor, { action: 'consultation.own', consultation: { askerPersonId: row?.askerPersonId ?? null } });
  return row!;
}

export async function myConsultations(deps: Deps, actor: Actor, query: { after?: number; limit: number }) {
  requireAccess(actor, { action: 'consultation.own', consultation: { askerPersonId: actor.personId } });
  const offset = query.after ?? 0;
  const { rows, nextAfter } = page(await askerConsultations(deps.db, actor.personId, offset, query.limit), offset, query.limit);
  return { items: await summaries(deps, rows), nextAfter };
}

export const myThread = async (deps: Deps, actor: Actor, id: number) => threadOf(deps, await ownConsultation(deps, actor, id));

export async function myAttachment(deps: Deps, actor: Actor, id: number) {
  return attachmentOf(deps, await ownConsultation(deps, actor, id));
}

async function attachmentOf(deps: Deps, row: ConsultationRow) {
  if (!row.attachmentFileId) throw new AppError('NOT_FOUND', '该咨询没有附件');
  return openStoredFile(deps.db, storageOf(deps.config), row.attachmentFileId);
}

type Action = keyof typeof CONSULTATION_TRANSITIONS;

/** One step of a thread: the guarded update, the message and the audit row in one transaction. */
async function step(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  row: ConsultationRow,
  version: number,
  action: Action,
  change: { set: Partial<ConsultationRow>; message: { kind: 'answer' | 'followup' | 'escalate' | 'close'; text: string; fromAsker: boolean }; audit: string; detail?: Record<string, unknown> },
) {
  const states = CONSULTATION_TRANSITIONS[action];
  if (!(states as readonly string[]).includes(row.status)) throw new AppError('CONFLICT', CONSULTATION_REFUSALS[action]);
  return deps.db.transaction(async (tx) => {
    const changed = await updateConsultationGuarded(tx, row.id, { version, states }, { ...change.set, lastActivityAt: meta.now });
    if (!changed) throw alreadyHandled();
    const updated: ConsultationRow = { ...changed, askerWorkDepartmentId: row.askerWorkDepartmentId };
    await insertMessage(tx, {
      consultationId: row.id,
      ...change.message,
      authorAccountId: actor.accountId,
      authorName: actor.name,
      orgId: change.message.fromAsker ? null : actor.org.id,
      orgName: change.message.fromAsker ? null : actor.org.name,
      createdAt: meta.now,
    });
    await writeAudit(tx, { actor, meta }, {
      action: change.audit,
      objectType: 'consultation',
      objectId: row.id,
      scopePath: row.originOrgPath,
      detail: { title: row.title, ...change.detail },
    });
    return updated;
  });
}

export async function followUp(deps: Deps, meta: RequestMeta, actor: Actor, id: number, text: string) {
  const row = await ownConsultation(deps, actor, id);
  const updated = await step(deps, meta, actor, row, row.version, 'followUp', {
    set: { status: 'open' },
    message: { kind: 'followup', text, fromAsker: true },
    audit: 'consultation.followUp',
  });
  return threadOf(deps, updated);
}

export async function closeMine(deps: Deps, meta: RequestMeta, actor: Actor, id: number) {
  const row = await ownConsultation(deps, actor, id);
  const updated = await step(deps, meta, actor, row, row.version, 'close', {
    set: { status: 'closed' },
    message: { kind: 'close', text: '提问人确认问题已解决', fromAsker: true },
    audit: 'consultation.close',
  });
  return threadOf(deps, updated);
}

// ------------------------------------------------------------------ the admins' side

export async function adminConsultations(
  deps: Deps,
  actor: Actor,
  query: { scope: 'mine' | 'subtree'; status?: ConsultationStatus; after?: number; limit: number },
) {
  requireAccess(actor, { action: 'consultation.list', org: actor.org });
  const offset = query.after ?? 0;
  const { rows, nextAfter } = page(await orgConsultations(deps.db, actor.org, { ...query, offset, workDepartmentIds: actor.workDepartmentIds }), offset, query.limit);
  const base = await summaries(deps, rows);
  const origins = await orgNames(deps.db, rows.map((r) => r.originOrgId));
  return { items: base.map((s, i) => toAdminListItem(s, rows[i]!, origins.get(rows[i]!.originOrgId), actor.org.id)), nextAfter };
}

async function readable(deps: Deps, actor: Actor, id: number) {
  const row = await findConsultation(deps.db, id);
  if (!row) throw adminNotFound();
  requireAccess(actor, { action: 'consultation.read', consultation: targetOf(row) });
  return row;
}

export const adminConsultation = async (deps: Deps, actor: Actor, id: number) => adminView(deps, actor, await readable(deps, actor, id));

export const adminAttachment = async (deps: Deps, actor: Actor, id: number) => attachmentOf(deps, await readable(deps, actor, id));

async function handled(deps: Deps, actor: Actor, id: number) {
  const row = await readable(deps, actor, id);
  requireAccess(actor, { action: 'consultation.handle', consultation: targetOf(row) });
  return row;
}

export async function answerConsultation(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { version: number; text: string }) {
  const row = await handled(deps, actor, id);
  const updated = await step(deps, meta, actor, row, body.version, 'answer', {
    set: { status: 'answered' },
    message: { kind: 'answer', text: body.text, fromAsker: false },
    audit: 'consultation.answer',
  });
  return adminView(deps, actor, updated);
}

/** Passes the question to the organisation above the one handling it (e.g. unit → department → bureau). */
export async function escalateConsultation(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { version: number; note: string }) {
  const row = await handled(deps, actor, id);
  const current = await findOrg(deps.db, row.currentOrgId);
  const parent = current?.parentId != null ? await findOrg(deps.db, current.parentId) : undefined;
  if (!parent || parent.status !== 'active') throw new AppError('CONFLICT', '本机构已是最上级机构，无法再转交');
  const updated = await step(deps, meta, actor, row, body.version, 'escalate', {
    set: { status: 'open', currentOrgId: parent.id, currentOrgPath: parent.path },
    message: { kind: 'escalate', text: body.note ? `已转交${parent.name}办理。${body.note}` : `已转交${parent.name}办理`, fromAsker: false },
    audit: 'consultation.escalate',
    detail: { to: parent.name },
  });
  return adminView(deps, actor, updated);
}

export async function closeConsultation(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { version: number; note: string }) {
  const row = await handled(deps, actor, id);
  const updated = await step(deps, meta, actor, row, body.version, 'close', {
    set: { status: 'closed' },
    message: { kind: 'close', text: body.note || '咨询已办结', fromAsker: false },
    audit: 'consultation.close',
  });
  return adminView(deps, actor, updated);
}

// ------------------------------------------------------------------ FAQ

async function faqView(deps: Deps, rows: FaqRow[]): Promise<FaqEntry[]> {
  const names = await orgNames(deps.db, rows.map((r) => r.orgId));
  return rows.map((r) => toFaqEntry(r, names.get(r.orgId)));
}

/**
 * A bureau turns a good answer into a help-centre FAQ entry: it rewrites the question and the
 * answer for everyone (no names, no personal details) and publishes it.
 */
export async function publishFaq(deps: Deps, meta: RequestMeta, actor: Actor, id: number, body: { category: ConsultationCategory; question: string; answer: string }) {
  const row = await readable(deps, actor, id);
  requireAccess(actor, { action: 'faq.publish', consultation: targetOf(row) });
  const messages = await messagesOf(deps.db, row.id);
  if (!messages.some((msg) => msg.kind === 'answer')) throw new AppError('CONFLICT', '该咨询尚未答复，不能发布为常见问题');
  const entry = await deps.db.transaction(async (tx) => {
    const entry = await insertFaq(tx, {
      ...body,
      sourceConsultationId: row.id,
      orgId: actor.org.id,
      orgPath: actor.org.path,
      publishedByAccountId: actor.accountId,
      publishedAt: meta.now,
    });
    await writeAudit(tx, { actor, meta }, { action: 'faq.publish', objectType: 'faq_entry', objectId: entry.id, detail: { question: entry.question, consultationId: row.id } });
    return entry;
  });
  return (await faqView(deps, [entry]))[0]!;
}

export async function listPublicFaq(deps: Deps, query: { q?: string; category?: ConsultationCategory; after?: number; limit: number }) {
  const offset = query.after ?? 0;
  const { rows, nextAfter } = page(await publishedFaq(deps.db, { ...query, offset }), offset, query.limit);
  return { items: await faqView(deps, rows), nextAfter };
}

export async function listOrgFaq(deps: Deps, actor: Actor, query: { after?: number; limit: number }) {
  requireAccess(actor, { action: 'faq.manage', faq: { orgId: actor.org.id, orgPath: actor.org.path } });
  const offset = query.after ?? 0;
  const { rows, nextAfter } = page(await orgFaq(deps.db, actor.org.id, offset, query.limit), offset, query.limit);
  const names = await orgNames(deps.db, rows.map((r) => r.orgId));
  return { items: rows.map((r) => toOrgFaqEntry(r, names.get(r.orgId))), nextAfter };
}

export async function withdrawFaq(deps: Deps, meta: RequestMeta, actor: Actor, id: number) {
  const entry = await findFaq(deps.db, id);
  if (!entry) throw adminNotFound();
  requireAccess(actor, { action: 'faq.manage', faq: { orgId: entry.orgId, orgPath: entry.orgPath } });
  await deps.db.transaction(async (tx) => {
    const row = await withdrawFaqGuarded(tx, id, meta.now);
    if (!row) throw new AppError('ALREADY_HANDLED', '该常见问题已撤下');
    await writeAudit(tx, { actor, meta }, { action: 'faq.withdraw', objectType: 'faq_entry', objectId: id, detail: { question: entry.question } });
  });
  return faqWithdrawn();
}
