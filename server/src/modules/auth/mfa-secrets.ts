/**
 * TOTP secrets at rest (issue 9 item 7): sealed with AES-256-GCM under a key derived (HKDF-SHA256)
 * from the platform secret that already protects the certificate-signing keys (SIGNING_KEY_SECRET,
 * or DATA_DIR/signing.secret; backed up with the database), with its own HKDF label, and the person
 * id as associated data (a sealed secret copied to another person's row does not open). The secret
 * in clear exists only while a code is checked or shown once at enrolment; it is never logged.
 */
import crypto from 'node:crypto';
import type { Config } from '../../config';
import { signingSecret } from '../certificates/keys';

export interface MfaSecretBox {
  seal(base32: string, personId: number): string;
  open(sealed: string, personId: number): string;
}

const boxes = new WeakMap<object, MfaSecretBox>();

export function mfaSecretBox(config: Pick<Config, 'signingKeySecret' | 'databaseUrl' | 'dataDir'>): MfaSecretBox {
  let box = boxes.get(config);
  if (!box) {
    box = mfaSecretBoxFrom(signingSecret(config));
    boxes.set(config, box);
  }
  return box;
}

export function mfaSecretBoxFrom(secret: string): MfaSecretBox {
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'henan-ce/totp-secrets', 'aes-256-gcm v1', 32));
  const aad = (personId: number) => Buffer.from(`person:${personId}`, 'utf8');
  return {
    seal(base32, personId) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(personId));
      const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
      return ['v1', iv, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(sealed, personId) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || !body || !tag) throw new Error(`TOTP secret of person ${personId}: unknown storage format`);
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(aad(personId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error(`无法解密人员 ${personId} 的动态口令密钥：SIGNING_KEY_SECRET 与绑定时不同`);
      }
    },
  };
}
