import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { piiKeyring } from '../../db/pii-keyring';
import { fileKeyVersion, openFile, PiiIntegrityError, PiiKeyError, sealFile, type PiiKeyring } from '../../lib/pii';

/**
 * Where attachment bytes live. The default keeps them on local disk under `Config.filesDir`
 * (`${DATA_DIR}/files`, outside the web root); a deployment with N app servers points FILES_DIR at
 * shared storage or plugs in another implementation (object storage) behind this interface.
 * On disk every file is sealed (SM4-CTR + HMAC-SM3, lib/pii.ts `sealFile`) with the personal-data
 * keys: uploaded ID photos and evidence, batch workbooks and the exports hold ID numbers (issue 9
 * item 8). Reading checks the seal before returning a byte.
 */
export interface FileStorage {
  /** Stores the bytes under a new, unguessable key and returns the key. */
  put(data: Buffer, now: Date): Promise<string>;
  /** A stream of the bytes; rejects when the key does not exist. */
  open(key: string): Promise<Readable>;
  /** Removes the bytes; a missing key is not an error. */
  remove(key: string): Promise<void>;
}

/** Keys look like `2026/05/3f9c…` (32 hex): grouped by month, nothing a client can steer. */
const KEY_RE = /^\d{4}\/\d{2}\/[0-9a-f]{32}$/;

export class LocalDiskStorage implements FileStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY_RE.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(data: Buffer, now: Date): Promise<string> {
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const key = `${month}/${crypto.randomBytes(16).toString('hex')}`;
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // Write aside, then rename: a reader never sees half a file.
    const temp = `${target}.part`;
    await fs.promises.writeFile(temp, sealFile(piiKeyring(), data), { mode: 0o600, flag: 'wx' });
    await fs.promises.rename(temp, target);
    return key;
  }

  async open(key: string): Promise<Readable> {
    const raw = await fs.promises.readFile(this.pathOf(key));
    return Readable.from([openFile(piiKeyring(), raw)]);
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}

const byRoot = new Map<string, FileStorage>();

/** The storage for a files directory (one instance per directory). */
export function fileStorageAt(root: string): FileStorage {
  let storage = byRoot.get(root);
  if (!storage) {
    storage = new LocalDiskStorage(root);
    byRoot.set(root, storage);
  }
  return storage;
}

/**
 * Key rotation and files written before sealing (`pii-reencrypt`): every file under `root` not sealed
 * with the current key version is sealed again with it (write aside, then rename). A file whose seal
 * does not check out is left as it is and named.
 */
export async function resealFiles(
  root: string,
  ring: PiiKeyring = piiKeyring(),
  progress: (done: number) => void = () => {},
): Promise<{ resealed: number; refused: string[] }> {
  let resealed = 0;
  const refused: string[] = [];
  if (!fs.existsSync(root)) return { resealed, refused };
  for (const entry of await fs.promises.readdir(root, { recursive: true })) {
    const key = String(entry).split(path.sep).join('/');
    if (!KEY_RE.test(key)) continue;
    const file = path.join(root, ...key.split('/'));
    const raw = await fs.promises.readFile(file);
    if (fileKeyVersion(raw) === ring.current) continue;
    let plain: Buffer;
    try {
      plain = openFile(ring, raw);
    } catch (err) {
      if (err instanceof PiiIntegrityError || err instanceof PiiKeyError) {
        refused.push(key);
        continue;
      }
      throw err;
    }
    const temp = `${file}.part`;
    await fs.promises.writeFile(temp, sealFile(ring, plain), { mode: 0o600 });
    await fs.promises.rename(temp, file);
    progress(++resealed);
  }
  return { resealed, refused };
}
