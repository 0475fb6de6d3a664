/**
 * Evidence files of a declaration (SPEC §11): read, typed by content and stored through the files
 * module like every upload (files/multipart.ts readFiles, shared rules/fileType.ts sniffContentType and
 * storageOf), size-limited, served only to the owner and the reviewers in scope. They are rows of
 * `declaration_attachments` (many per declaration, limits per declaration) rather than `stored_files`.
 */
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { ATTACHMENT_LIMITS, evidenceContentType, type AttachmentDto, type AttachmentType } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { storageOf } from '../files/attachments';
import { toAttachment } from './presenters';
import {
  attachmentTotals,
  deleteAttachmentRow,
  findAttachment,
  findDeclaration,
  insertAttachments,
  lockDeclaration,
  touchDeclaration,
  type DeclarationRow,
} from './repo';
import { EVIDENCE_ZIP_LIMITS, inspectZip } from '../files/zip';
import { canPerson, cleanFileName, contentDisposition } from './rules';

const MB = 1024 * 1024;
const inScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');
const notEditable = () => new AppError('CONFLICT', '只有待提交或审核不通过的申报可以上传或删除证明材料');

export interface UploadedFile {
  name: string | undefined;
  data: Buffer;
}

/** Before reading a large body: the record exists, is the person's own and takes evidence now. */
export async function checkCanUpload(deps: Deps, actor: Actor, id: number): Promise<DeclarationRow> {
  const d = await findDeclaration(deps.db, id);
  if (!d) throw inScope();
  requireAccess(actor, { action: 'declaration.own', declaration: d });
  if (!canPerson(d, 'upload')) throw notEditable();
  return d;
}

/** The multipart limits of one evidence upload (files/multipart.ts readFiles). */
export const EVIDENCE_UPLOAD = {
  maxFileBytes: ATTACHMENT_LIMITS.maxFileBytes,
  maxFiles: ATTACHMENT_LIMITS.maxFiles,
  noFiles: '请选择要上传的证明材料',
};

/**
 * Checks every file by its bytes, stores them, then records them in one transaction that also
 * enforces the per-declaration limits under a row lock (two uploads at once cannot exceed them).
 * Bytes stored for a transaction that fails are removed again.
 */
export async function uploadAttachments(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  id: number,
  files: UploadedFile[],
): Promise<AttachmentDto[]> {
  const checked = files.map((f) => {
    const type = evidenceContentType(f.data);
    const shown = cleanFileName(f.name, type ?? 'application/pdf');
    if (f.data.length === 0) throw new AppError('VALIDATION', `文件“${shown}”是空文件`);
    if (f.data.length > ATTACHMENT_LIMITS.maxFileBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `文件“${shown}”超过${ATTACHMENT_LIMITS.maxFileBytes / MB}MB`);
    }
    if (!type) {
      throw new AppError('UNSUPPORTED_MEDIA', `文件“${shown}”的内容不是${ATTACHMENT_LIMITS.typesLabel}（按文件内容识别，与扩展名无关），请重新选择`);
    }
    return { type, name: cleanFileName(f.name, type), data: f.data, sha256: crypto.createHash('sha256').update(f.data).digest('hex') };
  });
  // Archives are opened entry by entry: a zip bomb is refused before anything is stored.
  for (const f of checked) if (f.type === 'application/zip') await inspectZip(f.data, EVIDENCE_ZIP_LIMITS, `文件“${f.name}”`);
  const storage = storageOf(deps.config);
  const keys: string[] = [];
  try {
    for (const f of checked) keys.push(await storage.put(f.data, meta.now));
    return await deps.db.transaction(async (tx) => {
      const d = await lockDeclaration(tx, id);
      if (!d) throw inScope();
      requireAccess(actor, { action: 'declaration.own', declaration: d });
      if (!canPerson(d, 'upload')) throw notEditable();
      const totals = await attachmentTotals(tx, id);
      if (totals.files + checked.length > ATTACHMENT_LIMITS.maxFiles) {
        throw new AppError('PAYLOAD_TOO_LARGE', `每条申报最多上传${ATTACHMENT_LIMITS.maxFiles}个证明材料，已有${totals.files}个`);
      }
      const added = checked.reduce((n, f) => n + f.data.length, 0);
      if (totals.bytes + added > ATTACHMENT_LIMITS.maxTotalBytes) {
        throw new AppError('PAYLOAD_TOO_LARGE', `每条申报的证明材料合计不能超过${ATTACHMENT_LIMITS.maxTotalBytes / MB}MB`);
      }
      const rows = await insertAttachments(
        tx,
        checked.map((f, i) => ({
          declarationId: id,
          storageKey: keys[i]!,
          originalName: f.name,
          contentType: f.type,
          size: f.data.length,
          sha256: f.sha256,
          uploadedByAccountId: actor.accountId,
          uploadedAt: meta.now,
        })),
      );
      await touchDeclaration(tx, id, meta.now);
      await writeAudit(tx, { actor, meta }, {
        action: 'declaration.attachment.upload',
        objectType: 'declaration',
        objectId: id,
        scopePath: d.unitPath,
        detail: { files: rows.map((r) => ({ id: r.id, name: r.originalName, type: r.contentType, size: r.size, sha256: r.sha256 })) },
      });
      return rows.map(toAttachment);
    });
  } catch (err) {
    await Promise.all(keys.map((k) => storage.remove(k).catch(() => undefined)));
    throw err;
  }
}

