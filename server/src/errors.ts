/**
 * One error type for the whole server. A code maps to an HTTP status; the message is Chinese and
 * meant for people. Messages of 5xx errors are never shown to clients.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  CAPTCHA_INVALID: 400,
  ACCOUNT_NOT_FOUND: 401,
  ROLE_NOT_REGISTERED: 401,
  WRONG_PASSWORD: 401,
  ACCOUNT_PENDING: 403,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  UNAUTHENTICATED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  /** Password checked, second factor not yet: only the MFA endpoints answer. */
  MFA_REQUIRED: 401,
  MFA_CODE_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_HANDLED: 409,
  NOT_YOUR_TURN: 409,
  YEAR_CLOSED: 409,
  OVER_CAP: 400,
  EXISTING_USER: 409,
  RATE_LIMITED: 429,
  // The learning-platform API's signature checks (CONTRACT "Online learning platforms"): stable codes.
  SIGNATURE_HEADERS_MISSING: 401,
  PLATFORM_UNKNOWN: 401,
  CREDENTIALS_REVOKED: 401,
  TIMESTAMP_EXPIRED: 401,
  NONCE_INVALID: 401,
  SIGNATURE_INVALID: 401,
  NONCE_REUSED: 401,
  UNSUPPORTED_MEDIA: 415,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.status = errorStatus[code];
    this.details = details;
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在`);
export const forbidden = () => new AppError('FORBIDDEN', '您没有执行此操作的权限');
export const alreadyHandled = () => new AppError('ALREADY_HANDLED', '该记录已被他人处理，请刷新后查看最新状态');

/** A unique constraint refused the write (PostgreSQL 23505, as node-postgres and PGlite report it). */
export const isUniqueViolation = (err: unknown) =>
  (err as { code?: string })?.code === '23505' || (err as { cause?: { code?: string } })?.cause?.code === '23505';
