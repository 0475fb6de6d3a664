/**
 * Platform secrets at rest. The server needs a secret in clear to check an HMAC, so it is stored
 * encrypted, never hashed: AES-256-GCM with a key derived (HKDF-SHA256, its own label) from the same
 * SIGNING_KEY_SECRET that protects the certificate-signing keys (shared by every app server; see
 * README "Configuration"), with the platform's client id as associated data so a ciphertext copied
 * to another platform's row does not open.
 */
import crypto from 'node:crypto';
import type { Config } from '../../config';
import { signingSecret } from '../certificates/keys';

export interface SecretVault {
  seal(secret: string, clientId: string): string;
  open(sealed: string, clientId: string): string;
}

const vaults = new WeakMap<object, SecretVault>();

export function platformSecretVault(config: Pick<Config, 'signingKeySecret' | 'databaseUrl' | 'dataDir'>): SecretVault {
  let vault = vaults.get(config);
  if (!vault) {
    vault = secretVaultFrom(signingSecret(config));
    vaults.set(config, vault);
  }
  return vault;
}

export function secretVaultFrom(masterSecret: string): SecretVault {
  const key = Buffer.from(crypto.hkdfSync('sha256', masterSecret, 'henan-ce/platform-credentials', 'aes-256-gcm v1', 32));
  return {
    seal(secret, clientId) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(clientId, 'utf8'));
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return ['v1', iv, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed, clientId) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || !body || !tag) throw new Error(`platform ${clientId}: unknown secret format`);
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(clientId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** A new platform id (CONTRACT's X-Platform-Id) and secret. */
export function newCredentials(): { clientId: string; secret: string } {
  return { clientId: `plt_${crypto.randomBytes(8).toString('hex')}`, secret: crypto.randomBytes(32).toString('base64url') };
}
