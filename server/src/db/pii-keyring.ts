import type { PiiKeyring } from '../lib/pii';

/**
 * The process's personal-data keyring (db/pii.ts loads it with `usePiiKeys`). Process-wide because
 * Drizzle decodes result columns without a request context. Its own module, imported by the schema's
 * column types without importing the schema back.
 */
let keyring: PiiKeyring | null = null;

export function piiKeyring(): PiiKeyring {
  if (!keyring) throw new Error('个人信息加密密钥尚未加载（usePiiKeys）');
  return keyring;
}

export function setPiiKeyring(ring: PiiKeyring): void {
  keyring = ring;
}
