/**
 * Property-based fuzzing of the whole API (issue 9 item 9). For every operation of
 * /api/openapi.json, fast-check draws requests — path parameters, query strings and JSON bodies
 * shaped by the operation's own schemas (valid-looking), and garbage (wrong types, huge numbers,
 * NUL bytes, ID numbers, nested JSON) — sent through app.inject without a session, as a
 * professional and as the province HRSS admin. Every answer must be below 500, have a status the
 * document lists for that operation, and carry a documented content type (errors: JSON
 * {code, message}). Bounded by FUZZ_SECONDS (default 60) for the whole run, shared fairly among
 * the operations; a failure prints the seed and the shrunk request to replay.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login } from '../factories';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
};
type Parameter = { in: 'path' | 'query'; name: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};

const BUDGET_MS = Number(process.env.FUZZ_SECONDS ?? 60) * 1000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** Strings that have broken servers before: NUL, huge numbers, ID numbers, markup, long text. */
const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '2147483648',
  '-1',
  '0',
  '1e400',
  '9'.repeat(30),
  '410102198509102116',
  '41010219850910211x',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '../../etc/passwd',
  '%00',
  '河南省'.repeat(200),
  '2026-02-30',
  'null',
);

function fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((s) => fromSchema(s, depth + 1)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
      return fc.oneof(
        fc.integer({ min: Math.max(schema.minimum ?? -5, -1e9), max: Math.min(schema.maximum ?? 3000, 2147483647) }),
        fc.constantFrom(0, 1, 2, -1, 2025, 2026, 2147483647, 2147483648, 9007199254740991),
      );
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, 0.5, 1e308));
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.format === 'date') return fc.oneof(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), nasty);
      return fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 60) }), nasty);
    case 'array':
      return fc.array(fromSchema(schema.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = schema.properties ?? {};
      const keys = Object.keys(props);
      if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      return fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema(props[k], depth + 1)])), {
        requiredKeys: (schema.required ?? []).filter((k) => keys.includes(k)),
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value for the URL: shaped by the schema or garbage, as text. */
const urlValue = (schema: Schema | undefined) =>
  fc.oneof({ weight: 3, arbitrary: fromSchema(schema).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))) }, { weight: 1, arbitrary: nasty });

function requestArb(path: string, op: Operation) {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const json = op.requestBody?.content['application/json'];
  const multipart = op.requestBody?.content['multipart/form-data'];
  return fc.record({
    path: fc.tuple(...pathParams.map((p) => urlValue(p.schema))).map((values) =>
      pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, encodeURIComponent(values[i]!)), path),
    ),
    query: fc.tuple(...queryParams.map((p) => fc.option(urlValue(p.schema), { nil: undefined, freq: 2 }))).map((values) =>
      queryParams.flatMap((p, i) => (values[i] === undefined ? [] : [`${encodeURIComponent(p.name)}=${encodeURIComponent(values[i]!)}`])).join('&'),
    ),
    body: json
      ? fc.oneof({ weight: 4, arbitrary: fromSchema(json.schema) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) })
      : multipart
        ? fc.constant(undefined)
        : fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined, freq: 4 }),
    session: fc.constantFrom('none', 'professional', 'admin') as fc.Arbitrary<'none' | 'professional' | 'admin'>,
  });
}

/** Operations that would end or change the fuzzing sessions themselves. */
const SESSION_CHANGING = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'POST /api/auth/switch-role', 'POST /api/auth/login']);

let ctx: TestContext;
let doc: { paths: Record<string, Record<string, Operation>> };
const cookies: Record<'none' | 'professional' | 'admin', string | undefined> = { none: undefined, professional: undefined, admin: undefined };

