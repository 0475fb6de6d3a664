import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Queryable } from '../../db';
import type { Config } from '../../config';
import { sniffContentType, type FileContentType } from '@ce/shared';
import { AppError } from '../../errors';
import { fileStorageFor, type FileStorage } from './storage';
import { insertStoredFile, storedFileById } from './repo';

export type AttachmentType = FileContentType;
export const IMAGE_TYPES: readonly AttachmentType[] = ['image/jpeg', 'image/png'];
export const MB = 1024 * 1024;

const TYPE_LABELS: Record<AttachmentType, string> = {
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'application/pdf': 'PDF',
  'video/mp4': 'MP4 视频',
  'application/zip': 'ZIP 压缩包',
};

/** The configured storage (FILE_STORAGE: local disk under Config.filesDir, or an S3 bucket). */
export const storageOf = (config: Pick<Config, 'filesDir' | 'fileStorage'>): FileStorage => fileStorageFor(config);

/** An upload that passed the checks and whose bytes are in storage, not yet recorded. */
export interface StagedFile {
  storageKey: string;
  contentType: AttachmentType;
  size: number;
  sha256: string;
  originalName: string | null;
}

/**
 * Checks an upload (content type by magic bytes: shared rules/fileType.ts, size) and writes its bytes to storage. Call it
 * before the transaction, record it inside (`recordFile`), and `discardStaged` when the
 * transaction fails, so no orphan is left behind.
 */
export async function stageUpload(
  storage: FileStorage,
  upload: { data: Buffer; filename?: string | null },
  rules: { allowed: readonly AttachmentType[]; maxBytes: number; label: string; now: Date },
): Promise<StagedFile> {
  const { data } = upload;
  if (data.length === 0) throw new AppError('VALIDATION', `${rules.label}：文件为空`);
  if (data.length > rules.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${rules.label}：文件不能超过${Math.floor(rules.maxBytes / MB)}MB`);
  }
  const contentType = sniffContentType(data);
  if (!contentType || !rules.allowed.includes(contentType)) {
    const allowed = rules.allowed.map((t) => TYPE_LABELS[t]).join('、');
    throw new AppError('UNSUPPORTED_MEDIA', `${rules.label}：只能上传${allowed}格式的文件`);
  }
  const storageKey = await storage.put(data, rules.now);
  return {
    storageKey,
    contentType,
    size: data.length,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    originalName: upload.filename ? upload.filename.slice(0, 200) : null,
  };
}

export async function recordFile(q: Queryable, staged: StagedFile, opts: { uploadedByAccountId: number | null; now: Date }) {
  return insertStoredFile(q, { ...staged, uploadedByAccountId: opts.uploadedByAccountId, createdAt: opts.now });
}

/** Best effort: removes staged bytes whose transaction did not commit. */
export async function discardStaged(storage: FileStorage, staged: readonly StagedFile[]) {
  await Promise.all(staged.map((s) => storage.remove(s.storageKey).catch(() => undefined)));
}

/** Opens a recorded file. The caller has already decided that the actor may read it. */
export async function openStoredFile(
  q: Queryable,
  storage: FileStorage,
  fileId: number,
): Promise<{ contentType: string; size: number; stream: Readable }> {
  const row = await storedFileById(q, fileId);
  if (!row) throw new AppError('NOT_FOUND', '文件不存在');
  const stream = await storage.open(row.storageKey).catch(() => {
    throw new AppError('NOT_FOUND', '文件不存在或已被清理');
  });
  return { contentType: row.contentType, size: row.size, stream };
}
