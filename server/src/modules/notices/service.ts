import { NOTICE_LIMITS, type AdminNotice, type NoticeDetail, type NoticeInput, type NoticeStatus, type NoticeSummary } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess, type OrgTarget } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError, alreadyHandled } from '../../errors';
import type { Deps } from '../../http/context';
import { discardStaged, openStoredFile, recordFile, stageUpload, storageOf, type StagedFile } from '../files/attachments';
import type { UploadedFile } from '../files/multipart';
import { filesByIds, findNotice, insertNotice, orgNotices, orgsByIds, publicNotices, chainNotices, updateNoticeGuarded, type NoticeRow } from './repo';
import { toAdminNotice, toNoticeDetail, toNoticeSummary, toOrgNoticeItem } from './presenters';
import { isBlankHtml, NOTICE_STATE_REFUSALS, NOTICE_TRANSITIONS, sanitizeNoticeHtml } from './rules';

const notFound = () => new AppError('NOT_FOUND', '通知不存在或已撤回');
const adminNotFound = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

/** The publishing organisation as access sees it. */
const publisherOf = (row: NoticeRow): OrgTarget => ({ id: row.orgId, kind: row.orgKind, path: row.orgPath, parentId: null });

/** Bureaus' published notices are public; a department's reach its own subtree (signed in). */
const isPublic = (row: NoticeRow) => row.status === 'published' && row.orgKind === 'hrss';

async function summaries(deps: Deps, rows: NoticeRow[]): Promise<NoticeSummary[]> {
  const orgs = await orgsByIds(deps.db, rows.map((r) => r.orgId));
  return rows.map((r) => toNoticeSummary(r, orgs.get(r.orgId)?.name));
}

async function detailOf(deps: Deps, row: NoticeRow): Promise<NoticeDetail> {
  const [summary] = await summaries(deps, [row]);
  return toNoticeDetail(summary!, row, await filesByIds(deps.db, row.attachmentFileIds));
}

const adminView = async (deps: Deps, row: NoticeRow): Promise<AdminNotice> => toAdminNotice(await detailOf(deps, row), row);

const page = <T>(rows: T[], offset: number, limit: number) => ({
  rows: rows.slice(0, limit),
  nextAfter: rows.length > limit ? offset + limit : null,
});

// ------------------------------------------------------------------ reading

export async function listPublicNotices(deps: Deps, query: { city?: string; q?: string; after?: number; limit: number }) {
  const offset = query.after ?? 0;
  const { rows, nextAfter } = page(await publicNotices(deps.db, { city: query.city, q: query.q, offset, limit: query.limit }), offset, query.limit);
  return { items: await summaries(deps, rows), nextAfter };
}

/**
 * A notice as a reader sees it: bureaus' published notices are open to everyone; a department's
 * to the signed-in people of its subtree; drafts and withdrawn notices only to the publisher's admins.
 */
async function readableNotice(deps: Deps, actor: Actor | null, id: number): Promise<NoticeRow> {
  const row = await findNotice(deps.db, id);
  if (!row) throw notFound();
  if (isPublic(row)) return row;
  if (!actor) throw notFound();
  if (row.status === 'published') {
    requireAccess(actor, { action: 'notice.read', notice: { orgPath: row.orgPath } });
    return row;
  }
  try {
    requireAccess(actor, { action: 'notice.manage', org: publisherOf(row) });
  } catch {
    throw notFound();
  }
  return row;
}

export async function noticeDetail(deps: Deps, actor: Actor | null, id: number): Promise<NoticeDetail> {
  return detailOf(deps, await readableNotice(deps, actor, id));
}

export async function noticeAttachment(deps: Deps, actor: Actor | null, id: number, fileId: number) {
  const row = await readableNotice(deps, actor, id);
  if (!row.attachmentFileIds.includes(fileId)) throw new AppError('NOT_FOUND', '附件不存在');
  const files = await filesByIds(deps.db, [fileId]);
  const file = await openStoredFile(deps.db, storageOf(deps.config), fileId);
  return { ...file, name: (files.get(fileId)?.originalName ?? '附件').replace(/\.(pdf|png|jpe?g)$/i, '') };
}

/** The signed-in user's home: notices of their own organisation and every organisation above it. */
export async function myNotices(deps: Deps, actor: Actor, limit: number) {
  requireAccess(actor, { action: 'notice.read', notice: { orgPath: actor.org.path } });
  return { items: await summaries(deps, await chainNotices(deps.db, actor.org.path, limit)) };
}

// ------------------------------------------------------------------ publishing

const ownOrg = (actor: Actor): OrgTarget => actor.org;

export async function listOrgNotices(deps: Deps, actor: Actor, query: { status?: NoticeStatus; after?: number; limit: number }) {
  requireAccess(actor, { action: 'notice.manage', org: ownOrg(actor) });
  const offset = query.after ?? 0;
  const { rows, nextAfter } = page(await orgNotices(deps.db, actor.org.id, { status: query.status, offset, limit: query.limit }), offset, query.limit);
  const items = await summaries(deps, rows);
  return { items: items.map((summary, i) => toOrgNoticeItem(summary, rows[i]!)), nextAfter };
}

async function managedNotice(deps: Deps, actor: Actor, id: number): Promise<NoticeRow> {
  const row = await findNotice(deps.db, id);
  if (!row) throw adminNotFound();
  requireAccess(actor, { action: 'notice.manage', org: publisherOf(row) });
  return row;
}

export async function orgNoticeDetail(deps: Deps, actor: Actor, id: number) {
  return adminView(deps, await managedNotice(deps, actor, id));
}

