import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { SIGNING_SECRET_FILE, signingKeyVault, signingSecret, vaultFromSecret } from './keys';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-keys-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('private keys at rest (AES-256-GCM under SIGNING_KEY_SECRET)', () => {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = (privateKey.export({ format: 'jwk' }) as { d: string }).d;

  it('seals and opens; the stored text holds no form of the key', () => {
    const vault = vaultFromSecret('s'.repeat(40));
    const sealed = vault.seal(pkcs8, '18-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const form of [
      pkcs8.toString('base64'),
      pkcs8.toString('base64url'),
      pkcs8.toString('hex'),
      seed,
      Buffer.from(seed, 'base64url').toString('hex'),
    ]) {
      expect(sealed).not.toContain(form);
    }
    expect(vault.open(sealed, '18-1').equals(pkcs8)).toBe(true);
    // A fresh IV each time.
    expect(vault.seal(pkcs8, '18-1')).not.toBe(sealed);
  });

  it('does not open under another secret, another kid, or after tampering', () => {
    const vault = vaultFromSecret('s'.repeat(40));
    const sealed = vault.seal(pkcs8, '18-1');
    expect(() => vaultFromSecret('t'.repeat(40)).open(sealed, '18-1')).toThrow(/SIGNING_KEY_SECRET/);
    expect(() => vault.open(sealed, '19-1')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[2] = body.toString('base64url');
    expect(() => vault.open(parts.join('.'), '18-1')).toThrow();
  });
});

describe('the key-encryption secret', () => {
  it('with PGlite and no variable: generated once into DATA_DIR/signing.secret (0600), then reused', () => {
    const dataDir = tempDir();
    const config = { signingKeySecret: undefined, databaseUrl: undefined, dataDir };
    const first = signingSecret(config);
    const file = path.join(dataDir, SIGNING_SECRET_FILE);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(signingSecret(config)).toBe(first);
    // A vault made from the file opens what an earlier process sealed.
    const sealed = signingKeyVault(config).seal(Buffer.from('x'), '1-1');
    expect(
      signingKeyVault({ ...config })
        .open(sealed, '1-1')
        .toString(),
    ).toBe('x');
  });

  it('the variable wins over the file', () => {
    const dataDir = tempDir();
    expect(signingSecret({ signingKeySecret: 'v'.repeat(32), databaseUrl: undefined, dataDir })).toBe(
      'v'.repeat(32),
    );
    expect(fs.existsSync(path.join(dataDir, SIGNING_SECRET_FILE))).toBe(false);
  });

  it('new keys are SM2 unless SIGNING_KEY_ALGORITHM=ed25519', () => {
    expect(loadConfig({}).signingKeyAlg).toBe('SM2SM3');
    expect(loadConfig({ SIGNING_KEY_ALGORITHM: 'ed25519' }).signingKeyAlg).toBe('EdDSA');
    expect(() => loadConfig({ SIGNING_KEY_ALGORITHM: 'rsa' })).toThrow(/SIGNING_KEY_ALGORITHM/);
  });

  it('is optional with DATABASE_URL, but must be at least 32 characters when set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).signingKeySecret).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', SIGNING_KEY_SECRET: 'short' })).toThrow(
      /SIGNING_KEY_SECRET/,
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', SIGNING_KEY_SECRET: 'k'.repeat(32) })
        .signingKeySecret,
    ).toBe('k'.repeat(32));
    // One server on PostgreSQL without the variable works like PGlite (main.ts warns about N servers).
    const dataDir = tempDir();
    const secret = signingSecret({ signingKeySecret: undefined, databaseUrl: 'postgres://u@h/db', dataDir });
    expect(fs.readFileSync(path.join(dataDir, SIGNING_SECRET_FILE), 'utf8').trim()).toBe(secret);
  });
});
