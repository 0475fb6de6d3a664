import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live. The default keeps them on local disk under `Config.filesDir`
 * (`${DATA_DIR}/files`, outside the web root); a deployment with N app servers points FILES_DIR at
 * shared storage or plugs in another implementation (object storage) behind this interface.
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
    await fs.promises.writeFile(temp, data, { mode: 0o600, flag: 'wx' });
    await fs.promises.rename(temp, target);
    return key;
  }

  async open(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await fs.promises.access(file, fs.constants.R_OK);
    return fs.createReadStream(file);
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
