import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3Sdk } from '../../lib/lazy-modules';
import type { Config, FileStorageConfig } from '../../config';
import { piiKeyring } from '../../db/pii-keyring';
import { FILE_HEADER_BYTES, fileKeyVersion, openFile, PiiIntegrityError, PiiKeyError, sealFile, type PiiKeyring } from '../../lib/pii';

/**
 * Where attachment bytes live, chosen by configuration (`FILE_STORAGE`): local disk under
 * `Config.filesDir` (`${DATA_DIR}/files`, outside the web root; the default), or a bucket of
 * S3-compatible object storage (MinIO, OSS, OBS, COS…) for N app servers and terabytes of evidence.
 * Either way every file is sealed (SM4-CTR + HMAC-SM3, lib/pii.ts `sealFile`) with the personal-data
 * keys before it leaves the process: uploaded ID photos and evidence, batch workbooks and the exports
 * hold ID numbers (issue 9 item 8), and neither the disk nor the object store sees them in clear.
 * Reading checks the seal before returning a byte.
 */
export interface FileStorage {
  /** Stores the bytes under a new, unguessable key and returns the key. */
  put(data: Buffer, now: Date): Promise<string>;
  /** A stream of the bytes; rejects when the key does not exist or its seal does not check out. */
  open(key: string): Promise<Readable>;
  /** Removes the bytes; a missing key is not an error. */
  remove(key: string): Promise<void>;
  /**
   * Key rotation (`pii-reencrypt`): every stored file not sealed with the ring's current version is
   * sealed again with it. A file whose seal does not check out is left as it is and named.
   */
  reseal(ring: PiiKeyring, progress: (done: number) => void): Promise<ResealResult>;
}

export interface ResealResult {
  resealed: number;
  /** Keys of the files whose seal failed (altered, or sealed with a key no longer configured). */
  refused: string[];
}

/** Keys look like `2026/05/3f9c…` (32 hex): grouped by month, nothing a client can steer. */
const KEY_RE = /^\d{4}\/\d{2}\/[0-9a-f]{32}$/;

function checkKey(key: string): string {
  if (!KEY_RE.test(key)) throw new Error(`invalid storage key: ${key}`);
  return key;
}

function newKey(now: Date): string {
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  return `${month}/${crypto.randomBytes(16).toString('hex')}`;
}

/** Opens `raw` for the re-seal: the bytes, or null when the seal fails (the key is then named). */
function openForReseal(ring: PiiKeyring, raw: Buffer): Buffer | null {
  try {
    return openFile(ring, raw);
  } catch (err) {
    if (err instanceof PiiIntegrityError || err instanceof PiiKeyError) return null;
    throw err;
  }
}

export class LocalDiskStorage implements FileStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(data: Buffer, now: Date): Promise<string> {
    const key = newKey(now);
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

  /** Files written in clear before sealing (they predate it on disk) are sealed too. */
  async reseal(ring: PiiKeyring, progress: (done: number) => void): Promise<ResealResult> {
    let resealed = 0;
    const refused: string[] = [];
    if (!fs.existsSync(this.root)) return { resealed, refused };
    for (const entry of await fs.promises.readdir(this.root, { recursive: true })) {
      const key = String(entry).split(path.sep).join('/');
      if (!KEY_RE.test(key)) continue;
      const file = this.pathOf(key);
      const raw = await fs.promises.readFile(file);
      if (fileKeyVersion(raw) === ring.current) continue;
      const plain = openForReseal(ring, raw);
      if (!plain) {
        refused.push(key);
        continue;
      }
      const temp = `${file}.part`;
      await fs.promises.writeFile(temp, sealFile(ring, plain), { mode: 0o600 });
      await fs.promises.rename(temp, file);
      progress(++resealed);
    }
    return { resealed, refused };
  }
}

