import type { AttachmentType } from '../api-declarations';

/**
 * The type of an evidence file from its first bytes (magic numbers), never from its name or the
 * client's content type: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, PDF "%PDF-", ZIP "PK\x03\x04"
 * (a non-empty archive). Anything else is refused (SPEC §11). The server decides with it on
 * upload; the browser runs the same check when a file is chosen, so a wrong file is named at once.
 */
export function sniffContentType(bytes: Uint8Array): AttachmentType | null {
  const starts = (sig: readonly number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  return null;
}

/** How many leading bytes `sniffContentType` needs. */
export const SNIFF_BYTES = 8;
