import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { discardStaged, IMAGE_TYPES, MB, stageUpload } from './attachments';
import { LocalDiskStorage } from './storage';
import { setPiiKeyring } from '../../db/pii-keyring';
import { keyringFromSecrets } from '../../lib/pii';
import { TEST_PII_SECRETS } from '../../config';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-files-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
// Stored files are sealed with the personal-data keys (issue 9 item 8).
setPiiKeyring(keyringFromSecrets(TEST_PII_SECRETS));
const now = new Date('2026-05-20T04:00:00Z');

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]);

describe('LocalDiskStorage', () => {
  const storage = new LocalDiskStorage(root);

  it('stores under an unguessable monthly key, reads back, removes', async () => {
    const key = await storage.put(JPEG, now);
    expect(key).toMatch(/^2026\/05\/[0-9a-f]{32}$/);
    const file = path.join(root, ...key.split('/'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const chunks: Buffer[] = [];
    for await (const c of await storage.open(key)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(JPEG);
    await storage.remove(key);
    await expect(storage.open(key)).rejects.toThrow();
    await storage.remove(key); // missing: no error
  });

  it('refuses keys that could leave its root', async () => {
    await expect(storage.open('../../etc/passwd')).rejects.toThrow('invalid storage key');
    await expect(storage.open('2026/05/../../x')).rejects.toThrow('invalid storage key');
  });
});

describe('stageUpload', () => {
  const storage = new LocalDiskStorage(root);
  const rules = { allowed: IMAGE_TYPES, maxBytes: 1 * MB, label: '照片', now };

  it('checks content and size before writing anything', async () => {
    const refuse = async (data: Buffer) => {
      const err = await stageUpload(storage, { data }, rules).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      return (err as AppError).message;
    };
    expect(await refuse(Buffer.alloc(0))).toBe('照片：文件为空');
    expect(await refuse(Buffer.from('%PDF-1.4'))).toBe('照片：只能上传JPG、PNG格式的文件');
    expect(await refuse(Buffer.concat([JPEG, Buffer.alloc(MB)]))).toBe('照片：文件不能超过1MB');
    const files = fs.readdirSync(root, { recursive: true }).filter((f) => fs.statSync(path.join(root, String(f))).isFile());
    expect(files).toEqual([]);
  });

  it('writes an accepted file and can discard it', async () => {
    const staged = await stageUpload(storage, { data: PNG, filename: 'a.png' }, rules);
    expect(staged).toMatchObject({ contentType: 'image/png', size: PNG.length, originalName: 'a.png' });
    expect(staged.sha256).toMatch(/^[0-9a-f]{64}$/);
    await discardStaged(storage, [staged]);
    await expect(storage.open(staged.storageKey)).rejects.toThrow();
  });
});
