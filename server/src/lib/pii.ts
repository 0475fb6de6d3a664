import crypto from 'node:crypto';

/**
 * Personal data encrypted at rest with the national algorithms (GB/T 39786: SM4 for confidentiality,
 * SM3 for integrity). Pure functions over a keyring; `db/pii.ts` holds the process's keyring and the
 * column helpers the repositories use.
 *
 * - Ciphertext: `sm4:<version>:<base64url(iv ‖ SM4-CTR(plain) ‖ HMAC-SM3 tag)>`, encrypt-then-MAC
 *   (Node's OpenSSL has no SM4-GCM). The tag covers a domain label, the field name (a ciphertext
 *   copied into another column fails), the key version, the IV and the ciphertext; it is checked in
 *   constant time before anything is decrypted. The IV is 16 random bytes (the whole first counter
 *   block), so equal values never give equal ciphertexts.
 * - Keys: each version has a secret; its SM4 key (128 bits) and MAC key (256 bits) are derived with
 *   HKDF-SM3. The highest version encrypts; every version in the keyring decrypts, so a rotation adds
 *   a version and re-encrypts the rows at leisure (`modules/pii/rotation.ts`).
 * - Blind index: HMAC-SM3 under a separate index key over the field name and the normalised value, as
 *   hex. Equal values give equal indexes (one indexed lookup, a unique index), yet without the key the
 *   index cannot be computed from a guessed ID number. The index key is not rotated with the
 *   encryption keys (changing it means recomputing every index from the decrypted values).
 */

export interface PiiKeyring {
  /** The version that encrypts. */
  current: number;
  keys: ReadonlyMap<number, { enc: Buffer; mac: Buffer }>;
  index: Buffer;
}

export interface PiiSecrets {
  /** Key version → secret (at least 32 characters). */
  keys: Record<number, string>;
  indexSecret: string;
}

export class PiiIntegrityError extends Error {
  constructor(field: string) {
    super(`加密的个人信息（${field}）校验失败：密文被改动或不属于该字段`);
    this.name = 'PiiIntegrityError';
  }
}

export class PiiKeyError extends Error {
  constructor(field: string, version: number | string) {
    super(`加密的个人信息（${field}）使用的密钥版本 ${version} 未配置（PII_KEYS）`);
    this.name = 'PiiKeyError';
  }
}

const SALT = 'henan-ce/pii';
const DOMAIN = 'pii sm4-ctr hmac-sm3 v1';
const IV_BYTES = 16;
const TAG_BYTES = 32;
export const MIN_SECRET_LENGTH = 32;

const derive = (secret: string, info: string, bytes: number) =>
  Buffer.from(crypto.hkdfSync('sm3', Buffer.from(secret, 'utf8'), SALT, info, bytes));

export function keyringFromSecrets(secrets: PiiSecrets): PiiKeyring {
  const versions = Object.keys(secrets.keys).map(Number);
  if (versions.length === 0) throw new Error('至少需要一个个人信息加密密钥版本');
  const keys = new Map<number, { enc: Buffer; mac: Buffer }>();
  for (const v of versions) {
    if (!Number.isSafeInteger(v) || v < 1) throw new Error(`个人信息密钥版本须为正整数：${v}`);
    const secret = secrets.keys[v]!;
    if (secret.length < MIN_SECRET_LENGTH) throw new Error(`个人信息密钥版本 ${v} 的口令不足 ${MIN_SECRET_LENGTH} 个字符`);
    keys.set(v, { enc: derive(secret, `sm4 v${v}`, 16), mac: derive(secret, `hmac-sm3 v${v}`, 32) });
  }
  if (secrets.indexSecret.length < MIN_SECRET_LENGTH) throw new Error(`盲索引密钥不足 ${MIN_SECRET_LENGTH} 个字符`);
  return { current: Math.max(...versions), keys, index: derive(secrets.indexSecret, 'blind index', 32) };
}

/**
 * Parses `PII_KEYS`: comma-separated `version:secret` pairs, e.g. `2:…,1:…` (order does not matter;
 * the highest version encrypts).
 */
export function parsePiiKeys(text: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d{1,6}):(.+)$/.exec(part);
    if (!m) throw new Error('PII_KEYS 的格式应为“版本:口令”，以逗号分隔，例如 1:口令1,2:口令2');
    const v = Number(m[1]);
    if (out[v] !== undefined) throw new Error(`PII_KEYS 中版本 ${v} 重复`);
    out[v] = m[2]!;
  }
  return out;
}

function tagOf(mac: Buffer, field: string, version: number, iv: Buffer, body: Buffer): Buffer {
  const h = crypto.createHmac('sm3', mac);
  h.update(`${DOMAIN}\0${field}\0${version}\0`);
  h.update(iv);
  h.update(body);
  return h.digest();
}

