import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import type { Db, Queryable } from '../../db';
import { writeAudit } from '../../audit/audit';
import { AppError } from '../../errors';
import { kidFor } from './signing';
import {
  algOfJwk,
  generateSigningKeyPair,
  publishedJwk,
  signingKeyFromPkcs8,
  type PublicJwk,
  type SigningAlg,
  type SigningKey,
} from './jws';
import { activeKeyRow, activeKeyRows, allKeyRows, insertKey, lastKeySeq, retireActiveKey, type SigningKeyRow } from './repo';

/**
 * Custody of the bureaus' signing keys (R-24, R-25): SM2/SM3 (new keys, unless SIGNING_KEY_ALGORITHM
 * says ed25519) or Ed25519 (keys made before SM2 existed here, still verifying); jws.ts signs and verifies.
 *
 * - One active key per issuing bureau, created when the province approves its e-seal; a new key
 *   retires the old one, and retired keys stay published so what they signed keeps verifying.
 * - The private key exists in the database only encrypted: AES-256-GCM with a key derived (HKDF-SHA256)
 *   from SIGNING_KEY_SECRET, the kid as associated data (a ciphertext moved to another row fails).
 *   It is decrypted only to sign, never served, never logged (a KeyObject prints no key material).
 * - SIGNING_KEY_SECRET: every app server of one database must share it, so a multi-server
 *   deployment sets it (main.ts warns when DATABASE_URL is set without it); with no variable a random
 *   secret is generated once into `${DATA_DIR}/signing.secret` (mode 0600) and reused, which is
 *   right for the embedded PGlite and for a single server on PostgreSQL. Losing it makes the stored private keys unusable (not the public ones).
 */
export interface SigningKeyVault {
  seal(privateKeyPkcs8: Buffer, kid: string): string;
  open(sealed: string, kid: string): Buffer;
}

export const SIGNING_SECRET_FILE = 'signing.secret';

/** The secret the vault's key derives from: the configured one, or the data directory's file. */
export function signingSecret(config: Pick<Config, 'signingKeySecret' | 'databaseUrl' | 'dataDir'>): string {
  if (config.signingKeySecret) return config.signingKeySecret;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, SIGNING_SECRET_FILE);
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} 的内容不是有效的签名密钥保护口令（至少32个字符）`);
  return secret;
}

const vaults = new WeakMap<object, SigningKeyVault>();

/** The vault of a configuration (its secret is resolved on first use, then kept). */
export function signingKeyVault(
  config: Pick<Config, 'signingKeySecret' | 'databaseUrl' | 'dataDir'>,
): SigningKeyVault {
  let vault = vaults.get(config);
  if (!vault) {
    vault = vaultFromSecret(signingSecret(config));
    vaults.set(config, vault);
  }
  return vault;
}

export function vaultFromSecret(secret: string): SigningKeyVault {
  const kek = Buffer.from(
    crypto.hkdfSync('sha256', secret, 'henan-ce/certificate-signing-keys', 'aes-256-gcm v1', 32),
  );
  return {
    seal(plain, kid) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', kek, iv);
      cipher.setAAD(Buffer.from(kid, 'utf8'));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return ['v1', iv, body, cipher.getAuthTag()]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed, kid) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || !body || !tag)
        throw new Error(`signing key ${kid}: unknown storage format`);
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(kid, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      } catch {
        throw new Error(`无法解密证书签名私钥 ${kid}：SIGNING_KEY_SECRET 与生成该密钥时不同`);
      }
    },
  };
}

/**
 * Creates the bureau's next signing key inside the caller's transaction (approval of its e-seal,
 * or a rotation): the previous key, if any, is retired for signing and stays published.
 */
export async function createBureauKey(
  tx: Queryable,
  bureauOrgId: number,
  now: Date,
  vault: SigningKeyVault,
  alg: SigningAlg = 'SM2SM3',
): Promise<{ kid: string; publicJwk: PublicJwk }> {
  const { pkcs8, publicJwk } = generateSigningKeyPair(alg);
  const seq = (await lastKeySeq(tx, bureauOrgId)) + 1;
  const kid = kidFor(bureauOrgId, seq);
  await retireActiveKey(tx, bureauOrgId, now);
  await insertKey(tx, {
    bureauOrgId,
    seq,
    kid,
    publicJwk,
    privateKeyEncrypted: vault.seal(pkcs8, kid),
    createdAt: now,
  });
  return { kid, publicJwk: publishedJwk(kid, publicJwk) };
}

/** A bureau's private signing key, decrypted, with its key id and algorithm (see jws.ts). */
export type { SigningKey };

/** The key the bureau signs with now, decrypted; null when its seal is not enabled. */
export async function activeSigningKey(
  q: Queryable,
  bureauOrgId: number,
  vault: SigningKeyVault,
): Promise<SigningKey | null> {
  const row = await activeKeyRow(q, bureauOrgId);
  return row ? signingKeyOfRow(row, vault) : null;
}

/** The signing key of a stored key row, decrypted. */
export function signingKeyOfRow(row: SigningKeyRow, vault: SigningKeyVault): SigningKey {
  return signingKeyFromPkcs8(row.kid, algOfJwk(row.publicJwk), vault.open(row.privateKeyEncrypted, row.kid));
}

/** Like activeSigningKey, for issuing: a bureau without an enabled e-seal cannot issue. */
export async function requireSigningKey(q: Queryable, bureauOrgId: number, vault: SigningKeyVault) {
  const key = await activeSigningKey(q, bureauOrgId, vault);
  if (!key) throw new AppError('CONFLICT', '发证机关尚未启用电子签章，暂不能发放电子证书');
  return key;
}

/** The JWKS of every certificate-signing key ever used, retired ones included (public parts only). */
export async function listPublicKeys(q: Queryable): Promise<{ keys: PublicJwk[] }> {
  const rows = await allKeyRows(q);
  return { keys: rows.map((r) => publishedJwk(r.kid, r.publicJwk)) };
}

/**
 * Key rotation (operators, `npm run rotate-signing-keys`): each chosen bureau with an enabled seal
 * gets a new key of `alg`, in one transaction with its audit row; the old key stays published, so
 * what it signed keeps verifying. `onlyAlg` limits it to bureaus whose active key has that algorithm
 * (e.g. move every remaining Ed25519 bureau to SM2).
 */
export async function rotateBureauKeys(
  db: Db,
  vault: SigningKeyVault,
  options: { alg: SigningAlg; bureauIds?: number[]; onlyAlg?: SigningAlg; now: Date },
): Promise<{ bureauOrgId: number; oldKid: string; kid: string }[]> {
  const rotated: { bureauOrgId: number; oldKid: string; kid: string }[] = [];
  for (const active of await activeKeyRows(db)) {
    if (options.bureauIds && !options.bureauIds.includes(active.bureauOrgId)) continue;
    if (options.onlyAlg && algOfJwk(active.publicJwk) !== options.onlyAlg) continue;
    const kid = await db.transaction(async (tx) => {
      const { kid: newKid } = await createBureauKey(tx, active.bureauOrgId, options.now, vault, options.alg);
      await writeAudit(
        tx,
        { actor: null, meta: { ip: null, userAgent: null, now: options.now }, actorName: '系统命令' },
        {
          action: 'seal.keyRotate',
          objectType: 'signingKey',
          objectId: newKid,
          scopePath: active.bureauPath,
          detail: { oldKid: active.kid, kid: newKid, alg: options.alg },
        },
      );
      return newKid;
    });
    rotated.push({ bureauOrgId: active.bureauOrgId, oldKid: active.kid, kid });
  }
  return rotated;
}
