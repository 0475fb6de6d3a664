import {
  endpointUrl,
  queryString as sharedQueryString,
  type EndpointDef,
  type EndpointRequest,
  type EndpointResponse,
} from '@ce/shared';

/**
 * The one HTTP client of the web UI: JSON over `fetch` with the session cookie.
 * Pages call endpoints declared in `shared/src/endpoints/` through `call(endpoint, request)`:
 * path, query string and answer type all come from that declaration.
 * A non-2xx answer becomes an ApiError carrying the server's `{code, message, details}`;
 * the message is already Chinese and meant to be shown as is.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Events the rest of the app reacts to (redirect to login, force a password change). */
export type AuthEvent = 'session-expired' | 'password-change-required' | 'second-factor-required';
type AuthListener = (event: AuthEvent) => void;
const authListeners = new Set<AuthListener>();

export function onAuthEvent(listener: AuthListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

let lastActivityAt = Date.now();
/** When the last API call answered; the server's idle timer restarts with every request. */
export const lastApiActivity = () => lastActivityAt;

/** Shows what went wrong in Chinese, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '网络连接失败，请检查网络后重试';
}

/** `?a=1&b=x`, leaving out empty values; arrays repeat the key. */
export const queryString = sharedQueryString;

/**
 * Search conditions as a JSON body, leaving out empty values as `queryString` does. Searches that
 * may hold an ID number are sent this way (POST …/search), so the number stays out of URLs, browser
 * history and access logs (issue 9).
 */
export function searchBody<T extends object>(conditions: T): Partial<T> {
  return Object.fromEntries(Object.entries(conditions).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    // A FormData body goes as multipart/form-data (the browser sets the boundary); anything else as JSON.
    const form = body instanceof FormData;
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined || form
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err = (data ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    const apiError = new ApiError(
      response.status,
      typeof err.code === 'string' ? err.code : `HTTP_${response.status}`,
      typeof err.message === 'string' ? err.message : `请求失败（${response.status}），请稍后重试`,
      err.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>) : undefined,
    );
    if (apiError.code === 'UNAUTHENTICATED') authListeners.forEach((l) => l('session-expired'));
    if (apiError.code === 'PASSWORD_CHANGE_REQUIRED')
      authListeners.forEach((l) => l('password-change-required'));
    if (apiError.code === 'MFA_REQUIRED') authListeners.forEach((l) => l('second-factor-required'));
    throw apiError;
  }
  lastActivityAt = Date.now();
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  /** multipart/form-data: text fields and files (e.g. ID card photos). */
  postForm: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** The request argument is optional when the endpoint declares no params and no body. */
type CallArgs<D extends EndpointDef> =
  Record<string, never> extends EndpointRequest<D> ? [req?: EndpointRequest<D>] : [req: EndpointRequest<D>];

/** Calls a declared endpoint; the answer is typed by its response schema. */
export function call<const D extends EndpointDef>(d: D, ...[req]: CallArgs<D>): Promise<EndpointResponse<D>> {
  const r = (req ?? {}) as { params?: unknown; query?: unknown; body?: unknown; form?: FormData };
  const body = d.multipart ? r.form : d.method === 'GET' ? undefined : (r.body ?? {});
  return request<EndpointResponse<D>>(d.method, endpointUrl(d, r), body);
}

/** The URL of a declared endpoint, for links and downloads (PDF, ZIP, evidence files). */
export function href<const D extends EndpointDef>(
  d: D,
  req: { params?: EndpointRequest<D>['params']; query?: EndpointRequest<D>['query'] } = {},
): string {
  return endpointUrl(d, req);
}
