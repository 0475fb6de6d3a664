/**
 * The request signature of the learning-platform API (CONTRACT "Online learning platforms"):
 * X-Signature = lowercase hex HMAC-SHA256(secret, METHOD \n PATH \n TIMESTAMP \n NONCE \n SHA256HEX(body)),
 * PATH with its query string exactly as sent, the body hash over the exact bytes received (empty body:
 * the hash of nothing). Pure functions; the example client (`src/platform-client/`) builds the same string.
 */
import crypto from 'node:crypto';
import { PLATFORM_SIGNATURE_WINDOW_SECONDS } from '@ce/shared';

export const sha256Hex = (body: Buffer | string) => crypto.createHash('sha256').update(body).digest('hex');

export function canonicalString(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: Buffer | string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${sha256Hex(body)}`;
}

export function signatureOf(secret: string, canonical: string): string {
  return crypto.createHmac('sha256', secret).update(canonical).digest('hex');
}

/** Constant-time comparison of the expected and the received signature (hex). */
export function signatureMatches(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** X-Timestamp: Unix seconds (digits only) no more than 300 s away from the server's clock. */
export function timestampProblem(header: string, now: Date): 'invalid' | 'expired' | null {
  if (!/^\d{1,12}$/.test(header)) return 'invalid';
  const skew = Math.abs(now.getTime() / 1000 - Number(header));
  return skew > PLATFORM_SIGNATURE_WINDOW_SECONDS ? 'expired' : null;
}

/** X-Nonce: 16–64 printable ASCII characters without spaces. */
export const nonceValid = (nonce: string) => /^[\x21-\x7e]{16,64}$/.test(nonce);