const statusOf = (err: unknown) => (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

type S3Settings = Extract<FileStorageConfig, { kind: 's3' }>;

/** Objects re-sealed at once by the rotation job: object storage answers in tens of milliseconds. */
const RESEAL_CONCURRENCY = 8;

/**
 * A bucket of S3-compatible object storage. Objects are named by the same keys as the files on
 * disk (so FILES_DIR can be copied into a bucket as it is) and hold the same sealed bytes. A PUT is
 * atomic: a reader never sees half an object. Unlike the disk, a bucket never held files in clear,
 * so an object without a seal is refused as altered, never served or re-sealed.
 */
export class S3ObjectStorage implements FileStorage {
  readonly client: S3Client;
  readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new (s3Sdk().S3Client)({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // The SDK's default CRC32 checksums on every request are not understood by every S3-compatible
      // service (older MinIO, some cloud vendors' gateways): only where an operation requires one.
      // The seal's HMAC-SM3 already proves every byte read back.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** At start-up: the bucket exists and the credentials reach it (a clear message otherwise). */
  async check(): Promise<void> {
    try {
      await this.client.send(new (s3Sdk().HeadBucketCommand)({ Bucket: this.bucket }));
    } catch (err) {
      const status = statusOf(err);
      const why =
        status === 404 ? '存储桶不存在' : status === 403 ? '访问密钥无权访问该存储桶' : status === 301 ? '存储桶不在所配置的区域（S3_REGION）' : (err as Error).message || (err as Error).name;
      throw new Error(`对象存储不可用（FILE_STORAGE=s3，存储桶 ${this.bucket}）：${why}`, { cause: err });
    }
  }

  private async read(key: string, range?: string): Promise<Buffer> {
    const res = await this.client.send(new (s3Sdk().GetObjectCommand)({ Bucket: this.bucket, Key: checkKey(key), Range: range }));
    return Buffer.from(await res.Body!.transformToByteArray());
  }

  private async write(key: string, sealed: Buffer): Promise<void> {
    await this.client.send(
      new (s3Sdk().PutObjectCommand)({ Bucket: this.bucket, Key: checkKey(key), Body: sealed, ContentType: 'application/octet-stream' }),
    );
  }

  async put(data: Buffer, now: Date): Promise<string> {
    const key = newKey(now);
    await this.write(key, sealFile(piiKeyring(), data));
    return key;
  }

  async open(key: string): Promise<Readable> {
    const raw = await this.read(key);
    if (fileKeyVersion(raw) === null) throw new PiiIntegrityError('存储的文件');
    return Readable.from([openFile(piiKeyring(), raw)]);
  }

  async remove(key: string): Promise<void> {
    // S3 answers 204 for a key that is not there.
    await this.client.send(new (s3Sdk().DeleteObjectCommand)({ Bucket: this.bucket, Key: checkKey(key) }));
  }

  async reseal(ring: PiiKeyring, progress: (done: number) => void): Promise<ResealResult> {
    let resealed = 0;
    const refused: string[] = [];
    const one = async (key: string) => {
      // The header alone tells the version: a second run (or a retried job) reads no object twice.
      const head = await this.read(key, `bytes=0-${FILE_HEADER_BYTES - 1}`).catch((err: unknown) => {
        // An empty object has no first byte to read (416): read whole, it is refused below.
        if (statusOf(err) === 416) return Buffer.alloc(0);
        throw err;
      });
      if (fileKeyVersion(head) === ring.current) return;
      const raw = await this.read(key);
      const version = fileKeyVersion(raw);
      if (version === ring.current) return;
      const plain = version === null ? null : openForReseal(ring, raw);
      if (!plain) {
        refused.push(key);
        return;
      }
      await this.write(key, sealFile(ring, plain));
      progress(++resealed);
    };
    for await (const page of s3Sdk().paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket })) {
      const keys = (page.Contents ?? []).map((o) => o.Key ?? '').filter((k) => KEY_RE.test(k));
      for (let i = 0; i < keys.length; i += RESEAL_CONCURRENCY) {
        await Promise.all(keys.slice(i, i + RESEAL_CONCURRENCY).map(one));
      }
    }
    return { resealed, refused };
  }
}

const instances = new Map<string, FileStorage>();

function cached(id: string, create: () => FileStorage): FileStorage {
  let storage = instances.get(id);
  if (!storage) {
    storage = create();
    instances.set(id, storage);
  }
  return storage;
}

/** The storage for a files directory (one instance per directory). */
export function fileStorageAt(root: string): FileStorage {
  return cached(`local:${root}`, () => new LocalDiskStorage(root));
}

/** The configured storage (`FILE_STORAGE`): one instance (and one S3 client) per configuration. */
export function fileStorageFor(config: Pick<Config, 'filesDir' | 'fileStorage'>): FileStorage {
  const s = config.fileStorage;
  if (s.kind === 'local') return fileStorageAt(config.filesDir);
  return cached(`s3:${JSON.stringify(s)}`, () => new S3ObjectStorage(s));
}
