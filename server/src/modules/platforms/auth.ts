/**
 * Authentication of the learning-platform API without cookies (CONTRACT "Online learning platforms").
 * Checks, in this order, each refusal a 401 with its own stable code:
 *   SIGNATURE_HEADERS_MISSING  a header is missing
 *   PLATFORM_UNKNOWN           no platform has this id (never issued, or replaced by a rotation)
 *   CREDENTIALS_REVOKED        the platform's credentials were revoked
 *   TIMESTAMP_EXPIRED          X-Timestamp is not Unix seconds or is more than 300 s away
 *   NONCE_INVALID              X-Nonce is not 16–64 printable characters
 *   SIGNATURE_INVALID          the HMAC does not match
 *   NONCE_REUSED               the nonce was accepted before (remembered in PostgreSQL, so across servers)
 * The nonce is recorded only once the signature is right (strangers cannot fill the table), and the
 * per-platform rate limit counts only genuine requests.
 */
import { PLATFORM_SIGNATURE_WINDOW_SECONDS } from '@ce/shared';
import type { Queryable } from '../../db';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { consumeRateLimit } from '../ratelimit/ratelimit';
import { deleteExpiredNonces, findPlatformByClientId, rememberNonce } from './repo';
import { canonicalString, nonceValid, signatureMatches, signatureOf, timestampProblem } from './signature';
import type { PlatformRow } from './service';
import { platformSecretVault } from './vault';

/** Calls per platform and minute (all its servers together). */
export const PLATFORM_CALLS_PER_MINUTE = 300;

export interface SignedRequest {
  method: string;
  /** Path and query string exactly as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

const header = (req: SignedRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v.trim() : undefined;
};

export async function authenticatePlatform(deps: Deps, req: SignedRequest): Promise<PlatformRow> {
  const now = deps.now();
  const platformId = header(req, 'x-platform-id');
  const timestamp = header(req, 'x-timestamp');
  const nonce = header(req, 'x-nonce');
  const signature = header(req, 'x-signature');
  const missing = [
    ['X-Platform-Id', platformId],
    ['X-Timestamp', timestamp],
    ['X-Nonce', nonce],
    ['X-Signature', signature],
  ].filter(([, v]) => !v);
  if (missing.length > 0) throw new AppError('SIGNATURE_HEADERS_MISSING', `缺少签名请求头：${missing.map(([n]) => n).join('、')}`);

  const row = platformId!.length <= 64 ? await findPlatformByClientId(deps.db, platformId!) : undefined;
  if (!row) throw new AppError('PLATFORM_UNKNOWN', '平台标识不存在或凭证已更换');
  if (row.status !== 'approved' || row.credentialState !== 'active' || !row.secretSealed) {
    throw new AppError('CREDENTIALS_REVOKED', '该平台的接口凭证已吊销');
  }
  const skew = timestampProblem(timestamp!, now);
  if (skew) throw new AppError('TIMESTAMP_EXPIRED', `X-Timestamp 须为 Unix 秒，且与服务器时间相差不超过${PLATFORM_SIGNATURE_WINDOW_SECONDS}秒`);
  if (!nonceValid(nonce!)) throw new AppError('NONCE_INVALID', 'X-Nonce 须为16–64个可见字符');

  const secret = platformSecretVault(deps.config).open(row.secretSealed, row.clientId!);
  const expected = signatureOf(secret, canonicalString(req.method, req.url, timestamp!, nonce!, req.rawBody));
  if (!signatureMatches(expected, signature!)) throw new AppError('SIGNATURE_INVALID', '签名不正确');

  // Remembered until no timestamp that could still be accepted can carry it again.
  const expiresAt = new Date(Math.max(Number(timestamp) * 1000, now.getTime()) + PLATFORM_SIGNATURE_WINDOW_SECONDS * 1000);
  if (!(await rememberNonce(deps.db, row.id, nonce!, expiresAt))) throw new AppError('NONCE_REUSED', '该 X-Nonce 已使用过，请求被拒绝（防重放）');

  await consumeRateLimit(deps.db, `platform:${row.id}`, PLATFORM_CALLS_PER_MINUTE, 60, now);
  return row;
}

/** The scheduled task `purge-platform-nonces`: nonces past their window. */
export async function purgeExpiredNonces(q: Queryable, now: Date): Promise<number> {
  return deleteExpiredNonces(q, now);
}

