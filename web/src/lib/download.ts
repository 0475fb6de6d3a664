import { ApiError } from '../api/client';

/**
 * Files the server makes (certificate PDFs, Excel results) are fetched with `fetch` first when a
 * refusal is possible, so the person reads the server's Chinese message instead of a JSON page.
 */

async function failure(response: Response): Promise<ApiError> {
  let code = `HTTP_${response.status}`;
  let message = `请求失败（${response.status}），请稍后重试`;
  try {
    const data = JSON.parse(await response.text()) as { code?: unknown; message?: unknown };
    if (typeof data.code === 'string') code = data.code;
    if (typeof data.message === 'string') message = data.message;
  } catch {
    // not JSON: keep the generic message
  }
  return new ApiError(response.status, code, message);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
}

/**
 * Asks the server for a file without keeping it: resolves when it would be delivered, throws an
 * ApiError with the server's message (e.g. 409 "2024年度未达到学时要求，不能合并打印") when not.
 */
export async function checkFile(path: string): Promise<void> {
  const response = await send(path, { method: 'GET' });
  if (!response.ok) throw await failure(response);
  // The body (the PDF itself) is not needed: the person opens the link next.
  await response.body?.cancel().catch(() => undefined);
}

/**
 * GET, or POST (multipart form, or JSON conditions kept out of the URL), that answers with a file:
 * the file as a Blob, or the server's message.
 */
export async function fetchFile(path: string, body?: FormData | object): Promise<Blob> {
  const init: RequestInit =
    body === undefined
      ? { method: 'GET' }
      : body instanceof FormData
        ? { method: 'POST', body }
        : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  const response = await send(path, init);
  if (!response.ok) throw await failure(response);
  return response.blob();
}

/** Hands a Blob to the browser as a download named `filename` (Chinese names are fine). */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
