import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import type { Queryable } from '../../db';
import { AppError } from '../../errors';
import { kidFor, type PublicJwk } from './signing';
import { activeKeyRow, allKeyRows, insertKey, lastKeySeq, retireActiveKey } from './repo';

/**
 * Custody of the bureaus' Ed25519 signing keys (R-24, R-25).
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

const toPublicJwk = (kid: string, jwk: { x: string }): PublicJwk => ({
  kty: 'OKP',
  crv: 'Ed25519',
  x: jwk.x,
  kid,
  alg: 'EdDSA',
  use: 'sig',
});

/**
 * Creates the bureau's next signing key inside the caller's transaction (approval of its e-seal,
 * or a rotation): the previous key, if any, is retired for signing and stays published.
 */
export async function createBureauKey(
  tx: Queryable,
  bureauOrgId: number,
  now: Date,
  vault: SigningKeyVault,
): Promise<{ kid: string; publicJwk: PublicJwk }> {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const seq = (await lastKeySeq(tx, bureauOrgId)) + 1;
  const kid = kidFor(bureauOrgId, seq);
  const pub = publicKey.export({ format: 'jwk' }) as { kty: 'OKP'; crv: 'Ed25519'; x: string };
  await retireActiveKey(tx, bureauOrgId, now);
  await insertKey(tx, {
    bureauOrgId,
    seq,
    kid,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: pub.x },
    privateKeyEncrypted: vault.seal(privateKey.export({ format: 'der', type: 'pkcs8' }), kid),
    createdAt: now,
  });
  return { kid, publicJwk: toPublicJwk(kid, pub) };
}

/** The key the bureau signs with now, decrypted; null when its seal is not enabled. */
export async function activeSigningKey(
  q: Queryable,
  bureauOrgId: number,
  vault: SigningKeyVault,
): Promise<{ kid: string; privateKey: KeyObject } | null> {
  const row = await activeKeyRow(q, bureauOrgId);
  if (!row) return null;
  const der = vault.open(row.privateKeyEncrypted, row.kid);
  return { kid: row.kid, privateKey: crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
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
  return { keys: rows.map((r) => toPublicJwk(r.kid, r.publicJwk)) };
}
