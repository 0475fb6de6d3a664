import { describe, expect, it } from 'vitest';
import { evidenceContentType, sniffContentType } from './fileType';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2);
const MP4 = text('\0\0\0\x18ftypmp42\0\0\0\0');
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0);

describe('sniffContentType: by the first bytes only', () => {
  it.each([
    [JPEG, 'image/jpeg'],
    [PNG, 'image/png'],
    [text('%PDF-1.7\n'), 'application/pdf'],
    [MP4, 'video/mp4'],
    [text('\0\0\0\x18ftypheic\0\0\0\0'), null],
    [ZIP, 'application/zip'],
    [bytes(0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0), null], // an empty ZIP: no entry, no evidence
    [text('<html><script>'), null], // HTML named .pdf
    [bytes(0x4d, 0x5a, 0, 0), null], // an EXE
    [text('GIF89a....'), null],
    [text('<svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    [bytes(0xff, 0xd8), null],
    [bytes(), null],
  ])('%#', (data, type) => {
    expect(sniffContentType(data)).toBe(type);
  });
});

describe('evidenceContentType: what a declaration accepts as evidence', () => {
  it('takes pictures, PDF and ZIP, never a video or an unknown file', () => {
    expect([JPEG, PNG, text('%PDF-1.4'), ZIP, MP4, text('GIF89a')].map(evidenceContentType)).toEqual([
      'image/jpeg',
      'image/png',
      'application/pdf',
      'application/zip',
      null,
      null,
    ]);
  });
});
