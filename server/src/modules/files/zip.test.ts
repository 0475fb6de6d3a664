import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { buildZip, zipBomb } from '../../../test/zip-fixtures';
import { EVIDENCE_ZIP_LIMITS, inspectZip, XLSX_ZIP_LIMITS } from './zip';

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe('inspectZip: ZIP uploads are opened entry by entry (issue 9 item 6)', () => {
  it('accepts an ordinary archive, stored and deflated entries, one level of nesting', async () => {
    const inner = buildZip([{ name: '照片说明.txt', data: Buffer.from('结业证书扫描件'.repeat(50)) }]);
    const zip = buildZip([
      { name: '证书.pdf', data: Buffer.from('%PDF-1.7 '.repeat(1000)) },
      { name: 'a.bin', data: Buffer.from([1, 2, 3, 4]), method: 0 },
      { name: '附件.zip', data: inner, method: 0 },
    ]);
    expect(await inspectZip(zip, EVIDENCE_ZIP_LIMITS, '文件“材料.zip”')).toEqual({ entries: 4, totalBytes: 9000 + 4 + inner.length + 350 * 3, parts: new Map() });
    // The entries a caller keeps come back inflated (top level only: the nested archive's own entry is not offered).
    const offered: string[] = [];
    const { parts } = await inspectZip(zip, EVIDENCE_ZIP_LIMITS, 'x', (name) => (offered.push(name), name !== 'a.bin'));
    expect(offered).toEqual(['证书.pdf', 'a.bin', '附件.zip']);
    expect([...parts.keys()]).toEqual(['证书.pdf', '附件.zip']);
    expect(parts.get('证书.pdf')!.toString()).toBe('%PDF-1.7 '.repeat(1000));
    expect(parts.get('附件.zip')!.equals(inner)).toBe(true);
  });

  it('refuses a zip bomb by its ratio with a Chinese 413', async () => {
    const err = await refusal(inspectZip(zipBomb(), EVIDENCE_ZIP_LIMITS, '文件“材料.zip”'));
    expect(err.status).toBe(413);
    expect(err.message).toBe('文件“材料.zip”：压缩包解压后“材料.txt”的压缩比超过100倍，疑似“压缩炸弹”，已拒绝。请分成较小的压缩包或直接上传文件');
  });

  it('refuses an archive whose entries together expand beyond the total limit', async () => {
    // Stored entries have ratio 1, but 3 × 80 MB is over 200 MB.
    const chunk = Buffer.alloc(80 * 1024 * 1024, 0x41);
    const zip = buildZip([1, 2, 3].map((i) => ({ name: `${i}.dat`, data: chunk, method: 0 as const })));
    const err = await refusal(inspectZip(zip, EVIDENCE_ZIP_LIMITS, '文件“大.zip”'));
    expect(err.message).toContain('解压后超过200MB');
  });

  it('does not trust the declared size: an entry that expands past it is refused', async () => {
    const zip = buildZip([{ name: 'x.txt', data: Buffer.alloc(5 * 1024 * 1024, 65), declaredSize: 1000 }]);
    const err = await refusal(inspectZip(zip, EVIDENCE_ZIP_LIMITS, '文件“x.zip”'));
    expect(err.status).toBe(413);
    expect(err.message).toContain('“x.txt”比声明的大');
  });

  it('refuses bombs nested inside the archive, within the same budget', async () => {
    const nested = buildZip([{ name: 'inner.zip', data: zipBomb(), method: 0 }]);
    const err = await refusal(inspectZip(nested, EVIDENCE_ZIP_LIMITS, '文件“n.zip”'));
    expect(err.message).toContain('文件“n.zip”（inner.zip）：压缩包解压后“材料.txt”的压缩比超过100倍');
  });

  it('refuses encrypted entries, damaged archives and too many entries', async () => {
    const enc = buildZip([{ name: '密.txt', data: Buffer.from('secret'), flags: 1 }]);
    expect((await refusal(inspectZip(enc, EVIDENCE_ZIP_LIMITS, 'Z'))).message).toBe('Z：压缩包中的“密.txt”已加密，无法检查，请上传未加密的压缩包');
    const damaged = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    expect((await refusal(inspectZip(damaged, EVIDENCE_ZIP_LIMITS, 'Z'))).message).toBe('Z：压缩包已损坏或格式不正确，请重新压缩后上传');
    const good = buildZip([{ name: 'a', data: Buffer.from('hello') }]);
    const badCrc = Buffer.from(good);
    badCrc.writeUInt8(badCrc.readUInt8(33) ^ 0xff, 33); // corrupt the deflated bytes
    expect((await refusal(inspectZip(badCrc, EVIDENCE_ZIP_LIMITS, 'Z'))).status).toBe(400);
    const many = buildZip(Array.from({ length: 501 }, (_, i) => ({ name: `${i}`, data: Buffer.from('x'), method: 0 as const })));
    expect((await refusal(inspectZip(many, XLSX_ZIP_LIMITS, 'Excel文件'))).message).toContain('超过500个文件');
  });
});
