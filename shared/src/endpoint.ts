/**
 * One declaration per HTTP endpoint, read by both sides:
 * - the server registers the route from it (`server/src/http/route.ts`: Zod validation of params,
 *   query and body, response serialisation, OpenAPI tags and summary);
 * - the web calls it through one typed client (`web/src/api/call.ts`: `call(endpoint, request)`),
 *   which builds the path and query string and types the answer.
 * Changing a schema here therefore breaks the build on whichever side no longer matches.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface EndpointDef {
  method: HttpMethod;
  /**
   * Fastify-style path: `/api/admin/organisations/:id`; each `:name` must be a key of `params`
   * (optionally followed by a regex constraint in parentheses, as `:year(^\\d{4}).pdf`).
   */
  path: string;
  /** OpenAPI grouping and one-line description (Chinese, as shown in /api/openapi.json). */
  tags: readonly string[];
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** JSON body, or with `multipart` the text fields that accompany uploaded files. */
  body?: z.ZodType;
  /** The request is multipart/form-data (files); the route reads the parts itself. */
  multipart?: true;
  /** The success answer (JSON). Omitted for binary answers (PDF, ZIP, images): use `href()` on the web. */
  response?: z.ZodType;
  /** Content types of a binary answer (no `response`), for the OpenAPI document. */
  produces?: readonly string[];
  /** Success status; 200 unless stated. */
  status?: 200 | 201 | 202;
  /** Error statuses beyond the ones every route may answer (e.g. 423 for a lockout). */
  errors?: readonly 423[];
}

/** Declares an endpoint; `const` keeps the literal path and schema types for both sides. */
export const endpoint = <const D extends EndpointDef>(d: D): D => d;

/** The browser's FormData, named structurally so `shared/` needs no DOM types. */
export interface MultipartForm {
  append(name: string, value: never, fileName?: string): void;
}

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;
type OutputOf<S> = S extends z.ZodType ? z.output<S> : never;

/** What the caller passes: only the parts the endpoint declares. */
export type EndpointRequest<D extends EndpointDef> = (D['params'] extends z.ZodType
  ? { params: InputOf<D['params']> }
  : { params?: never }) &
  (D['query'] extends z.ZodType ? { query?: InputOf<D['query']> } : { query?: never }) &
  (D['multipart'] extends true
    ? { form: MultipartForm }
    : D['body'] extends z.ZodType
      ? { body: InputOf<D['body']> }
      : { body?: never });

/** The parsed answer the web receives. */
export type EndpointResponse<D extends EndpointDef> = D['response'] extends z.ZodType
  ? OutputOf<D['response']>
  : never;

/** What the server handler returns (before serialisation through the response schema). */
export type EndpointResult<D extends EndpointDef> = D['response'] extends z.ZodType
  ? InputOf<D['response']>
  : never;

/** The validated parts the server handler receives. */
export type EndpointParams<D extends EndpointDef> = OutputOf<D['params']>;
export type EndpointQuery<D extends EndpointDef> = OutputOf<D['query']>;
export type EndpointBody<D extends EndpointDef> = OutputOf<D['body']>;

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** `?a=1&b=x`, leaving out empty values; arrays repeat the key. */
export function queryString(params: Record<string, QueryValue> | undefined): string {
  if (!params) return '';
  const pairs: string[] = [];
  const add = (key: string, value: string | number | boolean) =>
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly (string | number)[]) add(key, v);
    else add(key, value as string | number | boolean);
  }
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** The concrete URL of a call: `:name` segments filled from params, then the query string. */
export function endpointUrl(
  d: EndpointDef,
  req: { params?: unknown; query?: unknown } = {},
): string {
  const params = (req.params ?? {}) as Record<string, string | number>;
  // A parameter may carry a Fastify regex constraint (`:year(^\\d{4}).pdf`): the value replaces both.
  const path = d.path.replace(/:([A-Za-z0-9_]+)(?:\((?:[^()\\]|\\.)*\))?/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${d.method} ${d.path}: missing path parameter ${name}`);
    }
    return encodeURIComponent(String(value));
  });
  return path + queryString(req.query as Record<string, QueryValue> | undefined);
}