/** Encrypts `plain` for `field` (e.g. `persons.id_number`) under the current key version. */
export function sealPii(ring: PiiKeyring, field: string, plain: string): string {
  const key = ring.keys.get(ring.current)!;
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('sm4-ctr', key.enc, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = tagOf(key.mac, field, ring.current, iv, body);
  return `sm4:${ring.current}:${Buffer.concat([iv, body, tag]).toString('base64url')}`;
}

/** The key version a ciphertext was made with, or null when the text is no ciphertext of this module. */
export function piiKeyVersion(sealed: string): number | null {
  const m = /^sm4:(\d{1,6}):[A-Za-z0-9_-]+$/.exec(sealed);
  return m ? Number(m[1]) : null;
}

/**
 * Decrypts a value of `sealPii`. Throws PiiIntegrityError when the text is malformed, altered or
 * belongs to another field, PiiKeyError when its key version is not in the keyring.
 */
export function openPii(ring: PiiKeyring, field: string, sealed: string): string {
  const version = piiKeyVersion(sealed);
  if (version === null) throw new PiiIntegrityError(field);
  const key = ring.keys.get(version);
  if (!key) throw new PiiKeyError(field, version);
  const raw = Buffer.from(sealed.slice(sealed.lastIndexOf(':') + 1), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new PiiIntegrityError(field);
  const iv = raw.subarray(0, IV_BYTES);
  const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  if (!crypto.timingSafeEqual(tag, tagOf(key.mac, field, version, iv, body))) throw new PiiIntegrityError(field);
  const decipher = crypto.createDecipheriv('sm4-ctr', key.enc, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

// ---------------------------------------------------------------- files at rest

/**
 * Stored files (uploaded evidence and ID photos, batch workbooks, error reports, exports) are sealed
 * with the same keys: `CESM4F1\0` ‖ key version (uint32, big-endian) ‖ IV ‖ SM4-CTR(bytes) ‖ HMAC-SM3
 * tag over the domain, the label `stored file`, the version, the IV and the ciphertext. A file
 * without the magic was written before files were sealed and is read as it is.
 */
const FILE_MAGIC = Buffer.from('CESM4F1\0', 'latin1');
/** The bytes `fileKeyVersion` reads: enough of a stored file to tell its key version. */
export const FILE_HEADER_BYTES = FILE_MAGIC.length + 4;
const FILE_FIELD = 'stored file';
const FILE_LABEL = '存储的文件';

export function sealFile(ring: PiiKeyring, plain: Buffer): Buffer {
  const key = ring.keys.get(ring.current)!;
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('sm4-ctr', key.enc, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const version = Buffer.alloc(4);
  version.writeUInt32BE(ring.current);
  return Buffer.concat([FILE_MAGIC, version, iv, body, tagOf(key.mac, FILE_FIELD, ring.current, iv, body)]);
}

/** The key version a stored file was sealed with, or null for a file written in clear before sealing. */
export function fileKeyVersion(data: Buffer): number | null {
  if (data.length < FILE_MAGIC.length + 4 || !data.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) return null;
  return data.readUInt32BE(FILE_MAGIC.length);
}

/** The bytes of a stored file: checked, then decrypted; a legacy clear file comes back unchanged. */
export function openFile(ring: PiiKeyring, data: Buffer): Buffer {
  const version = fileKeyVersion(data);
  if (version === null) return data;
  const key = ring.keys.get(version);
  if (!key) throw new PiiKeyError(FILE_LABEL, version);
  const start = FILE_MAGIC.length + 4;
  if (data.length < start + IV_BYTES + TAG_BYTES) throw new PiiIntegrityError(FILE_LABEL);
  const iv = data.subarray(start, start + IV_BYTES);
  const body = data.subarray(start + IV_BYTES, data.length - TAG_BYTES);
  const tag = data.subarray(data.length - TAG_BYTES);
  if (!crypto.timingSafeEqual(tag, tagOf(key.mac, FILE_FIELD, version, iv, body))) throw new PiiIntegrityError(FILE_LABEL);
  const decipher = crypto.createDecipheriv('sm4-ctr', key.enc, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/** The keyed SM3 blind index of a normalised value of `field`: 64 hex characters. */
export function blindIndex(ring: PiiKeyring, field: string, normalised: string): string {
  return crypto.createHmac('sm3', ring.index).update(`${field}\0${normalised}`).digest('hex');
}

/** ID numbers are compared as stored after validation: no spaces, the check character upper case. */
export const normaliseIdNumber = (value: string) => value.trim().toUpperCase();

/** A fresh random secret for a key version or the index key. */
export const newPiiSecret = () => crypto.randomBytes(32).toString('base64url');
