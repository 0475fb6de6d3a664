import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from '../../errors';

const inflateRaw = promisify(zlib.inflateRaw);

/** Limits an uploaded ZIP (or xlsx, which is one) must keep when expanded. */
export interface ZipLimits {
  /** Most entries in the archive (nested archives included). */
  maxEntries: number;
  /** Most bytes all entries expand to, nested archives included. */
  maxTotalBytes: number;
  /** Largest expansion ratio of one entry (uncompressed / compressed) once it is above 1 MiB. */
  maxRatio: number;
  /** How deep archives inside the archive are opened and checked. */
  maxDepth: number;
}

/** Evidence archives: 10 MB uploads expanding to at most 200 MB. */
export const EVIDENCE_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 100, maxDepth: 2 };
/** Spreadsheets: XML compresses well, but a real workbook never expands past these. */
export const XLSX_ZIP_LIMITS: ZipLimits = { maxEntries: 500, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 200, maxDepth: 0 };

const RATIO_FLOOR = 1024 * 1024;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Inspects a ZIP archive entry by entry before it is stored or parsed: the central directory must be
 * sound, every entry is really inflated (the declared sizes are not trusted: inflating stops at the
 * declared size and the CRC is checked), and the counts, the total expanded size and each entry's
 * ratio must stay within `limits`. Archives inside the archive are checked the same way, sharing
 * the budget. Encrypted entries and compression methods other than stored/deflate cannot be
 * checked and are refused. Throws a Chinese 400/413 naming `label`.
 */
export async function inspectZip(
  data: Buffer,
  limits: ZipLimits,
  label: string,
  /** Top-level entries whose inflated content the caller wants back (read once, not inflated twice). */
  keep?: (name: string) => boolean,
): Promise<{ entries: number; totalBytes: number; parts: Map<string, Buffer> }> {
  const budget = { entries: 0, bytes: 0 };
  const parts = new Map<string, Buffer>();
  await inspectLevel(data, limits, label, budget, 0, keep ? (name, content) => keep(name) && parts.set(name, content) : undefined);
  return { entries: budget.entries, totalBytes: budget.bytes, parts };
}

const invalid = (label: string) => new AppError('VALIDATION', `${label}：压缩包已损坏或格式不正确，请重新压缩后上传`);
const bomb = (label: string, why: string) =>
  new AppError('PAYLOAD_TOO_LARGE', `${label}：压缩包解压后${why}，疑似“压缩炸弹”，已拒绝。请分成较小的压缩包或直接上传文件`);

async function inspectLevel(
  data: Buffer,
  limits: ZipLimits,
  label: string,
  budget: { entries: number; bytes: number },
  depth: number,
  onEntry?: (name: string, content: Buffer) => void,
) {
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid(label);
  const count = data.readUInt16LE(eocd + 10);
  const cdSize = data.readUInt32LE(eocd + 12);
  const cdOffset = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new AppError('VALIDATION', `${label}：不支持 ZIP64 格式的压缩包，请重新压缩后上传`);
  if (cdOffset + cdSize > eocd) throw invalid(label);
  if (budget.entries + count > limits.maxEntries) throw bomb(label, `超过${limits.maxEntries}个文件`);

  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || data.readUInt32LE(at) !== CENTRAL) throw invalid(label);
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const crc = data.readUInt32LE(at + 16);
    const compressed = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLen = data.readUInt16LE(at + 28);
    const extraLen = data.readUInt16LE(at + 30);
    const commentLen = data.readUInt16LE(at + 32);
    const localOffset = data.readUInt32LE(at + 42);
    const name = data.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    at += 46 + nameLen + extraLen + commentLen;
    budget.entries++;

    if (compressed === 0xffffffff || size === 0xffffffff) throw new AppError('VALIDATION', `${label}：不支持 ZIP64 格式的压缩包，请重新压缩后上传`);
    if (flags & 0x1) throw new AppError('VALIDATION', `${label}：压缩包中的“${name}”已加密，无法检查，请上传未加密的压缩包`);
    if (method !== 0 && method !== 8) {
      throw new AppError('VALIDATION', `${label}：压缩包中的“${name}”使用了不支持的压缩方式，请用常规 ZIP 格式重新压缩`);
    }
    if (budget.bytes + size > limits.maxTotalBytes) throw bomb(label, `超过${Math.floor(limits.maxTotalBytes / 1024 / 1024)}MB`);
    if (size > RATIO_FLOOR && size > compressed * limits.maxRatio) throw bomb(label, `“${name}”的压缩比超过${limits.maxRatio}倍`);

    if (localOffset + 30 > cdOffset || data.readUInt32LE(localOffset) !== LOCAL) throw invalid(label);
    const start = localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    if (start + compressed > cdOffset) throw invalid(label);
    const raw = data.subarray(start, start + compressed);
    let content: Buffer;
    if (method === 0) {
      if (compressed !== size) throw invalid(label);
      content = raw;
    } else {
      // Never more than the declared size: an entry that lies about its size stops here.
      content = await inflateRaw(raw, { maxOutputLength: Math.max(size, 1) }).catch((err: { code?: string }) => {
        if (err.code === 'ERR_BUFFER_TOO_LARGE') throw bomb(label, `“${name}”比声明的大`);
        throw invalid(label);
      });
    }
    if (content.length !== size || zlib.crc32(content) !== crc) throw invalid(label);
    budget.bytes += size;
    onEntry?.(name, content);

    // An archive inside the archive: open it too (nested "42.zip" style bombs), within the same budget.
    if (content.length >= 4 && content.readUInt32LE(0) === LOCAL) {
      if (depth >= limits.maxDepth) {
        if (limits.maxDepth > 0) throw new AppError('VALIDATION', `${label}：压缩包嵌套超过${limits.maxDepth}层，请解开后重新压缩`);
        continue;
      }
      await inspectLevel(content, limits, `${label}（${name}）`, budget, depth + 1);
    }
  }
}
