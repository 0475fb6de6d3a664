/**
 * Post-processing of the OpenAPI document. Fastify's `produces` names the content types of every
 * response of a route, so a file download (PDF, xlsx, images) documented its error answers as that
 * binary type too; the error handler always answers errors as JSON `{code, message, details?}`.
 */
type Content = Record<string, { schema?: unknown }>;
type Operation = { responses?: Record<string, { content?: Content }> };

const ERROR_SCHEMA = {
  type: 'object',
  properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object', additionalProperties: {} } },
  required: ['code', 'message'],
};

/**
 * Answers the global hooks give whatever the route: bad input (input guard, router, JSON parser) on
 * every operation; a foreign Origin (CSRF guard), an oversized body and a non-JSON body on every
 * state-changing one.
 */
const GLOBAL_ERRORS: Record<string, { description: string; when: (method: string) => boolean }> = {
  '400': { description: '请求参数不正确', when: () => true },
  '403': { description: '请求来源不是本平台（跨站请求），或没有权限', when: (m) => m !== 'get' },
  '413': { description: '提交的内容过大', when: (m) => m !== 'get' },
  '415': { description: '不支持的请求格式', when: (m) => m !== 'get' },
};

/**
 * Every 4xx/5xx response of every operation as `application/json` (keeping its schema), and the
 * answers of the global hooks listed on every operation they apply to.
 */
export function jsonErrorsInDocument<T>(doc: T): T {
  const paths = (doc as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  for (const ops of Object.values(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      op.responses ??= {};
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^[45]/.test(status) || !response.content) continue;
        const schema = Object.values(response.content)[0]?.schema;
        response.content = { 'application/json': schema === undefined ? {} : { schema } };
      }
      for (const [status, { description, when }] of Object.entries(GLOBAL_ERRORS)) {
        if (!op.responses[status] && when(method)) {
          op.responses[status] = { description, content: { 'application/json': { schema: ERROR_SCHEMA } } } as { content: Content };
        }
      }
    }
  }
  return doc;
}