export async function deleteAttachment(deps: Deps, meta: RequestMeta, actor: Actor, id: number, attachmentId: number) {
  const key = await deps.db.transaction(async (tx) => {
    const d = await lockDeclaration(tx, id);
    if (!d) throw inScope();
    requireAccess(actor, { action: 'declaration.own', declaration: d });
    if (!canPerson(d, 'upload')) throw notEditable();
    const row = await deleteAttachmentRow(tx, id, attachmentId);
    if (!row) throw inScope();
    await writeAudit(tx, { actor, meta }, {
      action: 'declaration.attachment.delete',
      objectType: 'declaration',
      objectId: id,
      scopePath: d.unitPath,
      detail: { file: { id: row.id, name: row.originalName, sha256: row.sha256 } },
    });
    return row.storageKey;
  });
  // After the commit: a crash here leaves an orphan file, never a row without its bytes.
  await storageOf(deps.config).remove(key);
}

export interface FileReply {
  stream: Readable;
  headers: Record<string, string>;
}

/** The bytes of one attachment for its owner (asAdmin false) or a reviewer in scope (asAdmin true). */
export async function openAttachment(deps: Deps, actor: Actor, id: number, attachmentId: number, asAdmin: boolean): Promise<FileReply> {
  const d = await findDeclaration(deps.db, id);
  if (!d) throw inScope();
  if (asAdmin) requireAccess(actor, { action: 'declaration.read', declaration: d });
  else requireAccess(actor, { action: 'declaration.own', declaration: d });
  const a = await findAttachment(deps.db, id, attachmentId);
  if (!a) throw inScope();
  let stream: Readable;
  try {
    stream = await storageOf(deps.config).open(a.storageKey);
  } catch {
    throw new AppError('NOT_FOUND', '文件不存在或已被删除');
  }
  const type = a.contentType as AttachmentType;
  return {
    stream,
    headers: {
      'content-type': type,
      'content-length': String(a.size),
      'content-disposition': contentDisposition(a.originalName, type),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      // Images open inline in a sandbox that can run nothing. PDFs may be framed by the reviewer's
      // page of this site (the evidence viewer), which the site-wide frame-ancestors 'none' forbids;
      // no sandbox for them, since it blocks the browser's PDF viewer.
      'content-security-policy':
        type === 'application/pdf'
          ? "default-src 'none'; frame-ancestors 'self'"
          : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  };
}