function cleanInput(input: NoticeInput) {
  const bodyHtml = sanitizeNoticeHtml(input.bodyHtml);
  if (isBlankHtml(bodyHtml)) throw new AppError('VALIDATION', '请填写通知正文');
  return { title: input.title.trim(), bodyHtml };
}

export async function createNotice(deps: Deps, meta: RequestMeta, actor: Actor, input: NoticeInput) {
  requireAccess(actor, { action: 'notice.manage', org: ownOrg(actor) });
  const clean = cleanInput(input);
  const row = await deps.db.transaction(async (tx) => {
    const row = await insertNotice(tx, {
      orgId: actor.org.id,
      orgPath: actor.org.path,
      orgKind: actor.org.kind as 'hrss' | 'department',
      regionCode: actor.org.regionCode,
      ...clean,
      authorAccountId: actor.accountId,
      authorName: actor.name,
      createdAt: meta.now,
      updatedAt: meta.now,
    });
    await writeAudit(tx, { actor, meta }, { action: 'notice.create', objectType: 'notice', objectId: row.id, detail: { title: row.title } });
    return row;
  });
  return adminView(deps, row);
}

type GuardedAction = keyof typeof NOTICE_TRANSITIONS;

/**
 * One state change of a notice: the guarded update and its audit row in one transaction. A stale
 * version or a state the action does not start from is refused with the reason.
 */
async function change(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  version: number,
  action: GuardedAction,
  set: (row: NoticeRow) => Partial<NoticeRow>,
  audit: { action: string; detail?: Record<string, unknown> },
) {
  const current = await managedNotice(deps, actor, id);
  const states = NOTICE_TRANSITIONS[action];
  if (!(states as readonly string[]).includes(current.status)) throw new AppError('CONFLICT', NOTICE_STATE_REFUSALS[action]);
  const row = await deps.db.transaction(async (tx) => {
    const row = await updateNoticeGuarded(tx, id, { version, states }, { ...set(current), updatedAt: meta.now });
    if (!row) throw alreadyHandled();
    await writeAudit(tx, { actor, meta }, { action: audit.action, objectType: 'notice', objectId: id, detail: { title: row.title, ...audit.detail } });
    return row;
  });
  return adminView(deps, row);
}

export const updateNotice = (deps: Deps, meta: RequestMeta, actor: Actor, id: number, input: NoticeInput & { version: number }) => {
  const clean = cleanInput(input);
  return change(deps, meta, actor, id, input.version, 'edit', () => clean, { action: 'notice.update' });
};

export const publishNotice = (deps: Deps, meta: RequestMeta, actor: Actor, id: number, version: number) =>
  change(deps, meta, actor, id, version, 'publish', () => ({ status: 'published', publishedAt: meta.now, withdrawnAt: null }), { action: 'notice.publish' });

export const withdrawNotice = (deps: Deps, meta: RequestMeta, actor: Actor, id: number, version: number) =>
  change(deps, meta, actor, id, version, 'withdraw', () => ({ status: 'withdrawn', withdrawnAt: meta.now, pinned: false }), { action: 'notice.withdraw' });

export const pinNotice = (deps: Deps, meta: RequestMeta, actor: Actor, id: number, version: number, pinned: boolean) =>
  change(deps, meta, actor, id, version, 'pin', () => ({ pinned }), { action: pinned ? 'notice.pin' : 'notice.unpin' });

export async function addNoticeAttachment(deps: Deps, meta: RequestMeta, actor: Actor, id: number, file: UploadedFile | undefined) {
  const current = await managedNotice(deps, actor, id);
  if (!file) throw new AppError('VALIDATION', '请选择要上传的附件');
  if (!(NOTICE_TRANSITIONS.edit as readonly string[]).includes(current.status)) throw new AppError('CONFLICT', NOTICE_STATE_REFUSALS.edit);
  if (current.attachmentFileIds.length >= NOTICE_LIMITS.attachmentsMax) {
    throw new AppError('VALIDATION', `每条通知最多${NOTICE_LIMITS.attachmentsMax}个附件`);
  }
  const storage = storageOf(deps.config);
  const staged: StagedFile = await stageUpload(storage, { data: file.data, filename: file.filename }, {
    allowed: ['application/pdf', 'image/jpeg', 'image/png'],
    maxBytes: NOTICE_LIMITS.attachmentMaxBytes,
    label: `附件“${file.filename}”`,
    now: meta.now,
  });
  try {
    const row = await deps.db.transaction(async (tx) => {
      const stored = await recordFile(tx, staged, { uploadedByAccountId: actor.accountId, now: meta.now });
      const row = await updateNoticeGuarded(tx, id, { version: current.version, states: NOTICE_TRANSITIONS.edit }, {
        attachmentFileIds: [...current.attachmentFileIds, stored.id],
        updatedAt: meta.now,
      });
      if (!row) throw alreadyHandled();
      await writeAudit(tx, { actor, meta }, { action: 'notice.attachment.add', objectType: 'notice', objectId: id, detail: { title: row.title, file: staged.originalName } });
      return row;
    });
    return adminView(deps, row);
  } catch (err) {
    await discardStaged(storage, [staged]);
    throw err;
  }
}

export async function removeNoticeAttachment(deps: Deps, meta: RequestMeta, actor: Actor, id: number, fileId: number) {
  const current = await managedNotice(deps, actor, id);
  if (!current.attachmentFileIds.includes(fileId)) throw new AppError('NOT_FOUND', '附件不存在');
  return change(deps, meta, actor, id, current.version, 'edit', () => ({ attachmentFileIds: current.attachmentFileIds.filter((f) => f !== fileId) }), {
    action: 'notice.attachment.remove',
    detail: { fileId },
  });
}