beforeAll(async () => {
  ctx = await buildTestApp({ logLevel: 'silent' });
  const unit = await buildOrg(ctx, { kind: 'unit' });
  const professional = await buildProfessional(ctx, unit);
  const admin = await buildAdmin(ctx, await bureauOf(ctx, '410000'));
  cookies.professional = await login(ctx, professional);
  cookies.admin = await login(ctx, admin);
  doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => ctx.close());

describe('API fuzzing (every operation of the OpenAPI document)', () => {
  it('the document: errors are JSON everywhere, file downloads are bytes of their types', () => {
    const wrong: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const types = Object.keys(response.content ?? {});
          if (Number(status) >= 400 && types.some((t) => t !== 'application/json')) wrong.push(`${method} ${path} ${status}: ${types.join(', ')}`);
        }
        const ok = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
        if (ok.length === 0) wrong.push(`${method} ${path}: no success answer documented`);
        // Downloads (names ending in a file type, or serving stored files) are not documented as JSON.
        if (method === 'get' && /(\.pdf|\.xlsx|\/file|\/photos\/\{side\}|\/evidence(\/\{fileId\})?|\/licence|\/attachments\/\{attachmentId\})$/.test(path)) {
          for (const [s, r] of ok) if (Object.keys(r.content ?? {}).includes('application/json')) wrong.push(`${method} ${path} ${s}: a file documented as JSON`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });


  it('a path parameter beyond the router limit is a Chinese 400 that does not echo the URL', async () => {
    const id = '410102198509102116'.repeat(8);
    const res = await ctx.app.inject({ method: 'GET', url: `/api/public/shares/${id}` });
    expect([res.statusCode, res.json()]).toEqual([400, { code: 'VALIDATION', message: '请求地址不正确（参数过长或格式错误）' }]);
  });

  it('no 5xx, and every answer has a documented status and content type', async () => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    expect(ops.length).toBeGreaterThan(150);
    const started = Date.now();
    const problems: string[] = [];
    let requests = 0;
    for (const [index, { method, path, op }] of ops.entries()) {
      // Each operation gets an equal share of what is left of the budget.
      const share = (BUDGET_MS - (Date.now() - started)) / (ops.length - index);
      const deadline = Date.now() + Math.max(share, 50);
      const name = `${method} ${path}`;
      let sent = 0;
      const result = await fc.check(
        fc.asyncProperty(requestArb(path, op), async (req) => {
          // At least three requests per operation, more while its share of the budget lasts.
          if (sent >= 3 && Date.now() > deadline) return true;
          if (SESSION_CHANGING.has(name) && req.session !== 'none') return true;
          sent++;
          requests++;
          const cookie = cookies[req.session];
          const res = await ctx.app.inject({
            method: method as 'GET',
            url: req.query ? `${req.path}?${req.query}` : req.path,
            headers: cookie ? { cookie } : {},
            ...(req.body !== undefined && method !== 'GET' ? { payload: req.body as object } : {}),
          });
          const status = String(res.statusCode);
          const documented = op.responses[status];
          if (res.statusCode >= 500 || !documented) {
            throw new Error(`${res.statusCode} (documented: ${Object.keys(op.responses).join(', ')}): ${res.body.slice(0, 300)}`);
          }
          const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
          const types = Object.keys(documented.content ?? {});
          if (res.statusCode >= 400 && type !== 'application/json') throw new Error(`${status} answered ${type}, not JSON`);
          if (types.length > 0 && res.body.length > 0 && !types.includes(type)) throw new Error(`${status} answered ${type}, documented ${types.join(', ')}`);
          return true;
        }),
        { seed: SEED, numRuns: 200 },
      );
      if (result.failed) {
        const why = result.errorInstance instanceof Error ? result.errorInstance.message : (fc.defaultReportMessage(result) ?? String(result.errorInstance));
        problems.push(`${name}: ${why.slice(0, 400)} ← ${JSON.stringify(result.counterexample).slice(0, 400)}`);
      }
    }
    console.log(`fuzz: ${requests} requests over ${ops.length} operations in ${Math.round((Date.now() - started) / 1000)} s (seed ${SEED})`);
    for (const p of problems) console.log(`FUZZ ${p}`);
    expect(problems).toEqual([]);
  }, BUDGET_MS + 120_000);
});
