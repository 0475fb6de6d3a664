import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_GROUPS } from '@ce/shared';
import { buildTestApp, type TestContext } from '../helper';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const declared = Object.entries(API_GROUPS).flatMap(([group, endpoints]) =>
  Object.entries(endpoints).map(([name, d]) => ({ name: `${group}.${name}`, d })),
);

describe('endpoints declared in shared/src/endpoints', () => {
  it('are unique by method and path', () => {
    const keys = declared.map(({ d }) => `${d.method} ${d.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(declared)('$name is registered with its summary in the OpenAPI document', async ({ d }) => {
    expect(ctx.app.hasRoute({ method: d.method, url: d.path })).toBe(true);
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // A regex constraint (`:year(^\\d{4}).pdf`) is not part of the documented path.
    const openApiPath = d.path.replace(/:([A-Za-z0-9_]+)(?:\([^)]*\))?/g, '{$1}');
    const op = doc.paths[openApiPath]?.[d.method.toLowerCase()];
    expect(op?.summary).toBe(d.summary);
    if (d.response) expect(op.responses[String(d.status ?? 200)]).toBeDefined();
  });
});
