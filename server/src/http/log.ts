import type { FastifyServerOptions } from 'fastify';

/**
 * ID numbers (18 characters: 17 digits and a digit or X) anywhere in a text, e.g. in a request URL
 * `?idNumber=410102198509102116` or in an error message: masked like the UI does, 410102********2116.
 * An encoded form (`%34…`) is not an ID number any longer after the router decoded it; the raw
 * URL is masked on the characters as sent.
 */
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;

export const maskIdNumbersInText = (text: string): string => text.replace(ID_NUMBER_IN_TEXT, '$1********$2');

/**
 * A copy of a log value with every string's ID numbers masked: plain objects and arrays are copied
 * (depth-bounded); other objects (the request, the reply, errors) are left to their serializers.
 */
export function maskIdNumbersDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskIdNumbersInText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => maskIdNumbersDeep(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskIdNumbersDeep(v, depth + 1);
  return out;
}

/** An error as a log field: its name, message, stack and own fields, ID numbers masked. */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return maskIdNumbersDeep(err);
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) own[k] = typeof v === 'object' && v !== null && !(v instanceof Error) ? maskIdNumbersDeep({ ...v }) : v;
  const cause = (err as { cause?: unknown }).cause;
  return maskIdNumbersDeep({
    type: err.name,
    message: err.message,
    stack: err.stack,
    ...own,
    ...(cause !== undefined ? { cause: cause instanceof Error ? serializeError(cause) : cause } : {}),
  });
}

/**
 * The server's logger: secrets redacted, and no full ID number in any line: the request URL, the
 * message and every field of the log object pass through the mask.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method?: string; url?: unknown; hostname?: string; ip?: string }) =>
        typeof req?.url === 'string'
          ? { method: req.method, url: maskIdNumbersInText(req.url), hostname: req.hostname, remoteAddress: req.ip }
          : maskIdNumbersDeep(req),
      err: serializeError,
    },
    formatters: {
      log: (obj: Record<string, unknown>) => maskIdNumbersDeep(obj) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskIdNumbersInText(a) : a)));
      },
    },
  } as NonNullable<FastifyServerOptions['logger']>;
}
