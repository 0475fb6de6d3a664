/**
 * The certificate token in the verification page's URL: the QR code holds `…/verify#<token>`
 * (a fragment never reaches a server log); `?t=<token>` is accepted too.
 */
export function tokenFromLocation(hash: string, search: string): string {
  const fromHash = safeDecode(hash.replace(/^#/, '')).trim();
  if (fromHash) return fromHash;
  return (new URLSearchParams(search).get('t') ?? '').trim();
}

/**
 * What to put after `#` for a text pasted from a scanner app: the token inside a verification URL
 * (after `#` or in `t=`), otherwise the text itself (the server decides whether it is a token).
 */
export function tokenFromQrText(text: string): string {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  if (hash >= 0) return trimmed.slice(hash + 1).trim();
  const query = /[?&]t=([A-Za-z0-9_.-]+)/.exec(trimmed);
  return query ? query[1]! : trimmed;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type Verdict = 'valid' | 'revoked' | 'invalid';

/** A person's name for a public page: the surname stays, the rest is masked (张三 → 张*); masked names as is. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0 || chars.includes('*')) return name;
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
