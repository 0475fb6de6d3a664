/**
 * Registers a route from its declaration in `shared/src/endpoints/`: the path, method, Zod schemas
 * (validation, serialisation, OpenAPI) all come from the one place the web client also reads.
 * The handler receives the validated params, query and body typed from those schemas and must
 * return the declared response (or, for an endpoint without `response`, send bytes on the reply).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import {
  errorBody,
  type EndpointBody,
  type EndpointDef,
  type EndpointParams,
  type EndpointQuery,
  type EndpointResult,
} from '@ce/shared';

/** The error answers every route may give ({code, message, details?}). */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  413: errorBody,
  429: errorBody,
} as const;

/** The request as the handler sees it: Fastify's, with params/query/body typed from the endpoint. */
export type EndpointRequest<D extends EndpointDef> = Omit<FastifyRequest, 'params' | 'query' | 'body'> & {
  params: EndpointParams<D>;
  query: EndpointQuery<D>;
  body: EndpointBody<D>;
};

export type EndpointHandler<D extends EndpointDef> = (
  req: EndpointRequest<D>,
  reply: FastifyReply,
) => Promise<D extends { response: ZodType } ? EndpointResult<D> : FastifyReply>;

export interface RouteOptions {
  /** Extra OpenAPI text (e.g. what a multipart body holds). */
  description?: string;
  /** Fastify config (e.g. rate limits) passed through. */
  config?: Record<string, unknown>;
}

export function route<const D extends EndpointDef>(
  app: FastifyInstance,
  d: D,
  handler: EndpointHandler<D>,
  opts: RouteOptions = {},
): void {
  const status = d.status ?? 200;
  const response: Record<number, ZodType> = {
    [status]: d.response ?? z.any().meta({ type: 'string', format: 'binary', description: '文件内容' }),
    ...errorResponses,
    ...Object.fromEntries((d.errors ?? []).map((s) => [s, errorBody])),
  };
  // Validation and serialisation use the Zod compilers buildApp() sets (fastify-type-provider-zod).
  app.route({
    method: d.method,
    url: d.path,
    schema: {
      tags: [...d.tags],
      summary: d.summary,
      ...(opts.description ? { description: opts.description } : {}),
      ...(d.multipart ? { consumes: ['multipart/form-data'] } : {}),
      ...(d.params ? { params: d.params } : {}),
      ...(d.query ? { querystring: d.query } : {}),
      // A multipart body is read and checked by the handler; its schema documents the text fields.
      ...(d.body && !d.multipart ? { body: d.body } : {}),
      // A binary answer is documented as bytes of its content types (errors stay JSON: see app.ts).
      ...(d.produces || !d.response ? { produces: [...(d.produces ?? ['application/octet-stream'])] } : {}),
      response,
    },
    ...(opts.config ? { config: opts.config } : {}),
    handler: async (req, reply) => {
      if (status !== 200) reply.status(status);
      // The type provider has validated these parts against the same schemas the type names.
      return handler(req as unknown as EndpointRequest<D>, reply) as Promise<unknown>;
    },
  });
}
