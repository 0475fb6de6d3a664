import { ATTACHMENT_LIMITS, type AttachmentType } from '../api-declarations';

/** Every file type the platform accepts anywhere; each upload names the ones it allows. */
export type FileContentType = 'image/jpeg' | 'image/png' | 'application/pdf' | 'video/mp4' | 'application/zip';

/** ISO base media brands of MP4 video (ftyp box at offset 4); HEIC photos share the box and are not video. */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'msnv', 'qt  ']);

const latin1 = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * The type of a file from its first bytes (magic numbers), never from its name or the client's
 * content type: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, PDF "%PDF-", ZIP "PK\x03\x04" (an
 * archive with at least one entry: an empty one is no evidence), MP4 an `ftyp` box of a video brand.
 * Anything else is refused (SPEC §11). The server types every upload with it (files/attachments.ts
 * stageUpload); the browser runs the same check when a file is chosen, so a wrong file is named at once.
 */
export function sniffContentType(bytes: Uint8Array): FileContentType | null {
  const starts = (sig: readonly number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  // Only where a caller allows it (training videos of an attendance declaration).
  if (bytes.length >= 12 && latin1(bytes, 4, 8) === 'ftyp' && MP4_BRANDS.has(latin1(bytes, 8, 12))) return 'video/mp4';
  return null;
}

/** The type of a declaration's evidence file by its bytes, or null (a video, or nothing the platform knows). */
export function evidenceContentType(bytes: Uint8Array): AttachmentType | null {
  const type = sniffContentType(bytes);
  return type && (ATTACHMENT_LIMITS.types as readonly string[]).includes(type) ? (type as AttachmentType) : null;
}

/** How many leading bytes `sniffContentType` needs. */
export const SNIFF_BYTES = 12;
