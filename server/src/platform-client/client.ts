/**
 * Example client of the learning-platform API (CONTRACT "Online learning platforms"), for integrators
 * to copy: Node ≥ 20, no dependency beyond node:crypto and fetch. The platform's own tests and the
 * benchmark call the server through it, so it stays correct.
 *
 *   const client = new PlatformClient({ baseUrl: 'https://jxjy.example.gov.cn', platformId, secret });
 *   const { results } = await client.postCompletions([{ recordId: 'R1', idNumber: '…', … }]);
 *   const one = await client.getCompletion('R1');
 *
 * Signature: X-Signature = lowercase hex HMAC-SHA256(secret, METHOD\nPATH\nTIMESTAMP\nNONCE\nSHA256HEX(body)),
 * PATH with its query string, the body hashed as the exact bytes sent (so the body is serialised once
 * and those bytes are both hashed and sent).
 */
import crypto from 'node:crypto';

export interface CompletionRecord {
  recordId: string;
  idNumber: string;
  name: string;
  courseId: string;
  courseTitle: string;
  subject: 'public' | 'professional';
  /** 职称系列, as in the person's profile (e.g. 中小学教师). */
  series: string;
  hours: number;
  /** ISO 8601, e.g. 2026-05-10T08:00:00+08:00 */
  startedAt: string;
  finishedAt: string;
}

export interface CompletionResult {
  recordId: string;
  status: 'accepted' | 'held' | 'refused';
  reason: string | null;
}

/** What travels: a method, a path with query, the body bytes; and the four signature headers. */
export interface SignedRequest {
  method: string;
  path: string;
  body: Buffer;
  headers: Record<string, string>;
}

export const sha256Hex = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

/** Signs one request: the CONTRACT's string to sign, HMAC-SHA256 with the secret, lowercase hex. */
export function signRequest(opts: {
  platformId: string;
  secret: string;
  method: string;
  path: string;
  body?: Buffer | string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** 16–64 characters, never reused; defaults to 32 random hex characters. */
  nonce?: string;
}): SignedRequest {
  const body = opts.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body, 'utf8');
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? crypto.randomBytes(16).toString('hex');
  const method = opts.method.toUpperCase();
  const toSign = `${method}\n${opts.path}\n${timestamp}\n${nonce}\n${sha256Hex(body)}`;
  const signature = crypto.createHmac('sha256', opts.secret).update(toSign).digest('hex');
  const headers: Record<string, string> = {
    'X-Platform-Id': opts.platformId,
    'X-Timestamp': timestamp,
    'X-Nonce': nonce,
    'X-Signature': signature,
  };
  if (body.length > 0) headers['Content-Type'] = 'application/json';
  return { method, path: opts.path, body, headers };
}

export class PlatformApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

/**
 * Sends a signed request. `transport` defaults to fetch against `baseUrl`; tests pass one that
 * injects into the server in process.
 */
export type Transport = (req: SignedRequest) => Promise<{ status: number; body: string }>;

export const fetchTransport =
  (baseUrl: string): Transport =>
  async (req) => {
    const res = await fetch(new URL(req.path, baseUrl), {
      method: req.method,
      headers: req.headers,
      body: req.body.length > 0 ? new Uint8Array(req.body) : undefined,
    });
    return { status: res.status, body: await res.text() };
  };

export class PlatformClient {
  private readonly transport: Transport;

  constructor(private readonly opts: { platformId: string; secret: string; baseUrl?: string; transport?: Transport; now?: () => Date }) {
    if (!opts.transport && !opts.baseUrl) throw new Error('baseUrl or transport is required');
    this.transport = opts.transport ?? fetchTransport(opts.baseUrl!);
  }

  private async send<T>(method: string, path: string, payload?: unknown): Promise<T> {
    const body = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload), 'utf8');
    const timestamp = Math.floor((this.opts.now?.() ?? new Date()).getTime() / 1000);
    const req = signRequest({ platformId: this.opts.platformId, secret: this.opts.secret, method, path, body, timestamp });
    const res = await this.transport(req);
    const parsed = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
    if (res.status !== 200) throw new PlatformApiError(res.status, String(parsed.code ?? 'HTTP_ERROR'), String(parsed.message ?? res.body));
    return parsed as T;
  }

  /** Reports 1–1,000 records; the answer lists each record's result in the order sent. */
  postCompletions(records: CompletionRecord[]): Promise<{ results: CompletionResult[] }> {
    return this.send('POST', '/api/platform/v1/completions', { records });
  }

  /** The state of one record now (a held record may since have been released or refused). */
  getCompletion(recordId: string): Promise<CompletionResult> {
    return this.send('GET', `/api/platform/v1/completions/${encodeURIComponent(recordId)}`);
  }
}
