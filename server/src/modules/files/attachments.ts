import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { schema, type Queryable } from '../../db';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { fileStorageFor, type FileStorage } from './storage';

export type AttachmentType = 'image/jpeg' | 'image/png' | 'application/pdf' | 'video/mp4' | 'application/zip';
export const IMAGE_TYPES: readonly AttachmentType[] = ['image/jpeg', 'image/png'];
export const MB = 1024 * 1024;

const TYPE_LABELS: Record<AttachmentType, string> = {
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'application/pdf': 'PDF',
  'video/mp4': 'MP4 视频',
  'application/zip': 'ZIP 压缩包',
};

/** ISO base media brands of MP4 video (ftyp box at offset 4); HEIC photos share the box and are not video. */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'msnv', 'qt  ']);

/**
 * The type of a file by its first bytes (never by its name or the client's claim), or null. Every
 * upload of the platform is typed here; each caller names the types it accepts.
 */
export function detectContentType(data: Buffer): AttachmentType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  // A ZIP with at least one entry (a local file header), where a caller allows it (declaration evidence,
  // opened entry by entry by zip.ts before it is stored). An empty archive is no evidence.
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return 'application/zip';
  // Only where a caller allows it (training videos of an attendance declaration).
  if (data.length >= 12 && data.subarray(4, 8).toString('latin1') === 'ftyp' && MP4_BRANDS.has(data.subarray(8, 12).toString('latin1'))) return 'video/mp4';
  return null;
}

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
 * Checks an upload (content type by magic bytes, size) and writes its bytes to storage. Call it
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
  const contentType = detectContentType(data);
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
  const [row] = await q
    .insert(schema.storedFiles)
    .values({ ...staged, uploadedByAccountId: opts.uploadedByAccountId, createdAt: opts.now })
    .returning();
  return row!;
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
  const [row] = await q.select().from(schema.storedFiles).where(eq(schema.storedFiles.id, fileId));
  if (!row) throw new AppError('NOT_FOUND', '文件不存在');
  const stream = await storage.open(row.storageKey).catch(() => {
    throw new AppError('NOT_FOUND', '文件不存在或已被清理');
  });
  return { contentType: row.contentType, size: row.size, stream };
}
